"""Dates as the registers write them: ``DD.MM.YYYY``, ``YYYY-MM-DD`` or real Excel dates.

Never guessed: a date with slashes (``03/05/2019`` is 3 May or 5 March) and a
two-digit year (``03.05.19``) are refused with a reason, not read one way or another.
A number in a date column is refused too (an Excel serial without a date format is
not a date the clerk saw). Dates of birth may be partial: ``1980``, ``05.1980``,
``1980-05``, with ``00`` or ``XX`` for an unknown day or month.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache

from borderdesk.domain.partial_date import PartialDate
from borderdesk.i18n import _
from borderdesk.journal.cells import CellValue

_DOTTED = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_SHORT_YEAR = re.compile(r"^\d{1,2}[./-]\d{1,2}[./-]\d{2}$")
_YEAR_SUFFIX = re.compile(r"\s*г(?:ода|\.)?\.?$")  # "12.05.2019 г." as written in Russian
_PARTIAL_DOTTED = re.compile(r"^(\d{1,2}|xx|\?\?)\.(\d{1,2}|xx|\?\?)\.(\d{4})$")
_MONTH_YEAR = re.compile(r"^(\d{1,2})\.(\d{4})$")
_PARTIAL_ISO = re.compile(r"^(\d{4})(?:-(\d{2}|\?\?)(?:-(\d{2}|\?\?))?)?$")

EARLIEST_YEAR = 1900  # nothing in a readmission register is older


class DateRefused(ValueError):
    """A cell that is not a date as the journal must write it; the reason is translated."""


def _text(value: str) -> str:
    return _YEAR_SUFFIX.sub("", value.strip())


def _refuse_ambiguous(text: str) -> None:
    if _SHORT_YEAR.match(text):
        raise DateRefused(_("two-digit year: write the year in full (DD.MM.YYYY)"))
    if "/" in text:
        raise DateRefused(
            _("a date with slashes may be day-first or month-first: write DD.MM.YYYY")
        )


def _day(year: int, month: int, day: int) -> date:
    if year < EARLIEST_YEAR:
        raise DateRefused(_("year {year} is too early").format(year=year))
    try:
        return date(year, month, day)
    except ValueError:
        raise DateRefused(_("there is no such day")) from None


# A register repeats its days thousands of times: parsed once each (the results are
# immutable; a refusal is not cached, so its reason is in the language of the moment).
@lru_cache(maxsize=16384)
def parse_day(value: CellValue) -> date:
    """A full date from a cell; :class:`DateRefused` says why a cell is not one."""
    if isinstance(value, datetime):
        return _day(value.year, value.month, value.day)
    if isinstance(value, date):
        return _day(value.year, value.month, value.day)
    if isinstance(value, bool) or not isinstance(value, str):
        raise DateRefused(_("a number, not a date: format the cell as a date or DD.MM.YYYY"))
    text = _text(value)
    match = _DOTTED.match(text)
    if match:
        day, month, year = (int(g) for g in match.groups())
        return _day(year, month, day)
    match = _ISO.match(text)
    if match:
        year, month, day = (int(g) for g in match.groups())
        return _day(year, month, day)
    _refuse_ambiguous(text)
    raise DateRefused(_("not a date: expected DD.MM.YYYY or YYYY-MM-DD"))


def _part(text: str | None) -> int | None:
    if text is None or text in ("xx", "??") or int(text) == 0:
        return None
    return int(text)


def _partial(year: int, month: int | None, day: int | None) -> PartialDate:
    if year < EARLIEST_YEAR:
        raise DateRefused(_("year {year} is too early").format(year=year))
    if day is not None and month is None:
        raise DateRefused(_("a day without its month"))
    try:
        return PartialDate(year, month, day)
    except ValueError:
        raise DateRefused(_("there is no such day")) from None


@lru_cache(maxsize=16384)
def parse_birth_date(value: CellValue) -> PartialDate:
    """A full or partial date of birth: ``1980``, ``05.1980``, ``00.05.1980``, a date cell."""
    if isinstance(value, date):
        return _partial(value.year, value.month, value.day)
    if isinstance(value, int | float) and not isinstance(value, bool):
        if float(value).is_integer() and 1000 <= value <= 9999:
            return _partial(int(value), None, None)  # a year typed into a number cell
        raise DateRefused(_("a number, not a date: format the cell as a date or DD.MM.YYYY"))
    if not isinstance(value, str):
        raise DateRefused(_("not a date: expected DD.MM.YYYY or YYYY-MM-DD"))
    text = _text(value).lower()
    match = _PARTIAL_DOTTED.match(text)
    if match:
        day, month, year = match.groups()
        return _partial(int(year), _part(month), _part(day))
    match = _MONTH_YEAR.match(text)
    if match:
        return _partial(int(match.group(2)), _part(match.group(1)), None)
    match = _PARTIAL_ISO.match(text) or _ISO.match(text)
    if match:
        year, month, day = match.groups()
        return _partial(int(year), _part(month), _part(day))
    _refuse_ambiguous(text)
    raise DateRefused(_("not a date of birth: expected DD.MM.YYYY, MM.YYYY or YYYY"))
