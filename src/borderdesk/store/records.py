"""The fields every synchronised record carries (DESIGN.md, "Data rules")."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Column
from sqlmodel import Field, SQLModel

from borderdesk.domain.clock import new_id, utc_now
from borderdesk.store.types import UTCDateTime


def utc_column(*, index: bool = False, nullable: bool = False) -> Column[datetime]:
    return Column(UTCDateTime(), index=index, nullable=nullable)


class SyncRecord(SQLModel):
    """Mixin: UUIDv7 key, origin site, UTC times, version, HLC stamp, tombstone.

    The stamping itself happens in ``store.changelog`` on flush, so no service can
    forget it and the change log is written in the same transaction as the record.
    """

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    origin_site: str = Field(default="", max_length=16, index=True)
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    version: int = Field(default=0)
    hlc: str = Field(default="", max_length=48, index=True)
    deleted: bool = Field(default=False)

    # Fields that are bookkeeping, not content: left out of audit diffs.
    __bookkeeping__ = frozenset({"id", "origin_site", "created_at", "updated_at", "version", "hlc"})
