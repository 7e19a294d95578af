"""Dates and times as the GUI writes them: one format per language, the site's day.

Every table, card and date field uses these patterns (CLDR syntax; Qt's date fields read
the same letters), so a screen never shows "12/2/26, 1:17 AM" beside "02.12.2026".
"Today" is the calendar day at the site, not the machine's (often UTC) day.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QLocale
from PySide6.QtWidgets import QDateEdit, QDateTimeEdit

from borderdesk import i18n

#: Day-month-year in both languages (``i18n.DAY_PATTERNS``, shared with partial birth dates
#: and the command line); English spells the month so it is never read as M/D.
DATE_PATTERNS = i18n.DAY_PATTERNS
TIME_PATTERN = "HH:mm"
TIME_PATTERN_SECONDS = "HH:mm:ss"


def date_pattern(lang: str | None = None) -> str:
    return i18n.day_pattern(lang)


def date_text(value: date | None) -> str:
    """``02.12.2026`` / ``02 Dec 2026``; empty for no date."""
    return i18n.format_day(value)


def datetime_text(value: datetime | None, tz: str, *, seconds: bool = False) -> str:
    """A stored UTC time in the site's zone: ``02.12.2026 01:17``."""
    if value is None:
        return ""
    clock = TIME_PATTERN_SECONDS if seconds else TIME_PATTERN
    return i18n.format_datetime(value, tz=tz, fmt=f"{date_pattern()} {clock}")


def site_today(tz: str) -> date:
    """Today at the site (a post in UTC+5 starts its day five hours before UTC does)."""
    return datetime.now(ZoneInfo(tz)).date()


def site_qdate_today(tz: str) -> QDate:
    return QDate(site_today(tz))


def show_dates_as_chosen(edit: QDateTimeEdit) -> None:
    """A date field writes its date as every table does, in the chosen language; a date
    and time field adds the time as ``HH:mm`` (never Qt's "12/3/26 3:39 PM")."""
    edit.setLocale(QLocale())
    if isinstance(edit, QDateEdit):
        edit.setDisplayFormat(date_pattern())
    else:
        edit.setDisplayFormat(f"{date_pattern()} {TIME_PATTERN}")


def show_months_as_chosen(edit: QDateEdit) -> None:
    """A month field: ``12.2026`` / ``Dec 2026``, as the return's texts write it."""
    edit.setLocale(QLocale())
    edit.setDisplayFormat(i18n.MONTH_PATTERNS.get(i18n.current_language(), "MM.yyyy"))
