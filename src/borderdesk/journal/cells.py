"""One cell of a journal as the file holds it, and how it is shown back to the clerk."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

# What CSV (always text) and calamine (typed XLSX cells) give; None for an absent cell.
CellValue = str | int | float | bool | date | datetime | time | timedelta | None


def column_letter(index: int) -> str:
    """``0`` -> ``A``, ``25`` -> ``Z``, ``26`` -> ``AA``, as a spreadsheet names columns."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def is_blank(value: CellValue) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def shown(value: CellValue) -> str:
    """The cell as the clerk sees it: dates as DD.MM.YYYY, whole numbers without ``.0``."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        if value.time() == time(0, 0):
            return value.strftime("%d.%m.%Y")
        return value.strftime("%d.%m.%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
