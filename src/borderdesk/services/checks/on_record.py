"""What the records already say about the person at the check: held in the centre now,
an open readmission case, refused or detained before.

Asked of every record that may be the same person (``people.same_person``), so a new
passport with a different number still meets the earlier record. Severities come from
``resources/check_findings.toml``.
"""

from __future__ import annotations

from collections.abc import Sequence

from borderdesk.domain.case_workflow import load_workflow
from borderdesk.domain.local_time import local_date
from borderdesk.services.checks.findings import CheckFinding
from borderdesk.services.checks.severities import finding_severities
from borderdesk.services.people.history import RecordOnFile, effective_checks_in
from borderdesk.store.tables.centre import StayStatus


def _newest_first(records: Sequence[RecordOnFile]) -> list[RecordOnFile]:
    return sorted(records, key=lambda r: r.at, reverse=True)


def _custody(records: Sequence[RecordOnFile], timezone: str) -> list[CheckFinding]:
    stays = [r for r in records if r.kind == "stay" and r.status == StayStatus.in_centre.value]
    severity = finding_severities().of_record("in_custody")
    return [
        CheckFinding(
            "in_custody",
            severity,
            "record",
            {
                "stay": stay.reference,
                "date": local_date(stay.at, timezone).isoformat(),
                "site": stay.site,
            },
        )
        for stay in _newest_first(stays)
    ]


def _open_cases(records: Sequence[RecordOnFile]) -> list[CheckFinding]:
    open_statuses = set(load_workflow().open_statuses)
    cases = [r for r in records if r.kind == "case" and r.status in open_statuses]
    severities = finding_severities()
    return [
        CheckFinding(
            "open_case",
            severities.of_open_case(case.status),
            "record",
            {
                "case": case.reference,
                "status": case.status,
                "kind": case.detail,
                "requested": case.requested,
            },
        )
        for case in _newest_first(cases)
    ]


def _earlier_decisions(records: Sequence[RecordOnFile], timezone: str) -> list[CheckFinding]:
    """The latest refusal and the latest detention decided at a check, with date and post."""
    severities = finding_severities()
    checks = effective_checks_in(records)[::-1]  # newest first
    found = []
    for decision, code in (("detain", "detained_before"), ("refuse", "refused_before")):
        latest = next((c for c in checks if c.status == decision), None)
        if latest is not None:
            params: dict[str, object] = {
                "date": local_date(latest.at, timezone).isoformat(),
                "protocol": latest.reference,
                "site": latest.site,
            }
            if decision == "refuse":
                # The legal ground it was refused on (a code of refusal_grounds.toml),
                # worded in the reader's language; None for a refusal recorded without.
                params["ground"] = latest.ground or None
            found.append(
                CheckFinding(f"history_{code}", severities.of_record(code), "history", params)
            )
    return found


def on_record_findings(records: Sequence[RecordOnFile], timezone: str) -> list[CheckFinding]:
    """Custody, open cases and earlier refusals or detentions in these records (those of
    every record that may be the person: ``history.records_on_file``)."""
    if not records:
        return []
    return [
        *_custody(records, timezone),
        *_open_cases(records),
        *_earlier_decisions(records, timezone),
    ]
