"""audit: digests and record ids as bytes, not hex text; no index on the action; no
index on the origin of persons and documents; the change log keeps the stamp a row leaves

Each audit entry held three SHA-256 digests (prev_hash, hash, row_hash) as 64 hex
digits: 192 bytes of a row of about 310. They are stored as their 32 bytes now (BLOB
on SQLite, BYTEA on PostgreSQL) and read as the same hex (``store.types.HexDigest``),
so every hash the chain computes and every printed mark stay as they were.
``ix_audit_entry_action`` goes: the one query that filters on the action looks it up
by part of its name (``LIKE '%...%'``), which no index serves. The entry's
``record_id`` is stored as its 16 bytes on SQLite too (``store.types.CompactUuid``;
PostgreSQL's uuid is that already). ``ix_person_origin_site`` and
``ix_identity_document_origin_site`` go: no query looks persons or documents up by the
site that created them.

A digest that is not lowercase hex (text written behind the program's back) is kept
as its bytes of text: ``audit verify`` still reports the entry as altered.

The change log lets go of an entry its record's row says all of (``sync.retention.
forget_entries``). A trigger on every synchronised table writes the stamp a row leaves
back into the log when the log lacks it, whichever way the row is updated (a local
write, an imported package), so every stamp a record ever had here stays in its
history. A table added later needs the same trigger (``KEEP_STAMP_TABLES`` here, and
tests/store/test_compact_storage.py checks every synchronised table has it).

Revision ID: 0010e
Revises: 0009u
Create Date: 2026-12-03 10:20:00
"""

from __future__ import annotations

import re
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0010e"
down_revision = "0009u"
branch_labels = None
depends_on = None

_DIGESTS = ("prev_hash", "hash", "row_hash")
_HEX = re.compile(r"(?:[0-9a-f]{2})*")

# As migration 0009a made them: the table is rebuilt on SQLite, and its triggers with it.
_REFUSAL = "audit entries are append-only"
_SQLITE_TRIGGERS = [
    f"""CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry
        BEGIN SELECT RAISE(ABORT, '{_REFUSAL}'); END""",
    f"""CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_entry
        BEGIN SELECT RAISE(ABORT, '{_REFUSAL}'); END""",
]


# The synchronised tables at this revision (sync.routing.synced_tables()).
KEEP_STAMP_TABLES = (
    "centre_room", "person", "site", "user_account", "watchlist_document", "watchlist_person",
    "centre_bed", "identity_document", "readmission_case", "case_event", "case_evidence",
    "centre_stay", "document_check", "journal_entry", "case_scan", "centre_belonging",
    "centre_transfer",
)  # fmt: skip
_LOG_COLUMNS = "table_name, record_id, operation, version, hlc, origin_site, recorded_at, payload"


def keep_stamp_trigger_sqlite(table: str) -> str:
    return f"""CREATE TRIGGER {table}_keeps_stamp BEFORE UPDATE OF hlc ON {table}
        WHEN OLD.hlc != NEW.hlc AND OLD.hlc != '' AND NOT EXISTS (
            SELECT 1 FROM change_log
            WHERE record_id = OLD.id AND table_name = '{table}' AND hlc = OLD.hlc)
        BEGIN
            INSERT INTO change_log ({_LOG_COLUMNS}) VALUES ('{table}', OLD.id,
                CASE WHEN OLD.deleted THEN 'delete' ELSE 'insert' END, OLD.version,
                OLD.hlc, OLD.origin_site, OLD.updated_at, '');
        END"""


_POSTGRES_KEEP_STAMP = f"""CREATE OR REPLACE FUNCTION change_log_keep_stamp() RETURNS trigger AS $$
    BEGIN
        IF OLD.hlc <> NEW.hlc AND OLD.hlc <> '' AND NOT EXISTS (
            SELECT 1 FROM change_log
            WHERE record_id = OLD.id AND table_name = TG_TABLE_NAME AND hlc = OLD.hlc) THEN
            INSERT INTO change_log ({_LOG_COLUMNS}) VALUES (TG_TABLE_NAME, OLD.id,
                CASE WHEN OLD.deleted THEN 'delete' ELSE 'insert' END, OLD.version,
                OLD.hlc, OLD.origin_site, OLD.updated_at, '');
        END IF;
        RETURN NEW;
    END; $$ LANGUAGE plpgsql"""


def keep_stamp_trigger_postgresql(table: str) -> str:
    return f"""CREATE TRIGGER {table}_keeps_stamp BEFORE UPDATE OF hlc ON {table}
        FOR EACH ROW EXECUTE FUNCTION change_log_keep_stamp()"""


def _keep_stamps(bind: sa.engine.Connection) -> None:
    if bind.dialect.name == "postgresql":
        op.execute(_POSTGRES_KEEP_STAMP)
        for table in KEEP_STAMP_TABLES:
            op.execute(keep_stamp_trigger_postgresql(table))
    else:
        for table in KEEP_STAMP_TABLES:
            op.execute(keep_stamp_trigger_sqlite(table))


def _unhex(value: Any) -> Any:
    """The digest's bytes; anything but lowercase hex text stays as it is."""
    if isinstance(value, str) and _HEX.fullmatch(value):
        return bytes.fromhex(value)
    return value


def _uuid_bytes(value: Any) -> Any:
    """A UUID's 16 bytes from the 32 hex digits SQLAlchemy stores; other text stays."""
    if isinstance(value, str) and len(value) == 32 and _HEX.fullmatch(value.lower()):
        return bytes.fromhex(value)
    return value


_UNUSED_INDEXES = (
    ("ix_person_origin_site", "person", "origin_site"),
    ("ix_identity_document_origin_site", "identity_document", "origin_site"),
)


def upgrade() -> None:
    bind = op.get_bind()
    op.drop_index("ix_audit_entry_action", table_name="audit_entry")
    for name, table, _column in _UNUSED_INDEXES:
        op.drop_index(name, table_name=table)
    if bind.dialect.name == "postgresql":
        _upgrade_postgresql()
    else:
        _upgrade_sqlite(bind)
    _keep_stamps(bind)


def _upgrade_postgresql() -> None:
    # ALTER COLUMN ... TYPE rewrites the table without firing the append-only triggers.
    op.execute("ALTER TABLE audit_entry ALTER COLUMN row_hash DROP DEFAULT")
    op.execute(
        "ALTER TABLE audit_entry "
        + ", ".join(
            f"ALTER COLUMN {name} TYPE BYTEA USING CASE WHEN {name} ~ '^([0-9a-f]{{2}})*$'"
            f" THEN decode({name}, 'hex') ELSE convert_to({name}, 'UTF8') END"
            for name in _DIGESTS
        )
    )
    op.execute("ALTER TABLE audit_entry ALTER COLUMN row_hash SET DEFAULT '\\x'::bytea")


def _upgrade_sqlite(bind: sa.engine.Connection) -> None:
    op.execute("DROP TRIGGER IF EXISTS audit_entry_no_update")
    op.execute("DROP TRIGGER IF EXISTS audit_entry_no_delete")
    driver = bind.connection.driver_connection
    assert driver is not None
    driver.create_function("borderdesk_unhex", 1, _unhex, deterministic=True)
    driver.create_function("borderdesk_uuid_bytes", 1, _uuid_bytes, deterministic=True)
    # In place first (a column of any declared type holds a BLOB), then the table is
    # rebuilt with the new types; CAST(blob AS BLOB) in Alembic's copy changes nothing.
    op.execute(
        "UPDATE audit_entry SET record_id = borderdesk_uuid_bytes(record_id), "
        + ", ".join(f"{name} = borderdesk_unhex({name})" for name in _DIGESTS)
    )
    with op.batch_alter_table("audit_entry", recreate="always") as batch:
        for name in _DIGESTS:
            batch.alter_column(
                name,
                existing_type=sa.String(length=64),
                type_=sa.LargeBinary(),
                existing_nullable=False,
                server_default=sa.text("X''") if name == "row_hash" else None,
            )
        batch.alter_column("record_id", existing_type=sa.CHAR(length=32), type_=sa.LargeBinary())
    for statement in _SQLITE_TRIGGERS:
        op.execute(statement)


def downgrade() -> None:
    bind = op.get_bind()
    for table in KEEP_STAMP_TABLES:
        if bind.dialect.name == "postgresql":
            op.execute(f"DROP TRIGGER IF EXISTS {table}_keeps_stamp ON {table}")
        else:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_keeps_stamp")
    if bind.dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS change_log_keep_stamp()")
        op.execute("ALTER TABLE audit_entry ALTER COLUMN row_hash DROP DEFAULT")
        op.execute(
            "ALTER TABLE audit_entry "
            + ", ".join(
                f"ALTER COLUMN {name} TYPE VARCHAR(64) USING encode({name}, 'hex')"
                for name in _DIGESTS
            )
        )
        op.execute("ALTER TABLE audit_entry ALTER COLUMN row_hash SET DEFAULT ''")
    else:
        op.execute("DROP TRIGGER IF EXISTS audit_entry_no_update")
        op.execute("DROP TRIGGER IF EXISTS audit_entry_no_delete")
        op.execute(
            "UPDATE audit_entry SET "
            + ", ".join(
                f"{name} = CASE typeof({name}) WHEN 'blob' THEN lower(hex({name})) ELSE {name} END"
                for name in (*_DIGESTS, "record_id")
            )
        )
        with op.batch_alter_table("audit_entry", recreate="always") as batch:
            for name in _DIGESTS:
                batch.alter_column(
                    name,
                    existing_type=sa.LargeBinary(),
                    type_=sa.String(length=64),
                    existing_nullable=False,
                    server_default=sa.text("''") if name == "row_hash" else None,
                )
            batch.alter_column(
                "record_id", existing_type=sa.LargeBinary(), type_=sa.CHAR(length=32)
            )
        for statement in _SQLITE_TRIGGERS:
            op.execute(statement)
    op.create_index("ix_audit_entry_action", "audit_entry", ["action"])
    for name, table, column in _UNUSED_INDEXES:
        op.create_index(name, table, [column])
