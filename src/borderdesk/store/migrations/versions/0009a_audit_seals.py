"""audit: each entry seals the row it describes; the log refuses UPDATE and DELETE

Revision ID: 0009a
Revises: 0008
Create Date: 2026-12-02 01:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0009a"
down_revision = "0009c"
branch_labels = None
depends_on = None

_REFUSAL = "audit entries are append-only"

_SQLITE_TRIGGERS = [
    f"""CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry
        BEGIN SELECT RAISE(ABORT, '{_REFUSAL}'); END""",
    f"""CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_entry
        BEGIN SELECT RAISE(ABORT, '{_REFUSAL}'); END""",
]

_POSTGRES_TRIGGERS = [
    f"""CREATE OR REPLACE FUNCTION audit_entry_append_only() RETURNS trigger AS $$
        BEGIN RAISE EXCEPTION '{_REFUSAL}'; END; $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER audit_entry_no_update BEFORE UPDATE OR DELETE ON audit_entry
        FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only()""",
    """CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON audit_entry
        FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_append_only()""",
]


def _row_hash() -> sa.Column:  # type: ignore[type-arg]
    return sa.Column(
        "row_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False, server_default=""
    )


def upgrade() -> None:
    # Plain ADD COLUMN (no table rebuild on SQLite): the triggers below stay attached.
    op.add_column("audit_entry", _row_hash())
    op.add_column("foreign_audit_entry", _row_hash())
    bind = op.get_bind()
    for statement in _POSTGRES_TRIGGERS if bind.dialect.name == "postgresql" else _SQLITE_TRIGGERS:
        op.execute(statement)
    _mark_legacy_log(bind)


def _mark_legacy_log(bind: sa.engine.Connection) -> None:
    """A log written before rows were sealed: say so, and sign its head once."""
    from borderdesk.store import audit_head

    if not bind.execute(sa.text("SELECT count(*) FROM audit_entry")).scalar():
        return
    settings = dict(bind.execute(sa.text("SELECT key, value FROM local_setting")).all())
    rows = [(audit_head.LEGACY_ROWS_KEY, "1")]
    site = settings.get("site_code", "")
    head = settings.get(audit_head.AUDIT_HEAD_KEY)
    key = bind.execute(
        sa.text("SELECT signing_private_key FROM site_keys WHERE site_code = :site"),
        {"site": site},
    ).scalar()
    if head and key:
        rows.append((audit_head.SIGNATURE_KEY, audit_head.sign(key, site, head)))
    for name, value in rows:
        bind.execute(
            sa.text("INSERT INTO local_setting (key, value) VALUES (:key, :value)"),
            {"key": name, "value": value},
        )


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS audit_entry_no_update ON audit_entry")
        op.execute("DROP TRIGGER IF EXISTS audit_entry_no_truncate ON audit_entry")
        op.execute("DROP FUNCTION IF EXISTS audit_entry_append_only()")
    else:
        op.execute("DROP TRIGGER IF EXISTS audit_entry_no_update")
        op.execute("DROP TRIGGER IF EXISTS audit_entry_no_delete")
    with op.batch_alter_table("foreign_audit_entry") as batch:
        batch.drop_column("row_hash")
    with op.batch_alter_table("audit_entry") as batch:
        batch.drop_column("row_hash")
