"""The indicators of the monthly return: stable codes, sections, printed labels.

The codes are a contract (CSV, ``--json``, XLSX, ``docs/returns.md``): never rename
one; add new ones. Labels, in both languages, are data:
``resources/returns/labels.toml``.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from typing import Literal

from borderdesk.paths import resource

LABELS_FILE = "labels.toml"

Kind = Literal["count", "share", "mean", "peak", "days"]


@dataclass(frozen=True)
class Indicator:
    code: str
    section: str
    kind: Kind = "count"
    breakdowns: tuple[str, ...] = ()  # breakdown keys it is split by (besides site)

    @property
    def summable(self) -> bool:
        """Counts add up across sites; shares, peaks and means do not."""
        return self.kind == "count"


SECTIONS: tuple[str, ...] = ("checks", "requests", "applications", "centre", "transfers")

INDICATORS: tuple[Indicator, ...] = (
    Indicator("checks", "checks", breakdowns=("direction",)),
    Indicator("refusals", "checks", breakdowns=("direction",)),
    Indicator("detentions", "checks"),
    Indicator("watchlist_alerts", "checks"),
    Indicator("requests_received", "requests", breakdowns=("state",)),
    Indicator("requests_decided", "requests"),
    Indicator("requests_accepted", "requests", breakdowns=("state",)),
    Indicator("requests_refused", "requests", breakdowns=("state",)),
    Indicator("requests_deemed_accepted", "requests", breakdowns=("state",)),
    Indicator("requests_open", "requests"),
    Indicator("requests_overdue", "requests"),
    Indicator("replies_within_limit", "requests"),
    Indicator("replies_within_limit_share", "requests", kind="share"),
    Indicator("persons_readmitted", "requests", breakdowns=("state",)),
    Indicator("applications_made", "applications", breakdowns=("state",)),
    Indicator("applications_accepted", "applications", breakdowns=("state",)),
    Indicator("applications_refused", "applications", breakdowns=("state",)),
    Indicator("applications_deemed_accepted", "applications", breakdowns=("state",)),
    Indicator("centre_intakes", "centre"),
    Indicator("centre_releases", "centre"),
    Indicator("centre_transferred_out", "centre"),
    Indicator("bed_days", "centre"),
    Indicator("peak_occupancy", "centre", kind="peak"),
    Indicator("mean_occupancy", "centre", kind="mean"),
    Indicator("longest_stay_days", "centre", kind="days"),
    Indicator("stays_past_maximum", "centre"),
    Indicator("transfers_completed", "transfers", breakdowns=("destination",)),
    Indicator("transfers_cancelled", "transfers", breakdowns=("destination",)),
)

BY_CODE = {i.code: i for i in INDICATORS}
BREAKDOWN_KEYS = ("direction", "state", "destination", "outcome", "site")


@dataclass(frozen=True)
class Bilingual:
    ru: str
    en: str

    @property
    def text(self) -> str:
        return self.ru if self.ru == self.en else f"{self.ru} / {self.en}"


@cache
def _labels() -> dict[str, dict[str, Bilingual]]:
    with resource("returns", LABELS_FILE).open("rb") as fh:
        raw = tomllib.load(fh)
    return {
        part: {key: Bilingual(v["ru"], v.get("en", key)) for key, v in entries.items()}
        for part, entries in raw.items()
    }


def indicator_label(code: str) -> Bilingual:
    """The indicator's printed name; an unknown code prints as itself."""
    return _labels()["indicator"].get(code, Bilingual(code, code))


def section_label(code: str) -> Bilingual:
    return _labels()["section"].get(code, Bilingual(code, code))


def breakdown_label(key: str) -> Bilingual:
    return _labels()["breakdown"].get(key, Bilingual(key, key))


def value_label(breakdown: str) -> Bilingual:
    """``direction=entry`` -> въезд / entry; a state code stays a code."""
    found = _labels()["value"].get(breakdown)
    return found or Bilingual(breakdown_value(breakdown), breakdown_value(breakdown))


def indicator(code: str) -> Indicator:
    return BY_CODE[code]


def breakdown_key(breakdown: str) -> str:
    """``"state=DEU"`` -> ``"state"``; a total (``""``) -> ``""``."""
    return breakdown.split("=", 1)[0] if breakdown else ""


def breakdown_value(breakdown: str) -> str:
    return breakdown.split("=", 1)[1] if "=" in breakdown else ""
