"""Text column limits, read from the models' column lengths and enforced in characters.

SQLite stores any length whatever the column says; PostgreSQL refuses it with a
traceback. The services check what the user typed with :func:`check_length` (their own
words for the field), and every flush checks every text column of what it writes
(:func:`_refuse_overlong_text`), so no path stores 120 000 characters into a 200-character
field. The limit is never retyped: it is the model's ``max_length``.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Date, DateTime, String, event, inspect
from sqlalchemy.orm import Session
from sqlmodel import SQLModel

from borderdesk.domain.unreadable import is_unreadable
from borderdesk.errors import InputError
from borderdesk.i18n import _
from borderdesk.store.field_labels import field_label


def column_limit(model: type[SQLModel] | SQLModel, field: str) -> int | None:
    """The length of ``model.field`` in characters, or None for unlimited text."""
    table = model.__table__  # type: ignore[union-attr]
    return _length(table.c[field].type)


def _length(column_type: Any) -> int | None:
    # SQLModel's AutoString is a TypeDecorator over String: it forwards ``length``.
    if isinstance(column_type, String) or isinstance(getattr(column_type, "impl", None), String):
        length = getattr(column_type, "length", None)
        return length if isinstance(length, int) else None
    return None


def too_long_error(what: str, limit: int, count: int) -> InputError:
    return InputError(
        _("{what}: at most {limit} characters, {count} given.").format(
            what=what, limit=limit, count=count
        ),
        code="too_long",
    )


# Text searched for with LIKE (a name, a case number): longer than any stored name, and
# far below SQLite's limit on a LIKE pattern (50 000 bytes), past which the query failed.
SEARCH_TEXT_LIMIT = 200


def check_search_text(text: str) -> str:
    """``text`` when it is short enough to search for; else a one-line error."""
    if len(text) > SEARCH_TEXT_LIMIT:
        raise too_long_error(_("Search text"), SEARCH_TEXT_LIMIT, len(text))
    return text


def check_length(model: type[SQLModel], field: str, value: str, *, what: str | None = None) -> str:
    """``value`` unchanged when it fits ``model.field``; else a one-line error naming the limit."""
    limit = column_limit(model, field)
    if limit is not None and len(value) > limit:
        table = getattr(model, "__tablename__", None)
        raise too_long_error(what or field_label(table, field), limit, len(value))
    return value


def _text_limits(model: type[Any]) -> list[tuple[str, int]]:
    cached = model.__dict__.get("_bd_text_limits")
    if cached is None:
        table = getattr(model, "__table__", None)
        cached = []
        for column in table.columns if table is not None else ():
            length = _length(column.type)
            if length:
                cached.append((column.key, length))
        model._bd_text_limits = cached
    return cached


@event.listens_for(Session, "before_flush")
def _refuse_overlong_text(session: Session, _flush_context: Any, _instances: Any) -> None:
    for record in (*session.new, *session.dirty):
        for key, limit in _text_limits(type(record)):
            value = getattr(record, key, None)
            if isinstance(value, str) and len(value) > limit:
                table = getattr(type(record), "__tablename__", None)
                raise too_long_error(field_label(table, key), limit, len(value))
    _refuse_unreadable_dates(session)


def _refuse_unreadable_dates(session: Session) -> None:
    """An "unreadable" stand-in (``domain.unreadable``) is shown, never written back."""
    for record in session.new:
        for key in _date_keys(type(record)):
            if is_unreadable(getattr(record, key, None)):
                raise _unreadable_error(record, key)
    for record in session.dirty:
        state = inspect(record)
        for key in _date_keys(type(record)):
            if is_unreadable(getattr(record, key, None)) and state.attrs[key].history.added:
                raise _unreadable_error(record, key)


def unreadable_fields(record: Any) -> list[str]:
    """The date and time fields of ``record`` whose stored value could not be read."""
    return [key for key in _date_keys(type(record)) if is_unreadable(getattr(record, key, None))]


def _unreadable_error(record: Any, key: str) -> InputError:
    what = field_label(getattr(type(record), "__tablename__", None), key)
    return InputError(
        _("{what}: the stored value cannot be read; enter a real date.").format(what=what),
        code="unreadable",
    )


def _date_keys(model: type[Any]) -> list[str]:
    cached = model.__dict__.get("_bd_date_keys")
    if cached is None:
        table = getattr(model, "__table__", None)
        cached = [
            column.key
            for column in (table.columns if table is not None else ())
            if isinstance(column.type, Date | DateTime)
            or isinstance(getattr(column.type, "impl", None), Date | DateTime)
        ]
        model._bd_date_keys = cached
    return cached
