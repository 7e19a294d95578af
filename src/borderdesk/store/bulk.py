"""Many records in one go: stamped and change-logged like single writes, without the ORM.

Used by the demo generator and by sync import, where per-object ORM flushes would
cost far more than the rows themselves.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Boolean, Table
from sqlmodel import Session

from borderdesk.domain.clock import new_ids, utc_now
from borderdesk.store.fast_json import canonical_row_json
from borderdesk.store.name_index import index_rows
from borderdesk.store.raw_insert import execute_many
from borderdesk.store.records import SyncRecord
from borderdesk.store.row_digest import row_digest
from borderdesk.store.serialise import remembering_plain_value
from borderdesk.store.tables.changelog import ChangeLogEntry
from borderdesk.store.tracking import WriteContext, append_row_seals, observe_stored_stamps


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
    # A table with secrets (password hashes) is sealed row by row, as tracking does.
    secret: frozenset[str] = getattr(model, "__secret_fields__", frozenset())
    # Every column, with its default (None where the stamping below sets it): a row is
    # laid over a copy of it (C speed), keeping the columns' order.
    base = {name: defaults.get(name) for name in columns}
    width = len(base)
    now = utc_now()
    plain = _SealedSpelling(table, remembering_plain_value())
    records: list[dict[str, Any]] = []
    for row in rows:
        record = base.copy()
        record.update(row)
        if len(record) != width:  # the row had keys that are no columns: leave them out
            record = {name: record[name] for name in columns}
        records.append(record)
    # Past every stored stamp first, as a tracked write is (a second HQ client on
    # PostgreSQL may have written newer ones): else export's safe point could be undercut.
    observe_stored_stamps(session, ctx)
    # One reading of the clock and one draw of ids for the batch, not one per record.
    stamps = ctx.clock.now_encoded(len(records))
    ids = iter(new_ids(sum(1 for record in records if not record["id"])))
    log: list[dict[str, Any]] = []
    digests: list[str] | None = None if secret else []
    for record, stamp in zip(records, stamps, strict=True):
        record["id"] = record["id"] or next(ids)
        record["origin_site"] = record["origin_site"] or ctx.site
        record["created_at"] = record["created_at"] or now
        record["updated_at"] = record["updated_at"] or now
        record["version"] = 1
        record["deleted"] = bool(record["deleted"])
        record["hlc"] = stamp
        log.append(
            {
                "table_name": table_name,
                "record_id": record["id"],
                "operation": "insert",
                "version": 1,
                "hlc": stamp,
                "origin_site": record["origin_site"],
                "recorded_at": now,
                "payload": "",  # nothing reads a copy of the row (tables.changelog)
            }
        )
        if digests is not None:  # canonical_json's text, as a row seal hashes it
            digests.append(plain.seal(record, plain.spell(record)))
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
            digests=digests,
        )
    return len(records)


_NO_OFFSET = timedelta(0)
_PLAIN_BOOLEAN = (bool, type(None))


class _SealedSpelling:
    """A record's canonical JSON, and its row seal from that text where the two spell
    it alike (``store.row_digest``): every date and time in UTC, every boolean a
    boolean, no secret field left out. Otherwise the seal is computed on its own."""

    def __init__(self, table: Table, plain: Callable[[Any], Any]) -> None:
        self.table = table
        self.booleans = [c.name for c in table.columns if isinstance(c.type, Boolean)]
        self.plain = plain
        self.in_utc = True

    def default(self, value: Any) -> Any:
        if isinstance(value, datetime) and value.utcoffset() != _NO_OFFSET:
            self.in_utc = False  # naive, or in another zone: the seal spells it in UTC
        return self.plain(value)

    def spell(self, record: dict[str, Any]) -> str:
        self.in_utc = True
        return canonical_row_json(record, default=self.default)

    def seal(self, record: dict[str, Any], text: str) -> str:
        """The row seal of the record whose text :meth:`spell` just gave."""
        if self.in_utc and all(record[name].__class__ in _PLAIN_BOOLEAN for name in self.booleans):
            return hashlib.sha256(text.encode()).hexdigest()
        return row_digest(self.table, record)


# The prepared executemany lives in store.raw_insert (the audit seals use it too).
_execute_many = execute_many
