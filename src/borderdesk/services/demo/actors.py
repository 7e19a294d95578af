"""Who the demo builder acts as: the system, with an administrator's rights."""

from __future__ import annotations

from borderdesk.services.access.permissions import SYSTEM_ACTOR, Actor, issue_actor
from borderdesk.store.database import Database
from borderdesk.store.tables.users import Role


def demo_system_actor(db: Database) -> Actor:
    return issue_actor(SYSTEM_ACTOR, Role.admin, db.site_code or "", "Система")
