"""The computed monthly return: one table that the PDF, CSV, XLSX and JSON all render.

``MonthCounts`` maps ``(indicator, breakdown)`` to a value for one month; two of them
(the month and the one before) are assembled into :class:`Figure` rows in the stable
order of ``indicators.INDICATORS``, totals first, then each breakdown largest first.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from borderdesk.domain.returns.indicators import (
    BREAKDOWN_KEYS,
    INDICATORS,
    breakdown_key,
)
from borderdesk.domain.returns.period import ReturnMonth

Value = int | float | None
MonthCounts = Mapping[tuple[str, str], Value]
CSV_COLUMNS = ("indicator", "breakdown", "value", "previous")


@dataclass(frozen=True)
class Figure:
    indicator: str
    breakdown: str  # "" for a total, else "state=DEU", "destination=KAZ", ...
    value: Value
    previous: Value

    @property
    def change(self) -> Value:
        if self.value is None or self.previous is None:
            return None
        diff = self.value - self.previous
        return round(diff, 4) if isinstance(diff, float) else diff

    def row(self) -> dict[str, object]:
        return {
            "indicator": self.indicator,
            "breakdown": self.breakdown,
            "value": self.value,
            "previous": self.previous,
        }


@dataclass(frozen=True)
class ReturnSite:
    """A site the return covers. ``synced``: its data came in sync packages, and
    ``newest_package`` is when the newest of them was made (None: no package yet)."""

    code: str
    name: str
    timezone: str
    synced: bool = False
    newest_package: datetime | None = None


@dataclass(frozen=True)
class LongestStay:
    site: str
    stay_number: str
    nationality: str
    arrived_on: date
    left_on: date | None
    days: int
    max_days: int | None  # None: the legal basis is not on file

    @property
    def past_maximum(self) -> bool:
        return self.max_days is not None and self.days > self.max_days


@dataclass(frozen=True)
class TrendPoint:
    """One month of the 12-month line: requests received and mean occupancy."""

    month: str
    requests_received: int
    mean_occupancy: float


@dataclass(frozen=True)
class MonthlyReturn:
    month: ReturnMonth
    as_of: date  # the last day counted (today, for a month still running)
    compiled_at: datetime  # when the return was computed: the PDF's date
    compiled_by: ReturnSite  # the site that printed it
    sites: tuple[ReturnSite, ...]
    figures: tuple[Figure, ...]
    trend: tuple[TrendPoint, ...] = ()
    longest_stays: tuple[LongestStay, ...] = field(default=())

    @property
    def previous_month(self) -> ReturnMonth:
        return self.month.previous()

    def rows(self) -> list[dict[str, object]]:
        """One row per figure: the CSV and ``--json`` contract."""
        return [f.row() for f in self.figures]

    def total(self, indicator: str) -> Figure:
        return self.figure(indicator, "")

    def figure(self, indicator: str, breakdown: str) -> Figure:
        for f in self.figures:
            if f.indicator == indicator and f.breakdown == breakdown:
                return f
        return Figure(indicator, breakdown, 0, 0)

    def breakdown(self, indicator: str, key: str) -> tuple[Figure, ...]:
        return tuple(
            f
            for f in self.figures
            if f.indicator == indicator and breakdown_key(f.breakdown) == key
        )

    @property
    def site_codes(self) -> tuple[str, ...]:
        return tuple(s.code for s in self.sites)

    @property
    def record_id(self) -> str:
        """Printed in the QR code and the footer: the month and the sites."""
        return f"{self.month}/{'+'.join(self.site_codes)}"

    def digest(self) -> str:
        """SHA-256 of the canonical JSON of what the return states (figures and scope)."""
        content = {
            "month": str(self.month),
            "as_of": self.as_of.isoformat(),
            "sites": list(self.site_codes),
            "figures": self.rows(),
        }
        text = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()


def assemble(current: MonthCounts, previous: MonthCounts) -> tuple[Figure, ...]:
    """Figure rows for every indicator: the total always, each breakdown seen in either
    month (a state present last month only still shows, at 0)."""
    figures: list[Figure] = []
    for ind in INDICATORS:
        zero: Value = None if ind.kind == "share" else 0
        figures.append(
            Figure(
                ind.code,
                "",
                current.get((ind.code, ""), zero),
                previous.get((ind.code, ""), zero),
            )
        )
        seen = {b for (code, b) in (*current, *previous) if code == ind.code and b}
        for key in BREAKDOWN_KEYS:
            parts = [b for b in seen if breakdown_key(b) == key]
            rows = [
                Figure(
                    ind.code, b, current.get((ind.code, b), zero), previous.get((ind.code, b), zero)
                )
                for b in parts
            ]
            rows.sort(key=lambda f: (-(f.value or 0), -(f.previous or 0), f.breakdown))
            figures.extend(rows)
    return tuple(figures)
