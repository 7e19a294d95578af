"""Many records in one go: stamped and change-logged like single writes, without the ORM.

Used by the demo generator and by sync import, where per-object ORM flushes would
cost far more than the rows themselves.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Mapping
from operator import itemgetter
from typing import Any

from sqlalchemy import Table, insert
from sqlmodel import Session

from borderdesk.domain.clock import new_id, utc_now
from borderdesk.store.name_index import index_rows
from borderdesk.store.records import SyncRecord
from borderdesk.store.serialise import canonical_json, remembering_plain_value
from borderdesk.store.tables.changelog import ChangeLogEntry
from borderdesk.store.tracking import WriteContext, append_row_seals


def insert_records(
    session: Session, model: type[SyncRecord], rows: Iterable[Mapping[str, Any]]
) -> int:
    """Insert new records of one table, stamping each and appending its change-log entry.

    The caller's transaction (``Database.write``) covers rows and log alike; each row is
    sealed in the audit log, and the caller appends one entry describing the batch.
    """
    ctx: WriteContext = session.info["write_context"]
    # SQLModel's typing declares no __table__, though every table=True class has one.
    table = model.__table__  # type: ignore[attr-defined]
    columns = [c.name for c in table.columns]
    # Model defaults for columns a row leaves out (the stamped ones are set below).
    defaults = {
        name: field.get_default(call_default_factory=False)
        for name, field in model.model_fields.items()
        if name in columns and field.default_factory is None
    }
    # Password hashes never enter the change log (tracking._log does the same).
    secret: frozenset[str] = getattr(model, "__secret_fields__", frozenset())
    # Every column, with its default (None where the stamping below sets it): a row is
    # laid over a copy of it (C speed), keeping the columns' order.
    base = {name: defaults.get(name) for name in columns}
    width = len(base)
    now = utc_now()
    plain = remembering_plain_value()
    records: list[dict[str, Any]] = []
    log: list[dict[str, Any]] = []
    for row in rows:
        record = base.copy()
        record.update(row)
        if len(record) != width:  # the row had keys that are no columns: leave them out
            record = {name: record[name] for name in columns}
        record["id"] = record["id"] or new_id()
        record["origin_site"] = record["origin_site"] or ctx.site
        record["created_at"] = record["created_at"] or now
        record["updated_at"] = record["updated_at"] or now
        record["version"] = 1
        record["deleted"] = bool(record["deleted"])
        record["hlc"] = ctx.clock.now().encode()
        records.append(record)
        log.append(
            {
                "table_name": table.name,
                "record_id": record["id"],
                "operation": "insert",
                "version": 1,
                "hlc": record["hlc"],
                "origin_site": record["origin_site"],
                "recorded_at": now,
                # canonical_json spells UUIDs and dates as plain_value does.
                "payload": canonical_json(
                    {k: v for k, v in record.items() if k not in secret}, default=plain
                ),
            }
        )
    if records:
        _execute_many(session, table, records)
        _execute_many(session, ChangeLogEntry.__table__, log)  # type: ignore[attr-defined]
        index_rows(session, table.name, records)  # persons, watchlist entries: their names
        append_row_seals(
            session,
            actor=ctx.actor,
            site=ctx.site,
            action=f"{table.name}.insert",
            table=table,
            rows=records,
        )
    return len(records)


def _repeats(column: Any) -> bool:
    """Columns whose values repeat across a batch (stamps, dates, flags), unlike ids."""
    try:
        return column.type.python_type is not uuid.UUID
    except NotImplementedError:
        return True


def _remembering(bind: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """``bind`` computed once per distinct value: a batch stamps every record with the
    same ``created_at`` and a journal's dates repeat (the processors are pure)."""
    seen: dict[Any, Any] = {}

    def remembered(value: Any) -> Any:
        try:
            return seen[value]
        except KeyError:
            seen[value] = result = bind(value)
            return result
        except TypeError:  # not hashable
            return bind(value)

    return remembered


def _execute_many(session: Session, table: Table, rows: list[dict[str, Any]]) -> None:
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
    values_of = itemgetter(*names)
    bound = [
        (index, _remembering(bind) if _repeats(column) else bind)
        for index, (column, bind) in enumerate(zip(columns, binders, strict=True))
        if bind is not None
    ]
    params = []
    for row in rows:
        values = list(values_of(row)) if len(names) > 1 else [values_of(row)]
        for index, bind in bound:
            values[index] = bind(values[index])
        params.append(tuple(values))
    connection.exec_driver_sql(statement, params)
