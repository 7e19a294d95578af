"""The verdict on a scanned document: everything a check finds, without writing anything.

MRZ errors and warnings, the visa (if one was scanned), the watchlists, the person's
earlier records, and on entry the regime for the nationality with the stays recorded
by earlier entry and exit checks.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sqlmodel import Session

from borderdesk.domain.local_time import local_date
from borderdesk.domain.mrz import MrzResult
from borderdesk.domain.names import FUZZY_THRESHOLD, match_score
from borderdesk.domain.reference import load_regimes
from borderdesk.domain.regimes import assess_entry
from borderdesk.services.checks.findings import (
    CRITICAL,
    INFO,
    WARNING,
    CheckFinding,
    ordered,
)
from borderdesk.services.checks.on_record import on_record_findings
from borderdesk.services.checks.severities import finding_severities
from borderdesk.services.people import watchlists
from borderdesk.services.people.history import (
    HistoryEntry,
    RecordOnFile,
    effective_checks_in,
    history_of,
    records_on_file,
)
from borderdesk.services.people.persons import (
    PersonMatch,
    birth_agreement,
    birth_text,
    find_person,
)
from borderdesk.services.people.same_person import records_of_same_person

VISA_FORMATS = ("MRVA", "MRVB")
# Decisions after which no stay in the country began.
NO_ENTRY = ("refuse", "detain")


@dataclass(frozen=True)
class Assessment:
    match: PersonMatch
    findings: tuple[CheckFinding, ...]
    history: tuple[HistoryEntry, ...]


def _mrz(document: MrzResult) -> list[CheckFinding]:
    found = [CheckFinding("mrz_error", CRITICAL, "mrz", {"mrz_code": c}) for c in document.errors]
    found += [
        CheckFinding("mrz_warning", finding_severities().of_mrz(c), "mrz", {"mrz_code": c})
        for c in document.warnings
    ]
    return found


def _visa(visa: MrzResult | None, document: MrzResult) -> tuple[list[CheckFinding], bool]:
    """Findings about the visa and whether it counts as a visa presented."""
    if visa is None:
        return [], False
    if visa.format not in VISA_FORMATS and not visa.document_type.startswith("V"):
        return [CheckFinding("visa_not_a_visa", WARNING, "visa", {"format": visa.format})], False
    found = [CheckFinding("visa_invalid", WARNING, "visa", {"mrz_code": c}) for c in visa.errors]
    if "expired" in visa.warnings:
        expiry = visa.expiry_date.isoformat() if visa.expiry_date else None
        found.append(CheckFinding("visa_expired", WARNING, "visa", {"expiry": expiry}))
    name = match_score(document.surname, document.given_names, visa.surname, visa.given_names)
    if name.score < FUZZY_THRESHOLD or birth_agreement(document.birth_date, visa.birth_date) == (
        "differs"
    ):
        found.append(CheckFinding("visa_holder_mismatch", WARNING, "visa", {}))
    return found, not found


def _watchlists(
    session: Session, documents: Sequence[MrzResult], match: PersonMatch, today: date
) -> list[CheckFinding]:
    found = []
    for doc in documents:
        for hit in watchlists.document_hits(
            session, issuing_state=doc.issuing_state, number=doc.document_number, today=today
        ):
            params = {
                "entry_id": str(hit.entry_id),
                "state": hit.issuing_state,
                "number": hit.number,
                "reason": hit.reason,
                "source": hit.source,
                "valid_until": hit.valid_until.isoformat() if hit.valid_until else None,
            }
            found.append(CheckFinding("watchlist_document", CRITICAL, "watchlist", params))
    person = match.person
    for wanted in watchlists.person_hits(
        session,
        surname=person.surname,
        given_names=person.given_names,
        birth=person.birth_date,
        nationality=person.nationality,
        today=today,
    ):
        if wanted.category == "entry_ban":
            # A sure match takes the entry ban's severity from data; a possible one is
            # a warning to examine, as for a wanted person.
            severity = finding_severities().of_record("entry_ban") if wanted.critical else WARNING
            found.append(CheckFinding("entry_ban", severity, "watchlist", wanted.params()))
            continue
        severity = CRITICAL if wanted.critical else WARNING
        found.append(CheckFinding("watchlist_person", severity, "watchlist", wanted.params()))
    return found


def _history(history: Sequence[HistoryEntry], timezone: str) -> list[CheckFinding]:
    checks = [h for h in history if h.kind == "check"]
    if not checks:
        return []
    last = checks[0]
    found = [
        CheckFinding(
            "history_checked_before",
            INFO,
            "history",
            {
                "count": len(checks),
                "date": local_date(last.at, timezone).isoformat(),
                "site": last.site,
            },
        )
    ]
    return found


def recorded_stays(
    records: Sequence[RecordOnFile], person_id: uuid.UUID, timezone: str
) -> list[tuple[date, date | None]]:
    """Stays from the person's entry and exit checks, oldest first.

    An entry followed by another entry ends, at the latest, the day before the next
    one; the last entry without an exit is left open (``domain.regimes`` counts it up
    to the day before the new entry). An exit with no entry recorded is left out.
    """
    stays: list[tuple[date, date | None]] = []
    start: date | None = None
    own = [r for r in records if r.person_id == person_id]
    for check in effective_checks_in(own):
        if check.status in NO_ENTRY:
            continue
        day = local_date(check.at, timezone)
        if check.detail == "entry":
            if start is not None:
                stays.append((start, max(start, day - timedelta(days=1))))
            start = day
        elif start is not None:
            stays.append((start, day))
            start = None
    if start is not None:
        stays.append((start, None))
    return stays


def _regime(
    records: Sequence[RecordOnFile],
    match: PersonMatch,
    has_visa: bool,
    today: date,
    timezone: str,
) -> list[CheckFinding]:
    nationality = match.person.nationality
    pid = match.person.person_id
    stays = recorded_stays(records, pid, timezone) if pid else []
    stays = [(start, end) for start, end in stays if start < today]
    result = assess_entry(
        load_regimes(),
        nationality=nationality,
        entry_date=today,
        previous_stays=stays,
        has_visa=has_visa,
    )
    found = []
    for warning in result.warnings:
        params: dict[str, object] = {"nationality": nationality}
        if warning.code == "stay_allowance_exceeded" and result.regime is not None:
            params.update(
                allowance=result.regime.visa_free_days,
                period=result.regime.period_days,
                exit=result.window_end.isoformat() if result.window_end else None,
                used=result.days_used,
                entry=today.isoformat(),
                max=result.max_stay_days,
            )
        severity = INFO if warning.code in ("own_national", "no_regime_on_file") else WARNING
        found.append(CheckFinding(warning.code, severity, "regime", params))
    if result.unverified:
        found.append(
            CheckFinding("regime_unverified", INFO, "regime", {"nationality": nationality})
        )
    regime = result.regime
    if result.days_used is not None and regime is not None and result.ok and not has_visa:
        params = {
            "period": regime.period_days,
            "used": result.days_used,
            "allowance": regime.visa_free_days,
            "max": result.max_stay_days,
        }
        found.append(CheckFinding("stay_days", INFO, "regime", params))
    return found


def assess_document(
    session: Session,
    *,
    document: MrzResult,
    visa: MrzResult | None,
    direction: str,
    today: date,
    timezone: str,
) -> Assessment:
    match = find_person(session, document)
    findings = _mrz(document)
    visa_findings, has_visa = _visa(visa, document)
    findings += visa_findings
    if match.recorded_details_differ:
        p = match.person
        params = {
            "name": " ".join(x for x in (p.surname, p.given_names) if x),
            "birth": birth_text(p.birth_date),
        }
        findings.append(CheckFinding("document_holder_differs", WARNING, "history", params))
    scanned = [document] + ([visa] if visa is not None else [])
    findings += _watchlists(session, scanned, match, today)
    # Every check, case and stay of the person and of the records that may be the same
    # person, in one statement: the history, the stays and what is on record.
    records = records_on_file(session, records_of_same_person(session, match.person))
    pid = match.person.person_id
    history = history_of(records, pid) if pid else ()
    findings += _history(history, timezone)
    findings += on_record_findings(records, timezone)
    if direction == "entry":
        findings += _regime(records, match, has_visa, today, timezone)
    return Assessment(match, ordered(findings), history)
