"""Document checks of a month: checks by direction, refusals, detentions, watchlist alerts.

One aggregate query per group of sites, over ``(site, checked_at)`` (indexed). A check
that was corrected is left out in favour of its correction, which keeps the original
time of the check (``domain.returns.rules``: a corrected check counts once, as corrected).
"""

from __future__ import annotations

from sqlalchemy import and_, case, exists, func, select
from sqlalchemy.orm import aliased
from sqlmodel import Session, col

from borderdesk.domain.returns.period import ReturnMonth, month_bounds_utc
from borderdesk.domain.returns.rules import DETAIN, REFUSE, WATCHLIST_SOURCE
from borderdesk.reports.buckets import SiteGroup, Tally
from borderdesk.store.tables import DocumentCheck

# Findings are stored as canonical JSON (sorted keys, no spaces): this is how a
# watchlist finding's source reads inside it.
WATCHLIST_FINDING = f'%"source":"{WATCHLIST_SOURCE}"%'


def count_checks(session: Session, group: SiteGroup, month: ReturnMonth, tally: Tally) -> None:
    start, end = month_bounds_utc(month, group.timezone)
    correction = aliased(DocumentCheck)
    corrected = exists().where(
        correction.corrects_id == DocumentCheck.id,
        correction.deleted == False,  # noqa: E712
    )
    decision = col(DocumentCheck.decision)
    query = (
        select(
            DocumentCheck.site,
            DocumentCheck.direction,
            func.count(),
            func.sum(case((decision == REFUSE, 1), else_=0)),
            func.sum(case((decision == DETAIN, 1), else_=0)),
            func.sum(case((col(DocumentCheck.findings).like(WATCHLIST_FINDING), 1), else_=0)),
        )
        .where(
            and_(
                col(DocumentCheck.site).in_(group.codes),
                col(DocumentCheck.checked_at) >= start,
                col(DocumentCheck.checked_at) < end,
                DocumentCheck.deleted == False,  # noqa: E712
                ~corrected,
            )
        )
        .group_by(DocumentCheck.site, DocumentCheck.direction)
    )
    for site, direction, checks, refusals, detentions, alerts in session.execute(query):
        tally.add(site, "checks", checks)
        tally.add(site, "checks", checks, f"direction={direction}")
        tally.add(site, "refusals", refusals or 0)
        tally.add(site, "refusals", refusals or 0, f"direction={direction}")
        tally.add(site, "detentions", detentions or 0)
        tally.add(site, "watchlist_alerts", alerts or 0)
