"""A stored date that is not a date at all ('yesterday', '', '2024-13-45', a number).

SQLite keeps whatever text a hand edit or an old bug put in a date column. The store
reads such a value as one of the classes below instead of raising: a real ``date`` /
``datetime`` (year 1, the oldest day, so arithmetic, sorting and comparisons keep
working and the record looks overdue or expired rather than fine) that remembers the
text it was read from and shows itself as «unreadable: …». Writes refuse it
(``store.limits``): it is never stored back.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, tzinfo
from typing import Any

from borderdesk.domain.safe_text import shown_in_message
from borderdesk.i18n import _

_SHOWN_MAX = 40  # characters of the stored text quoted in the mark


def unreadable_mark(stored: str) -> str:
    return _("unreadable: {value}").format(value=repr(shown_in_message(stored, limit=_SHOWN_MAX)))


class _ShownAsMark:
    """What both stand-ins show wherever a date is put into words: the mark, never year 1."""

    stored_text: str = ""

    def shown(self) -> str:
        return unreadable_mark(self.stored_text)

    def strftime(self, _format: str) -> str:
        return self.shown()

    def __str__(self) -> str:
        return self.shown()

    def __format__(self, _spec: str) -> str:
        return self.shown()


class UnreadableDate(_ShownAsMark, date):
    """The oldest day, standing for a stored date that could not be read."""

    @classmethod
    def of(cls, stored: object) -> UnreadableDate:
        made = cls(1, 1, 1)
        made.stored_text = _as_text(stored)
        return made

    def isoformat(self) -> str:
        return self.shown()

    def __reduce__(self) -> Any:
        return (UnreadableDate.of, (self.stored_text,))


class UnreadableDateTime(_ShownAsMark, datetime):
    """Midnight UTC of year 1, standing for a stored time that could not be read."""

    @classmethod
    def of(cls, stored: object) -> UnreadableDateTime:
        made = cls(1, 1, 1, tzinfo=UTC)
        made.stored_text = _as_text(stored)
        return made

    def _keep(self, made: datetime) -> UnreadableDateTime:
        kept = UnreadableDateTime(
            made.year, made.month, made.day, made.hour, made.minute, tzinfo=made.tzinfo
        )
        kept.stored_text = self.stored_text
        return kept

    def replace(self, *args: Any, **kwargs: Any) -> UnreadableDateTime:
        return self._keep(datetime.replace(self, *args, **kwargs))

    def astimezone(self, tz: tzinfo | None = None) -> UnreadableDateTime:
        try:
            return self._keep(datetime.astimezone(self, tz))
        except OverflowError:  # year 1 west of UTC: stay where it is
            return self

    def date(self) -> UnreadableDate:
        return UnreadableDate.of(self.stored_text)

    def isoformat(self, sep: str = "T", timespec: str = "auto") -> str:
        return self.shown()

    def __reduce__(self) -> Any:
        return (UnreadableDateTime.of, (self.stored_text,))


def is_unreadable(value: object) -> bool:
    return isinstance(value, UnreadableDate | UnreadableDateTime)


def stored_text(value: UnreadableDate | UnreadableDateTime) -> str:
    return value.stored_text


def _as_text(stored: object) -> str:
    if isinstance(stored, bytes):
        return stored.decode("utf-8", "replace")
    return str(stored)
