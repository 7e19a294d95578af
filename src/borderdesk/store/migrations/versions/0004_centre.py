"""centre: rooms, beds, stays, belongings and onward transfers

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27 20:00:06.146184

A bed holds one person and a person is in the centre once: partial unique indexes
over active stays (SQLite and PostgreSQL both support them). ``case_id`` carries no
foreign key, so this step does not depend on the cases tables of 0003.
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

import borderdesk.store.types

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "centre_room",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("origin_site", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("created_at", borderdesk.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", borderdesk.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("hlc", sqlmodel.sql.sqltypes.AutoString(length=48), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("code", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("suitable_for", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(length=400), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("origin_site", "code", name="uq_centre_room_site_code"),
    )
    with op.batch_alter_table("centre_room", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_centre_room_hlc"), ["hlc"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_centre_room_origin_site"), ["origin_site"], unique=False
        )

    op.create_table(
        "centre_bed",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("origin_site", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("created_at", borderdesk.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", borderdesk.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("hlc", sqlmodel.sql.sqltypes.AutoString(length=48), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("room_id", sa.Uuid(), nullable=False),
        sa.Column("label", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["room_id"],
            ["centre_room.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("room_id", "label", name="uq_centre_bed_room_label"),
    )
    with op.batch_alter_table("centre_bed", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_centre_bed_hlc"), ["hlc"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_centre_bed_origin_site"), ["origin_site"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_centre_bed_room_id"), ["room_id"], unique=False)

    op.create_table(
        "centre_stay",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("origin_site", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("created_at", borderdesk.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", borderdesk.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("hlc", sqlmodel.sql.sqltypes.AutoString(length=48), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("stay_number", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=True),
        sa.Column("arrived_at", borderdesk.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("arriving_from", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("escort_officers", sa.JSON(), nullable=False),
        sa.Column("received_by", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("bed_id", sa.Uuid(), nullable=False),
        sa.Column("legal_basis", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("fit_to_travel", sa.Boolean(), nullable=True),
        sa.Column("medical_needs", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False),
        sa.Column("medication", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False),
        sa.Column("medical_examiner", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("minor", sa.Boolean(), nullable=False),
        sa.Column("unaccompanied_minor", sa.Boolean(), nullable=False),
        sa.Column("family_stay_id", sa.Uuid(), nullable=True),
        sa.Column("pregnant", sa.Boolean(), nullable=False),
        sa.Column("disabled", sa.Boolean(), nullable=False),
        sa.Column("languages", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("interpreter_needed", sa.Boolean(), nullable=False),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("ended_at", borderdesk.store.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("end_reason", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False),
        sa.Column(
            "belongings_explanation", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False
        ),
        sa.Column("alternative", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column(
            "alternative_note", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["bed_id"],
            ["centre_bed.id"],
        ),
        sa.ForeignKeyConstraint(
            ["family_stay_id"],
            ["centre_stay.id"],
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("centre_stay", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_centre_stay_bed_id"), ["bed_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_centre_stay_case_id"), ["case_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_centre_stay_hlc"), ["hlc"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_centre_stay_origin_site"), ["origin_site"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_centre_stay_person_id"), ["person_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_centre_stay_status"), ["status"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_centre_stay_stay_number"), ["stay_number"], unique=False
        )
        batch_op.create_index(
            "uq_centre_stay_bed_occupied",
            ["bed_id"],
            unique=True,
            sqlite_where=sa.text("status = 'in' AND NOT deleted"),
            postgresql_where=sa.text("status = 'in' AND NOT deleted"),
        )
        batch_op.create_index(
            "uq_centre_stay_person_in",
            ["person_id"],
            unique=True,
            sqlite_where=sa.text("status = 'in' AND NOT deleted"),
            postgresql_where=sa.text("status = 'in' AND NOT deleted"),
        )

    op.create_table(
        "centre_belonging",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("origin_site", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("created_at", borderdesk.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", borderdesk.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("hlc", sqlmodel.sql.sqltypes.AutoString(length=48), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("stay_id", sa.Uuid(), nullable=False),
        sa.Column("line_no", sa.Integer(), nullable=False),
        sa.Column("item", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("description", sqlmodel.sql.sqltypes.AutoString(length=400), nullable=False),
        sa.Column("currency", sqlmodel.sql.sqltypes.AutoString(length=3), nullable=False),
        sa.Column("amount", sqlmodel.sql.sqltypes.AutoString(length=24), nullable=False),
        sa.Column("returned_quantity", sa.Integer(), nullable=True),
        sa.Column("returned_amount", sqlmodel.sql.sqltypes.AutoString(length=24), nullable=True),
        sa.Column("return_note", sqlmodel.sql.sqltypes.AutoString(length=400), nullable=False),
        sa.ForeignKeyConstraint(
            ["stay_id"],
            ["centre_stay.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("centre_belonging", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_centre_belonging_hlc"), ["hlc"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_centre_belonging_origin_site"), ["origin_site"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_centre_belonging_stay_id"), ["stay_id"], unique=False)

    op.create_table(
        "centre_transfer",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("origin_site", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("created_at", borderdesk.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", borderdesk.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("hlc", sqlmodel.sql.sqltypes.AutoString(length=48), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("transfer_number", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("stay_id", sa.Uuid(), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=True),
        sa.Column("destination", sqlmodel.sql.sqltypes.AutoString(length=3), nullable=False),
        sa.Column("agreement_id", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("category", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("planned_date", sa.Date(), nullable=False),
        sa.Column("crossing_point", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("transport", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("escort_officers", sa.JSON(), nullable=False),
        sa.Column("notice_due", sa.Date(), nullable=True),
        sa.Column("notice_rule", sqlmodel.sql.sqltypes.AutoString(length=400), nullable=False),
        sa.Column("notice_unverified", sa.Boolean(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("completed_at", borderdesk.store.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column(
            "receiving_authority", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False
        ),
        sa.Column(
            "receiving_officer", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False
        ),
        sa.Column("handover_note", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False),
        sa.Column("cancel_reason", sqlmodel.sql.sqltypes.AutoString(length=400), nullable=False),
        sa.ForeignKeyConstraint(
            ["stay_id"],
            ["centre_stay.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("centre_transfer", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_centre_transfer_case_id"), ["case_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_centre_transfer_destination"), ["destination"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_centre_transfer_hlc"), ["hlc"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_centre_transfer_origin_site"), ["origin_site"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_centre_transfer_planned_date"), ["planned_date"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_centre_transfer_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_centre_transfer_stay_id"), ["stay_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_centre_transfer_transfer_number"), ["transfer_number"], unique=False
        )
        batch_op.create_index(
            "uq_centre_transfer_planned",
            ["stay_id"],
            unique=True,
            sqlite_where=sa.text("status = 'planned' AND NOT deleted"),
            postgresql_where=sa.text("status = 'planned' AND NOT deleted"),
        )


def downgrade() -> None:
    with op.batch_alter_table("centre_transfer", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_centre_transfer_planned",
            sqlite_where=sa.text("status = 'planned' AND NOT deleted"),
            postgresql_where=sa.text("status = 'planned' AND NOT deleted"),
        )
        batch_op.drop_index(batch_op.f("ix_centre_transfer_transfer_number"))
        batch_op.drop_index(batch_op.f("ix_centre_transfer_stay_id"))
        batch_op.drop_index(batch_op.f("ix_centre_transfer_status"))
        batch_op.drop_index(batch_op.f("ix_centre_transfer_planned_date"))
        batch_op.drop_index(batch_op.f("ix_centre_transfer_origin_site"))
        batch_op.drop_index(batch_op.f("ix_centre_transfer_hlc"))
        batch_op.drop_index(batch_op.f("ix_centre_transfer_destination"))
        batch_op.drop_index(batch_op.f("ix_centre_transfer_case_id"))

    op.drop_table("centre_transfer")

    with op.batch_alter_table("centre_belonging", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_centre_belonging_stay_id"))
        batch_op.drop_index(batch_op.f("ix_centre_belonging_origin_site"))
        batch_op.drop_index(batch_op.f("ix_centre_belonging_hlc"))

    op.drop_table("centre_belonging")

    with op.batch_alter_table("centre_stay", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_centre_stay_person_in",
            sqlite_where=sa.text("status = 'in' AND NOT deleted"),
            postgresql_where=sa.text("status = 'in' AND NOT deleted"),
        )
        batch_op.drop_index(
            "uq_centre_stay_bed_occupied",
            sqlite_where=sa.text("status = 'in' AND NOT deleted"),
            postgresql_where=sa.text("status = 'in' AND NOT deleted"),
        )
        batch_op.drop_index(batch_op.f("ix_centre_stay_stay_number"))
        batch_op.drop_index(batch_op.f("ix_centre_stay_status"))
        batch_op.drop_index(batch_op.f("ix_centre_stay_person_id"))
        batch_op.drop_index(batch_op.f("ix_centre_stay_origin_site"))
        batch_op.drop_index(batch_op.f("ix_centre_stay_hlc"))
        batch_op.drop_index(batch_op.f("ix_centre_stay_case_id"))
        batch_op.drop_index(batch_op.f("ix_centre_stay_bed_id"))

    op.drop_table("centre_stay")

    with op.batch_alter_table("centre_bed", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_centre_bed_room_id"))
        batch_op.drop_index(batch_op.f("ix_centre_bed_origin_site"))
        batch_op.drop_index(batch_op.f("ix_centre_bed_hlc"))

    op.drop_table("centre_bed")

    with op.batch_alter_table("centre_room", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_centre_room_origin_site"))
        batch_op.drop_index(batch_op.f("ix_centre_room_hlc"))

    op.drop_table("centre_room")
