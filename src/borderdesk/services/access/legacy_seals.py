"""Seal the rows written before rows were sealed (migration 0009a): ``audit seal-legacy``.

Until then ``audit verify`` cannot tell whether such a row was edited behind the
program's back; it skips rows without a seal while the database carries the "legacy
rows" mark. Sealing appends one audit entry per unsealed row (its digest as it stands
now) and drops the mark, so from then on every row must match its seal.

The honest limit: this seals the state as found. An edit made before sealing is sealed
with it; only an edit after it is detected. The log must verify first, so sealing never
covers a tampering verify can already see.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete
from sqlalchemy import select as sa_select
from sqlmodel import col, select

from borderdesk.errors import BorderDeskError
from borderdesk.i18n import _
from borderdesk.services.access.permissions import Actor, Permission, require
from borderdesk.store import audit_head, batch_seals
from borderdesk.store.database import Database
from borderdesk.store.row_digest import audited_tables
from borderdesk.store.tables import AuditEntry, LocalSetting
from borderdesk.store.tracking import append_audit, append_row_seals

SEAL_LEGACY_ACTION = "audit.seal_legacy"
_BATCH = 1000  # rows per bulk insert of seals: bounded memory on a large site


def seal_legacy_rows(db: Database, *, actor: Actor) -> int:
    """Seal every row no audit entry seals yet; returns how many. One transaction."""
    require(actor, Permission.seal_legacy_rows)
    from borderdesk.services.access.audit import check_log

    site = db.site_code or ""
    with db.write(actor=actor.username) as session:
        whole = check_log(session, site)
        if not whole.ok:
            raise BorderDeskError(
                _("The audit log does not verify; nothing was sealed: {message}").format(
                    message=whole.message
                ),
                code="audit_broken",
            )
        sealed = {
            (table, str(record))
            for table, record in session.exec(
                select(AuditEntry.table_name, AuditEntry.record_id).where(
                    col(AuditEntry.row_hash) != "", col(AuditEntry.record_id).is_not(None)
                )
            )
        }
        batches = select(AuditEntry.table_name, AuditEntry.changes).where(
            col(AuditEntry.record_id).is_(None), col(AuditEntry.row_hash) == ""
        )
        for table_name, changes in session.exec(batches):
            rows = batch_seals.sealed_rows(None, "", changes)
            sealed.update((table_name, record) for record in rows)
        count = 0
        for table in sorted(audited_tables(), key=lambda t: t.name):
            batch: list[dict[str, Any]] = []
            for row in session.execute(sa_select(table)).mappings():
                if (table.name, str(row["id"])) in sealed:
                    continue
                batch.append(dict(row))
                if len(batch) >= _BATCH:
                    count += _seal(session, actor, site, table, batch)
                    batch = []
            count += _seal(session, actor, site, table, batch)
        session.execute(
            delete(LocalSetting).where(col(LocalSetting.key) == audit_head.LEGACY_ROWS_KEY)
        )
        append_audit(
            session,
            actor=actor.username,
            site=site,
            action=SEAL_LEGACY_ACTION,
            changes={"sealed": count},
        )
    return count


def _seal(session: Any, actor: Actor, site: str, table: Any, rows: list[dict[str, Any]]) -> int:
    append_row_seals(
        session, actor=actor.username, site=site, action=SEAL_LEGACY_ACTION, table=table, rows=rows
    )
    return len(rows)
