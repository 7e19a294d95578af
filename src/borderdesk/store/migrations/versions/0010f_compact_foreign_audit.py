"""foreign audit: other sites' digests and record ids as bytes, as 0010e made this site's

HQ keeps every post's audit chain (``foreign_audit_entry``), an entry per record each
post wrote: the three SHA-256 digests (prev_hash, hash, row_hash) were 64 hex digits of
text and the record id 32 on SQLite. They are stored as their 32 and 16 bytes now
(BLOB on SQLite, BYTEA and PostgreSQL's own uuid there) and read as the same hex
(``store.types.HexDigest``, ``store.types.CompactUuid``), as migration 0010e did for
``audit_entry``: every hash the chains compute stays as it was, the rows are smaller
and an import writes them faster. A value that is not lowercase hex (text written
behind the program's back) is kept as it is: verifying that chain still reports it.

Revision ID: 0010f
Revises: 0010e
Create Date: 2026-12-04 02:00:00
"""

from __future__ import annotations

import re
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0010f"
down_revision = "0010e"
branch_labels = None
depends_on = None

_TABLE = "foreign_audit_entry"
_DIGESTS = ("prev_hash", "hash", "row_hash")
_HEX = re.compile(r"(?:[0-9a-f]{2})*")


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


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        # record_id is PostgreSQL's uuid already (16 bytes): only the digests change.
        op.execute(f"ALTER TABLE {_TABLE} ALTER COLUMN row_hash DROP DEFAULT")
        op.execute(
            f"ALTER TABLE {_TABLE} "
            + ", ".join(
                f"ALTER COLUMN {name} TYPE BYTEA USING CASE WHEN {name} ~ '^([0-9a-f]{{2}})*$'"
                f" THEN decode({name}, 'hex') ELSE convert_to({name}, 'UTF8') END"
                for name in _DIGESTS
            )
        )
        op.execute(f"ALTER TABLE {_TABLE} ALTER COLUMN row_hash SET DEFAULT '\\x'::bytea")
        return
    driver = bind.connection.driver_connection
    assert driver is not None
    driver.create_function("borderdesk_unhex", 1, _unhex, deterministic=True)
    driver.create_function("borderdesk_uuid_bytes", 1, _uuid_bytes, deterministic=True)
    # In place first (a column of any declared type holds a BLOB), then the table is
    # rebuilt with the new types (its record_id index with it).
    op.execute(
        f"UPDATE {_TABLE} SET record_id = borderdesk_uuid_bytes(record_id), "
        + ", ".join(f"{name} = borderdesk_unhex({name})" for name in _DIGESTS)
    )
    with op.batch_alter_table(_TABLE, recreate="always") as batch:
        for name in _DIGESTS:
            batch.alter_column(
                name,
                existing_type=sa.String(length=64),
                type_=sa.LargeBinary(),
                existing_nullable=False,
                server_default=sa.text("X''") if name == "row_hash" else None,
            )
        batch.alter_column("record_id", existing_type=sa.CHAR(length=32), type_=sa.LargeBinary())


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute(f"ALTER TABLE {_TABLE} ALTER COLUMN row_hash DROP DEFAULT")
        op.execute(
            f"ALTER TABLE {_TABLE} "
            + ", ".join(
                f"ALTER COLUMN {name} TYPE VARCHAR(64) USING encode({name}, 'hex')"
                for name in _DIGESTS
            )
        )
        op.execute(f"ALTER TABLE {_TABLE} ALTER COLUMN row_hash SET DEFAULT ''")
        return
    op.execute(
        f"UPDATE {_TABLE} SET "
        + ", ".join(
            f"{name} = CASE typeof({name}) WHEN 'blob' THEN lower(hex({name})) ELSE {name} END"
            for name in (*_DIGESTS, "record_id")
        )
    )
    with op.batch_alter_table(_TABLE, recreate="always") as batch:
        for name in _DIGESTS:
            batch.alter_column(
                name,
                existing_type=sa.LargeBinary(),
                type_=sa.String(length=64),
                existing_nullable=False,
                server_default=sa.text("''") if name == "row_hash" else None,
            )
        batch.alter_column("record_id", existing_type=sa.LargeBinary(), type_=sa.CHAR(length=32))
