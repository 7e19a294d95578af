"""journal entries: the legacy journal rows already imported (row identity per site)

Revision ID: 0007
Revises: 0004
Create Date: 2026-12-01 22:30:00

One row per imported journal row: its identity (register number and site), the case
it became and a hash of its content, so that importing a journal again is idempotent.
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

import borderdesk.store.types

revision = "0007"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "journal_entry",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("origin_site", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("created_at", borderdesk.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", borderdesk.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("hlc", sqlmodel.sql.sqltypes.AutoString(length=48), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("site_code", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("identity", sqlmodel.sql.sqltypes.AutoString(length=400), nullable=False),
        sa.Column("register_no", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("file_name", sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
        sa.Column("row_number", sa.Integer(), nullable=False),
        sa.Column("content_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("case_version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["readmission_case.id"]),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("site_code", "identity", name="uq_journal_entry_site_identity"),
    )
    with op.batch_alter_table("journal_entry", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_journal_entry_case_id"), ["case_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_journal_entry_hlc"), ["hlc"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_journal_entry_origin_site"), ["origin_site"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_journal_entry_person_id"), ["person_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("journal_entry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_journal_entry_person_id"))
        batch_op.drop_index(batch_op.f("ix_journal_entry_origin_site"))
        batch_op.drop_index(batch_op.f("ix_journal_entry_hlc"))
        batch_op.drop_index(batch_op.f("ix_journal_entry_case_id"))
    op.drop_table("journal_entry")
