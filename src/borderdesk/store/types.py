"""Column types that behave the same on SQLite and PostgreSQL."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Date, DateTime, LargeBinary, Uuid
from sqlalchemy.dialects import sqlite
from sqlalchemy.types import TypeDecorator

from borderdesk.domain.unreadable import UnreadableDate, UnreadableDateTime, is_unreadable


class UTCDateTime(TypeDecorator[datetime]):
    """Stores UTC and always returns an aware UTC datetime (SQLite forgets the zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class HexDigest(TypeDecorator[str]):
    """A SHA-256 digest stored as its 32 bytes (BLOB on SQLite, BYTEA on PostgreSQL) and
    handed to Python as the 64 lowercase hex digits it is spelt with everywhere else
    (hashed text, packages, printed marks, the CLI): half the bytes of the hex text.

    ``""`` (no digest) is stored as the empty byte string. A value that is text in the
    database (written behind the program's back) is handed out as it is, so a check that
    compares digests sees the difference instead of crashing.
    """

    impl = LargeBinary
    cache_ok = True
    # store.raw_insert: digests are unique per row, spelling them once each buys nothing.
    repeats = False

    @property
    def python_type(self) -> type[str]:
        return str

    def process_bind_param(self, value: str | bytes | None, dialect: Any) -> bytes | None:
        if value is None or isinstance(value, bytes):
            return value
        return bytes.fromhex(value)

    def process_result_value(self, value: Any, dialect: Any) -> str | None:
        if value is None or isinstance(value, str):
            return value
        return bytes(value).hex()


class CompactUuid(TypeDecorator[uuid.UUID]):
    """A UUID stored as its 16 bytes: BLOB on SQLite (where ``Uuid`` spells it as 32 hex
    digits of text), PostgreSQL's own ``uuid`` there. For columns no SQL compares with
    another table's ``Uuid`` column (the audit log's ``record_id``); Python sees a UUID.
    """

    impl = LargeBinary
    cache_ok = True
    repeats = False  # store.raw_insert: ids are unique

    @property
    def python_type(self) -> type[uuid.UUID]:
        return uuid.UUID

    def load_dialect_impl(self, dialect: Any) -> Any:
        if dialect.name == "postgresql":
            return dialect.type_descriptor(Uuid())
        return dialect.type_descriptor(LargeBinary())

    def process_bind_param(self, value: Any, dialect: Any) -> Any:
        if value is None:
            return None
        if not isinstance(value, uuid.UUID):
            value = uuid.UUID(str(value))
        return value if dialect.name == "postgresql" else value.bytes

    def process_result_value(self, value: Any, dialect: Any) -> uuid.UUID | None:
        if value is None or isinstance(value, uuid.UUID):
            return value
        if isinstance(value, bytes | memoryview) and len(value) == 16:
            return uuid.UUID(bytes=bytes(value))
        return uuid.UUID(str(value))  # text written behind the program's back


# --- stored dates that are not dates -------------------------------------------------
# SQLite keeps any text in a DATE or DATETIME column; SQLAlchemy's parser raises on
# 'yesterday', '' or '2024-13-45', and one such row would crash every read of its table.
# These stand-ins for SQLite's own types parse as before and read anything else as an
# "unreadable" value (``domain.unreadable``). They are installed on each SQLite engine's
# dialect (:func:`read_bad_dates_tolerantly`), so every date column of every table,
# ORM or Core, reads tolerantly without naming a special type. PostgreSQL's typed
# columns cannot hold such text.


def _tolerant(parse: Any, unreadable: Any) -> Any:
    def process(value: Any) -> Any:
        if value is None:
            return None
        try:
            return parse(value)
        except (ValueError, TypeError, OverflowError):
            return unreadable(value)

    return process


def _refusing(bind: Any) -> Any:
    def process(value: Any) -> Any:
        if is_unreadable(value):
            raise ValueError("an unreadable stored date cannot be written back")
        return bind(value) if bind is not None else value

    return process


class _TolerantSQLiteDate(sqlite.DATE):
    def result_processor(self, dialect: Any, coltype: Any) -> Any:
        return _tolerant(super().result_processor(dialect, coltype), UnreadableDate.of)

    def bind_processor(self, dialect: Any) -> Any:
        return _refusing(super().bind_processor(dialect))


class _TolerantSQLiteDateTime(sqlite.DATETIME):
    def result_processor(self, dialect: Any, coltype: Any) -> Any:
        parse = super().result_processor(dialect, coltype)
        return _tolerant(parse, lambda raw: UnreadableDateTime.of(raw).replace(tzinfo=None))

    def bind_processor(self, dialect: Any) -> Any:
        return _refusing(super().bind_processor(dialect))


def read_bad_dates_tolerantly(dialect: Any) -> None:
    """Give this SQLite engine's dialect (only it) the tolerant date and time types."""
    dialect.colspecs = {
        **dialect.colspecs,
        Date: _TolerantSQLiteDate,
        DateTime: _TolerantSQLiteDateTime,
    }
