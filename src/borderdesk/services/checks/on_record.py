"""What the records already say about the person at the check: held in the centre now,
an open readmission case, refused or detained before.

Asked of every record that may be the same person (``people.same_person``), so a new
passport with a different number still meets the earlier record. Severities come from
``resources/check_findings.toml``.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlmodel import Session, col, select

from borderdesk.domain.case_workflow import load_workflow
from borderdesk.domain.local_time import local_date
from borderdesk.services.checks.findings import CheckFinding
from borderdesk.services.checks.severities import finding_severities
from borderdesk.services.people.history import effective_checks_of
from borderdesk.store.tables import CentreStay, ReadmissionCase
from borderdesk.store.tables.centre import StayStatus


def _custody(
    session: Session, person_ids: Sequence[uuid.UUID], timezone: str
) -> list[CheckFinding]:
    stays = session.exec(
        select(CentreStay)
        .where(
            col(CentreStay.person_id).in_(person_ids),
            CentreStay.status == StayStatus.in_centre.value,
            CentreStay.deleted == False,  # noqa: E712
        )
        .order_by(col(CentreStay.arrived_at).desc())
    ).all()
    severity = finding_severities().of_record("in_custody")
    return [
        CheckFinding(
            "in_custody",
            severity,
            "record",
            {
                "stay": stay.stay_number,
                "date": local_date(stay.arrived_at, timezone).isoformat(),
                "site": stay.origin_site,
            },
        )
        for stay in stays
    ]


def _open_cases(session: Session, person_ids: Sequence[uuid.UUID]) -> list[CheckFinding]:
    open_statuses = load_workflow().open_statuses
    cases = session.exec(
        select(ReadmissionCase)
        .where(
            col(ReadmissionCase.person_id).in_(person_ids),
            col(ReadmissionCase.status).in_(open_statuses),
            ReadmissionCase.deleted == False,  # noqa: E712
        )
        .order_by(col(ReadmissionCase.created_at).desc())
    ).all()
    severities = finding_severities()
    return [
        CheckFinding(
            "open_case",
            severities.of_open_case(case.status),
            "record",
            {
                "case": case.case_number,
                "status": case.status,
                "kind": case.kind,
                "requested": case.requested_state,
            },
        )
        for case in cases
    ]


def _earlier_decisions(
    session: Session, person_ids: Sequence[uuid.UUID], timezone: str
) -> list[CheckFinding]:
    """The latest refusal and the latest detention decided at a check, with date and post."""
    severities = finding_severities()
    checks = effective_checks_of(session, person_ids)[::-1]  # newest first, one query
    found = []
    for decision, code in (("detain", "detained_before"), ("refuse", "refused_before")):
        latest = next((c for c in checks if c.decision == decision), None)
        if latest is not None:
            params = {
                "date": local_date(latest.checked_at, timezone).isoformat(),
                "protocol": latest.protocol_number,
                "site": latest.site,
            }
            found.append(
                CheckFinding(f"history_{code}", severities.of_record(code), "history", params)
            )
    return found


def on_record_findings(
    session: Session, person_ids: Sequence[uuid.UUID], timezone: str
) -> list[CheckFinding]:
    """Custody, open cases and earlier refusals or detentions of these records."""
    if not person_ids:
        return []
    return [
        *_custody(session, person_ids, timezone),
        *_open_cases(session, person_ids),
        *_earlier_decisions(session, person_ids, timezone),
    ]
