"""A package never carries a date that is not a date, and an import never applies one.

SQLite keeps whatever a hand edit wrote into a date column ('yesterday', '2024-13-45',
a number); BorderDesk reads it as an unreadable stand-in (``domain.unreadable``) and
``audit verify`` names the record, since its seal no longer matches. Such a value cannot
travel: PostgreSQL cannot store it, SQLite's stored form would respell it, and any real
date put in its place would be a wrong one, sealed at HQ as if it were true.

So both ends check the records' date and time columns, after the codec and before
anything is written, and refuse in one line naming the record, the column and the text:
export writes no file, import applies nothing and acknowledges nothing, so the next
package from that site, made once the record is corrected (``audit verify`` there names
it), carries it again with everything else.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, datetime
from functools import cache
from typing import Any

from sqlalchemy import Date, DateTime, Table

from borderdesk.domain.unreadable import UnreadableDate, UnreadableDateTime
from borderdesk.errors import BorderDeskError
from borderdesk.i18n import _
from borderdesk.store.tables import load_all
from borderdesk.store.types import UTCDateTime
from borderdesk.sync import routing
from borderdesk.sync.body import TableBlock
from borderdesk.sync.rows import quoted_value

Parse = Callable[[str], object]


@cache
def _date_columns() -> dict[str, tuple[tuple[str, Parse], ...]]:
    """Per synced table, its date and time columns with the parser typed rows use."""
    load_all()
    out: dict[str, tuple[tuple[str, Parse], ...]] = {}
    for table in routing.synced_tables():
        columns = tuple(_parsed(table))
        if columns:
            out[table.name] = columns
    return out


def _parsed(table: Table) -> Iterable[tuple[str, Parse]]:
    for column in table.columns:
        if isinstance(column.type, UTCDateTime | DateTime):
            yield column.name, datetime.fromisoformat
        elif isinstance(column.type, Date):
            yield column.name, date.fromisoformat


Records = Iterable[Mapping[str, Any]] | Sequence[TableBlock]


def first_unreadable(records: Records) -> tuple[str, str, str, str] | None:
    """The first (table, record id, column, text) whose date is not one, or None.

    ``records``: format 1's record entries, or the blocks of a format 2 body.
    """
    if isinstance(records, Sequence) and records and isinstance(records[0], TableBlock):
        return _first_in_blocks(records)  # type: ignore[arg-type]
    return _first_in_entries(records)  # type: ignore[arg-type]


def _first_in_blocks(blocks: Sequence[TableBlock]) -> tuple[str, str, str, str] | None:
    """Column by column: a column of texts that all parse needs no look at its rows."""
    columns = _date_columns()
    for block in blocks:
        for name, parse in columns.get(block.table, ()):
            values = block.columns.column(name)
            if values is None:
                continue
            if set(map(type, values)) <= _TEXTS:
                try:
                    deque(map(parse, set(values) - {None}), maxlen=0)  # each text once
                    continue
                except (TypeError, ValueError):
                    pass
            found = _first_in_entries(block.entries())
            if found is not None:
                return found
    return None


_TEXTS = frozenset({str, type(None)})


def _first_in_entries(records: Iterable[Mapping[str, Any]]) -> tuple[str, str, str, str] | None:
    columns = _date_columns()
    for entry in records:
        dated = columns.get(entry.get("t", ""))
        if not dated:
            continue
        row = entry.get("row") or {}
        for name, parse in dated:
            value = row.get(name)
            if isinstance(value, UnreadableDate | UnreadableDateTime):
                return entry["t"], str(row.get("id", "?")), name, value.stored_text
            if value is None or isinstance(value, datetime | date):
                continue
            try:
                parse(value)
            except (TypeError, ValueError):
                return entry["t"], str(row.get("id", "?")), name, str(value)
    return None


def _quoted(text: str) -> str:
    return quoted_value(text)


def check_export(records: Records, *, recipient: str) -> None:
    """Refuse to write a package carrying a stored date that is not a date."""
    found = first_unreadable(records)
    if found is not None:
        table, record, column, text = found
        raise BorderDeskError(
            _(
                "No package written for {site}: {table} {record} holds {text} in {column}, "
                "which is not a date. Correct the record ('audit verify' names the edit) "
                "and export again."
            ).format(site=recipient, table=table, record=record, column=column, text=_quoted(text)),
            code="unreadable_date",
        )


def check_import(records: Records, *, sender: str) -> None:
    """Refuse a package carrying a date that is not a date: nothing of it is applied."""
    from borderdesk.sync.refusals import PackageRefused

    found = first_unreadable(records)
    if found is not None:
        table, record, column, text = found
        raise PackageRefused(
            _(
                "The package from {site} is refused, nothing applied: {table} {record} "
                "holds {text} in {column}, which is not a date. {site} must correct the "
                "record and export again."
            ).format(site=sender, table=table, record=record, column=column, text=_quoted(text)),
            code="unreadable_date",
        )
