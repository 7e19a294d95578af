"""document checks and watchlists (lost/stolen documents, wanted persons)

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27 19:59:44.461380
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

import borderdesk.store.types

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "watchlist_document",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("origin_site", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("created_at", borderdesk.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", borderdesk.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("hlc", sqlmodel.sql.sqltypes.AutoString(length=48), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("issuing_state", sqlmodel.sql.sqltypes.AutoString(length=3), nullable=False),
        sa.Column("number", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("reason", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("source", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("valid_until", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("watchlist_document", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_watchlist_document_hlc"), ["hlc"], unique=False)
        batch_op.create_index(batch_op.f("ix_watchlist_document_number"), ["number"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_watchlist_document_origin_site"), ["origin_site"], unique=False
        )

    op.create_table(
        "watchlist_person",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("origin_site", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("created_at", borderdesk.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", borderdesk.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("hlc", sqlmodel.sql.sqltypes.AutoString(length=48), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("surname", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("given_names", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("name_key", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("birth_year", sa.Integer(), nullable=True),
        sa.Column("birth_month", sa.Integer(), nullable=True),
        sa.Column("birth_day", sa.Integer(), nullable=True),
        sa.Column("nationality", sqlmodel.sql.sqltypes.AutoString(length=3), nullable=False),
        sa.Column("reason", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("source", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("valid_until", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("watchlist_person", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_watchlist_person_hlc"), ["hlc"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_watchlist_person_name_key"), ["name_key"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_watchlist_person_origin_site"), ["origin_site"], unique=False
        )

    op.create_table(
        "document_check",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("origin_site", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("created_at", borderdesk.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", borderdesk.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("hlc", sqlmodel.sql.sqltypes.AutoString(length=48), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("site", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("officer", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("officer_name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("checked_at", borderdesk.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("direction", sqlmodel.sql.sqltypes.AutoString(length=5), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("document_id", sa.Uuid(), nullable=True),
        sa.Column("person_details", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("documents", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("findings", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("verdict", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
        sa.Column("decision", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=True),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
        sa.Column("corrects_id", sa.Uuid(), nullable=True),
        sa.Column("detained_for_case", sa.Boolean(), nullable=False),
        sa.Column("protocol_number", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("content_digest", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["corrects_id"],
            ["document_check.id"],
        ),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["identity_document.id"],
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("document_check", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_document_check_checked_at"), ["checked_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_document_check_corrects_id"), ["corrects_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_document_check_document_id"), ["document_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_document_check_hlc"), ["hlc"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_document_check_origin_site"), ["origin_site"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_document_check_person_id"), ["person_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_document_check_protocol_number"), ["protocol_number"], unique=True
        )
        batch_op.create_index(
            "ix_document_check_site_checked_at", ["site", "checked_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("document_check", schema=None) as batch_op:
        batch_op.drop_index("ix_document_check_site_checked_at")
        batch_op.drop_index(batch_op.f("ix_document_check_protocol_number"))
        batch_op.drop_index(batch_op.f("ix_document_check_person_id"))
        batch_op.drop_index(batch_op.f("ix_document_check_origin_site"))
        batch_op.drop_index(batch_op.f("ix_document_check_hlc"))
        batch_op.drop_index(batch_op.f("ix_document_check_document_id"))
        batch_op.drop_index(batch_op.f("ix_document_check_corrects_id"))
        batch_op.drop_index(batch_op.f("ix_document_check_checked_at"))

    op.drop_table("document_check")
    with op.batch_alter_table("watchlist_person", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_watchlist_person_origin_site"))
        batch_op.drop_index(batch_op.f("ix_watchlist_person_name_key"))
        batch_op.drop_index(batch_op.f("ix_watchlist_person_hlc"))

    op.drop_table("watchlist_person")
    with op.batch_alter_table("watchlist_document", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_watchlist_document_origin_site"))
        batch_op.drop_index(batch_op.f("ix_watchlist_document_number"))
        batch_op.drop_index(batch_op.f("ix_watchlist_document_hlc"))

    op.drop_table("watchlist_document")
