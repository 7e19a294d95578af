"""Rows in the form SQLite stores them, for bulk export and import.

SQLAlchemy's types turn every UUID and time into a Python object and back; for
100 000 records that costs more than the rows themselves. On SQLite a package's
canonical spellings map onto the stored text by string operations: a UUID is stored
as 32 hex digits, a UTC time as ``YYYY-MM-DD HH:MM:SS.ffffff``, a date as ISO text,
a flag as 0/1, a digest (``store.types.HexDigest``) and a compact UUID
(``store.types.CompactUuid``) as their bytes, a list (JSON column) as SQLAlchemy's JSON
text. A package carries the list itself, as the typed path does: read from the cursor,
the text is parsed; written, the list is spelt as SQLAlchemy spells it, so the row
reads back (and is sealed) as the sender's. Other databases use the typed path
(``rows.typed_row``).
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import UTC, date, datetime
from functools import cache
from itertools import compress, groupby
from operator import itemgetter
from typing import Any

import orjson
from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Uuid,
    select,
    type_coerce,
)
from sqlalchemy.orm import Session

from borderdesk.store.raw_insert import insert_counted_run
from borderdesk.store.types import CompactUuid, HexDigest, UTCDateTime
from borderdesk.sync import json_columns
from borderdesk.sync.body import Columns
from borderdesk.sync.rows import refuse_value, respelt, typed_row

_TWINS = MetaData()


def uses_storage_form(session: Session) -> bool:
    return session.get_bind().dialect.name == "sqlite"


def _uuid_out(value: str) -> str:
    return f"{value[:8]}-{value[8:12]}-{value[12:16]}-{value[16:20]}-{value[20:]}"


# str(uuid.UUID), as every exporter spells a record id. Stripped of its dashes by string
# operations, anything else (capitals, no dashes, junk of any length) would be stored as
# another record's id or as none: such a value is refused (``refuse_value``), not stored.
_RECORD_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _uuid_in(value: str) -> str:
    if type(value) is not str or _RECORD_ID.fullmatch(value) is None:
        raise ValueError(value)
    return value.replace("-", "")


def _uuid_in_checked_already(value: str) -> str:
    return value.replace("-", "")


def all_record_ids(values: list[Any]) -> bool:
    """Whether every value (None aside) is a record id spelt as ``str(uuid.UUID)``, by
    string operations over the joined column (C), not a call per value: the dashes and
    separators where they belong and nowhere else, the rest lowercase hex digits."""
    present = [v for v in values if v is not None]
    count = len(present)
    if not count:
        return True
    try:
        joined = "\x1f".join(present)
    except TypeError:  # a value that is not text
        return False
    dashes = "-" * count
    if (
        len(joined) != 37 * count - 1
        or joined[36::37] != "\x1f" * (count - 1)
        or any(joined[at::37] != dashes for at in (8, 13, 18, 23))
    ):
        return False
    digits = joined.replace("-", "").replace("\x1f", "")
    if len(digits) != 32 * count or digits != digits.lower():
        return False
    try:  # fromhex skips whitespace: then fewer bytes come out
        return len(bytes.fromhex(digits)) == 16 * count
    except ValueError:
        return False


def refuse_unreadable_ids(table: Table, columns: dict[str, list[Any]]) -> None:
    """:class:`~borderdesk.sync.rows.UnreadableValue` naming the first value of a record
    id column (given column by column) that is not a record id; nothing is written."""
    for name in _id_columns(table):
        values = columns.get(name)
        if values is None or all_record_ids(values):
            continue
        for index, value in enumerate(values):
            if value is not None and (type(value) is not str or not _RECORD_ID.fullmatch(value)):
                record = columns["id"][index] if "id" in columns else "?"
                refuse_value(table, {"id": record}, name, "record_id", value)


@cache
def _id_columns(table: Table) -> tuple[str, ...]:
    return tuple(c.name for c in table.columns if _kind(c) in ("uuid", "uuid16"))


def _time_out(value: str) -> str:
    # datetime.isoformat(): no fraction when it is zero.
    text = value.replace(" ", "T", 1)
    if text.endswith(".000000"):
        text = text[:-7]
    return text + "+00:00"


def _time_in(value: str) -> str:
    if value.endswith("+00:00"):
        text = value[:-6]
    else:  # another offset: let datetime do the arithmetic
        text = datetime.fromisoformat(value).astimezone(UTC).replace(tzinfo=None).isoformat()
    text = text.replace("T", " ", 1)
    return text if "." in text else text + ".000000"


def _digest_out(value: bytes | str) -> str:
    return value if isinstance(value, str) else bytes(value).hex()


def _digest_in(value: str) -> bytes:
    return bytes.fromhex(value)


def _uuid16_out(value: bytes | str) -> str:
    return str(uuid.UUID(bytes=bytes(value))) if isinstance(value, bytes) else value


def _uuid16_in(value: str) -> bytes:
    # Only str(uuid.UUID)'s spelling, as _uuid_in: uuid.UUID would take braces, capitals.
    return bytes.fromhex(_uuid_in(value))


def _uuid16_in_checked_already(value: str) -> bytes:
    return bytes.fromhex(value.replace("-", ""))


def _kind(column: Column) -> str:  # type: ignore[type-arg]
    kind = column.type
    if isinstance(kind, HexDigest):
        return "digest"
    if isinstance(kind, CompactUuid):
        return "uuid16"
    if isinstance(kind, Uuid):
        return "uuid"
    if isinstance(kind, UTCDateTime | DateTime):
        return "time"
    if isinstance(kind, Boolean):
        return "flag"
    if isinstance(kind, Date):
        return "date"
    if isinstance(kind, JSON):
        return "json"
    return ""


def _twin_type(kind: str) -> Any:
    if kind == "flag":
        return Integer()
    return LargeBinary() if kind in ("digest", "uuid16") else String()


def _json_in(value: Any) -> str:
    # SQLAlchemy's JSON type writes json.dumps(value) on SQLite; a text from an older
    # exporter (which carried the stored text) is that already.
    return value if isinstance(value, str) else json.dumps(value)


def _json_out(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


@cache
def twin(table: Table) -> Table:
    """The same table with plain column types: values go in and out as stored."""
    return Table(
        table.name,
        _TWINS,
        *(
            Column(c.name, _twin_type(_kind(c)), primary_key=c.primary_key)
            if _kind(c)
            else Column(c.name, c.type, primary_key=c.primary_key)
            for c in table.columns
        ),
    )


def kind_of(column: Column) -> str:  # type: ignore[type-arg]
    """ "uuid", "time", "flag", "date", or "" for a column stored as it is spelt."""
    return _kind(column)


def stored_uuid(value: str) -> str:
    """A record id checked already (``all_record_ids``) as SQLite stores it."""
    return _uuid_in_checked_already(value)


@cache
def spellings(table: Table) -> tuple[tuple[str, Callable[[Any], Any], Callable[[Any], Any]], ...]:
    """(column, package spelling to stored, stored to package spelling) of each column
    whose stored form differs from its spelling (UUIDs and times), for values given
    column by column: the record ids checked already (``refuse_unreadable_ids``)."""
    checked: dict[Callable[[Any], Any], Callable[[Any], Any]] = {
        _uuid_in: _uuid_in_checked_already,
        _uuid16_in: _uuid16_in_checked_already,
    }
    into = {name: checked.get(fn, fn) for name, fn in _writers(table)}
    return tuple((name, into[name], out) for name, out in _readers(table) if name in into)


def flag_columns(table: Table) -> tuple[str, ...]:
    return _flags(table)


# Each stored kind's converters: stored to package spelling, and back. A date, a
# plain text or number is stored as it is spelt; a flag is spelt as a bool.
_READ_BY_KIND: dict[str, Callable[[Any], Any]] = {
    "uuid": _uuid_out,
    "time": _time_out,
    "flag": bool,
    "digest": _digest_out,
    "json": _json_out,
    "uuid16": _uuid16_out,
}
_WRITE_BY_KIND: dict[str, Callable[[Any], Any]] = {
    "uuid": _uuid_in,
    "time": _time_in,
    "digest": _digest_in,
    "json": _json_in,
    "uuid16": _uuid16_in,
}


def _converters(
    table: Table, by_kind: dict[str, Callable[[Any], Any]]
) -> tuple[tuple[str, Callable[[Any], Any]], ...]:
    return tuple((c.name, by_kind[k]) for c in table.columns if (k := _kind(c)) in by_kind)


@cache
def _readers(table: Table) -> tuple[tuple[str, Callable[[Any], Any]], ...]:
    return _converters(table, _READ_BY_KIND)


@cache
def _writers(table: Table) -> tuple[tuple[str, Callable[[Any], Any]], ...]:
    return _converters(table, _WRITE_BY_KIND)


def stored_columns(table: Table) -> list[Any]:
    """The table's columns for a select that hands back stored text, not objects."""
    return [
        type_coerce(c, String()).label(c.name) if _kind(c) in ("uuid", "time", "date") else c
        for c in table.columns
    ]


def canonical(table: Table, stored: dict[str, Any], *, copy: bool = True) -> dict[str, Any]:
    """A stored row in the package's spelling (as ``plain_value`` of the typed row)."""
    row = dict(stored) if copy else stored
    for name, fn in _readers(table):
        value = row.get(name)
        if value is not None:
            row[name] = fn(value)
    return row


@cache
def _column_names(table: Table) -> frozenset[str]:
    return frozenset(table.columns.keys())


def stored(table: Table, row: dict[str, Any]) -> dict[str, Any]:
    """A package row as SQLite stores it (only the columns the row has)."""
    names = _column_names(table)
    # Keys-view comparison runs in C; a row with no stray keys is copied whole.
    out = dict(row) if row.keys() <= names else {k: v for k, v in row.items() if k in names}
    for name, fn in _writers(table):
        value = out.get(name)
        if value is not None:
            try:
                out[name] = fn(value)
            except (TypeError, ValueError, AttributeError):
                kind = _REFUSED_AS.get(_kind(table.c[name]))
                if kind is None:
                    raise
                refuse_value(table, row, name, kind, value)
    return out


# What a refusal says a column of each kind holds (``rows.refuse_value``).
_REFUSED_AS = {"uuid": "record_id", "uuid16": "record_id", "time": "time", "json": "json"}


def stored_column(
    table: Table,
    name: str,
    values: list[Any],
    into: Callable[[Any], Any],
    *,
    records: list[Any],
    repeats: bool,
) -> list[Any]:
    """A column of package values spelt by ``into`` (its writer in :func:`spellings`);
    a value it cannot take is refused in one line naming ``records``' entry, as
    :func:`stored` refuses it in a row."""
    try:
        return respelt(values, into, repeats=repeats)
    except (TypeError, ValueError, AttributeError):
        kind = _REFUSED_AS.get(_kind(table.c[name]))
        if kind is None:
            raise
        for record, value in zip(records, values, strict=True):
            try:
                if value is not None:
                    into(value)
            except (TypeError, ValueError, AttributeError):
                refuse_value(table, {"id": record}, name, kind, value)
        raise


def for_writing(session: Session, table: Table, row: dict[str, Any]) -> dict[str, Any]:
    return stored(table, row) if uses_storage_form(session) else typed_row(table, row)


def writable(session: Session, table: Table) -> Table:
    return twin(table) if uses_storage_form(session) else table


def _driver(session: Session) -> Any:
    # The DB-API connection of the session's own transaction (SQLite only).
    return session.connection().connection.driver_connection


@cache
def _flags(table: Table) -> tuple[str, ...]:
    return tuple(c.name for c in table.columns if _kind(c) == "flag")


def fetch_canonical_columns(
    session: Session,
    table: Table,
    where: Any,
    *,
    order_by: Any = None,
    leave_out: frozenset[str] = frozenset(),
) -> Columns:
    """Rows of ``table`` matching ``where`` (string parameters only), as the package
    spells them, column by column (a package's format 2 body, the bulk of an export):
    no dict per row, the stored values read as columns through SQLite's JSON aggregates
    (``json_columns``), or by the cursor where they cannot be (a value stored behind the
    program's back; an order other than the rowid's), each column respelt as
    :func:`canonical` spells a value (a time's spelling made once for the rows that
    share it). SQLite cannot keep a value it computed for a row, so spelling there
    costs each expression per column it appears in: five ``hex()`` of one UUID."""
    columns = [c for c in table.columns if c.name not in leave_out]
    names = [c.name for c in columns]
    dialect = session.get_bind().dialect
    if order_by is None or order_by is _rowid_alias(table):
        condition = str(where.compile(dialect=dialect, compile_kwargs={"literal_binds": True}))
        chunks = json_columns.table_chunks(
            _driver(session), table.name, names, where=condition, of_bytes=_bytes_columns(table)
        )
        try:
            return _collect(table, names, chunks, spellers=_json_readers(table))
        except json_columns.NotJson:
            pass  # a value stored behind the program's back: the cursor reads it as it is
    stmt = select(*columns).where(where)
    if order_by is not None:
        stmt = stmt.order_by(order_by)
    sql = str(stmt.compile(dialect=dialect, compile_kwargs={"literal_binds": True}))
    return _read_columns(session, table, names, sql, ())


def fetch_canonical_by_ids(session: Session, table: Table, ids: str) -> Columns:
    """:func:`fetch_canonical_columns` of the rows whose stored ids the JSON array
    ``ids`` lists, each row once. Where they are most of the table, the table is read
    through and the others left out (a lookup by key per row costs a third more than
    reading the row in its turn); else the rows are joined to the table from SQLite's
    ``json_each``, one parameter however many ids (an ``IN`` of them would first build
    an index of them all). Both read through SQLite's JSON aggregates where the values
    allow (``json_columns``), else by the cursor. In no particular order: the caller
    orders by stamp."""
    names = [c.name for c in table.columns]
    listed = orjson.loads(ids)
    wanted = set(listed)
    through = 4 * len(wanted) >= 3 * _row_count(session, table)
    driver, of_bytes = _driver(session), _bytes_columns(table)
    try:
        if through:
            chunks = json_columns.table_chunks(driver, table.name, names, of_bytes=of_bytes)
            keep = (names.index("id"), wanted)
            return _collect(table, names, chunks, keep=keep, spellers=_json_readers(table))
        unique = list(dict.fromkeys(listed))
        chunks = json_columns.listed_chunks(driver, table.name, names, unique, of_bytes=of_bytes)
        return _collect(table, names, chunks, spellers=_json_readers(table))
    except json_columns.NotJson:
        pass  # a value stored behind the program's back: the cursor reads it as it is
    quoted = ", ".join(f'"{table.name}"."{n}"' for n in names)
    if through:
        sql = f'SELECT {quoted} FROM "{table.name}"'
        return _read_columns(session, table, names, sql, (), keep=(names.index("id"), wanted))
    sql = (
        f"SELECT {quoted} FROM json_each(?) AS listed "
        f'JOIN "{table.name}" ON "{table.name}".id = listed.value'
    )
    out = _read_columns(session, table, names, sql, (ids,))
    record_ids = out.values[names.index("id")]
    if len(set(record_ids)) != len(record_ids):  # edited there more than once
        first: dict[Any, int] = {}
        for index, record_id in enumerate(record_ids):
            first.setdefault(record_id, index)
        keep = sorted(first.values())
        out = Columns(names, [[v[i] for i in keep] for v in out.values])
    return out


@cache
def _rowid_alias(table: Table) -> Column | None:  # type: ignore[type-arg]
    """The column that is SQLite's rowid (an INTEGER PRIMARY KEY), if there is one."""
    keys = list(table.primary_key.columns)
    if len(keys) == 1 and isinstance(keys[0].type, Integer):
        return keys[0]
    return None


@cache
def _bytes_columns(table: Table) -> dict[str, int]:
    """The columns stored as bytes, with the length their values have (0: any)."""
    lengths = {"uuid16": 16, "digest": 0}
    return {c.name: lengths[_kind(c)] for c in table.columns if _kind(c) in lengths}


@cache
def _json_readers(table: Table) -> tuple[tuple[str, ColumnSpeller], ...]:
    """:func:`_export_readers` for values read through JSON: bytes come as hex digits
    already (a compact UUID's 32 of them spelt as a stored UUID's)."""
    of_json: dict[str, ColumnSpeller] = {"uuid16": _uuid_texts, "digest": list}
    return tuple(
        (name, of_json.get(_kind(table.c[name]), spell)) for name, spell in _export_readers(table)
    )


def _row_count(session: Session, table: Table) -> int:
    count: int = _driver(session).execute(f'SELECT count(*) FROM "{table.name}"').fetchone()[0]
    return count


def _read_columns(
    session: Session,
    table: Table,
    names: list[str],
    sql: str,
    params: tuple[Any, ...],
    *,
    keep: tuple[int, set[Any]] | None = None,
) -> Columns:
    """The rows of ``sql`` by the cursor, respelt column by column (:func:`_collect`)."""
    cursor = _driver(session).execute(sql, params)
    return _collect(table, names, _cursor_chunks(cursor), keep=keep)


def _cursor_chunks(cursor: Any) -> Iterator[list[Sequence[Any]]]:
    # A chunk at a time: the stored values and the cursor's tuples are freed as they
    # are respelt, and the next chunk reuses their memory instead of new pages.
    while rows := cursor.fetchmany(_FETCH_CHUNK):
        chunk: list[Sequence[Any]] = list(zip(*rows, strict=True))  # tuples: no copies
        del rows
        yield chunk


def _collect(
    table: Table,
    names: list[str],
    chunks: Iterable[list[Sequence[Any]]],
    *,
    keep: tuple[int, set[Any]] | None = None,
    spellers: tuple[tuple[str, ColumnSpeller], ...] | None = None,
) -> Columns:
    """Chunks of stored values (one sequence per column of ``names``) respelt column by
    column (by ``spellers``, else :func:`_export_readers`) and joined; ``keep`` (column,
    values): only the rows whose stored value in that column is one of them."""
    if spellers is None:
        spellers = _export_readers(table)
    readers = [(names.index(name), spell) for name, spell in spellers if name in names]
    out = Columns(names, [[] for _name in names])
    for chunk in chunks:
        if keep is not None:
            wanted = list(map(keep[1].__contains__, chunk[keep[0]]))
            if not all(wanted):
                chunk = [tuple(compress(values, wanted)) for values in chunk]
        if not chunk or not chunk[0]:
            continue
        for index, spell in readers:
            chunk[index] = spell(chunk[index])
        for whole, part in zip(out.values, chunk, strict=True):
            whole.extend(part)
    return out


_FETCH_CHUNK = 5000


def driver_execute(session: Session, sql: str, params: tuple[Any, ...]) -> None:
    """One statement on the session's own DB-API connection (its transaction)."""
    _driver(session).execute(sql, params)


def driver_rows(session: Session, sql: str) -> list[Any]:
    """The rows of a statement compiled already, from the session's own DB-API
    connection (its transaction), as the driver returns them: stored values."""
    return _driver(session).execute(sql).fetchall()


ColumnSpeller = Callable[[Sequence[Any]], list[Any]]

# A UUID's 32 hex digits in the five groups ``str(uuid.UUID)`` joins with dashes.
_UUID_GROUPS = itemgetter(slice(0, 8), slice(8, 12), slice(12, 16), slice(16, 20), slice(20, 32))


def _uuid_texts(values: Sequence[Any]) -> list[Any]:
    """Stored UUIDs (32 hex digits) spelt as ``str(uuid.UUID)``: in C, by ``map``, where
    every value is one (record ids are NOT NULL); else value by value."""
    if None in values:
        return respelt(values, _uuid_out, repeats=False)
    return list(map("-".join, map(_UUID_GROUPS, values)))


def _uuid16_texts(values: Sequence[Any]) -> list[Any]:
    """Compact UUIDs (16 bytes) spelt as ``str(uuid.UUID)``, the same way."""
    if set(map(type, values)) == {bytes} and set(map(len, values)) == {16}:
        return list(map("-".join, map(_UUID_GROUPS, map(bytes.hex, values))))
    return respelt(values, _uuid16_out, repeats=False)


def _digest_texts(values: Sequence[Any]) -> list[Any]:
    """Digests (bytes) as their hex digits; a text one (written behind the program's
    back) as it is, as ``HexDigest`` hands it out."""
    if set(map(type, values)) == {bytes}:
        return list(map(bytes.hex, values))
    return respelt(values, _digest_out, repeats=False)


def _each(spell: Callable[[Any], Any], *, repeats: bool) -> ColumnSpeller:
    return lambda values: respelt(values, spell, repeats=repeats)


@cache
def _export_readers(table: Table) -> tuple[tuple[str, ColumnSpeller], ...]:
    """Each column's speller for a column of stored values, as :func:`canonical` spells
    each value. Times of a batch and flags repeat: each distinct value spelt once."""
    columns: dict[Callable[[Any], Any], ColumnSpeller] = {
        _uuid_out: _uuid_texts,
        _uuid16_out: _uuid16_texts,
        _digest_out: _digest_texts,
    }
    out = []
    for name, fn in _readers(table):
        repeats = _kind(table.c[name]) in ("time", "flag")
        out.append((name, columns.get(fn) or _each(fn, repeats=repeats)))
    return tuple(out)


def fetch_typed_columns(
    session: Session,
    table: Table,
    where: Any,
    *,
    order_by: Any = None,
    leave_out: frozenset[str] = frozenset(),
) -> Columns:
    """Rows of ``table`` column by column on a database with typed columns (PostgreSQL),
    by the driver's own cursor: its UUIDs as they are (the encoder spells them), its times
    and dates spelt column by column as ``plain_value`` spells the typed row's (a time
    in UTC). No SQLAlchemy row or type processing per value."""
    columns = [c for c in table.columns if c.name not in leave_out]
    stmt = select(*columns).where(where)
    if order_by is not None:
        stmt = stmt.order_by(order_by)
    names = [c.name for c in columns]
    dialect = session.get_bind().dialect
    if dialect.name != "postgresql":  # another driver: SQLAlchemy's typed rows
        return Columns.of_rows(names, session.execute(stmt).all())
    compiled = stmt.compile(dialect=dialect, compile_kwargs={"render_postcompile": True})
    driver: Any = session.connection().connection.driver_connection
    with driver.cursor() as cursor:
        cursor.execute(str(compiled), compiled.params)
        out = Columns.of_rows(names, cursor.fetchall())
    for index, column in enumerate(columns):
        kind = _kind(column)
        if kind == "time":
            out.values[index] = respelt(out.values[index], _utc_text, repeats=True)
        elif kind == "date":
            out.values[index] = respelt(out.values[index], date.isoformat, repeats=True)
        elif kind == "digest":  # bytea: the hex digits HexDigest reads it as
            out.values[index] = _digest_texts(out.values[index])
    return out


def _utc_text(value: datetime) -> str:
    # As UTCDateTime reads it back and plain_value spells it.
    aware = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
    return aware.astimezone(UTC).isoformat()


def last_rowid(session: Session, table: Table) -> int:
    """SQLite: the largest rowid of ``table`` (0 if empty); a row inserted after takes
    a larger one."""
    found = _driver(session).execute(f'SELECT coalesce(max(rowid), 0) FROM "{table.name}"')
    last: int = found.fetchone()[0]
    return last


def insert_stored_columns(session: Session, table: Table, columns: dict[str, list[Any]]) -> None:
    """:func:`insert_stored` of rows given column by column."""
    names = list(columns)
    if not names or not columns[names[0]]:
        return
    quoted = ", ".join(f'"{n}"' for n in names)
    marks = ", ".join("?" for _n in names)
    _driver(session).executemany(
        f'INSERT INTO "{table.name}" ({quoted}) VALUES ({marks})',
        zip(*columns.values(), strict=True),
    )


def insert_stored_in_runs(
    session: Session,
    table: Table,
    columns: dict[str, list[Any]],
    *,
    counter: str,
    widths: dict[str, int],
) -> None:
    """:func:`insert_stored_columns`, faster where rows come in runs: consecutive rows
    whose ``counter`` goes up by one and whose other columns, but the fixed-width blobs
    of ``widths``, are equal (the entries of one bulk write) go in by one
    ``INSERT ... SELECT`` each, the shared values bound once and each blob cut by SQLite
    from one blob of them all. Other rows are bound one by one; every row is inserted in
    its order, so the table reads back as :func:`insert_stored_columns` leaves it."""
    names = list(columns)
    count = len(columns[counter]) if names else 0
    shared = [n for n in names if n != counter and n not in widths]
    fixed = [n for n in names if n in widths]
    keys = list(zip(*(columns[n] for n in shared), strict=True)) if shared else [()] * count
    numbers = columns[counter]
    pending: list[int] = []  # rows bound one by one, in order

    def flush_pending() -> None:
        if pending:
            insert_stored_columns(
                session, table, {n: [columns[n][i] for i in pending] for n in names}
            )
            pending.clear()

    # Rows with equal shared values, found in C (groupby over the rows' keys).
    for _key, group in groupby(range(count), key=keys.__getitem__):
        rows = list(group)
        start, stop = rows[0], rows[-1] + 1
        if stop - start >= _RUN and _a_run(columns, fixed, widths, numbers, start, stop):
            flush_pending()
            _insert_run(session, table, columns, shared, fixed, widths, counter, start, stop)
        else:
            pending.extend(rows)
    flush_pending()


def _a_run(
    columns: dict[str, list[Any]],
    fixed: list[str],
    widths: dict[str, int],
    numbers: list[Any],
    start: int,
    stop: int,
) -> bool:
    """Whether rows ``start:stop`` number on by one and every blob has its width."""
    first = numbers[start]
    if type(first) is not int or numbers[start:stop] != list(range(first, first + stop - start)):
        return False
    for name in fixed:
        values = columns[name][start:stop]
        if not set(map(type, values)) <= {bytes, bytearray}:
            return False
        if set(map(len, values)) != {widths[name]}:
            return False
    return True


# Shorter runs are bound one by one: a statement costs about what binding 30 rows does.
_RUN = 64


def _insert_run(
    session: Session,
    table: Table,
    columns: dict[str, list[Any]],
    shared: list[str],
    fixed: list[str],
    widths: dict[str, int],
    counter: str,
    start: int,
    stop: int,
) -> None:
    insert_counted_run(
        session, str(table.name), counter=counter, first=columns[counter][start],
        count=stop - start, shared={n: columns[n][start] for n in shared},
        blobs={n: (b"".join(columns[n][start:stop]), widths[n], 0) for n in fixed},
    )  # fmt: skip


def insert_stored(session: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    """Insert rows already in stored form with one ``executemany`` (the bulk of an import)."""
    if not rows:
        return
    names = list(rows[0])
    columns = ", ".join(f'"{n}"' for n in names)
    marks = ", ".join("?" for _n in names)
    values = itemgetter(*names)  # C, not a generator per row
    _driver(session).executemany(
        f'INSERT INTO "{table.name}" ({columns}) VALUES ({marks})',
        [values(row) for row in rows] if len(names) > 1 else [(row[names[0]],) for row in rows],
    )
