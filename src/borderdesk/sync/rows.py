"""Rows between canonical JSON and the database: typed values, defaults, batches.

The typed path (PostgreSQL; a merged conflict and audit entries everywhere) turns text
into record ids, times and dates. A value that is none of them (a package from a program
without the checks, a hand-edited conflict or log) is refused in one line naming the
table, the record, the column and the text (:class:`UnreadableValue`): the import or the
merge around it then writes nothing, instead of stopping on a ValueError.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from functools import cache
from typing import Any, NoReturn

from sqlalchemy import JSON, Date, DateTime, Table, Uuid

from borderdesk.domain.safe_text import shown_in_message
from borderdesk.domain.unreadable import UnreadableDate, UnreadableDateTime
from borderdesk.errors import BorderDeskError
from borderdesk.i18n import N_, _
from borderdesk.store.types import UTCDateTime

CHUNK = 900  # below SQLite's limit of host parameters in one statement


def chunks(items: Sequence[Any]) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


class UnreadableValue(BorderDeskError):
    """A row's value is not what its column holds: nothing of the package or merge is
    written (the caller's transaction rolls back)."""


def to_uuid(value: Any) -> uuid.UUID:
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


def _record_id(value: Any) -> uuid.UUID:
    """A package's record id: a UUID, or its text exactly as ``str(uuid.UUID)`` spells
    it (lowercase, dashed), as SQLite's stored path requires too; any other spelling
    (capitals, no dashes, braces) is refused rather than normalised."""
    if isinstance(value, uuid.UUID):
        return value
    if type(value) is str:
        parsed = uuid.UUID(value)
        if str(parsed) == value:
            return parsed
    raise ValueError(value)


def _time(value: Any) -> datetime:
    if isinstance(value, UnreadableDateTime | UnreadableDate):  # a stand-in, never stored
        raise ValueError(value.stored_text)
    if isinstance(value, datetime):
        return value
    return datetime.fromisoformat(value)


def _day(value: Any) -> date:
    if isinstance(value, UnreadableDateTime | UnreadableDate):
        raise ValueError(value.stored_text)
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    return date.fromisoformat(value)


def _listed(value: Any) -> Any:
    # An older SQLite exporter carried a list column's stored JSON text, not the list.
    return json.loads(value) if isinstance(value, str) else value


_KINDS = {
    "record_id": N_("a record id"),
    "time": N_("a time"),
    "date": N_("a date"),
    "json": N_("a list"),
}


@cache
def _converters(table: Table) -> dict[str, tuple[Callable[[Any], Any], str]]:
    out: dict[str, tuple[Callable[[Any], Any], str]] = {}
    for column in table.columns:
        kind = column.type
        if isinstance(kind, Uuid):
            out[column.name] = (_record_id, "record_id")
        elif isinstance(kind, UTCDateTime | DateTime):
            out[column.name] = (_time, "time")
        elif isinstance(kind, Date):
            out[column.name] = (_day, "date")
        elif isinstance(kind, JSON):
            out[column.name] = (_listed, "json")
    return out


def quoted_value(value: Any) -> str:
    """A stored value as a message quotes it (``shown_in_message``), in quotes."""
    return repr(shown_in_message(value))


def refuse_value(table: Table, row: dict[str, Any], column: str, kind: str, value: Any) -> NoReturn:
    """:class:`UnreadableValue` naming the table, the row's record, the column and the
    text; ``kind`` is a key of ``_KINDS``."""
    raise UnreadableValue(
        _(
            "Nothing was applied: {table} {record} holds {text} in {column}, which is not {kind}."
        ).format(
            table=table.name,
            record=quoted_value(row.get("id", "?")),
            text=quoted_value(getattr(value, "stored_text", value)),
            column=column,
            kind=_(_KINDS[kind]),
        ),
        code="unreadable_value",
    )


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
    """``row`` with its record ids, times and dates typed; :class:`UnreadableValue` when
    one is not what its column holds."""
    convert = _converters(table)
    out: dict[str, Any] = {}
    for column in table.columns:
        name = column.name
        if name not in row:
            continue
        value = row[name]
        found = convert.get(name)
        if found is None or value is None:
            out[name] = value
            continue
        fn, kind = found
        try:
            out[name] = fn(value)
        except (TypeError, ValueError, AttributeError):
            refuse_value(table, row, name, kind, value)
    return out


def respelt(values: Sequence[Any], spell: Callable[[Any], Any], *, repeats: bool) -> list[Any]:
    """``spell`` of each value (None stays None); each distinct value spelt once where
    values repeat (a batch written at once shares its times)."""
    if repeats:
        try:
            spelt = {v: spell(v) for v in set(values) if v is not None}
        except TypeError:  # a value that is not hashable: one by one
            return [None if v is None else spell(v) for v in values]
        spelt[None] = None
        return list(map(spelt.__getitem__, values))
    if None in values:
        return [None if v is None else spell(v) for v in values]
    return list(map(spell, values))
