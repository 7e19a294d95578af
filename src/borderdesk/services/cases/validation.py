"""What an apprehension case takes from the document check that opened it.

The check is read with a plain select by id (not through the checks service), so
cases do not depend on how checks are kept beyond the columns named here.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from borderdesk.domain.local_time import local_date
from borderdesk.domain.safe_text import shown_in_message
from borderdesk.errors import BorderDeskError, InputError, NotFoundError
from borderdesk.i18n import _
from borderdesk.services.site.sites import this_site
from borderdesk.store.database import Database
from borderdesk.store.types import UTCDateTime

_CHECK = sa.table(
    "document_check",
    sa.column("id", sa.Uuid()),
    sa.column("person_id", sa.Uuid()),
    sa.column("checked_at", UTCDateTime()),
    sa.column("decision", sa.String()),
    sa.column("note", sa.String()),
    sa.column("deleted", sa.Boolean()),
)


@dataclass(frozen=True)
class CheckFacts:
    id: uuid.UUID
    person_id: uuid.UUID
    day: date  # the day of the check in the site's time zone
    decision: str | None
    note: str


def read_check(db: Database, check_id: uuid.UUID | str) -> CheckFacts:
    try:
        cid = check_id if isinstance(check_id, uuid.UUID) else uuid.UUID(str(check_id))
    except ValueError:
        raise InputError(
            _("'{id}' is not a record id.").format(id=shown_in_message(check_id))
        ) from None
    with db.read() as session:
        if not sa.inspect(session.connection()).has_table("document_check"):
            raise NotFoundError(_("No check {id}.").format(id=check_id), code="not_found")
        row = session.execute(sa.select(_CHECK).where(_CHECK.c.id == cid)).first()
    if row is None or row.deleted:
        raise NotFoundError(_("No check {id}.").format(id=check_id), code="not_found")
    if row.decision != "detain":
        raise BorderDeskError(
            _("Only a check decided 'detain' opens an apprehension case."), code="not_detained"
        )
    return CheckFacts(
        id=row.id,
        person_id=row.person_id,
        day=local_date(row.checked_at, this_site(db).timezone),
        decision=row.decision,
        note=row.note or "",
    )
