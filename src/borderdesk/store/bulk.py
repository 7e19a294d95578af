"""Many records in one go: stamped and change-logged like single writes, without the ORM.

Used by the demo generator and by sync import, where per-object ORM flushes would
cost far more than the rows themselves.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import insert
from sqlmodel import Session

from borderdesk.domain.clock import new_id, utc_now
from borderdesk.store.records import SyncRecord
from borderdesk.store.serialise import canonical_json, plain_value
from borderdesk.store.tables.changelog import ChangeLogEntry
from borderdesk.store.tracking import WriteContext


def insert_records(
    session: Session, model: type[SyncRecord], rows: Iterable[Mapping[str, Any]]
) -> int:
    """Insert new records of one table, stamping each and appending its change-log entry.

    The caller's transaction (``Database.write``) covers rows and log alike, and the
    caller appends one audit entry describing the batch.
    """
    ctx: WriteContext = session.info["write_context"]
    table = model.__table__  # type: ignore[attr-defined]
    columns = [c.name for c in table.columns]
    # Model defaults for columns a row leaves out (the stamped ones are set below).
    defaults = {
        name: field.get_default(call_default_factory=False)
        for name, field in model.model_fields.items()
        if name in columns and field.default_factory is None
    }
    # Password hashes never enter the change log (tracking._log does the same).
    secret = getattr(model, "__secret_fields__", frozenset())
    now = utc_now()
    records: list[dict[str, Any]] = []
    log: list[dict[str, Any]] = []
    for row in rows:
        record = {name: row.get(name, defaults.get(name)) for name in columns}
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
                "payload": canonical_json(
                    {k: plain_value(v) for k, v in record.items() if k not in secret}
                ),
            }
        )
    if records:
        session.execute(insert(table), records)
        session.execute(insert(ChangeLogEntry.__table__), log)  # type: ignore[attr-defined]
    return len(records)
