"""The site this database belongs to."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import select

from borderdesk.domain.local_time import today_in
from borderdesk.errors import DatabaseError
from borderdesk.i18n import _
from borderdesk.store.database import Database
from borderdesk.store.tables import Site


@dataclass(frozen=True)
class SiteInfo:
    code: str
    name: str
    kind: str
    timezone: str


def this_site(db: Database) -> SiteInfo:
    with db.read() as session:
        site = session.exec(select(Site).where(Site.code == db.site_code)).first()
    if site is None:
        raise DatabaseError(_("This database has no site: run 'borderdesk init'."))
    return SiteInfo(code=site.code, name=site.name, kind=site.kind, timezone=site.timezone)


def site_today(db: Database) -> date:
    """Today at this site: the calendar day in its time zone, not the machine's."""
    return today_in(this_site(db).timezone)
