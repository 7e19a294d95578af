"""The conflict queue for supervisors: list, and resolve (a resolution syncs as an edit)."""

from __future__ import annotations

import uuid
from collections.abc import Mapping

from borderdesk.errors import InputError, NotFoundError
from borderdesk.i18n import _
from borderdesk.services.access.permissions import Actor, Permission, require
from borderdesk.services.sync.merge_rules import merge_rule_problem
from borderdesk.store.database import Database
from borderdesk.store.tables import SyncConflict
from borderdesk.sync import conflicts
from borderdesk.sync.conflicts import KEEP_MERGE, KEEP_OTHER, KEEP_WINNER, ConflictRow


def list_conflicts(db: Database, *, actor: Actor, open_only: bool = True) -> list[ConflictRow]:
    require(actor, Permission.sync)
    with db.read() as session:
        return conflicts.list_conflicts(session, open_only=open_only)


def resolve_conflict(
    db: Database,
    *,
    actor: Actor,
    conflict_id: str,
    keep: str,
    fields: Mapping[str, str] | None = None,
) -> None:
    """Keep the winner, take the other version, or merge: ``keep="merge"`` with
    ``fields`` naming, per differing field, the version to take it from (the rest stay
    the winner's). The merged record is checked like any edit; a refusal writes nothing."""
    require(actor, Permission.resolve_conflicts)
    if keep not in (KEEP_WINNER, KEEP_OTHER, KEEP_MERGE):
        raise InputError(_("Keep 'winner', 'other' or 'merge'."))
    if fields and keep != KEEP_MERGE:
        raise InputError(_("Fields are chosen only for a merge."))
    if keep == KEEP_MERGE and not fields:
        raise InputError(_("Choose the fields to take from the other version."))
    try:
        key = uuid.UUID(conflict_id.strip())
    except ValueError:
        raise InputError(_("Not a conflict number: {id}").format(id=conflict_id)) from None
    with db.write(actor=actor.username) as session:
        conflict = session.get(SyncConflict, key)
        if conflict is None:
            raise NotFoundError(_("No conflict {id}.").format(id=conflict_id))
        if conflict.status != "open":
            raise InputError(_("Conflict {id} is resolved already.").format(id=conflict_id))
        conflicts.resolve(
            session,
            conflict,
            keep=keep,
            actor=actor.username,
            fields=fields,
            rules=merge_rule_problem,
        )
