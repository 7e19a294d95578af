"""The conflict queue: listing concurrent versions and resolving them.

A resolution is an ordinary edit of the record (through the ORM, so it is stamped,
logged and audited like any other) and therefore travels to every site like one.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Table, select
from sqlalchemy.orm import Session
from sqlmodel import SQLModel, col

from borderdesk.domain.clock import utc_now
from borderdesk.store.records import SyncRecord
from borderdesk.store.tables import AuditEntry, ForeignAuditEntry, SyncConflict, load_all
from borderdesk.sync.rows import typed_row

KEEP_WINNER = "winner"
KEEP_OTHER = "other"
# Bookkeeping columns are the new edit's own; the rest is taken from the chosen version.
_STAMPS = frozenset({"id", "origin_site", "created_at", "updated_at", "version", "hlc"})


@dataclass(frozen=True)
class ConflictRow:
    id: str
    table_name: str
    record_id: str
    kind: str
    detected_at: datetime
    winner_site: str
    winner_user: str
    other_site: str
    other_user: str
    differences: dict[str, list[object]]
    status: str


def last_editor(session: Session, record_id: uuid.UUID) -> str:
    """Who last changed the record, from this site's audit log or another site's."""
    own = session.execute(
        select(col(AuditEntry.actor))
        .where(col(AuditEntry.record_id) == record_id)
        .order_by(col(AuditEntry.seq).desc())
        .limit(1)
    ).scalar_one_or_none()
    if own:
        return own
    foreign = session.execute(
        select(col(ForeignAuditEntry.actor))
        .where(col(ForeignAuditEntry.record_id) == record_id)
        .order_by(col(ForeignAuditEntry.at).desc())
        .limit(1)
    ).scalar_one_or_none()
    return foreign or ""


def differences(conflict: SyncConflict) -> dict[str, list[object]]:
    winner, other = json.loads(conflict.winner_row), json.loads(conflict.other_row)
    return {
        key: [winner.get(key), other.get(key)]
        for key in sorted(set(winner) | set(other))
        if key not in _STAMPS and winner.get(key) != other.get(key) and key in other
    }


def list_conflicts(session: Session, *, open_only: bool = True) -> list[ConflictRow]:
    stmt = select(SyncConflict).order_by(col(SyncConflict.detected_at))
    if open_only:
        stmt = stmt.where(col(SyncConflict.status) == "open")
    return [
        ConflictRow(
            id=str(c.id),
            table_name=c.table_name,
            record_id=str(c.record_id),
            kind=c.kind,
            detected_at=c.detected_at,
            winner_site=c.winner_site,
            winner_user=c.winner_user,
            other_site=c.other_site,
            other_user=c.other_user,
            differences=differences(c),
            status=c.status,
        )
        for c in session.execute(stmt).scalars()
    ]


def _model_of(table: str) -> type[SyncRecord] | None:
    load_all()  # store.tables loads lazily: every mapper in the registry first
    for mapper in SQLModel._sa_registry.mappers:
        cls = mapper.class_
        if getattr(cls, "__tablename__", None) == table and issubclass(cls, SyncRecord):
            return cls  # type: ignore[no-any-return]
    return None


def resolve(session: Session, conflict: SyncConflict, *, keep: str, actor: str) -> None:
    """Close a conflict: keep the winner as it is, or write the other version anew."""
    if keep == KEEP_OTHER and conflict.kind == "concurrent":
        model = _model_of(conflict.table_name)
        record = session.get(model, conflict.record_id) if model is not None else None
        if record is not None:
            other = json.loads(conflict.other_row)
            table: Table = model.__table__  # type: ignore[union-attr]
            for key, value in typed_row(table, other).items():
                if key not in _STAMPS:
                    setattr(record, key, value)
            session.add(record)
            session.flush()
    conflict.status = "kept_other" if keep == KEEP_OTHER else "kept_winner"
    conflict.resolved_by = actor
    conflict.resolved_at = utc_now()
    session.add(conflict)
