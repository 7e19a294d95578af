"""What every case write shares: stored due dates, timeline events, dates given by users."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session

from borderdesk.domain.agreements import AgreementBook
from borderdesk.domain.case_schedule import (
    case_schedule,
)
from borderdesk.domain.clock import utc_now
from borderdesk.domain.date_windows import check_date_window
from borderdesk.domain.reference import load_agreements
from borderdesk.errors import InputError
from borderdesk.i18n import _
from borderdesk.services.cases.queries import facts_of
from borderdesk.store.tables import CaseEvent, ReadmissionCase


def refresh_due_dates(case: ReadmissionCase, book: AgreementBook | None = None) -> None:
    """Store the computed due dates on the case (for lists and filters in SQL)."""
    schedule = case_schedule(book or load_agreements(), facts_of(case))
    case.application_due = schedule.application_due
    case.reply_due = schedule.reply_due
    case.extended_reply_due = schedule.extended_reply_due
    case.transfer_due = schedule.transfer_due
    case.next_step = schedule.next.step if schedule.next else None
    case.next_due = schedule.next.due if schedule.next else None


def record_event(
    session: Session,
    case: ReadmissionCase,
    *,
    author: str,
    kind: str,
    note: str = "",
    from_status: str | None = None,
    to_status: str | None = None,
    effective_on: date | None = None,
) -> CaseEvent:
    event = CaseEvent(
        case_id=case.id,
        at=utc_now(),
        effective_on=effective_on,
        author=author,
        kind=kind,
        note=note.strip(),
        from_status=from_status,
        to_status=to_status,
    )
    session.add(event)
    return event


def check_day(on: date | None, *, what: str, today: date) -> date:
    """A date given for a step: today (the site's) when omitted, never in the future."""
    day = on or today
    if day > today:
        raise InputError(
            _("{what}: {day} is in the future.").format(what=what, day=day.isoformat()),
            code="future_date",
        )
    check_date_window("case_date", day, today=today)
    return day
