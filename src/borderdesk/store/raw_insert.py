"""One prepared ``executemany`` (SQLite) or one ``COPY`` (PostgreSQL) of many rows, each
value bound by its column's type.

Bulk writes (``store.bulk``, the audit seals of ``store.tracking``, sync import) skip
SQLAlchemy's per-row parameter handling, which is most of the time of a large import,
while binding every value the way ``insert()`` would: the stored values are spelt
exactly alike. On PostgreSQL the bound values go to the server by ``COPY … FROM STDIN``
(psycopg's copy), a tenth of the time of an ``executemany`` of the same rows; another
driver takes the ``insert()`` path.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from datetime import date, datetime
from operator import itemgetter
from typing import Any

from sqlalchemy import Table, insert
from sqlalchemy.orm import Session

from borderdesk.store.types import CompactUuid, HexDigest


def _repeats(column: Any) -> bool:
    """Columns whose values repeat across a batch (stamps, dates, flags), unlike ids."""
    if getattr(column.type, "repeats", True) is False:  # digests (store.types.HexDigest)
        return False
    try:
        return column.type.python_type is not uuid.UUID
    except NotImplementedError:
        return True


def _bound(values: list[Any], bind: Callable[[Any], Any], repeats: bool) -> list[Any]:
    """``bind`` of each value, computed once per distinct value of columns whose values
    repeat (a batch stamps every record with the same ``created_at``, a journal's dates
    repeat; the processors are pure)."""
    if repeats:
        try:
            spelt = {value: bind(value) for value in set(values)}
        except TypeError:  # not hashable
            return [bind(value) for value in values]
        return list(map(spelt.__getitem__, values))
    return list(map(bind, values))


# SQLite binds a bytearray as the same BLOB as bytes, but the sqlite3 module looks each
# bytes value up in its adapter registry first (a bytearray it binds at once): for the
# seals' four blobs a row, a third of their insert. So blobs bound on SQLite here are
# bytearrays. (PostgreSQL's COPY text takes bytes.)


def _uuid_bytes(value: Any) -> Any:
    # As store.types.CompactUuid binds a UUID on SQLite: its 16 bytes.
    return None if value is None else bytearray.fromhex(value.replace("-", ""))


def packed_uuids(values: list[Any]) -> bytearray | None:
    """The 16 bytes of every value, one after the other, by one ``fromhex`` of them all;
    None unless each is a text spelt as ``str(uuid.UUID)`` (32 digits, dashes where it
    has them)."""
    count = len(values)
    if not all(type(v) is str for v in values) or set(map(len, values)) - {36}:
        return None
    joined = "".join(values)
    dashes = "-" * count
    if joined.count("-") != 4 * count or any(joined[at::36] != dashes for at in (8, 13, 18, 23)):
        return None
    try:
        packed = bytearray.fromhex(joined.replace("-", ""))
    except ValueError:
        return None
    # fromhex skips whitespace: then fewer bytes come out.
    return packed if len(packed) == 16 * count else None


def uuid_blobs(values: list[Any]) -> list[Any]:
    """:func:`_uuid_bytes` of each value: for a column of UUID texts, one ``fromhex`` of
    them all, cut in sixteens (a seal a row: the call per value was most of its cost)."""
    present = [v for v in values if v is not None]
    if len(present) != len(values):  # the entries that describe no record
        converted = iter(uuid_blobs(present))
        return [None if v is None else next(converted) for v in values]
    packed = packed_uuids(values)
    if packed is None:  # each value alone (and refused as it would be)
        return list(map(_uuid_bytes, values))
    return [packed[at : at + 16] for at in range(0, len(packed), 16)]


def insert_counted_run(
    session: Session,
    table: str,
    *,
    counter: str,
    first: int,
    count: int,
    shared: dict[str, Any],
    blobs: dict[str, tuple[bytes, int, int]],
) -> None:
    """SQLite: ``count`` rows in one ``INSERT ... SELECT`` over a counted CTE: ``counter``
    numbered from ``first``, the ``shared`` values (as stored) bound once, and each
    column of ``blobs`` (data, width, offset) cut by SQLite from one blob: row ``i``
    holds ``data[offset + width * i:][:width]``. The rows :func:`execute_columns` would
    bind one by one, a fraction of the binding."""
    params: dict[str, Any] = {f"s{k}": value for k, value in enumerate(shared.values())}
    params.update({f"b{k}": data for k, (data, _w, _o) in enumerate(blobs.values())})
    params.update(count=count, first=first)
    targets = ", ".join(f'"{n}"' for n in (counter, *shared, *blobs))
    values = ", ".join(
        [
            ":first + i",
            *(f":s{k}" for k in range(len(shared))),
            *(
                f"substr(:b{k}, {width} * i + {offset + 1}, {width})"
                for k, (_d, width, offset) in enumerate(blobs.values())
            ),
        ]
    )
    session.connection().exec_driver_sql(
        "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < :count) "
        f'INSERT INTO "{table}" ({targets}) SELECT {values} FROM n',
        params,
    )


def bound_once(column: Any, value: Any, dialect: Any) -> Any:
    """``value`` as ``column``'s type binds it on ``dialect`` (for a value bound once)."""
    bind = column.type.dialect_impl(dialect).bind_processor(dialect)
    return value if bind is None or value is None else bind(value)


def uses_copy(session: Session) -> bool:
    """Whether bulk writes on this session go by PostgreSQL's COPY (psycopg 3)."""
    dialect = session.get_bind().dialect
    return dialect.name == "postgresql" and dialect.driver == "psycopg"


def execute_columns(
    session: Session,
    table: Table,
    columns: dict[str, list[Any]],
) -> None:
    """Insert rows given column by column (every list as long), each value bound by its
    column's type."""
    names = list(columns)
    if not names or not columns[names[0]]:
        return
    connection = session.connection()
    dialect = connection.dialect
    if dialect.name != "sqlite" and not uses_copy(session):
        rows = [dict(zip(names, row, strict=True)) for row in zip(*columns.values(), strict=True)]
        session.execute(insert(table), rows)
        return
    values = []
    for name in names:
        column = table.c[name]
        if isinstance(column.type, HexDigest):
            # What HexDigest binds, without its processors' calls per value (seals: three
            # digests a row); bytes are what it binds already.
            given = columns[name]
            blob = bytearray if dialect.name == "sqlite" else bytes
            if all(type(v) is bytes for v in given):
                values.append(list(map(blob, given)) if blob is bytearray else given)
                continue
            if all(type(v) is str for v in given):
                values.append(list(map(blob.fromhex, given)))
                continue
            bind = column.type.dialect_impl(dialect).bind_processor(dialect)
        elif (
            dialect.name == "sqlite"
            and isinstance(column.type, CompactUuid)
            and all(type(v) is uuid.UUID for v in columns[name])
        ):
            values.append([bytearray(v.bytes) for v in columns[name]])  # CompactUuid's bytes
            continue
        else:
            bind = column.type.dialect_impl(dialect).bind_processor(dialect)
        values.append(
            columns[name] if bind is None else _bound(columns[name], bind, _repeats(column))
        )
    quoted = ", ".join(f'"{name}"' for name in names)
    if dialect.name == "sqlite":
        marks = ", ".join("?" * len(names))
        params = list(zip(*values, strict=True))
        connection.exec_driver_sql(
            f'INSERT INTO "{table.name}" ({quoted}) VALUES ({marks})', params
        )
        return
    copy_columns(session, f'COPY "{table.name}" ({quoted}) FROM STDIN', values)


def copy_rows(session: Session, statement: str, rows: Sequence[Sequence[Any]]) -> None:
    """``rows`` into PostgreSQL by ``statement`` (a ``COPY … FROM STDIN``), in the
    session's transaction; the server parses each value's text as its column's type."""
    if not rows:
        return
    copy_columns(session, statement, [list(column) for column in zip(*rows, strict=True)])


def copy_columns(session: Session, statement: str, columns: Sequence[list[Any]]) -> None:
    """The same for rows given column by column: the COPY text is made a column at a
    time (texts, whole numbers, flags and nulls), not a value at a time; a column of
    other values goes by psycopg's own row writer."""
    driver: Any = session.connection().connection.driver_connection
    texts = [_copy_text(values) for values in columns]
    with driver.cursor() as cursor, cursor.copy(statement) as copy:
        if all(t is not None for t in texts):
            copy.write("\n".join(map("\t".join, zip(*texts, strict=True))) + "\n")
            return
        for row in zip(*columns, strict=True):
            copy.write_row(row)


# COPY's text format: a backslash, tab, newline or carriage return inside a value is
# escaped; a null is \N.
_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
_FLAGS = {True: "t", False: "f", None: "\\N"}


def _copy_text(values: list[Any]) -> list[str] | None:
    """A column's values in COPY's text format, or None for values of another kind."""
    kinds = set(map(type, values))
    nulls = type(None) in kinds
    present = [v for v in values if v is not None] if nulls else values
    kinds.discard(type(None))
    spell: Callable[[Any], str]
    if kinds <= {bytes}:  # bytea's hex text, its backslash escaped for COPY
        return ["\\N" if v is None else "\\\\x" + v.hex() for v in values]
    if kinds <= {str}:
        joined = "".join(present)
        if not ("\\" in joined or "\t" in joined or "\n" in joined or "\r" in joined):
            return ["\\N" if v is None else v for v in values] if nulls else values
        spell = _escaped
    elif kinds <= {bool}:
        return [_FLAGS[v] for v in values]
    elif kinds <= {int} or kinds <= {uuid.UUID} or kinds <= {date}:
        spell = str  # a date's str() is its ISO text
    elif kinds <= {datetime} and all(v.utcoffset() is not None for v in present):
        # An aware time's ISO text is the same instant to the server; a naive one is not.
        spell = datetime.isoformat
    else:
        return None
    if not nulls:
        return list(map(spell, values))
    return ["\\N" if v is None else spell(v) for v in values]


def _escaped(text: str) -> str:
    return text.translate(_ESCAPES)


def execute_many(session: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    """One ``executemany`` of a prepared INSERT (one COPY on PostgreSQL), each value
    bound by its column's type.

    The same bind processors SQLAlchemy's ``insert()`` applies (so the stored values are
    spelt exactly alike), without building a parameter dict per row: on SQLite this is
    most of the time of a large import.
    """
    if not rows:
        return
    names = [column.name for column in table.columns if column.name in rows[0]]
    # Column by column: each column's values bound in one pass, then zipped into rows.
    execute_columns(session, table, {name: list(map(itemgetter(name), rows)) for name in names})


__all__ = [
    "bound_once",
    "copy_columns",
    "copy_rows",
    "execute_columns",
    "execute_many",
    "insert_counted_run",
    "packed_uuids",
    "uses_copy",
    "uuid_blobs",
]
