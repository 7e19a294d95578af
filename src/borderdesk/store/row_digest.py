"""A canonical digest of one synchronised row, as the audit log seals it.

The same spelling whether the row is an ORM object just before its flush, a dict about
to be inserted in bulk, or a row read back from the database: UUIDs as text, times in
UTC, booleans as booleans. ``audit verify`` recomputes it from the stored row, so a row
edited behind the program's back no longer matches the last audit entry about it.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterator, Mapping
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Boolean, RowMapping, Table
from sqlmodel import SQLModel

from borderdesk.domain.unreadable import UnreadableDate, UnreadableDateTime
from borderdesk.store.records import SyncRecord
from borderdesk.store.serialise import canonical_json


def _normal(value: Any, *, boolean: bool) -> Any:
    if value is None:
        return None
    if boolean:
        return bool(value)
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, UnreadableDate | UnreadableDateTime):
        return value.stored_text  # as found: it differs from the sealed date
    if isinstance(value, datetime):
        aware = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
        return aware.astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def row_digest(table: Table, values: Mapping[str, Any] | RowMapping) -> str:
    """SHA-256 of the row's columns, in one canonical JSON spelling."""
    fields = {
        column.name: _normal(values.get(column.name), boolean=isinstance(column.type, Boolean))
        for column in table.columns
    }
    return hashlib.sha256(canonical_json(fields).encode()).hexdigest()


def record_digest(record: SQLModel) -> str:
    table: Table = record.__table__  # type: ignore[attr-defined]
    return row_digest(
        table, {column.name: getattr(record, column.name) for column in table.columns}
    )


def audited_tables() -> Iterator[Table]:
    """Every table of synchronised records: each write to them is sealed in the log."""
    from borderdesk.store.tables import load_all

    load_all()  # store.tables loads lazily: a table not yet imported would go unchecked
    seen: set[str] = set()
    stack = list(SyncRecord.__subclasses__())
    while stack:
        model = stack.pop()
        stack.extend(model.__subclasses__())
        table = getattr(model, "__table__", None)
        if isinstance(table, Table) and table.name not in seen:
            seen.add(table.name)
            yield table
