"""MRZ dates (YYMMDD): the century, unknown parts of a date of birth, ages."""

from __future__ import annotations

from datetime import date

from borderdesk.domain.partial_date import PartialDate


def add_years(value: date, years: int) -> date:
    """The same day ``years`` later; 29 February becomes 28 February in a common year."""
    try:
        return value.replace(year=value.year + years)
    except ValueError:
        return value.replace(year=value.year + years, day=28)


def _part(text: str) -> int | None:
    if text == "<<":
        return None
    if text.isdigit():
        return int(text)
    raise ValueError(f"not a date part: {text!r}")


def read_birth_date(field: str, today: date) -> PartialDate | None:
    """A date of birth: the latest date with these digits that is not after ``today``.

    Unknown parts are ``<<`` (``'74<<<<'``, ``'7408<<'``); a wholly unknown date
    (``'<<<<<<'``) gives None. Raises ValueError for anything that is not a date.
    """
    if len(field) != 6:
        raise ValueError(f"not a date: {field!r}")
    yy, month, day = _part(field[0:2]), _part(field[2:4]), _part(field[4:6])
    if yy is None:
        if month is not None or day is not None:
            raise ValueError(f"a date of birth with a month or day but no year: {field!r}")
        return None
    for century in (2000, 1900):
        try:
            candidate = PartialDate(century + yy, month, day)
        except ValueError:
            continue
        if candidate.earliest() <= today:
            return candidate
    raise ValueError(f"not a date: {field!r}")


def read_expiry_date(field: str, today: date) -> date:
    """A date of expiry: 20YY, unless that is more than 50 years after ``today`` (then 19YY)."""
    if len(field) != 6 or not field.isdigit():
        raise ValueError(f"not a date: {field!r}")
    yy, month, day = int(field[0:2]), int(field[2:4]), int(field[4:6])
    value = date(2000 + yy, month, day)
    if value > add_years(today, 50):
        value = date(1900 + yy, month, day)
    return value


def mrz_date(value: date | PartialDate | None) -> str:
    """YYMMDD, with ``<<`` for unknown parts (the inverse of the two readers)."""
    if value is None:
        return "<<<<<<"
    month = getattr(value, "month", None)
    day = getattr(value, "day", None)
    return (
        f"{value.year % 100:02d}"
        + (f"{month:02d}" if month is not None else "<<")
        + (f"{day:02d}" if day is not None else "<<")
    )


def is_under_age(birth: PartialDate, today: date, years: int) -> bool:
    """Whether the holder may be younger than ``years`` today (unknown parts: the youngest)."""
    return today < add_years(birth.latest(), years)
