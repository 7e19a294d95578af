"""The site's time zone: the one place that turns a zone name into days and times.

Times are stored in UTC and shown in the site's zone. A zone name the machine does not
know (an old tzdata, a hand-edited database) must not break a page: it falls back to
UTC, which is wrong by a few hours at most, never a crash.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


def site_zone(name: str | None) -> tzinfo:
    """The zone called ``name``; UTC when it is empty or unknown."""
    if not name:
        return UTC
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        return UTC


def local_date(moment: datetime, zone_name: str | None) -> date:
    """The calendar day of ``moment`` (UTC if naive) in the zone."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    try:
        return moment.astimezone(site_zone(zone_name)).date()
    except OverflowError:  # a stored 9999-12-31 or year 1: its own day, not a crash
        return moment.date()


def today_in(zone_name: str | None, now: datetime | None = None) -> date:
    """Today's date in the zone (``now`` for tests)."""
    return local_date(now or datetime.now(UTC), zone_name)
