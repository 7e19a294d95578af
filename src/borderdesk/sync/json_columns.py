"""Rows read column by column through SQLite's ``json_group_array`` (export, SQLite).

A cursor hands out a tuple per row and a Python object per value, which the export
then turns into columns; SQLite's JSON aggregates build each column's values as one
JSON text in C instead, and orjson parses it: about half the time of the cursor for a
package's table, and the values come as columns already. The values are the stored
ones, as the cursor gives them (text, integers, NULL), with two exceptions that SQLite's
JSON cannot spell exactly: a blob (refused by SQLite) and a real (printed with 15
digits). The program writes blobs only in the columns it stores bytes in (the audit
tables' digests and compact UUIDs): those come as their hex digits. A real stored behind
the program's back, in a column whose affinity keeps it, or anything but bytes in a
bytes column, is turned into a blob here so that SQLite refuses it too. Every refusal
is :class:`NotJson`, and the caller reads the rows by the cursor instead.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from types import MappingProxyType
from typing import Any

import orjson

# Rows per statement: the JSON texts of one chunk are alive at once (a few MB).
CHUNK = 20_000
_ROWIDS = (-(1 << 63), (1 << 63) - 1)  # SQLite's range of rowids
_NONE: Mapping[str, int] = MappingProxyType({})


class NotJson(Exception):
    """A stored value SQLite's JSON cannot carry as it is (or a text it cannot decode)."""


def _keeps_text_only(declared: str) -> bool:
    """Whether a column of this declared type has TEXT affinity, by SQLite's rules
    (https://sqlite.org/datatype3.html, 3.1): it stores a number given to it as text."""
    kind = declared.upper()
    return "INT" not in kind and any(word in kind for word in ("CHAR", "CLOB", "TEXT"))


def _select_list(
    driver: sqlite3.Connection, table: str, names: Sequence[str], of_bytes: Mapping[str, int]
) -> str:
    """One ``json_group_array`` per column of ``names``, a real turned into a blob where
    the column's affinity could keep one (by the file's own declared types); a column
    of ``of_bytes`` (name: the length its values must have, 0 for any) as hex digits,
    any other value there turned into a blob."""
    declared = {row[1]: row[2] for row in driver.execute(f'PRAGMA table_info("{table}")')}
    parts = []
    for name in names:
        column = f'"{table}"."{name}"'
        if name in of_bytes:
            length = of_bytes[name]
            fits = f" AND length({column}) = {int(length)}" if length else ""
            column = (
                f"IIF(typeof({column}) = 'blob'{fits}, lower(hex({column})), "
                f"IIF({column} IS NULL, NULL, x''))"
            )
        elif not _keeps_text_only(declared.get(name, "")):
            column = f"IIF(typeof({column}) = 'real', x'', {column})"
        parts.append(f"json_group_array({column})")
    return ", ".join(parts)


def _parsed(texts: Sequence[str]) -> list[Sequence[Any]]:
    try:
        return [orjson.loads(text) for text in texts]
    except orjson.JSONDecodeError:  # an infinite real SQLite spelt as Inf
        raise NotJson from None


def _one_row(driver: sqlite3.Connection, sql: str, params: tuple[Any, ...]) -> Sequence[str]:
    try:
        row: Sequence[str] = driver.execute(sql, params).fetchone()
    except sqlite3.OperationalError as error:  # a blob, or text that is not UTF-8
        raise NotJson from error
    return row


def table_chunks(
    driver: sqlite3.Connection,
    table: str,
    names: Sequence[str],
    *,
    where: str = "1",
    of_bytes: Mapping[str, int] = _NONE,
) -> Iterator[list[Sequence[Any]]]:
    """The rows of ``table`` that match ``where`` (SQL), a chunk of at most
    :data:`CHUNK` consecutive rowids at a time, each chunk as one list per column of
    ``names``; in rowid order."""
    columns = _select_list(driver, table, names, of_bytes)
    sql = f'SELECT {columns} FROM "{table}" WHERE ({where}) AND rowid BETWEEN ? AND ?'
    after = f'SELECT min(rowid) FROM "{table}" WHERE ({where}) AND rowid >= ?'
    start: int | None = driver.execute(after, (_ROWIDS[0],)).fetchone()[0]
    while start is not None:
        end = min(start + CHUNK - 1, _ROWIDS[1])
        yield _parsed(_one_row(driver, sql, (start, end)))
        # A gap in the rowids (rows deleted) costs one more look-up, never an empty read.
        start = None if end == _ROWIDS[1] else driver.execute(after, (end + 1,)).fetchone()[0]


def listed_chunks(
    driver: sqlite3.Connection,
    table: str,
    names: Sequence[str],
    ids: Sequence[Any],
    *,
    of_bytes: Mapping[str, int] = _NONE,
) -> Iterator[list[Sequence[Any]]]:
    """The rows whose stored ``id`` is one of ``ids`` (each listed once), :data:`CHUNK`
    ids at a time, each chunk as one list per column of ``names``; an id without a row
    gives none. Joined from ``json_each``: one parameter however many ids."""
    sql = (
        f"SELECT {_select_list(driver, table, names, of_bytes)} FROM json_each(?) AS listed "
        f'JOIN "{table}" ON "{table}".id = listed.value'
    )
    for start in range(0, len(ids), CHUNK):
        listed = orjson.dumps(list(ids[start : start + CHUNK])).decode()
        yield _parsed(_one_row(driver, sql, (listed,)))
