"""Consistent copies of the database while the program runs."""

from __future__ import annotations

from pathlib import Path

from borderdesk.services.access.permissions import Actor, Permission, require
from borderdesk.store.database import Database
from borderdesk.store.tracking import append_audit


def backup(db: Database, *, actor: Actor, out: Path) -> Path:
    require(actor, Permission.backup)
    db.backup_to(out)
    with db.write(actor=actor.username) as session:
        append_audit(
            session,
            actor=actor.username,
            site=db.site_code or "",
            action="backup",
            changes={"file": str(out)},
        )
    return out
