"""How far from the site's day each kind of date may lie (resources/date_windows.toml).

A date outside its window (9999-12-31, year 1, a swapped day and year) is refused before
anything is written: one such value once made every centre page crash. The windows are
plausibility bounds, read from data with their source; they are not legal time limits.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache
from pathlib import Path

from borderdesk.domain.strict_toml import ReferenceDataError, StrictTable, read_strict_toml
from borderdesk.errors import InputError
from borderdesk.i18n import _, current_language, format_day
from borderdesk.paths import resource

DATE_WINDOWS_FILE = "date_windows.toml"


@dataclass(frozen=True)
class DateWindow:
    """One kind of date: how many days or years back and ahead of the site's day."""

    kind: str
    name_ru: str
    name_en: str
    back_years: int
    back_days: int
    ahead_years: int
    ahead_days: int
    verified: bool
    source: str
    # A fixed first day no date of the kind can precede (a document that did not exist
    # before it), on top of the window around the site's day.
    not_before: date | None = None

    @property
    def name(self) -> str:
        return self.name_ru if current_language() == "ru" else self.name_en

    def earliest(self, today: date) -> date:
        earliest = shift_years(today, -self.back_years) - timedelta(days=self.back_days)
        return max(earliest, self.not_before) if self.not_before else earliest

    def latest(self, today: date) -> date:
        return shift_years(today, self.ahead_years) + timedelta(days=self.ahead_days)


def shift_years(day: date, years: int) -> date:
    """The same day ``years`` later (earlier when negative); 29 February becomes the 28th."""
    year = min(max(day.year + years, 1), 9999)
    last = calendar.monthrange(year, day.month)[1]
    return day.replace(year=year, day=min(day.day, last))


def _window(block: StrictTable) -> DateWindow:
    numbers = {
        key: block.whole(key, required=False) or 0
        for key in ("back_years", "back_days", "ahead_years", "ahead_days")
    }
    window = DateWindow(
        kind=block.req_text("kind"),
        name_ru=block.req_text("name_ru"),
        name_en=block.req_text("name_en"),
        verified=block.flag("verified", required=True),
        source=block.req_text("source"),
        not_before=block.day("not_before", required=False),
        **numbers,
    )
    block.finish()
    return window


def _load(path: Path) -> dict[str, DateWindow]:
    top = read_strict_toml(path)
    windows: dict[str, DateWindow] = {}
    for block in top.tables("window", required=True):
        window = _window(block)
        if window.kind in windows:
            block.fail("kind", _("'{code}' is listed twice").format(code=window.kind))
        windows[window.kind] = window
    top.finish()
    return windows


def load_date_windows(path: Path | str | None = None) -> dict[str, DateWindow]:
    """Every kind of date with its window; the shipped file is read once and cached."""
    return _default_windows() if path is None else _load(Path(path))


@cache
def _default_windows() -> dict[str, DateWindow]:
    return _load(resource(DATE_WINDOWS_FILE))


def date_window(kind: str) -> DateWindow:
    windows = load_date_windows()
    if kind not in windows:
        raise ReferenceDataError(DATE_WINDOWS_FILE, "window", _("missing key") + f" {kind}")
    return windows[kind]


def date_window_problem(kind: str, value: date | datetime, *, today: date) -> str | None:
    """Why ``value`` is refused as a date of its kind around ``today``; None when plausible.

    ``today`` is the site's calendar day; a datetime is judged by its own calendar day.
    """
    window = date_window(kind)
    day = value.date() if isinstance(value, datetime) else value
    earliest, latest = window.earliest(today), window.latest(today)
    if earliest <= day <= latest:
        return None
    return _(
        "{what}: {value} is not plausible; it must lie between {earliest} and {latest}."
    ).format(
        what=window.name,
        value=day.isoformat(),
        earliest=format_day(earliest),
        latest=format_day(latest),
    )


def check_date_window(kind: str, value: date | datetime, *, today: date) -> None:
    """Refuse (:class:`InputError`) a ``value`` outside the window of its kind."""
    problem = date_window_problem(kind, value, today=today)
    if problem is not None:
        raise InputError(problem, code="date_out_of_window")
