"""The indicators of the monthly return: stable codes, sections, printed labels.

The codes are a contract (CSV, ``--json``, XLSX, ``docs/returns.md``): never rename
one; add new ones. Labels are the English msgids of ``resources/forms/labels.toml``,
which carries both languages.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal["count", "share", "mean", "peak", "days"]


@dataclass(frozen=True)
class Indicator:
    code: str
    section: str
    label: str  # English msgid of the printed label
    kind: Kind = "count"
    breakdowns: tuple[str, ...] = ()  # breakdown keys it is split by (besides site)

    @property
    def summable(self) -> bool:
        """Counts add up across sites; shares, peaks and means do not."""
        return self.kind == "count"


SECTIONS: tuple[tuple[str, str], ...] = (
    ("checks", "Document checks"),
    ("requests", "Readmission requests received"),
    ("applications", "Our readmission applications"),
    ("centre", "Readmission centre"),
    ("transfers", "Onward transfers"),
)

INDICATORS: tuple[Indicator, ...] = (
    Indicator("checks", "checks", "Documents checked", breakdowns=("direction",)),
    Indicator("refusals", "checks", "Refusals of entry", breakdowns=("direction",)),
    Indicator("detentions", "checks", "Detentions"),
    Indicator("watchlist_alerts", "checks", "Watchlist alerts"),
    Indicator("requests_received", "requests", "Requests received", breakdowns=("state",)),
    Indicator("requests_decided", "requests", "Requests decided"),
    Indicator("requests_accepted", "requests", "Accepted", breakdowns=("state",)),
    Indicator("requests_refused", "requests", "Refused", breakdowns=("state",)),
    Indicator(
        "requests_deemed_accepted",
        "requests",
        "Deemed accepted (no reply in time)",
        breakdowns=("state",),
    ),
    Indicator("requests_open", "requests", "Open at the month's end"),
    Indicator("requests_overdue", "requests", "Overdue at the month's end"),
    Indicator("replies_within_limit", "requests", "Replies within the time limit"),
    Indicator(
        "replies_within_limit_share",
        "requests",
        "Share of replies within the time limit",
        kind="share",
    ),
    Indicator("persons_readmitted", "requests", "Persons readmitted", breakdowns=("state",)),
    Indicator("applications_made", "applications", "Applications made", breakdowns=("state",)),
    Indicator("applications_accepted", "applications", "Accepted", breakdowns=("state",)),
    Indicator("applications_refused", "applications", "Refused", breakdowns=("state",)),
    Indicator(
        "applications_deemed_accepted",
        "applications",
        "Deemed accepted (no reply in time)",
        breakdowns=("state",),
    ),
    Indicator("centre_intakes", "centre", "Intakes"),
    Indicator("centre_releases", "centre", "Releases"),
    Indicator("centre_transferred_out", "centre", "Left on an onward transfer"),
    Indicator("bed_days", "centre", "Bed-days"),
    Indicator("peak_occupancy", "centre", "Peak occupancy", kind="peak"),
    Indicator("mean_occupancy", "centre", "Mean occupancy", kind="mean"),
    Indicator("longest_stay_days", "centre", "Longest stay, days", kind="days"),
    Indicator("stays_past_maximum", "centre", "Stays past their maximum"),
    Indicator(
        "transfers_completed", "transfers", "Transfers completed", breakdowns=("destination",)
    ),
    Indicator(
        "transfers_cancelled", "transfers", "Transfers cancelled", breakdowns=("destination",)
    ),
)

BY_CODE = {i.code: i for i in INDICATORS}
BREAKDOWN_KEYS = ("direction", "state", "destination", "outcome", "site")
BREAKDOWN_LABELS = {
    "direction": "Direction",
    "state": "State",
    "destination": "Destination",
    "outcome": "Outcome",
    "site": "Site",
}


def indicator(code: str) -> Indicator:
    return BY_CODE[code]


def breakdown_key(breakdown: str) -> str:
    """``"state=DEU"`` -> ``"state"``; a total (``""``) -> ``""``."""
    return breakdown.split("=", 1)[0] if breakdown else ""


def breakdown_value(breakdown: str) -> str:
    return breakdown.split("=", 1)[1] if "=" in breakdown else ""
