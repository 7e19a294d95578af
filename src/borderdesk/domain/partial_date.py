"""A date whose month or day may be unknown, as travel documents allow for dates of birth."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from borderdesk.i18n import format_day, format_month

_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2}|\?\?)(?:-(\d{2}|\?\?))?)?$")


@dataclass(frozen=True, order=True)
class PartialDate:
    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if not 1 <= self.year <= 9999:
            raise ValueError(f"year out of range: {self.year}")
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"month out of range: {self.month}")
        if self.day is not None:
            last = calendar.monthrange(self.year, self.month)[1] if self.month else 31
            if not 1 <= self.day <= last:
                raise ValueError(f"day out of range: {self.day}")

    @classmethod
    def from_date(cls, value: date) -> PartialDate:
        return cls(value.year, value.month, value.day)

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Read ``'1974-08-12'``, ``'1974-08-??'``, ``'1974-08'`` or ``'1974'``."""
        match = _PATTERN.match(text.strip())
        if not match:
            raise ValueError(f"not a date: {text!r}")
        year, month, day = match.groups()

        def part(value: str | None) -> int | None:
            return None if value is None or value == "??" else int(value)

        return cls(int(year), part(month), part(day))

    @property
    def is_complete(self) -> bool:
        return self.month is not None and self.day is not None

    def iso(self) -> str | None:
        """``'YYYY-MM-DD'`` when every part is known, else None."""
        return self.iso_text() if self.is_complete else None

    def iso_text(self, unknown: str = "??") -> str:
        """``'1974-08-12'``, with ``??`` for unknown parts: ``'1974-08-??'``.

        The machine form (JSON, identities, what :meth:`parse` reads); forms print it with
        ``unknown="XX"`` as travel documents do. People read :meth:`display`.
        """
        month = f"{self.month:02d}" if self.month is not None else unknown
        day = f"{self.day:02d}" if self.day is not None else unknown
        return f"{self.year:04d}-{month}-{day}"

    def display(self, lang: str | None = None) -> str:
        """In the user's language, as every other date: ``04.10.1961``, ``10.1961``, ``1961``
        (English ``04 Oct 1961``, ``Oct 1961``, ``1961``)."""
        if self.month is None:
            if self.day is None:
                return f"{self.year:04d}"
            return f"{self.day:02d}.??.{self.year:04d}"  # a known day of an unknown month
        first = date(self.year, self.month, self.day or 1)
        return format_day(first, lang=lang) if self.day else format_month(first, lang=lang)

    def to_date(self) -> date | None:
        """The date when complete, else None (see :meth:`earliest` and :meth:`latest`)."""
        if self.month is None or self.day is None:
            return None
        return date(self.year, self.month, self.day)

    def earliest(self) -> date:
        """The first day this partial date may stand for."""
        return date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> date:
        """The last day this partial date may stand for."""
        month = self.month or 12  # December has every day number a month can have
        return date(self.year, month, self.day or calendar.monthrange(self.year, month)[1])

    def __str__(self) -> str:
        return self.iso_text()


def display_text(text: str | None, lang: str | None = None) -> str:
    """A stored ``'1961-10-04'`` / ``'1961-10'`` / ``'1961-??-??'`` in the user's language.

    Text that is not such a date is returned as it is, so a bad stored value never breaks a
    read.
    """
    if not text:
        return ""
    try:
        return PartialDate.parse(text.replace("XX", "??")).display(lang)
    except ValueError:
        return text


def form_text(text: str | None) -> str:
    """A stored birth date as the bilingual forms print it: ``1961-10-04``, ``1961-XX-XX``.

    Forms write every date the same way in both languages, as travel documents do.
    """
    if not text:
        return ""
    try:
        return PartialDate.parse(text.replace("XX", "??")).iso_text(unknown="XX")
    except ValueError:
        return text
