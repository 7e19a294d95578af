"""readmission cases: the case, its evidence and scans, its timeline

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27 20:00:04.948215
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

import borderdesk.store.types

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "readmission_case",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("origin_site", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("created_at", borderdesk.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", borderdesk.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("hlc", sqlmodel.sql.sqltypes.AutoString(length=48), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("case_number", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=24), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("category", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
        sa.Column("requesting_state", sqlmodel.sql.sqltypes.AutoString(length=3), nullable=False),
        sa.Column("requested_state", sqlmodel.sql.sqltypes.AutoString(length=3), nullable=False),
        sa.Column("agreement_id", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("procedure", sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
        sa.Column("covered", sa.Boolean(), nullable=False),
        sa.Column("coverage_code", sqlmodel.sql.sqltypes.AutoString(length=48), nullable=False),
        sa.Column("facts_known_on", sa.Date(), nullable=True),
        sa.Column("received_on", sa.Date(), nullable=True),
        sa.Column("submitted_on", sa.Date(), nullable=True),
        sa.Column("application_due", sa.Date(), nullable=True),
        sa.Column("reply_due", sa.Date(), nullable=True),
        sa.Column("extension_requested", sa.Boolean(), nullable=False),
        sa.Column("extended_reply_due", sa.Date(), nullable=True),
        sa.Column("replied_on", sa.Date(), nullable=True),
        sa.Column("decision", sqlmodel.sql.sqltypes.AutoString(length=12), nullable=True),
        sa.Column("decision_reason", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
        sa.Column("decided_on", sa.Date(), nullable=True),
        sa.Column("transfer_due", sa.Date(), nullable=True),
        sa.Column("transferred_on", sa.Date(), nullable=True),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("next_step", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
        sa.Column("next_due", sa.Date(), nullable=True),
        sa.Column("source_check_id", sa.Uuid(), nullable=True),
        sa.Column("parent_case_id", sa.Uuid(), nullable=True),
        sa.Column("medical_needs", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
        sa.Column("escort_needed", sa.Boolean(), nullable=False),
        sa.Column("notes", sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False),
        sa.ForeignKeyConstraint(
            ["parent_case_id"],
            ["readmission_case.id"],
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )

    with op.batch_alter_table("readmission_case", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_readmission_case_agreement_id"), ["agreement_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_readmission_case_case_number"), ["case_number"], unique=True
        )
        batch_op.create_index(
            batch_op.f("ix_readmission_case_decided_on"), ["decided_on"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_readmission_case_hlc"), ["hlc"], unique=False)
        batch_op.create_index(batch_op.f("ix_readmission_case_kind"), ["kind"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_readmission_case_next_due"), ["next_due"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_readmission_case_origin_site"), ["origin_site"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_readmission_case_parent_case_id"), ["parent_case_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_readmission_case_person_id"), ["person_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_readmission_case_received_on"), ["received_on"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_readmission_case_requested_state"), ["requested_state"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_readmission_case_requesting_state"), ["requesting_state"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_readmission_case_source_check_id"), ["source_check_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_readmission_case_status"), ["status"], unique=False)
        batch_op.create_index(
            "ix_readmission_case_status_next_due", ["status", "next_due"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_readmission_case_submitted_on"), ["submitted_on"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_readmission_case_transferred_on"), ["transferred_on"], unique=False
        )

    op.create_table(
        "case_event",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("origin_site", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("created_at", borderdesk.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", borderdesk.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("hlc", sqlmodel.sql.sqltypes.AutoString(length=48), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("at", borderdesk.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("effective_on", sa.Date(), nullable=True),
        sa.Column("author", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=24), nullable=False),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False),
        sa.Column("from_status", sqlmodel.sql.sqltypes.AutoString(length=24), nullable=True),
        sa.Column("to_status", sqlmodel.sql.sqltypes.AutoString(length=24), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["readmission_case.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )

    with op.batch_alter_table("case_event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_event_at"), ["at"], unique=False)
        batch_op.create_index(batch_op.f("ix_case_event_case_id"), ["case_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_case_event_hlc"), ["hlc"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_case_event_origin_site"), ["origin_site"], unique=False
        )

    op.create_table(
        "case_evidence",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("origin_site", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("created_at", borderdesk.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", borderdesk.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("hlc", sqlmodel.sql.sqltypes.AutoString(length=48), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("subject", sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
        sa.Column("evidence_type", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("listed", sa.Boolean(), nullable=False),
        sa.Column("description", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
        sa.Column("scan_filename", sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
        sa.Column("scan_sha256", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("scan_size", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["readmission_case.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )

    with op.batch_alter_table("case_evidence", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_evidence_case_id"), ["case_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_case_evidence_hlc"), ["hlc"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_case_evidence_origin_site"), ["origin_site"], unique=False
        )

    op.create_table(
        "case_scan",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("origin_site", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("created_at", borderdesk.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", borderdesk.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("hlc", sqlmodel.sql.sqltypes.AutoString(length=48), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("evidence_id", sa.Uuid(), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("sha256", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("media_type", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("content_b64", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["readmission_case.id"],
        ),
        sa.ForeignKeyConstraint(
            ["evidence_id"],
            ["case_evidence.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )

    with op.batch_alter_table("case_scan", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_scan_case_id"), ["case_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_case_scan_evidence_id"), ["evidence_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_case_scan_hlc"), ["hlc"], unique=False)
        batch_op.create_index(batch_op.f("ix_case_scan_origin_site"), ["origin_site"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("case_scan", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_scan_origin_site"))
        batch_op.drop_index(batch_op.f("ix_case_scan_hlc"))
        batch_op.drop_index(batch_op.f("ix_case_scan_evidence_id"))
        batch_op.drop_index(batch_op.f("ix_case_scan_case_id"))

    op.drop_table("case_scan")

    with op.batch_alter_table("case_evidence", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_evidence_origin_site"))
        batch_op.drop_index(batch_op.f("ix_case_evidence_hlc"))
        batch_op.drop_index(batch_op.f("ix_case_evidence_case_id"))

    op.drop_table("case_evidence")

    with op.batch_alter_table("case_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_event_origin_site"))
        batch_op.drop_index(batch_op.f("ix_case_event_hlc"))
        batch_op.drop_index(batch_op.f("ix_case_event_case_id"))
        batch_op.drop_index(batch_op.f("ix_case_event_at"))

    op.drop_table("case_event")

    with op.batch_alter_table("readmission_case", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_readmission_case_transferred_on"))
        batch_op.drop_index(batch_op.f("ix_readmission_case_submitted_on"))
        batch_op.drop_index("ix_readmission_case_status_next_due")
        batch_op.drop_index(batch_op.f("ix_readmission_case_status"))
        batch_op.drop_index(batch_op.f("ix_readmission_case_source_check_id"))
        batch_op.drop_index(batch_op.f("ix_readmission_case_requesting_state"))
        batch_op.drop_index(batch_op.f("ix_readmission_case_requested_state"))
        batch_op.drop_index(batch_op.f("ix_readmission_case_received_on"))
        batch_op.drop_index(batch_op.f("ix_readmission_case_person_id"))
        batch_op.drop_index(batch_op.f("ix_readmission_case_parent_case_id"))
        batch_op.drop_index(batch_op.f("ix_readmission_case_origin_site"))
        batch_op.drop_index(batch_op.f("ix_readmission_case_next_due"))
        batch_op.drop_index(batch_op.f("ix_readmission_case_kind"))
        batch_op.drop_index(batch_op.f("ix_readmission_case_hlc"))
        batch_op.drop_index(batch_op.f("ix_readmission_case_decided_on"))
        batch_op.drop_index(batch_op.f("ix_readmission_case_case_number"))
        batch_op.drop_index(batch_op.f("ix_readmission_case_agreement_id"))

    op.drop_table("readmission_case")
