"""Readmission cases as the GUI and the CLI show them: immutable rows with ``to_json()``."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from borderdesk.domain.case_schedule import DueDate
from borderdesk.domain.case_workflow import event_label, kind_label, status_label


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


@dataclass(frozen=True)
class CaseRow:
    """One line of the cases table."""

    id: uuid.UUID
    case_number: str
    kind: str
    status: str
    person_id: uuid.UUID
    person_name: str  # as written, e.g. "РАХИМОВ Бахтиёр"
    person_name_latin: str
    nationality: str
    requesting_state: str
    requested_state: str
    agreement_id: str
    procedure: str
    received_on: date | None
    submitted_on: date | None
    next_step: str | None
    next_due: date | None
    overdue: bool
    days_left: int | None  # negative when overdue

    @property
    def kind_label(self) -> str:
        return kind_label(self.kind)

    @property
    def status_label(self) -> str:
        return status_label(self.status)

    def to_json(self) -> dict[str, object]:
        return {
            "id": str(self.id),
            "case_number": self.case_number,
            "kind": self.kind,
            "status": self.status,
            "person": {
                "id": str(self.person_id),
                "name": self.person_name,
                "name_latin": self.person_name_latin,
                "nationality": self.nationality,
            },
            "requesting_state": self.requesting_state,
            "requested_state": self.requested_state,
            "agreement": self.agreement_id,
            "procedure": self.procedure,
            "received_on": _iso(self.received_on),
            "submitted_on": _iso(self.submitted_on),
            "next_step": self.next_step,
            "next_due": _iso(self.next_due),
            "overdue": self.overdue,
            "days_left": self.days_left,
        }


@dataclass(frozen=True)
class CasePerson:
    id: uuid.UUID
    surname: str
    given_names: str
    surname_latin: str
    given_names_latin: str
    birth_date: str  # ISO, possibly partial: "1990", "1990-05"
    sex: str
    nationality: str
    documents: tuple[tuple[str, str, str, date | None], ...]  # (type, state, number, expiry)

    @property
    def name(self) -> str:
        return " ".join(p for p in (self.surname.upper(), self.given_names) if p)

    @property
    def name_latin(self) -> str:
        return " ".join(p for p in (self.surname_latin.upper(), self.given_names_latin) if p)

    def to_json(self) -> dict[str, object]:
        return {
            "id": str(self.id),
            "name": self.name,
            "name_latin": self.name_latin,
            "birth_date": self.birth_date,
            "sex": self.sex,
            "nationality": self.nationality,
            "documents": [
                {"type": t, "issuing_state": s, "number": n, "expiry_date": _iso(e)}
                for t, s, n, e in self.documents
            ],
        }


@dataclass(frozen=True)
class EvidenceRow:
    id: uuid.UUID
    subject: str  # nationality | transit
    kind: str  # proof | presumption
    evidence_type: str
    listed: bool
    description: str
    scan_filename: str
    scan_sha256: str
    scan_size: int
    added_at: datetime

    def to_json(self) -> dict[str, object]:
        return {
            "id": str(self.id),
            "subject": self.subject,
            "kind": self.kind,
            "type": self.evidence_type,
            "listed": self.listed,
            "description": self.description,
            "scan": (
                {"filename": self.scan_filename, "sha256": self.scan_sha256, "size": self.scan_size}
                if self.scan_sha256
                else None
            ),
            "added_at": self.added_at.isoformat(),
        }


@dataclass(frozen=True)
class EventRow:
    id: uuid.UUID
    at: datetime
    effective_on: date | None
    author: str
    kind: str
    note: str
    from_status: str | None
    to_status: str | None

    @property
    def label(self) -> str:
        return event_label(self.kind)

    @property
    def day(self) -> date:
        """The day the event took effect (for deemed acceptance, not the day it was noticed)."""
        return self.effective_on or self.at.date()

    def to_json(self) -> dict[str, object]:
        return {
            "id": str(self.id),
            "at": self.at.isoformat(),
            "effective_on": _iso(self.effective_on),
            "author": self.author,
            "kind": self.kind,
            "note": self.note,
            "from_status": self.from_status,
            "to_status": self.to_status,
        }


@dataclass(frozen=True)
class Coverage:
    """The agreement's answer for this person on the case's date (recomputed when shown)."""

    applies: bool
    reason_code: str
    reason: str
    unverified: bool


@dataclass(frozen=True)
class CaseDetail:
    id: uuid.UUID
    case_number: str
    kind: str
    status: str
    person: CasePerson
    category: str | None
    requesting_state: str
    requested_state: str
    agreement_id: str
    agreement_title: str
    procedure: str
    coverage: Coverage
    facts_known_on: date | None
    received_on: date | None
    submitted_on: date | None
    extension_requested: bool
    replied_on: date | None
    decision: str | None
    decision_reason: str
    decided_on: date | None
    transferred_on: date | None
    closed_on: date | None
    due_dates: tuple[DueDate, ...]
    next_due: DueDate | None
    schedule_problems: tuple[str, ...]
    overdue: bool
    allowed_steps: tuple[str, ...]  # statuses a user may move the case to now
    evidence: tuple[EvidenceRow, ...]
    timeline: tuple[EventRow, ...]
    source_check_id: uuid.UUID | None
    parent_case_id: uuid.UUID | None
    medical_needs: str
    escort_needed: bool
    notes: str
    origin_site: str
    created_at: datetime
    today: date

    @property
    def status_label(self) -> str:
        return status_label(self.status)

    @property
    def kind_label(self) -> str:
        return kind_label(self.kind)

    @property
    def banner(self) -> str:
        """The next deadline with the rule that produced it ('' when nothing is due)."""
        return self.next_due.banner() if self.next_due else ""

    def due(self, step: str) -> DueDate | None:
        for item in self.due_dates:
            if item.step == step:
                return item
        return None

    def to_json(self) -> dict[str, object]:
        return {
            "id": str(self.id),
            "case_number": self.case_number,
            "kind": self.kind,
            "status": self.status,
            "person": self.person.to_json(),
            "category": self.category,
            "requesting_state": self.requesting_state,
            "requested_state": self.requested_state,
            "agreement": self.agreement_id,
            "procedure": self.procedure,
            "coverage": {
                "applies": self.coverage.applies,
                "reason_code": self.coverage.reason_code,
                "reason": self.coverage.reason,
                "unverified": self.coverage.unverified,
            },
            "facts_known_on": _iso(self.facts_known_on),
            "received_on": _iso(self.received_on),
            "submitted_on": _iso(self.submitted_on),
            "extension_requested": self.extension_requested,
            "replied_on": _iso(self.replied_on),
            "decision": self.decision,
            "decision_reason": self.decision_reason,
            "decided_on": _iso(self.decided_on),
            "transferred_on": _iso(self.transferred_on),
            "closed_on": _iso(self.closed_on),
            "due_dates": [d.to_json(self.today) for d in self.due_dates],
            "next_due": self.next_due.to_json(self.today) if self.next_due else None,
            "schedule_problems": list(self.schedule_problems),
            "overdue": self.overdue,
            "allowed_steps": list(self.allowed_steps),
            "evidence": [e.to_json() for e in self.evidence],
            "timeline": [e.to_json() for e in self.timeline],
            "source_check_id": str(self.source_check_id) if self.source_check_id else None,
            "parent_case_id": str(self.parent_case_id) if self.parent_case_id else None,
            "medical_needs": self.medical_needs,
            "escort_needed": self.escort_needed,
            "notes": self.notes,
            "origin_site": self.origin_site,
            "created_at": self.created_at.isoformat(),
        }
