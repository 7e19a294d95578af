"""The readmission centre in a month: intakes, departures, bed-days, peak and mean
occupancy, the longest stays and the stays past their legal maximum; onward transfers.

Occupancy is counted from two aggregate queries: arrivals and departures grouped by
their UTC hour over the whole window, plus one count of those already present when it
opens. Each hour goes on the site's calendar day (``buckets.hour_day``); the number
present on a day is then those present before, plus arrivals up to that day, minus
departures before it (the day of departure is still a day in the centre).

The longest stays and the stays past their maximum need each stay's own legal basis:
they are worked out by ``domain.returns.rules`` over the stays present in the month,
which a centre's beds and intakes bound (not over every stay ever recorded).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import and_, func, select
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session

from borderdesk.domain.centre import CentreRules
from borderdesk.domain.returns.period import ReturnMonth, day_start_utc, local_day, month_bounds_utc
from borderdesk.domain.returns.rules import days_in_centre, present_span
from borderdesk.domain.returns.table import LongestStay
from borderdesk.reports.buckets import SiteGroup, Tally, columns, dialect_of, hour_day, utc_hour
from borderdesk.store.tables import CentreStay, Person, Transfer
from borderdesk.store.tables.centre import StayStatus, TransferStatus

S = columns(CentreStay)
P = columns(Person)
LIVE_STAY = S.deleted.is_(False)

Occupancy = dict[str, Counter[date]]  # site -> day -> persons present


@dataclass
class StayMovements:
    """Arrivals and departures per site day over a window, and who was there before it."""

    first: date
    last: date
    before: Counter[str] = field(default_factory=Counter)
    arrivals: Counter[tuple[str, date]] = field(default_factory=Counter)
    departures: Counter[tuple[str, date, str]] = field(default_factory=Counter)  # + status


def still_there_at(moment: datetime) -> tuple[ColumnElement[bool], ColumnElement[bool]]:
    """A stay not ended before ``moment``, as two disjoint conditions queried apart: still
    in the centre, or left at or after ``moment``. Each is a search of the index on
    (site, end, arrival), bounded by the beds and by the time since ``moment``; as one
    ``OR`` the planner walks the site's whole history of arrivals instead."""
    return S.ended_at.is_(None), S.ended_at >= moment


def stay_movements(session: Session, group: SiteGroup, first: date, last: date) -> StayMovements:
    """Three aggregate queries over the window ``first`` to ``last`` (site days)."""
    tz = group.timezone
    start, end = day_start_utc(first, tz), day_start_utc(last + timedelta(days=1), tz)
    sites = S.origin_site.in_(group.codes)
    dialect = dialect_of(session)
    found = StayMovements(first, last)
    for still_there in still_there_at(start):
        for site, n in session.execute(
            select(S.origin_site, func.count())
            .where(sites, LIVE_STAY, S.arrived_at < start, still_there)
            .group_by(S.origin_site)
        ):
            found.before[site] += n
    arrival_hour = utc_hour(S.arrived_at, dialect)
    for site, hour, n in session.execute(
        select(S.origin_site, arrival_hour, func.count())
        .where(sites, LIVE_STAY, S.arrived_at >= start, S.arrived_at < end)
        .group_by(S.origin_site, arrival_hour)
    ):
        found.arrivals[(site, hour_day(hour, tz))] += n
    departure_hour = utc_hour(S.ended_at, dialect)
    for site, hour, status, n in session.execute(
        select(S.origin_site, departure_hour, S.status, func.count())
        .where(sites, LIVE_STAY, S.ended_at >= start, S.ended_at < end)
        .group_by(S.origin_site, departure_hour, S.status)
    ):
        found.departures[(site, hour_day(hour, tz), status)] += n
    return found


def occupancy(movements: StayMovements, codes: tuple[str, ...]) -> Occupancy:
    """Persons present on each day of the window, per site: those there before it, plus
    arrivals up to that day, minus departures before it (the day of departure counts)."""
    change: dict[str, Counter[date]] = {code: Counter() for code in codes}
    for (site, day), n in movements.arrivals.items():
        change[site][day] += n
    for (site, day, _status), n in movements.departures.items():
        change[site][day + timedelta(days=1)] -= n
    found: Occupancy = {}
    for code in codes:
        present, days = movements.before[code], Counter[date]()
        day = movements.first
        while day <= movements.last:
            present += change[code][day]
            days[day] = present
            day += timedelta(days=1)
        found[code] = days
    return found


def count_stays(movements: StayMovements, month: ReturnMonth, tally: Tally) -> None:
    """Intakes (arrived in the month) and stays ended in it, by how they ended."""
    for (site, day), n in movements.arrivals.items():
        if month.contains(day):
            tally.add(site, "centre_intakes", n)
    for (site, day, status), n in movements.departures.items():
        if not month.contains(day):
            continue
        if status == StayStatus.released.value:
            tally.add(site, "centre_releases", n)
        elif status == StayStatus.transferred.value:
            tally.add(site, "centre_transferred_out", n)


def stays_in_months(
    session: Session,
    group: SiteGroup,
    months: tuple[ReturnMonth, ...],
    as_of: date,
    rules: CentreRules,
) -> dict[ReturnMonth, list[LongestStay]]:
    """For each month (consecutive, oldest first), every stay present on one of its counted
    days, with its days in the centre as of its last day in that month. One query."""
    found: dict[ReturnMonth, list[LongestStay]] = {m: [] for m in months}
    last_days = months[-1].counted_days(as_of) or months[0].counted_days(as_of)
    if not last_days:
        return found
    tz = group.timezone
    start = day_start_utc(months[0].first_day, tz)
    end = day_start_utc(last_days[-1] + timedelta(days=1), tz)
    rows = [
        row
        for still_there in still_there_at(start)
        for row in session.execute(
            select(
                S.origin_site, S.stay_number, P.nationality, S.legal_basis, S.arrived_at, S.ended_at
            )
            .join(P.id.table, P.id == S.person_id)
            .where(S.origin_site.in_(group.codes), LIVE_STAY, S.arrived_at < end, still_there)
        )
    ]
    limits = {b.code: b.max_days for b in rules.legal_bases}
    for site, number, nationality, basis, arrived_at, ended_at in rows:
        arrived = local_day(arrived_at, tz)
        left = local_day(ended_at, tz) if ended_at is not None else None
        for month in months:
            span = present_span(arrived, left, month, as_of)
            if span is None:
                continue
            found[month].append(
                LongestStay(
                    site=site,
                    stay_number=number,
                    nationality=nationality,
                    arrived_on=arrived,
                    left_on=left if left is not None and left <= span[1] else None,
                    days=days_in_centre(arrived, span[1]),
                    max_days=limits.get(basis),
                )
            )
    return found


def count_transfers(session: Session, group: SiteGroup, month: ReturnMonth, tally: Tally) -> None:
    """Completed in the month of the handover; cancelled in the month of the cancellation."""
    start, end = month_bounds_utc(month, group.timezone)
    T = columns(Transfer)
    sites = and_(T.origin_site.in_(group.codes), T.deleted.is_(False))
    for site, destination, n in session.execute(
        select(T.origin_site, T.destination, func.count())
        .where(
            sites,
            T.status == TransferStatus.completed.value,
            T.completed_at >= start,
            T.completed_at < end,
        )
        .group_by(T.origin_site, T.destination)
    ):
        tally.add(site, "transfers_completed", n)
        tally.add(site, "transfers_completed", n, f"destination={destination}")
    cancelled = func.coalesce(T.status, "") == TransferStatus.cancelled.value
    # Cancelled in the month the cancellation was made; a row cancelled before that time
    # was stored has none and counts in its planned month. Two queries, one index each.
    by_time = and_(T.cancelled_at >= start, T.cancelled_at < end)
    by_plan = and_(
        T.cancelled_at.is_(None),
        T.planned_date >= month.first_day,
        T.planned_date <= month.last_day,
    )
    for condition in (by_time, by_plan):
        for site, destination, n in session.execute(
            select(T.origin_site, T.destination, func.count())
            .where(sites, cancelled, condition)
            .group_by(T.origin_site, T.destination)
        ):
            tally.add(site, "transfers_cancelled", n)
            tally.add(site, "transfers_cancelled", n, f"destination={destination}")
