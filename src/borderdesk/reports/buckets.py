"""Portable SQL buckets (UTC hour of a timestamp, month of a date) and the counting tally.

A month is in the site's time zone, which SQL cannot know (and a zone may change its
offset). So timestamps are grouped by their **UTC hour** in SQL, and each hour is put
on the site's calendar day in Python with ``zoneinfo``: exact for every zone whose
offset is a whole number of hours (all of Russia and Kazakhstan), however many rows.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import Column, func, literal_column
from sqlalchemy.sql.base import ReadOnlyColumnCollection
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import SQLModel

from borderdesk.domain.returns.period import local_day


def dialect_of(session: Any) -> str:
    return str(session.get_bind().dialect.name)


def constant(text: str) -> ColumnElement[Any]:
    """A string constant written into the SQL, not bound: PostgreSQL matches a GROUP BY
    expression to the selected one only when their text is the same, parameters included."""
    return literal_column("'" + text.replace("'", "''") + "'")


def utc_hour(column: Any, dialect: str) -> ColumnElement[Any]:
    """``'YYYY-MM-DD HH'`` of a stored UTC timestamp."""
    if dialect == "postgresql":
        return func.to_char(func.timezone(constant("UTC"), column), constant("YYYY-MM-DD HH24"))
    return func.strftime(constant("%Y-%m-%d %H"), column)


def month_of(column: Any, dialect: str) -> ColumnElement[Any]:
    """``'YYYY-MM'`` of a stored date."""
    if dialect == "postgresql":
        return func.to_char(column, constant("YYYY-MM"))
    return func.strftime(constant("%Y-%m"), column)


def columns(model: type[SQLModel]) -> ReadOnlyColumnCollection[str, Column[Any]]:
    """A table's columns as SQLAlchemy Core sees them (typed, so queries type-check)."""
    return model.__table__.c  # type: ignore[attr-defined]


@lru_cache(maxsize=65536)
def hour_day(hour: str, tz: str) -> date:
    """The site's calendar day of the UTC hour ``'YYYY-MM-DD HH'`` (cached: a window of
    a year has at most 8 784 hours, and the same hours come back for every site)."""
    moment = datetime(int(hour[:4]), int(hour[5:7]), int(hour[8:10]), int(hour[11:13]), tzinfo=UTC)
    return local_day(moment, tz)


@dataclass(frozen=True)
class SiteGroup:
    """Sites that share a time zone: one query covers them all."""

    timezone: str
    codes: tuple[str, ...]


def site_groups(sites: Iterable[tuple[str, str]]) -> tuple[SiteGroup, ...]:
    """``(code, timezone)`` pairs grouped by time zone, in a stable order."""
    by_zone: dict[str, list[str]] = {}
    for code, tz in sites:
        by_zone.setdefault(tz, []).append(code)
    return tuple(SiteGroup(tz, tuple(sorted(codes))) for tz, codes in sorted(by_zone.items()))


class Tally:
    """Counts by ``(indicator, breakdown)``, each also kept per site (``site=CODE``)."""

    def __init__(self) -> None:
        self.counts: Counter[tuple[str, str]] = Counter()
        self.by_site: Counter[tuple[str, str]] = Counter()

    def add(self, site: str, indicator: str, value: int, breakdown: str = "") -> None:
        if not value:
            return
        self.counts[(indicator, breakdown)] += value
        if not breakdown:
            self.by_site[(indicator, f"site={site}")] += value

    def ensure(self, indicator: str) -> None:
        self.counts.setdefault((indicator, ""), 0)
