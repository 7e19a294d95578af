"""The append-only, hash-chained audit log.

Append-only in the database too: migration 0009a adds triggers that refuse UPDATE and
DELETE on ``audit_entry`` (SQLite and PostgreSQL).
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlmodel import Field, SQLModel

from borderdesk.store.types import CompactUuid, HexDigest, UTCDateTime


class AuditEntry(SQLModel, table=True):
    __tablename__ = "audit_entry"
    seq: int = Field(primary_key=True)
    at: datetime = Field(sa_type=UTCDateTime, index=True)
    site: str = Field(max_length=16)
    actor: str = Field(max_length=64, index=True)
    # No index: the audit page looks an action up by part of its name (LIKE '%...%').
    action: str = Field(max_length=32)
    table_name: str = Field(default="", max_length=64)
    record_id: uuid.UUID | None = Field(default=None, index=True, sa_type=CompactUuid)
    # Canonical JSON of what changed: {field: [old, new]}.
    changes: str = Field(default="{}")
    # The three digests are stored as bytes and read as hex (store.types.HexDigest).
    prev_hash: str = Field(sa_type=HexDigest)
    hash: str = Field(sa_type=HexDigest)
    # store.row_digest of the record described, as it is after the write ("" for events
    # that write no record, and for entries made before rows were sealed).
    row_hash: str = Field(default="", sa_type=HexDigest)
