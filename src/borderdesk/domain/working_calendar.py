"""Days moved by decree (production calendars), from ``resources/reference/working_calendar.toml``.

Working-day deadlines count with the public holidays of the ``holidays`` package; the
days a decree moves are data laid over it, each year with the decree that set it, so that
a deadline over those days can name its legal basis and a corrected decree is a change of
the data file alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from functools import cache

from borderdesk.domain.strict_toml import StrictTable, read_strict_toml
from borderdesk.i18n import _, current_language
from borderdesk.paths import resource

FILE = "working_calendar.toml"


@dataclass(frozen=True)
class DecreeYear:
    """One state's year of moved days and the decree that moved them."""

    state: str
    year: int
    decree_ru: str
    decree_en: str
    days_off: frozenset[date]
    working_days: frozenset[date]
    verified: bool

    def decree(self, lang: str | None = None) -> str:
        return self.decree_ru if (lang or current_language()) == "ru" else self.decree_en


def _days(table: StrictTable, key: str, year: int) -> frozenset[date]:
    values = table.data.get(key, [])
    table.used.add(key)
    if not isinstance(values, list):
        table.fail(key, _("expected a list of dates"))
    days: set[date] = set()
    for value in values:
        if isinstance(value, datetime) or not isinstance(value, date):
            table.fail(key, _("expected a list of dates"))
        if value.year != year:
            table.fail(key, _("a date outside the year {year}").format(year=year))
        days.add(value)
    return frozenset(days)


@cache
def decree_years() -> tuple[DecreeYear, ...]:
    root = read_strict_toml(resource("reference", FILE))
    root.flag("verified", required=True)
    root.req_text("source_ru")
    root.req_text("source_en")
    found: list[DecreeYear] = []
    for table in root.tables("calendar", required=True):
        year = table.whole("year", minimum=1)
        assert year is not None
        days_off = _days(table, "days_off", year)
        working = _days(table, "working_days", year)
        if days_off & working:
            table.fail("working_days", _("a day cannot be both a day off and a working day"))
        found.append(
            DecreeYear(
                state=table.state("state"),
                year=year,
                decree_ru=table.req_text("decree_ru"),
                decree_en=table.req_text("decree_en"),
                days_off=days_off,
                working_days=working,
                verified=table.flag("verified", required=True),
            )
        )
        table.finish()
    root.finish()
    return tuple(found)


def decree_year(state: str, year: int) -> DecreeYear | None:
    """The decree that moved days in ``state``'s ``year``, if one is on file."""
    return next((d for d in decree_years() if d.state == state and d.year == year), None)


def moved_working_day(state: str, day: date) -> bool | None:
    """True/False when a decree on file made ``day`` a working day / a day off, else None."""
    year = decree_year(state, day.year)
    if year is None:
        return None
    if day in year.working_days:
        return True
    if day in year.days_off:
        return False
    return None
