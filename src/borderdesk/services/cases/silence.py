"""Silence means consent, as an explicit step of its own (never inside a read).

Under an agreement whose time limits say so, a request left unanswered past its reply
date counts as accepted. BorderDesk records that as a write with its own audit entry,
run at every login (the first login of a new site day is where it finds cases) and on
demand (the Cases page's button, ``borderdesk case silence``). When no case is due it
only reads. Reading a case or the cases list never changes anything.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import Boolean, Date, column, false, table
from sqlmodel import col, select

from borderdesk.domain.case_schedule import WAITING_FOR_REPLY, deemed_acceptance_on
from borderdesk.domain.case_workflow import SYSTEM
from borderdesk.domain.reference import agreement_name, load_agreements
from borderdesk.i18n import _, format_day
from borderdesk.services.access.permissions import SYSTEM_ACTOR, Actor, Permission, require
from borderdesk.services.site.sites import site_today
from borderdesk.store.database import Database
from borderdesk.store.limits import unreadable_fields
from borderdesk.store.tracking import append_audit

SILENCE_ACTION = "case.silence_applied"
_REPLY_STEPS = ("reply", "reply_extended", "accelerated_reply")
# The columns the "is any case due?" probe reads, without the ReadmissionCase model: building
# the SQLModel classes of the case tables costs a login more than the query itself.
_CASES = table(
    "readmission_case",
    column("status"),
    column("next_due", Date),
    column("next_step"),
    column("agreement_id"),
    column("decision"),
    column("deleted", Boolean),
)


def apply_silence(db: Database, *, actor: Actor, today: date | None = None) -> int:
    """Every case left unanswered past its reply date (under an agreement where silence
    means consent) becomes ``deemed_accepted``, with a timeline event by 'system' dated
    the day it took effect. One transaction; its audit entry names who ran the step and
    the site day. Returns how many cases changed."""
    require(actor, Permission.view_cases)
    today = today or site_today(db)
    book = load_agreements()
    silent = [
        a.id for a in book if a.time_limits is not None and a.time_limits.silence_means_consent
    ]
    if not silent:
        return 0
    # A case waiting for its reply has the reply (extended, accelerated) as its next
    # deadline once the application is received: the (status, next_due) index finds it.
    c = _CASES.c
    probe = (
        select(c.status)
        .where(
            c.status.in_(WAITING_FOR_REPLY),
            c.next_due < today,
            c.next_step.in_(_REPLY_STEPS),
            c.agreement_id.in_(silent),
            c.decision.is_(None),
            c.deleted == false(),
        )
        .limit(1)
    )
    with db.read() as session:
        if session.execute(probe).first() is None:
            return 0  # nothing due: no write, no audit entry
    # Only now the case model and the machinery of case steps.
    from borderdesk.services.cases.queries import facts_of
    from borderdesk.services.cases.records import refresh_due_dates
    from borderdesk.services.cases.steps import change_status
    from borderdesk.store.tables import ReadmissionCase

    query = select(ReadmissionCase).where(
        col(ReadmissionCase.status).in_(WAITING_FOR_REPLY),
        col(ReadmissionCase.next_due) < today,
        col(ReadmissionCase.next_step).in_(_REPLY_STEPS),
        col(ReadmissionCase.agreement_id).in_(silent),
        col(ReadmissionCase.decision).is_(None),
        ReadmissionCase.deleted == False,  # noqa: E712
    )
    changed = 0
    with db.write(actor=SYSTEM_ACTOR) as session:
        for case in list(session.exec(query)):
            if unreadable_fields(case):
                continue  # a hand-edited date: no step is taken on a guess
            since = deemed_acceptance_on(book, facts_of(case), today)
            if since is None:
                continue
            reply_due = since - timedelta(days=1)
            change_status(
                session,
                case,
                "deemed_accepted",
                author=SYSTEM,
                kind="deemed_accepted",
                by="system",
                on=since,
                note=_("No reply by {due}: under {agreement} silence means consent.").format(
                    due=format_day(reply_due), agreement=agreement_name(case.agreement_id)
                ),
            )
            case.decision = "accepted"
            case.decided_on = since
            refresh_due_dates(case, book)
            session.add(case)
            changed += 1
        append_audit(
            session,
            actor=actor.username,
            site=db.site_code or "",
            action=SILENCE_ACTION,
            changes={"day": today.isoformat(), "deemed_accepted": changed},
        )
    return changed
