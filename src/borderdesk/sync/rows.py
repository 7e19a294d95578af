"""Rows between canonical JSON and the database: typed values, defaults, batches."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from functools import cache
from typing import Any

from sqlalchemy import Date, DateTime, Table, Uuid

from borderdesk.store.types import UTCDateTime

CHUNK = 900  # below SQLite's limit of host parameters in one statement


def chunks(items: Sequence[Any]) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


def to_uuid(value: Any) -> uuid.UUID:
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


@cache
def _converters(table: Table) -> dict[str, Callable[[Any], Any]]:
    out: dict[str, Callable[[Any], Any]] = {}
    for column in table.columns:
        kind = column.type
        if isinstance(kind, Uuid):
            out[column.name] = to_uuid
        elif isinstance(kind, UTCDateTime | DateTime):
            out[column.name] = datetime.fromisoformat
        elif isinstance(kind, Date):
            out[column.name] = date.fromisoformat
    return out


def blank_row(table: Table) -> dict[str, Any]:
    """Values for columns an incoming row leaves out (a secret kept from this site)."""
    out: dict[str, Any] = {}
    for column in table.columns:
        if column.nullable:
            out[column.name] = None
            continue
        try:
            kind = column.type.python_type
        except NotImplementedError:
            kind = str
        out[column.name] = {str: "", bool: False, int: 0}.get(kind, "")
    return out


def typed_row(table: Table, row: dict[str, Any]) -> dict[str, Any]:
    convert = _converters(table)
    out: dict[str, Any] = {}
    for column in table.columns:
        if column.name in row:
            value = row[column.name]
            fn = convert.get(column.name)
            out[column.name] = fn(value) if fn is not None and value is not None else value
    return out


def respelt(values: list[Any], spell: Callable[[Any], Any], *, repeats: bool) -> list[Any]:
    """``spell`` of each value (None stays None); each distinct value spelt once where
    values repeat (a batch written at once shares its times)."""
    if repeats:
        try:
            spelt = {v: spell(v) for v in set(values) if v is not None}
        except TypeError:  # a value that is not hashable: one by one
            return [None if v is None else spell(v) for v in values]
        spelt[None] = None
        return list(map(spelt.__getitem__, values))
    return [None if v is None else spell(v) for v in values]
