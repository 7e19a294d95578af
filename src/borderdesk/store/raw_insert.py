"""One prepared ``executemany`` of many rows, each value bound by its column's type.

Bulk writes (``store.bulk``, the audit seals of ``store.tracking``) on SQLite skip
SQLAlchemy's per-row parameter handling, which is most of the time of a large import,
while binding every value the way ``insert()`` would: the stored values are spelt
exactly alike. Other databases take the ``insert()`` path.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from operator import itemgetter
from typing import Any

from sqlalchemy import Table, insert
from sqlalchemy.orm import Session


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


def execute_many(session: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    """One ``executemany`` of a prepared INSERT, each value bound by its column's type.

    The same bind processors SQLAlchemy's ``insert()`` applies (so the stored values are
    spelt exactly alike), without building a parameter dict per row: on SQLite this is
    most of the time of a large import. Other databases take the ``insert()`` path.
    """
    connection = session.connection()
    dialect = connection.dialect
    if dialect.name != "sqlite":
        session.execute(insert(table), rows)
        return
    columns = [column for column in table.columns if column.name in rows[0]]
    binders = [column.type.dialect_impl(dialect).bind_processor(dialect) for column in columns]
    names = [column.name for column in columns]
    statement = 'INSERT INTO "{table}" ({columns}) VALUES ({marks})'.format(
        table=table.name,
        columns=", ".join(f'"{name}"' for name in names),
        marks=", ".join("?" * len(names)),
    )
    # Column by column: each column's values bound in one pass, then zipped into rows.
    values = [list(map(itemgetter(name), rows)) for name in names]
    for index, (column, bind) in enumerate(zip(columns, binders, strict=True)):
        if bind is not None:
            values[index] = _bound(values[index], bind, _repeats(column))
    params = list(zip(*values, strict=True))
    connection.exec_driver_sql(statement, params)


__all__ = ["execute_many"]
