"""Readmission cases of a month: requests received and decided, open and overdue at the
month's end, replies within the time limit, persons readmitted; our own applications.

Every figure is an aggregate query over indexed date columns (``received_on``,
``submitted_on``, ``decided_on``, ``transferred_on``) grouped by site and state; the
rules are those of ``domain.returns.rules`` (the tests check both agree).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from sqlalchemy import Column, and_, case, func, not_, select
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session

from borderdesk.domain.returns.period import ReturnMonth
from borderdesk.domain.returns.rules import INCOMING, OUR_APPLICATIONS, WITHDRAWN
from borderdesk.reports.buckets import SiteGroup, Tally, columns, constant, month_of
from borderdesk.store.tables import ReadmissionCase

C = columns(ReadmissionCase)
LIVE = C.deleted.is_(False)
# The month's date column is the selective index; the planner has no statistics (a read
# never runs ANALYZE) and would otherwise take the index on the kind or the site, which
# match half the table. Wrapped in coalesce() they are still filtered, by no index.
SITE = func.coalesce(C.origin_site, constant(""))
KIND = func.coalesce(C.kind, constant(""))
# reply_limit(): the extended time limit once an extension was asked for.
REPLY_LIMIT = func.coalesce(C.extended_reply_due, C.reply_due)


def _in(column: Column[Any], month: ReturnMonth) -> ColumnElement[bool]:
    return and_(column >= month.first_day, column <= month.last_day)


def _decided(
    session: Session,
    group: SiteGroup,
    month: ReturnMonth,
    kinds: tuple[str, ...],
    state: Column[Any],
) -> Iterator[tuple[Any, ...]]:
    """Decisions of the month by site, state, decision and whether a reply was given."""
    replied = C.replied_on.is_not(None)
    return session.execute(
        select(
            SITE,
            state,
            C.decision,
            replied,
            func.count(),
            func.sum(case((and_(replied, C.replied_on <= REPLY_LIMIT), 1), else_=0)),
        )
        .where(
            SITE.in_(group.codes),
            KIND.in_(kinds),
            _in(C.decided_on, month),
            C.decision.in_(("accepted", "refused")),  # a stray stored value is not a decision
            LIVE,
        )
        .group_by(SITE, state, C.decision, replied)
    )


def _outcome(decision: str, replied: bool) -> str:
    if decision == "refused":
        return "refused"
    return "accepted" if replied else "deemed_accepted"


def count_requests(
    session: Session, group: SiteGroup, month: ReturnMonth, as_of: date, tally: Tally
) -> None:
    """Incoming requests (from the EU member states), by requesting state."""
    codes = group.codes
    incoming = and_(SITE.in_(codes), KIND == INCOMING, LIVE)
    state = C.requesting_state
    for site, requesting, n in session.execute(
        select(SITE, state, func.count())
        .where(incoming, _in(C.received_on, month))
        .group_by(SITE, state)
    ):
        tally.add(site, "requests_received", n)
        tally.add(site, "requests_received", n, f"state={requesting}")
    for site, requesting, decision, replied, n, within in _decided(
        session, group, month, (INCOMING,), state
    ):
        outcome = _outcome(decision, replied)
        tally.add(site, "requests_decided", n)
        tally.add(site, f"requests_{outcome}", n)
        tally.add(site, f"requests_{outcome}", n, f"state={requesting}")
        tally.add(site, "replies_within_limit", within or 0)
    end = min(month.last_day, as_of)
    # Received by the end (no request lacks its receipt date): by no index, see SITE.
    received_by_end = func.coalesce(C.received_on, date.max) <= end
    not_withdrawn = not_(and_(C.status == WITHDRAWN, C.closed_on.is_not(None), C.closed_on <= end))
    # Not decided by the end: never decided, or decided later. Two queries, each on the
    # decided_on index, rather than one OR the planner would answer with a full scan.
    for undecided in (C.decided_on.is_(None), C.decided_on > end):
        for site, n, overdue in session.execute(
            select(SITE, func.count(), func.sum(case((end > REPLY_LIMIT, 1), else_=0)))
            .where(incoming, received_by_end, undecided, not_withdrawn)
            .group_by(SITE)
        ):
            tally.add(site, "requests_open", n)
            tally.add(site, "requests_overdue", overdue or 0)
    for site, requesting, n in session.execute(
        select(SITE, state, func.count())
        .where(incoming, _in(C.transferred_on, month))
        .group_by(SITE, state)
    ):
        tally.add(site, "persons_readmitted", n)
        tally.add(site, "persons_readmitted", n, f"state={requesting}")


def count_applications(
    session: Session, group: SiteGroup, month: ReturnMonth, tally: Tally
) -> None:
    """Our applications (apprehensions, outgoing) by requested state, and their outcomes."""
    state = C.requested_state
    for site, requested, n in session.execute(
        select(SITE, state, func.count())
        .where(
            SITE.in_(group.codes),
            KIND.in_(OUR_APPLICATIONS),
            _in(C.submitted_on, month),
            LIVE,
        )
        .group_by(SITE, state)
    ):
        tally.add(site, "applications_made", n)
        tally.add(site, "applications_made", n, f"state={requested}")
    for site, requested, decision, replied, n, _within in _decided(
        session, group, month, OUR_APPLICATIONS, state
    ):
        outcome = _outcome(decision, replied)
        tally.add(site, f"applications_{outcome}", n)
        tally.add(site, f"applications_{outcome}", n, f"state={requested}")


def requests_by_month(
    session: Session, group: SiteGroup, months: tuple[ReturnMonth, ...]
) -> dict[str, int]:
    """Requests received in each of ``months`` (for the 12-month line)."""
    bucket = month_of(C.received_on, session.get_bind().dialect.name)
    rows = session.execute(
        select(bucket, func.count())
        .where(
            SITE.in_(group.codes),
            KIND == INCOMING,
            C.received_on >= months[0].first_day,
            C.received_on <= months[-1].last_day,
            LIVE,
        )
        .group_by(bucket)
    )
    return {str(m): int(n) for m, n in rows}
