"""sync: peers, persons shared with a peer, the conflict queue, other sites' audit chains

Revision ID: 0006
Revises: 0004
Create Date: 2026-12-01 22:30:00

Only local bookkeeping tables: no synchronised table changes, so a package from a site
at 0004 still applies here.
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

import borderdesk.store.types

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

UTC = borderdesk.store.types.UTCDateTime


def _text(length: int | None = None) -> sqlmodel.sql.sqltypes.AutoString:
    return sqlmodel.sql.sqltypes.AutoString(length=length)


def upgrade() -> None:
    op.create_table(
        "foreign_audit_entry",
        sa.Column("site", _text(16), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("at", UTC(timezone=True), nullable=False),
        sa.Column("actor", _text(64), nullable=False),
        sa.Column("action", _text(32), nullable=False),
        sa.Column("table_name", _text(64), nullable=False),
        sa.Column("record_id", sa.Uuid(), nullable=True),
        sa.Column("changes", _text(), nullable=False),
        sa.Column("prev_hash", _text(64), nullable=False),
        sa.Column("hash", _text(64), nullable=False),
        sa.PrimaryKeyConstraint("site", "seq"),
    )
    with op.batch_alter_table("foreign_audit_entry", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_foreign_audit_entry_record_id"), ["record_id"], unique=False
        )

    op.create_table(
        "sync_conflict",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("table_name", _text(64), nullable=False),
        sa.Column("record_id", sa.Uuid(), nullable=False),
        sa.Column("kind", _text(16), nullable=False),
        sa.Column("detected_at", UTC(timezone=True), nullable=False),
        sa.Column("winner_hlc", _text(48), nullable=False),
        sa.Column("winner_site", _text(16), nullable=False),
        sa.Column("winner_user", _text(64), nullable=False),
        sa.Column("winner_row", _text(), nullable=False),
        sa.Column("other_hlc", _text(48), nullable=False),
        sa.Column("other_site", _text(16), nullable=False),
        sa.Column("other_user", _text(64), nullable=False),
        sa.Column("other_row", _text(), nullable=False),
        sa.Column("status", _text(16), nullable=False),
        sa.Column("resolved_by", _text(64), nullable=False),
        sa.Column("resolved_at", UTC(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("sync_conflict", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sync_conflict_record_id"), ["record_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_sync_conflict_status"), ["status"], unique=False)

    op.create_table(
        "sync_peer",
        sa.Column("site_code", _text(16), nullable=False),
        sa.Column("name", _text(200), nullable=False),
        sa.Column("kind", _text(8), nullable=False),
        sa.Column("signing_public_key", _text(200), nullable=False),
        sa.Column("encryption_public_key", _text(200), nullable=False),
        sa.Column("added_at", UTC(timezone=True), nullable=False),
        sa.Column("sent_number", sa.Integer(), nullable=False),
        sa.Column("sent_at", UTC(timezone=True), nullable=True),
        sa.Column("sent_upto", _text(), nullable=False),
        sa.Column("acked_number", sa.Integer(), nullable=False),
        sa.Column("acked_upto", _text(), nullable=False),
        sa.Column("acked_at", UTC(timezone=True), nullable=True),
        sa.Column("acked_audit_seq", sa.Integer(), nullable=False),
        sa.Column("received_number", sa.Integer(), nullable=False),
        sa.Column("received_upto", _text(), nullable=False),
        sa.Column("received_at", UTC(timezone=True), nullable=True),
        sa.Column("audit_head", _text(100), nullable=False),
        sa.PrimaryKeyConstraint("site_code"),
    )
    op.create_table(
        "sync_shared_person",
        sa.Column("peer", _text(16), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("package_number", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("peer", "person_id"),
    )


def downgrade() -> None:
    op.drop_table("sync_shared_person")
    op.drop_table("sync_peer")
    with op.batch_alter_table("sync_conflict", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sync_conflict_status"))
        batch_op.drop_index(batch_op.f("ix_sync_conflict_record_id"))
    op.drop_table("sync_conflict")
    with op.batch_alter_table("foreign_audit_entry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_foreign_audit_entry_record_id"))
    op.drop_table("foreign_audit_entry")
