"""Finding saved checks: one by its id or protocol number, and the most recent ones."""

from __future__ import annotations

import uuid

from sqlmodel import Session, col, select

from borderdesk.errors import NotFoundError
from borderdesk.i18n import _
from borderdesk.services.access.permissions import Actor, Permission, require
from borderdesk.services.checks.choices import RECENT_LIMIT
from borderdesk.services.checks.records import CheckRecord, correction_of, record_of
from borderdesk.store.database import Database
from borderdesk.store.tables.checks import DocumentCheck


def check_row(session: Session, ref: uuid.UUID | str) -> DocumentCheck:
    """A check by its record id, or by its protocol number ('POST-07-2026-000012')."""
    row: DocumentCheck | None
    if isinstance(ref, uuid.UUID):
        row = session.get(DocumentCheck, ref)
    else:
        text = ref.strip()
        try:
            row = session.get(DocumentCheck, uuid.UUID(text))
        except ValueError:
            stmt = select(DocumentCheck).where(DocumentCheck.protocol_number == text.upper())
            row = session.exec(stmt).first()
    if row is None or row.deleted:
        raise NotFoundError(_("No check {id}.").format(id=ref))
    return row


def recent_checks(db: Database, *, actor: Actor, limit: int = RECENT_LIMIT) -> list[CheckRecord]:
    """The latest checks of every site on record, newest first (corrections included)."""
    viewers = (Permission.check_documents, Permission.search_persons, Permission.view_cases)
    if not any(actor.can(p) for p in viewers):
        require(actor, Permission.check_documents)  # raises, naming the user and role
    with db.read() as session:
        stmt = (
            select(DocumentCheck)
            .where(DocumentCheck.deleted == False)  # noqa: E712
            .order_by(col(DocumentCheck.checked_at).desc(), col(DocumentCheck.id).desc())
            .limit(limit)
        )
        rows = list(session.exec(stmt).all())
        records = []
        for row in rows:
            later = correction_of(session, row.id)
            records.append(record_of(row, later.id if later else None))
    return records
