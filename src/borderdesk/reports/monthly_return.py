"""The monthly return of a set of sites, computed from the session it is given.

Each site is counted in its own time zone (sites sharing a zone share one query), the
month and the one before side by side, and the figures assembled into the one table
(``domain.returns.MonthlyReturn``) that the PDF, CSV, XLSX and JSON render.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date, datetime

from sqlmodel import Session

from borderdesk.domain.centre import CentreRules, load_centre_rules
from borderdesk.domain.returns.period import ReturnMonth
from borderdesk.domain.returns.rules import occupancy_figures, share
from borderdesk.domain.returns.table import (
    LongestStay,
    MonthlyReturn,
    ReturnSite,
    TrendPoint,
    Value,
    assemble,
)
from borderdesk.reports.buckets import SiteGroup, Tally, site_groups
from borderdesk.reports.monthly_cases import count_applications, count_requests, requests_by_month
from borderdesk.reports.monthly_centre import (
    Occupancy,
    StayMovements,
    count_stays,
    count_transfers,
    occupancy,
    stay_movements,
    stays_in_months,
)
from borderdesk.reports.monthly_checks import count_checks

TREND_MONTHS = 12
LONGEST_SHOWN = 5


def compute_monthly_return(
    session: Session,
    *,
    month: ReturnMonth,
    sites: Sequence[ReturnSite],
    compiled_by: ReturnSite,
    as_of: date,
    compiled_at: datetime,
    rules: CentreRules | None = None,
) -> MonthlyReturn:
    """The return for ``month`` over ``sites``, counted up to ``as_of`` (the last day)."""
    rules = rules or load_centre_rules()
    # A month that has ended is counted to its last day, whenever it is printed: the same
    # records give the same return (and the same digest) next week too.
    as_of = min(as_of, month.last_day)
    groups = site_groups((s.code, s.timezone) for s in sites)
    trend_months = month.back(TREND_MONTHS)
    last = min(month.last_day, as_of)
    present: Occupancy = {}
    movements: list[StayMovements] = []
    stays: dict[ReturnMonth, list[LongestStay]] = {month: [], month.previous(): []}
    for group in groups:
        moved = stay_movements(session, group, trend_months[0].first_day, last)
        movements.append(moved)
        present.update(occupancy(moved, group.codes))
        for m, found in stays_in_months(
            session, group, (month.previous(), month), as_of, rules
        ).items():
            stays[m].extend(found)
    months = {
        m: _month_counts(session, groups, m, as_of, present, movements, stays[m], len(sites) > 1)
        for m in (month, month.previous())
    }
    longest = stays[month]
    trend = _trend(session, groups, trend_months, as_of, present)
    return MonthlyReturn(
        month=month,
        as_of=as_of,
        compiled_at=compiled_at,
        compiled_by=compiled_by,
        sites=tuple(sites),
        figures=assemble(months[month], months[month.previous()]),
        trend=trend,
        longest_stays=tuple(
            sorted(longest, key=lambda s: (-s.days, s.arrived_on, s.stay_number))[:LONGEST_SHOWN]
        ),
    )


def _month_counts(
    session: Session,
    groups: Sequence[SiteGroup],
    month: ReturnMonth,
    as_of: date,
    present: Occupancy,
    movements: Sequence[StayMovements],
    stays: Sequence[LongestStay],
    per_site: bool,
) -> dict[tuple[str, str], Value]:
    tally = Tally()
    for group in groups:
        count_checks(session, group, month, tally)
        count_requests(session, group, month, as_of, tally)
        count_applications(session, group, month, tally)
        count_transfers(session, group, month, tally)
    for moved in movements:
        count_stays(moved, month, tally)
    for stay in stays:
        tally.add(stay.site, "stays_past_maximum", int(stay.past_maximum))
    counts: dict[tuple[str, str], Value] = dict(tally.counts)
    if per_site:
        counts.update(tally.by_site)
    days = month.counted_days(as_of)
    total: Counter[date] = Counter()
    for site, per_day in present.items():
        bed_days, peak, mean = occupancy_figures(per_day, days)
        total.update({d: per_day.get(d, 0) for d in days})
        if per_site:
            counts[("bed_days", f"site={site}")] = bed_days
            counts[("peak_occupancy", f"site={site}")] = peak
            counts[("mean_occupancy", f"site={site}")] = mean
    bed_days, peak, mean = occupancy_figures(dict(total), days)
    counts[("bed_days", "")] = bed_days
    counts[("peak_occupancy", "")] = peak
    counts[("mean_occupancy", "")] = mean
    counts[("longest_stay_days", "")] = max((s.days for s in stays), default=0)
    within = int(tally.counts[("replies_within_limit", "")])
    decided = int(tally.counts[("requests_decided", "")])
    counts[("replies_within_limit_share", "")] = share(within, decided)
    return counts


def _trend(
    session: Session,
    groups: Sequence[SiteGroup],
    months: tuple[ReturnMonth, ...],
    as_of: date,
    present: Occupancy,
) -> tuple[TrendPoint, ...]:
    requests: Counter[str] = Counter()
    for group in groups:
        requests.update(requests_by_month(session, group, months))
    points = []
    for m in months:
        days = m.counted_days(as_of)
        total: Counter[date] = Counter()
        for per_day in present.values():
            total.update({d: per_day.get(d, 0) for d in days})
        points.append(TrendPoint(str(m), requests[str(m)], occupancy_figures(dict(total), days)[2]))
    return tuple(points)
