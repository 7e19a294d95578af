"""A saved document check as the GUI, the CLI and the protocol see it.

The record's content digest (SHA-256 of the canonical JSON of :func:`content_of`)
is stored with the record and printed in the protocol's QR code, so a paper
protocol can be checked against the database.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlmodel import Session, col, select

from borderdesk.domain.partial_date import PartialDate
from borderdesk.forms.digest import content_digest
from borderdesk.services.checks.findings import CheckFinding, ordered
from borderdesk.services.people.person_row import PersonRow
from borderdesk.store.serialise import canonical_json
from borderdesk.store.tables import DocumentCheck

# The order of ``borderdesk mrz check --json``, kept when a stored record is read back.
MRZ_KEYS = (
    "valid",
    "format",
    "document_type",
    "issuing_state",
    "surname",
    "given_names",
    "document_number",
    "nationality",
    "birth_date",
    "expiry_date",
    "sex",
    "optional_data",
    "checks",
    "errors",
    "warnings",
)
CHECK_KEYS = ("document_number", "birth_date", "expiry_date", "optional_data", "composite")


def _mrz_in_order(mrz: Mapping[str, Any]) -> dict[str, Any]:
    ordered_mrz = {key: mrz[key] for key in MRZ_KEYS if key in mrz}
    checks = mrz.get("checks") or {}
    ordered_mrz["checks"] = {key: checks[key] for key in CHECK_KEYS if key in checks}
    return {**ordered_mrz, **{k: v for k, v in mrz.items() if k not in ordered_mrz}}


@dataclass(frozen=True)
class CheckedDocument:
    """One document of a check: its MRZ as read (the ``mrz check --json`` fields)."""

    role: str  # travel | visa
    document_id: uuid.UUID | None
    lines: tuple[str, ...]
    mrz: Mapping[str, Any] = field(hash=False)

    @property
    def number(self) -> str:
        return str(self.mrz.get("document_number", ""))

    @property
    def issuing_state(self) -> str:
        return str(self.mrz.get("issuing_state", ""))

    @property
    def document_type(self) -> str:
        return str(self.mrz.get("document_type", ""))

    @property
    def expiry_date(self) -> date | None:
        value = self.mrz.get("expiry_date")
        return date.fromisoformat(value) if value else None

    @property
    def valid(self) -> bool:
        return bool(self.mrz.get("valid"))

    @property
    def failed_checks(self) -> tuple[str, ...]:
        """The check digits that failed (``MrzResult.checks_ok`` is: none failed)."""
        checks = self.mrz.get("checks")
        if not isinstance(checks, Mapping):
            return ()
        return tuple(name for name in CHECK_KEYS if checks.get(name) is False)

    @property
    def checks_ok(self) -> bool:
        """Every check digit passes, whatever the dates say (an expired MRZ can be sound)."""
        return not self.failed_checks

    def stored(self) -> dict[str, Any]:
        return {
            "role": self.role,
            "document_id": str(self.document_id) if self.document_id else None,
            "lines": list(self.lines),
            "mrz": dict(self.mrz),
        }

    to_json = stored

    @classmethod
    def from_stored(cls, data: Mapping[str, Any]) -> CheckedDocument:
        doc_id = data.get("document_id")
        return cls(
            data["role"],
            uuid.UUID(doc_id) if doc_id else None,
            tuple(data["lines"]),
            _mrz_in_order(data["mrz"]),
        )


def person_stored(person: PersonRow) -> dict[str, Any]:
    data = person.to_json()
    data.pop("person_id")
    return data


def person_from_stored(person_id: uuid.UUID, data: Mapping[str, Any]) -> PersonRow:
    birth = data.get("birth_date")
    return PersonRow(
        person_id=person_id,
        surname=data["surname"],
        given_names=data["given_names"],
        surname_latin=data["surname_latin"],
        given_names_latin=data["given_names_latin"],
        birth_date=PartialDate.parse(birth) if birth else None,
        sex=data["sex"],
        nationality=data["nationality"],
    )


@dataclass(frozen=True)
class CheckRecord:
    id: uuid.UUID
    protocol_number: str
    site: str
    officer: str
    officer_name: str
    checked_at: datetime
    direction: str
    person: PersonRow  # as recorded at the check
    document_id: uuid.UUID | None
    documents: tuple[CheckedDocument, ...]
    findings: tuple[CheckFinding, ...]
    verdict: str  # clear | warning | alert
    decision: str | None  # admit | refuse | detain; None: none recorded
    note: str
    refusal_ground: str | None  # a code of resources/refusal_grounds.toml (refusals)
    corrects_id: uuid.UUID | None
    corrected_by_id: uuid.UUID | None  # the correction that replaces this check, if any
    detained_for_case: bool
    content_digest: str
    digest_ok: bool  # the stored content still gives the stored digest

    @property
    def person_id(self) -> uuid.UUID:
        assert self.person.person_id is not None
        return self.person.person_id

    def document(self, role: str = "travel") -> CheckedDocument | None:
        return next((d for d in self.documents if d.role == role), None)

    def to_json(self) -> dict[str, Any]:
        travel, visa = self.document("travel"), self.document("visa")
        return {
            "id": str(self.id),
            "protocol_number": self.protocol_number,
            "site": self.site,
            "officer": self.officer,
            "checked_at": self.checked_at.isoformat(),
            "direction": self.direction,
            "decision": self.decision,
            "note": self.note,
            "refusal_ground": self.refusal_ground,
            "verdict": self.verdict,
            "detained_for_case": self.detained_for_case,
            "corrects_id": str(self.corrects_id) if self.corrects_id else None,
            "corrected_by_id": str(self.corrected_by_id) if self.corrected_by_id else None,
            "content_digest": self.content_digest,
            "person_id": str(self.person_id),
            "person": self.person.to_json(),
            "document": dict(travel.mrz) if travel else None,
            "visa": dict(visa.mrz) if visa else None,
            "documents": [d.to_json() for d in self.documents],
            "findings": [f.to_json() for f in self.findings],
        }


def content_of(row: DocumentCheck) -> dict[str, Any]:
    """What the digest covers: every field a reader of the protocol relies on (the
    refusal ground only when there is one, so the digests of older checks stay)."""
    content: dict[str, Any] = {
        "id": row.id,
        "protocol_number": row.protocol_number,
        "site": row.site,
        "officer": row.officer,
        "officer_name": row.officer_name,
        "checked_at": row.checked_at,
        "direction": row.direction,
        "person_id": row.person_id,
        "person": json.loads(row.person_details),
        "document_id": row.document_id,
        "documents": json.loads(row.documents),
        "findings": json.loads(row.findings),
        "verdict": row.verdict,
        "decision": row.decision,
        "note": row.note,
        "corrects_id": row.corrects_id,
        "detained_for_case": row.detained_for_case,
    }
    if row.refusal_ground is not None:
        content["refusal_ground"] = row.refusal_ground
    return content


def digest_of(row: DocumentCheck) -> str:
    return content_digest(content_of(row))


def to_text(value: Any) -> str:
    """Canonical JSON for the record's JSON columns."""
    return canonical_json(value)


def stored_documents(documents: Sequence[CheckedDocument]) -> str:
    return to_text([d.stored() for d in documents])


def stored_findings(findings: Sequence[CheckFinding]) -> str:
    return to_text([f.stored() for f in findings])


def record_of(row: DocumentCheck, corrected_by_id: uuid.UUID | None = None) -> CheckRecord:
    return CheckRecord(
        id=row.id,
        protocol_number=row.protocol_number,
        site=row.site,
        officer=row.officer,
        officer_name=row.officer_name,
        checked_at=row.checked_at,
        direction=row.direction,
        person=person_from_stored(row.person_id, json.loads(row.person_details)),
        document_id=row.document_id,
        documents=tuple(CheckedDocument.from_stored(d) for d in json.loads(row.documents)),
        findings=ordered(CheckFinding.from_stored(f) for f in json.loads(row.findings)),
        verdict=row.verdict,
        decision=row.decision,
        note=row.note,
        refusal_ground=row.refusal_ground,
        corrects_id=row.corrects_id,
        corrected_by_id=corrected_by_id,
        detained_for_case=row.detained_for_case,
        content_digest=row.content_digest,
        digest_ok=digest_of(row) == row.content_digest,
    )


def correction_of(session: Session, check_id: uuid.UUID) -> DocumentCheck | None:
    stmt = select(DocumentCheck).where(
        DocumentCheck.corrects_id == check_id,
        DocumentCheck.deleted == False,  # noqa: E712
    )
    return session.exec(stmt.order_by(col(DocumentCheck.id))).first()


def next_protocol_number(session: Session, site: str, year: int) -> str:
    """``ILETSK-2026-000123``: per site and year, one more than the highest on record."""
    prefix = f"{site}-{year}-"
    stmt = (
        select(DocumentCheck.protocol_number)
        .where(
            DocumentCheck.protocol_number >= prefix,
            DocumentCheck.protocol_number < prefix + "~",
        )
        .order_by(col(DocumentCheck.protocol_number).desc())
        .limit(1)
    )
    last = session.exec(stmt).first()
    number = int(last[len(prefix) :]) + 1 if last and last[len(prefix) :].isdigit() else 1
    return f"{prefix}{number:06d}"
