"""The month a return covers, and its day boundaries in a site's time zone.

A month is the site's calendar month: for a post at UTC+5 the return for November
starts at 1 November 00:00 local time, which is 31 October 19:00 UTC. Timestamps
(checks, arrivals, departures, handovers) are stored in UTC and are compared with
these UTC bounds; dates (a request's receipt, a decision) are already the site's
calendar days and are compared with the month's first and last day.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from borderdesk.errors import InputError
from borderdesk.i18n import _

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass(frozen=True, order=True)
class ReturnMonth:
    year: int
    month: int

    @classmethod
    def parse(cls, text: str) -> ReturnMonth:
        """``"2026-11"``; anything else is a one-line input error."""
        found = _MONTH.match(text.strip())
        if not found or not 1 <= int(found.group(2)) <= 12 or int(found.group(1)) < 1900:
            raise InputError(
                _("Not a month: '{text}' (expected YYYY-MM, e.g. 2026-11).").format(text=text),
                code="bad_month",
            )
        return cls(int(found.group(1)), int(found.group(2)))

    @classmethod
    def of(cls, day: date) -> ReturnMonth:
        return cls(day.year, day.month)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def last_day(self) -> date:
        return self.next().first_day - timedelta(days=1)

    @property
    def length(self) -> int:
        return self.last_day.day

    def previous(self) -> ReturnMonth:
        return (
            ReturnMonth(self.year - 1, 12)
            if self.month == 1
            else ReturnMonth(self.year, self.month - 1)
        )

    def next(self) -> ReturnMonth:
        return (
            ReturnMonth(self.year + 1, 1)
            if self.month == 12
            else ReturnMonth(self.year, self.month + 1)
        )

    def back(self, months: int) -> tuple[ReturnMonth, ...]:
        """This month and the ``months - 1`` before it, oldest first."""
        found = [self]
        while len(found) < months:
            found.append(found[-1].previous())
        return tuple(reversed(found))

    def contains(self, day: date | None) -> bool:
        return day is not None and self.first_day <= day <= self.last_day

    def counted_days(self, as_of: date) -> tuple[date, ...]:
        """The month's days up to ``as_of`` (a month still running counts to today)."""
        last = min(self.last_day, as_of)
        return tuple(
            self.first_day + timedelta(days=i) for i in range((last - self.first_day).days + 1)
        )


def zone(name: str) -> ZoneInfo:
    """The site's zone; an unknown stored name falls back to UTC rather than failing a read."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def day_start_utc(day: date, tz: str) -> datetime:
    """The UTC instant the site's calendar day begins (DST-safe: zoneinfo, not an offset)."""
    return datetime.combine(day, time(0), tzinfo=zone(tz)).astimezone(UTC)


def month_bounds_utc(month: ReturnMonth, tz: str) -> tuple[datetime, datetime]:
    """``[start, end)`` of the month at the site, as UTC instants."""
    return day_start_utc(month.first_day, tz), day_start_utc(month.next().first_day, tz)


def local_day(moment: datetime, tz: str) -> date:
    """The site's calendar day of a stored UTC instant."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(zone(tz)).date()
