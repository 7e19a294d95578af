"""Severity of each check finding, from ``resources/check_findings.toml``.

Severities are policy, so they live in data beside the MRZ policy: a service (or a
reviewer) changes them there, not in code.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache

from borderdesk.domain.strict_toml import ReferenceDataError
from borderdesk.paths import resource

SEVERITIES = ("critical", "warning", "info")
FILE = "check_findings.toml"


@dataclass(frozen=True)
class FindingSeverities:
    mrz: dict[str, str]
    on_record: dict[str, str]
    open_case: dict[str, str]

    def of_mrz(self, code: str) -> str:
        return self.mrz.get(code, "warning")

    def of_record(self, code: str) -> str:
        return self.on_record.get(code, "warning")

    def of_open_case(self, status: str) -> str:
        return self.open_case.get(status, "warning")


def _section(data: dict[str, object], name: str) -> dict[str, str]:
    table = data.get(name, {})
    if not isinstance(table, dict):
        raise ReferenceDataError(FILE, name, "must be a table")
    for code, value in table.items():
        if value not in SEVERITIES:
            raise ReferenceDataError(
                FILE, f"{name}.{code}", f"{value!r}; expected one of {', '.join(SEVERITIES)}"
            )
    return {str(k): str(v) for k, v in table.items()}


@cache
def finding_severities() -> FindingSeverities:
    with resource(FILE).open("rb") as fh:
        data = tomllib.load(fh)
    return FindingSeverities(
        mrz=_section(data, "mrz"),
        on_record=_section(data, "on_record"),
        open_case=_section(data, "open_case"),
    )
