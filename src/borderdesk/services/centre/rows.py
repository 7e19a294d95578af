"""What the centre's services hand out: immutable rows with ``to_json()`` for the command line.

Rows are plain frozen dataclasses (no ORM objects escape a session); the reads that
build them are in :mod:`borderdesk.services.centre.queries`.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from borderdesk.domain.centre import LegalBasis, StayTerm
from borderdesk.domain.safe_text import shown_safely
from borderdesk.domain.stay_status import (  # noqa: F401  (re-exported: the rows' labels)
    STAY_STATUS_LABELS,
    TRANSFER_STATUS_LABELS,
    stay_status_label,
    transfer_status_label,
)
from borderdesk.i18n import N_, _
from borderdesk.store.tables.centre import StayStatus

FLAG_LABELS = {
    "minor": N_("minor"),
    "unaccompanied_minor": N_("unaccompanied minor"),
    "family": N_("family"),
    "pregnant": N_("pregnant"),
    "disabled": N_("disability"),
    "interpreter": N_("interpreter needed"),
    "medical": N_("medical needs"),
    "unfit_to_travel": N_("not fit to travel"),
}


def flag_label(code: str) -> str:
    return _(FLAG_LABELS[code]) if code in FLAG_LABELS else code


@dataclass(frozen=True)
class PersonSummary:
    id: uuid.UUID
    surname: str
    given_names: str
    surname_latin: str
    given_names_latin: str
    birth_date: str  # "1990-05-??" for a partial date, "" when unknown
    sex: str
    nationality: str
    document_type: str = ""
    document_number: str = ""
    document_state: str = ""

    @property
    def display_name(self) -> str:
        # Shown safely: a name stored before names were cleaned, or synced, may hold U+202E.
        return shown_safely(" ".join(p for p in (self.surname.upper(), self.given_names) if p))

    def to_json(self) -> dict[str, Any]:
        return {
            "id": str(self.id),
            "surname": self.surname,
            "given_names": self.given_names,
            "surname_latin": self.surname_latin,
            "given_names_latin": self.given_names_latin,
            "birth_date": self.birth_date,
            "sex": self.sex,
            "nationality": self.nationality,
            "document": self.document_number,
        }


@dataclass(frozen=True)
class BedRow:
    id: uuid.UUID
    label: str  # ROOM/BED
    room_code: str
    bed: str
    active: bool
    stay_id: uuid.UUID | None = None
    occupant: str = ""  # the resident's name
    days_in: int | None = None
    days_left: int | None = None
    level: str = ""  # ok | near | overdue
    flags: tuple[str, ...] = ()

    @property
    def free(self) -> bool:
        return self.active and self.stay_id is None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": str(self.id),
            "bed": self.label,
            "active": self.active,
            "stay_id": str(self.stay_id) if self.stay_id else None,
            "occupant": self.occupant or None,
            "days_in": self.days_in,
            "days_left": self.days_left,
            "level": self.level or None,
            "flags": list(self.flags),
        }


@dataclass(frozen=True)
class RoomRow:
    id: uuid.UUID
    code: str
    name: str
    suitable_for: tuple[str, ...]
    active: bool
    beds: tuple[BedRow, ...]

    @property
    def capacity(self) -> int:
        return sum(1 for b in self.beds if b.active)

    @property
    def occupied(self) -> int:
        return sum(1 for b in self.beds if b.stay_id is not None)

    @property
    def free(self) -> int:
        return sum(1 for b in self.beds if b.free)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": str(self.id),
            "code": self.code,
            "name": self.name,
            "suitable_for": list(self.suitable_for),
            "active": self.active,
            "capacity": self.capacity,
            "occupied": self.occupied,
            "free": self.free,
            "beds": [b.to_json() for b in self.beds],
        }


@dataclass(frozen=True)
class BelongingRow:
    id: uuid.UUID
    line_no: int
    item: str
    quantity: int
    description: str
    currency: str
    amount: Decimal | None
    returned_quantity: int | None
    returned_amount: Decimal | None
    return_note: str

    @property
    def is_cash(self) -> bool:
        return bool(self.currency)

    @property
    def display_item(self) -> str:
        """The item as shown: a cash line may have no text of its own."""
        return self.item or (_("Cash") if self.is_cash else "")

    def to_json(self) -> dict[str, Any]:
        return {
            "id": str(self.id),
            "line": self.line_no,
            "item": self.display_item,
            "quantity": self.quantity,
            "description": self.description,
            "currency": self.currency or None,
            "amount": str(self.amount) if self.amount is not None else None,
            "returned_quantity": self.returned_quantity,
            "returned_amount": str(self.returned_amount)
            if self.returned_amount is not None
            else None,
            "return_note": self.return_note,
        }


@dataclass(frozen=True)
class ResidentRow:
    """One person in the centre, as the occupancy board shows them."""

    stay_id: uuid.UUID
    stay_number: str
    bed: str  # ROOM/BED
    room_code: str
    person: PersonSummary
    arrived_at: datetime
    legal_basis: str
    days_in: int
    max_days: int
    days_left: int
    last_day: date
    level: str  # ok | near | overdue
    flags: tuple[str, ...]
    case_id: uuid.UUID | None

    def to_json(self) -> dict[str, Any]:
        return {
            "stay_id": str(self.stay_id),
            "stay_number": self.stay_number,
            "bed": self.bed,
            "person": self.person.to_json(),
            "arrived_at": self.arrived_at.isoformat(),
            "legal_basis": self.legal_basis,
            "days_in": self.days_in,
            "max_days": self.max_days,
            "days_left": self.days_left,
            "last_day": self.last_day.isoformat(),
            "level": self.level,
            "flags": list(self.flags),
            "case_id": str(self.case_id) if self.case_id else None,
        }


@dataclass(frozen=True)
class StayDetail:
    """A stay in full: the resident card, the intake protocol and the release dialog."""

    id: uuid.UUID
    stay_number: str
    status: str  # in | released | transferred
    person: PersonSummary
    case_id: uuid.UUID | None
    arrived_at: datetime
    arriving_from: str
    escort_officers: tuple[str, ...]
    received_by: str
    bed: str
    room_code: str
    legal_basis: LegalBasis
    decision_number: str
    decision_date: date | None
    term: StayTerm
    cost_source: str
    fit_to_travel: bool | None
    medical_needs: str
    medication: str
    medical_examiner: str
    minor: bool
    unaccompanied_minor: bool
    family_stay_id: uuid.UUID | None
    pregnant: bool
    disabled: bool
    languages: str
    interpreter_needed: bool
    note: str
    flags: tuple[str, ...]
    ended_at: datetime | None
    end_reason: str
    belongings_explanation: str
    alternative: str
    alternative_note: str
    belongings: tuple[BelongingRow, ...] = field(default=())
    site_timezone: str = "UTC"

    @property
    def is_active(self) -> bool:
        return self.status == StayStatus.in_centre.value

    def to_json(self) -> dict[str, Any]:
        return {
            "stay_id": str(self.id),
            "stay_number": self.stay_number,
            "status": self.status,
            "person": self.person.to_json(),
            "case_id": str(self.case_id) if self.case_id else None,
            "arrived_at": self.arrived_at.isoformat(),
            "arriving_from": self.arriving_from,
            "escort_officers": list(self.escort_officers),
            "bed": self.bed,
            "legal_basis": {
                "code": self.legal_basis.code,
                "title": self.legal_basis.title(),
                "max_days": self.legal_basis.max_days,
                "source": self.legal_basis.source,
                "unverified": not self.legal_basis.verified,
            },
            "decision": {
                "number": self.decision_number,
                "date": self.decision_date.isoformat() if self.decision_date else None,
            },
            "days_in": self.term.days_in,
            "days_left": self.term.days_left,
            "last_day": self.term.last_day.isoformat(),
            "level": self.term.level,
            "cost_so_far": str(self.term.cost_so_far),
            "currency": self.term.currency,
            "cost_source": self.cost_source,
            "unverified": self.term.unverified,
            "medical": {
                "fit_to_travel": self.fit_to_travel,
                "needs": self.medical_needs,
                "medication": self.medication,
                "examiner": self.medical_examiner,
            },
            "flags": list(self.flags),
            "family_stay_id": str(self.family_stay_id) if self.family_stay_id else None,
            "languages": self.languages,
            "interpreter_needed": self.interpreter_needed,
            "ended_at": self.ended_at.isoformat() if self.ended_at else None,
            "end_reason": self.end_reason,
            "belongings_explanation": self.belongings_explanation,
            "alternative": self.alternative or None,
            "alternative_note": self.alternative_note,
            "belongings": [b.to_json() for b in self.belongings],
        }
