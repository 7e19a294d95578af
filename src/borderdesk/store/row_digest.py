"""A canonical digest of one synchronised row, as the audit log seals it.

The same spelling whether the row is an ORM object just before its flush, a dict about
to be inserted in bulk, or a row read back from the database: UUIDs as text, times in
UTC, booleans as booleans. ``audit verify`` recomputes it from the stored row, so a row
edited behind the program's back no longer matches the last audit entry about it.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Boolean, RowMapping, Table
from sqlmodel import SQLModel

from borderdesk.domain.unreadable import UnreadableDate, UnreadableDateTime
from borderdesk.store.fast_json import spelt_fast
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


def _remembering_normal() -> Callable[[Any], Any]:
    """:func:`_normal` of a value that is no boolean, each date and time spelt once (a
    batch repeats its stamps and days)."""
    spelt: dict[Any, Any] = {}

    def normal(value: Any) -> Any:
        if isinstance(value, uuid.UUID):
            return str(value)
        if isinstance(value, UnreadableDate | UnreadableDateTime):
            return value.stored_text  # equal to each other as dates: never remembered
        key = (type(value), value, getattr(value, "tzinfo", None))
        try:
            return spelt[key]
        except KeyError:
            spelt[key] = text = _normal(value, boolean=False)
            return text
        except TypeError:  # not hashable
            return _normal(value, boolean=False)

    return normal


def row_digests(table: Table, rows: Sequence[Mapping[str, Any] | RowMapping]) -> list[str]:
    """:func:`row_digest` of each row (the same digests), for rows sealed in bulk.

    The values go to the encoder as they are (UUIDs, strings and numbers spelt alike,
    dates and times through :func:`_normal`); only booleans are made booleans first.
    """
    names = [column.name for column in table.columns]
    booleans = [column.name for column in table.columns if isinstance(column.type, Boolean)]
    normal = _remembering_normal()
    digests: list[str] = []
    for row in rows:
        fields = {name: row.get(name) for name in names}
        for name in booleans:
            value = fields[name]
            if value is not None and value.__class__ is not bool:
                fields[name] = bool(value)
        text = spelt_fast(fields, normal)
        if text is None:  # a value orjson might spell otherwise: the standard way
            digests.append(row_digest(table, row))
        else:
            digests.append(hashlib.sha256(text.encode()).hexdigest())
    return digests


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
