"""The conflict queue: listing concurrent versions and resolving them.

A resolution is an ordinary edit of the record (through the ORM, so it is stamped,
logged and audited like any other) and therefore travels to every site like one.
Keeping the winner re-stamps the record unchanged, so it travels too. The package
then names both stamps of the conflict among the record's history, and a site that
queued the same conflict closes it on receipt (``close_superseded``).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Table, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified
from sqlmodel import SQLModel, col

from borderdesk.domain.clock import utc_now
from borderdesk.errors import InputError
from borderdesk.i18n import _
from borderdesk.store.records import SyncRecord
from borderdesk.store.tables import AuditEntry, ForeignAuditEntry, SyncConflict, load_all
from borderdesk.store.tracking import WriteContext, append_audit
from borderdesk.sync import conflicts_merge
from borderdesk.sync.routing import IMMUTABLE_TABLES
from borderdesk.sync.rows import typed_row

KEEP_WINNER = "winner"
KEEP_OTHER = "other"
KEEP_MERGE = "merge"  # field by field: see sync.conflicts_merge
OPEN = "open"
# Closed here because the site that resolved it sent its resolution.
RESOLVED_ELSEWHERE = "resolved_remote"
# Bookkeeping columns are the new edit's own; the rest is taken from the chosen version.
_STAMPS = frozenset({"id", "origin_site", "created_at", "updated_at", "version", "hlc"})
_CLOSED_HERE = {KEEP_WINNER: "kept_winner", KEEP_OTHER: "kept_other", KEEP_MERGE: "merged"}


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
    # Both versions in full (column: value), for a side-by-side view.
    winner_fields: dict[str, object]
    other_fields: dict[str, object]


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


def _versions(conflict: SyncConflict) -> tuple[dict[str, object], dict[str, object]]:
    """Both stored versions; a damaged one reads as empty rather than failing the list."""
    out = []
    for text in (conflict.winner_row, conflict.other_row):
        try:
            value = json.loads(text)
        except ValueError:
            value = {}
        out.append(value if isinstance(value, dict) else {})
    return out[0], out[1]


def differences(conflict: SyncConflict) -> dict[str, list[object]]:
    winner, other = _versions(conflict)
    return {
        key: [winner.get(key), other.get(key)]
        for key in sorted(set(winner) | set(other))
        if key not in _STAMPS and winner.get(key) != other.get(key) and key in other
    }


def list_conflicts(session: Session, *, open_only: bool = True) -> list[ConflictRow]:
    stmt = select(SyncConflict).order_by(col(SyncConflict.detected_at))
    if open_only:
        stmt = stmt.where(col(SyncConflict.status) == OPEN)
    out = []
    for c in session.execute(stmt).scalars():
        winner, other = _versions(c)
        out.append(
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
                winner_fields={k: v for k, v in winner.items() if k not in _STAMPS},
                other_fields={k: v for k, v in other.items() if k not in _STAMPS},
            )
        )
    return out


def _model_of(table: str) -> type[SyncRecord] | None:
    load_all()  # store.tables loads lazily: every mapper in the registry first
    for mapper in SQLModel._sa_registry.mappers:
        cls = mapper.class_
        if getattr(cls, "__tablename__", None) == table and issubclass(cls, SyncRecord):
            return cls  # type: ignore[no-any-return]
    return None


def resolve(
    session: Session,
    conflict: SyncConflict,
    *,
    keep: str,
    actor: str,
    fields: Mapping[str, str] | None = None,
    rules: conflicts_merge.TableRules | None = None,
) -> None:
    """Close a conflict: keep the winner (re-stamped, so the decision travels), write
    the other version anew, or merge the two field by field (``fields``: name → winner
    or other). Either way an edit other sites see as the resolution. A merge that
    breaks a rule of the record (the shared ones, then ``rules``: the services' rules of
    its table) raises InputError before anything is written."""
    if keep == KEEP_MERGE and conflict.kind != "concurrent":
        raise InputError(_not_mergeable())
    if conflict.kind == "concurrent":
        if conflict.table_name in IMMUTABLE_TABLES:  # never queued: a guard, not a path
            raise InputError(_not_mergeable())
        model = _model_of(conflict.table_name)
        record = session.get(model, conflict.record_id) if model is not None else None
        if record is not None and model is not None:
            chosen = _chosen_version(model, conflict, keep, fields or {}, rules)
            if chosen is None:
                flag_modified(record, "updated_at")  # same content, a new stamp
            else:
                table: Table = model.__table__  # type: ignore[attr-defined]
                for key, value in typed_row(table, chosen).items():
                    if key not in _STAMPS:
                        setattr(record, key, value)
            session.add(record)
            session.flush()
    conflict.status = _CLOSED_HERE[keep]
    conflict.resolved_by = actor
    conflict.resolved_at = utc_now()
    session.add(conflict)
    changes: dict[str, object] = {"conflict": str(conflict.id), "keep": keep}
    if keep == KEEP_MERGE:
        changes["fields"] = dict(sorted((fields or {}).items()))
    ctx: WriteContext | None = session.info.get("write_context")
    if ctx is not None:
        append_audit(
            session,
            actor=actor,
            site=ctx.site,
            action="sync.resolve",
            table_name=conflict.table_name,
            record_id=conflict.record_id,
            changes=changes,
        )


def _chosen_version(
    model: type[SyncRecord],
    conflict: SyncConflict,
    keep: str,
    fields: Mapping[str, str],
    rules: conflicts_merge.TableRules | None = None,
) -> dict[str, object] | None:
    """The version to write (None: the winner as it stands), merged and checked."""
    winner, other = _versions(conflict)
    if keep == KEEP_OTHER:
        return other
    if keep != KEEP_MERGE:
        return None
    merged = conflicts_merge.merged_version(winner, other, list(differences(conflict)), fields)
    problem = conflicts_merge.merge_problem(model, merged, rules)
    if problem is not None:
        raise InputError(_("The merged record is refused: {reason}").format(reason=problem))
    return merged


def _not_mergeable() -> str:
    return _("Only two versions of one record can be merged field by field.")


def resolved_stamps(session: Session, ids: list[uuid.UUID]) -> dict[str, list[str]]:
    """Per record, both stamps of every conflict resolved here: sent in the record's
    history, they tell a site with the same conflict queued that it is settled."""
    out: dict[str, list[str]] = {}
    closed = col(SyncConflict.status).in_(tuple(_CLOSED_HERE.values()))
    for start in range(0, len(ids), 900):
        stmt = select(
            col(SyncConflict.record_id), col(SyncConflict.winner_hlc), col(SyncConflict.other_hlc)
        ).where(col(SyncConflict.record_id).in_(ids[start : start + 900]), closed)
        for record_id, winner, other in session.execute(stmt):
            out.setdefault(str(record_id), []).extend((winner, other))
    return out


def close_superseded(
    session: Session, record_id: uuid.UUID, seen: set[str], *, sender: str, now: datetime
) -> int:
    """Close the open conflicts of a record whose both versions the sender had seen
    when it made the version that arrived: the sender resolved them."""
    stmt = select(SyncConflict).where(
        col(SyncConflict.record_id) == record_id, col(SyncConflict.status) == OPEN
    )
    closed = 0
    for conflict in session.execute(stmt).scalars():
        if {conflict.winner_hlc, conflict.other_hlc} <= seen:
            conflict.status = RESOLVED_ELSEWHERE
            conflict.resolved_by = sender
            conflict.resolved_at = now
            session.add(conflict)
            closed += 1
    return closed
