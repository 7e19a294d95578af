"""The change log that export reads past a peer's watermark."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlmodel import Field, SQLModel

from borderdesk.store.types import UTCDateTime


class ChangeLogEntry(SQLModel, table=True):
    __tablename__ = "change_log"
    seq: int | None = Field(default=None, primary_key=True)
    table_name: str = Field(max_length=64)
    record_id: uuid.UUID = Field(index=True)
    operation: str = Field(max_length=8)  # insert | update | delete
    version: int
    hlc: str = Field(max_length=48, index=True)
    origin_site: str = Field(max_length=16)
    recorded_at: datetime = Field(sa_type=UTCDateTime)
    # Empty since issue #10: packages carry each record's current row, so nothing
    # reads a copy of it here. Databases of older programs hold the row as canonical
    # JSON until every peer has it (sync.retention.prune_payloads empties it then).
    payload: str
