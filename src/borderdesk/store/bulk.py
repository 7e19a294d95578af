"""Many records in one go: stamped and change-logged like single writes, without the ORM.

Used by the demo generator and by sync import, where per-object ORM flushes would
cost far more than the rows themselves.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlmodel import Session

from borderdesk.domain.clock import new_ids, utc_now
from borderdesk.store.fast_json import canonical_row_json
from borderdesk.store.name_index import index_rows
from borderdesk.store.raw_insert import execute_many
from borderdesk.store.records import SyncRecord
from borderdesk.store.serialise import remembering_plain_value
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
    # A plain str: sqlite3 adapts a str subclass (quoted_name) slowly, value by value.
    table_name = str(table.name)
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
    for row in rows:
        record = base.copy()
        record.update(row)
        if len(record) != width:  # the row had keys that are no columns: leave them out
            record = {name: record[name] for name in columns}
        records.append(record)
    # One reading of the clock and one draw of ids for the batch, not one per record.
    stamps = ctx.clock.now_encoded(len(records))
    ids = iter(new_ids(sum(1 for record in records if not record["id"])))
    log: list[dict[str, Any]] = []
    for record, stamp in zip(records, stamps, strict=True):
        record["id"] = record["id"] or next(ids)
        record["origin_site"] = record["origin_site"] or ctx.site
        record["created_at"] = record["created_at"] or now
        record["updated_at"] = record["updated_at"] or now
        record["version"] = 1
        record["deleted"] = bool(record["deleted"])
        record["hlc"] = stamp
        shown = {k: v for k, v in record.items() if k not in secret} if secret else record
        log.append(
            {
                "table_name": table_name,
                "record_id": record["id"],
                "operation": "insert",
                "version": 1,
                "hlc": stamp,
                "origin_site": record["origin_site"],
                "recorded_at": now,
                # canonical_json's text (UUIDs and dates spelt as plain_value does).
                "payload": canonical_row_json(shown, default=plain),
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


# The prepared executemany lives in store.raw_insert (the audit seals use it too).
_execute_many = execute_many
