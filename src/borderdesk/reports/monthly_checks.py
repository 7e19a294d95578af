"""Document checks of a month: checks by direction, refusals, detentions, watchlist alerts.

One aggregate query per group of sites, over ``(site, checked_at)`` (indexed). A check
that was corrected is left out in favour of its correction, which keeps the original
time of the check (``domain.returns.rules``: a corrected check counts once, as corrected).
"""

from __future__ import annotations

from sqlalchemy import and_, case, exists, func, select
from sqlmodel import Session

from borderdesk.domain.returns.period import ReturnMonth, month_bounds_utc
from borderdesk.domain.returns.rules import DETAIN, REFUSE, WATCHLIST_SOURCE
from borderdesk.reports.buckets import SiteGroup, Tally, columns
from borderdesk.store.tables import DocumentCheck

# Findings are stored as canonical JSON (sorted keys, no spaces): this is how a
# watchlist finding's source reads inside it.
D = columns(DocumentCheck)
WATCHLIST_FINDING = f'%"source":"{WATCHLIST_SOURCE}"%'


def count_checks(session: Session, group: SiteGroup, month: ReturnMonth, tally: Tally) -> None:
    start, end = month_bounds_utc(month, group.timezone)
    correction = D.id.table.alias("correction").c
    corrected = exists().where(correction.corrects_id == D.id, correction.deleted.is_(False))
    decision = D.decision
    query = (
        select(
            D.site,
            D.direction,
            func.count(),
            func.sum(case((decision == REFUSE, 1), else_=0)),
            func.sum(case((decision == DETAIN, 1), else_=0)),
            func.sum(case((D.findings.like(WATCHLIST_FINDING), 1), else_=0)),
        )
        .where(
            and_(
                D.site.in_(group.codes),
                D.checked_at >= start,
                D.checked_at < end,
                D.deleted.is_(False),
                ~corrected,
            )
        )
        .group_by(D.site, D.direction)
    )
    for site, direction, checks, refusals, detentions, alerts in session.execute(query):
        tally.add(site, "checks", checks)
        tally.add(site, "checks", checks, f"direction={direction}")
        tally.add(site, "refusals", refusals or 0)
        tally.add(site, "refusals", refusals or 0, f"direction={direction}")
        tally.add(site, "detentions", detentions or 0)
        tally.add(site, "watchlist_alerts", alerts or 0)
