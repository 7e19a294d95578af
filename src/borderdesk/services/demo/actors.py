"""Who the demo builder acts as: the system, with an administrator's rights."""

from __future__ import annotations

from borderdesk.services.access.permissions import SYSTEM_ACTOR, Actor
from borderdesk.store.database import Database
from borderdesk.store.tables.users import Role


def demo_system_actor(db: Database) -> Actor:
    return Actor(
        username=SYSTEM_ACTOR, role=Role.admin, site_code=db.site_code or "", full_name="Система"
    )
