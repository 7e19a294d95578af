"""What the centre's services hand out: immutable rows, and the reads that build them.

Rows are plain frozen dataclasses (no ORM objects escape a session), each with
``to_json()`` for the command line.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel import Session, col, select

from borderdesk.domain.centre import (
    CentreRules,
    LegalBasis,
    StayTerm,
    bed_label,
    load_centre_rules,
    stay_term,
)
from borderdesk.domain.partial_date import PartialDate
from borderdesk.errors import InputError, NotFoundError
from borderdesk.i18n import N_, _
from borderdesk.store.tables import Bed, BelongingItem, CentreStay, IdentityDocument, Person, Room
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


# --------------------------------------------------------------------------- rows


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
        return " ".join(p for p in (self.surname.upper(), self.given_names) if p)

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


# --------------------------------------------------------------------------- reading


def local_date(value: datetime, timezone: str) -> date:
    return value.astimezone(ZoneInfo(timezone)).date()


def active(stmt: Any, model: Any) -> Any:
    return stmt.where(model.deleted == False)  # noqa: E712


def person_summary(person: Person, document: IdentityDocument | None) -> PersonSummary:
    birth = ""
    if person.birth_year:
        birth = PartialDate(person.birth_year, person.birth_month, person.birth_day).display()
    return PersonSummary(
        id=person.id,
        surname=person.surname,
        given_names=person.given_names,
        surname_latin=person.surname_latin,
        given_names_latin=person.given_names_latin,
        birth_date=birth,
        sex=person.sex,
        nationality=person.nationality,
        document_type=document.document_type if document else "",
        document_number=document.number if document else "",
        document_state=document.issuing_state if document else "",
    )


def person_summaries(session: Session, ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, PersonSummary]:
    wanted = set(ids)
    if not wanted:
        return {}
    persons = session.exec(select(Person).where(col(Person.id).in_(wanted))).all()
    documents: dict[uuid.UUID, IdentityDocument] = {}
    stmt = active(select(IdentityDocument), IdentityDocument).where(
        col(IdentityDocument.person_id).in_(wanted)
    )
    for doc in session.exec(stmt.order_by(col(IdentityDocument.created_at))).all():
        documents[doc.person_id] = doc  # the newest document wins
    return {p.id: person_summary(p, documents.get(p.id)) for p in persons}


def stay_flags(stay: CentreStay) -> tuple[str, ...]:
    flags = []
    if stay.unaccompanied_minor:
        flags.append("unaccompanied_minor")
    elif stay.minor:
        flags.append("minor")
    if stay.family_stay_id:
        flags.append("family")
    if stay.pregnant:
        flags.append("pregnant")
    if stay.disabled:
        flags.append("disabled")
    if stay.interpreter_needed:
        flags.append("interpreter")
    if stay.medical_needs or stay.medication:
        flags.append("medical")
    if stay.fit_to_travel is False:
        flags.append("unfit_to_travel")
    return tuple(flags)


def term_of(stay: CentreStay, *, today: date, timezone: str, rules: CentreRules) -> StayTerm:
    ended = local_date(stay.ended_at, timezone) if stay.ended_at else None
    return stay_term(
        arrived_on=local_date(stay.arrived_at, timezone),
        today=today,
        basis=rules.basis(stay.legal_basis),
        cost=rules.cost,
        warn_days_left=rules.warn_days_left,
        ended_on=ended,
    )


def bed_labels(session: Session, bed_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, tuple[str, str]]:
    """bed id -> (ROOM/BED, room code)."""
    wanted = set(bed_ids)
    if not wanted:
        return {}
    stmt = select(Bed, Room).join(Room, col(Room.id) == col(Bed.room_id))
    rows = session.exec(stmt.where(col(Bed.id).in_(wanted))).all()
    return {bed.id: (bed_label(room.code, bed.label), room.code) for bed, room in rows}


def active_stays(session: Session) -> list[CentreStay]:
    stmt = active(select(CentreStay), CentreStay).where(
        CentreStay.status == StayStatus.in_centre.value
    )
    return list(session.exec(stmt.order_by(col(CentreStay.arrived_at))).all())


def get_stay_record(session: Session, stay_id: uuid.UUID | str) -> CentreStay:
    """A stay by its id, or by its number as printed on the intake protocol."""
    stay: CentreStay | None
    if isinstance(stay_id, str) and not _looks_like_uuid(stay_id):
        stmt = active(select(CentreStay), CentreStay).where(
            CentreStay.stay_number == stay_id.strip()
        )
        stay = session.exec(stmt).first()
    else:
        stay = session.get(CentreStay, as_uuid(stay_id))
    if stay is None or stay.deleted:
        raise NotFoundError(_("No stay {id}.").format(id=stay_id), code="no_stay")
    return stay


def belongings_of(session: Session, stay_id: uuid.UUID) -> list[BelongingItem]:
    stmt = active(select(BelongingItem), BelongingItem).where(BelongingItem.stay_id == stay_id)
    return list(session.exec(stmt.order_by(col(BelongingItem.line_no))).all())


def belonging_row(item: BelongingItem) -> BelongingRow:
    return BelongingRow(
        id=item.id,
        line_no=item.line_no,
        item=item.item,
        quantity=item.quantity,
        description=item.description,
        currency=item.currency,
        amount=Decimal(item.amount) if item.amount else None,
        returned_quantity=item.returned_quantity,
        returned_amount=Decimal(item.returned_amount) if item.returned_amount else None,
        return_note=item.return_note,
    )


def stay_detail(session: Session, stay: CentreStay, *, today: date, timezone: str) -> StayDetail:
    rules = load_centre_rules()
    person = person_summaries(session, [stay.person_id])[stay.person_id]
    bed, room = bed_labels(session, [stay.bed_id]).get(stay.bed_id, ("", ""))
    return StayDetail(
        id=stay.id,
        stay_number=stay.stay_number,
        status=stay.status,
        person=person,
        case_id=stay.case_id,
        arrived_at=stay.arrived_at,
        arriving_from=stay.arriving_from,
        escort_officers=tuple(stay.escort_officers or ()),
        received_by=stay.received_by,
        bed=bed,
        room_code=room,
        legal_basis=rules.basis(stay.legal_basis),
        term=term_of(stay, today=today, timezone=timezone, rules=rules),
        cost_source=rules.cost.source,
        fit_to_travel=stay.fit_to_travel,
        medical_needs=stay.medical_needs,
        medication=stay.medication,
        medical_examiner=stay.medical_examiner,
        minor=stay.minor,
        unaccompanied_minor=stay.unaccompanied_minor,
        family_stay_id=stay.family_stay_id,
        pregnant=stay.pregnant,
        disabled=stay.disabled,
        languages=stay.languages,
        interpreter_needed=stay.interpreter_needed,
        note=stay.note,
        flags=stay_flags(stay),
        ended_at=stay.ended_at,
        end_reason=stay.end_reason,
        belongings_explanation=stay.belongings_explanation,
        alternative=stay.alternative,
        alternative_note=stay.alternative_note,
        belongings=tuple(belonging_row(b) for b in belongings_of(session, stay.id)),
        site_timezone=timezone,
    )


def resident_rows(session: Session, *, today: date, timezone: str) -> list[ResidentRow]:
    rules = load_centre_rules()
    stays = active_stays(session)
    persons = person_summaries(session, (s.person_id for s in stays))
    beds = bed_labels(session, (s.bed_id for s in stays))
    rows = []
    for stay in stays:
        term = term_of(stay, today=today, timezone=timezone, rules=rules)
        bed, room = beds.get(stay.bed_id, ("", ""))
        rows.append(
            ResidentRow(
                stay_id=stay.id,
                stay_number=stay.stay_number,
                bed=bed,
                room_code=room,
                person=persons[stay.person_id],
                arrived_at=stay.arrived_at,
                legal_basis=stay.legal_basis,
                days_in=term.days_in,
                max_days=term.max_days,
                days_left=term.days_left,
                last_day=term.last_day,
                level=term.level,
                flags=stay_flags(stay),
                case_id=stay.case_id,
            )
        )
    return rows


def room_rows(
    session: Session, *, today: date, timezone: str, include_inactive: bool = False
) -> list[RoomRow]:
    rooms_stmt = active(select(Room), Room)
    if not include_inactive:
        rooms_stmt = rooms_stmt.where(Room.active == True)  # noqa: E712
    rooms = session.exec(rooms_stmt.order_by(col(Room.sort_order), col(Room.code))).all()
    beds_by_room: dict[uuid.UUID, list[Bed]] = {}
    bed_stmt = active(select(Bed), Bed).where(col(Bed.room_id).in_([r.id for r in rooms]))
    for bed in session.exec(bed_stmt.order_by(col(Bed.label))).all():
        beds_by_room.setdefault(bed.room_id, []).append(bed)
    residents = {r.stay_id: r for r in resident_rows(session, today=today, timezone=timezone)}
    stays_by_bed = {s.bed_id: s for s in active_stays(session)}
    rows = []
    for room in rooms:
        bed_rows = []
        for bed in sorted(beds_by_room.get(room.id, []), key=lambda b: natural_key(b.label)):
            stay = stays_by_bed.get(bed.id)
            resident = residents.get(stay.id) if stay else None
            bed_rows.append(
                BedRow(
                    id=bed.id,
                    label=bed_label(room.code, bed.label),
                    room_code=room.code,
                    bed=bed.label,
                    active=bed.active and room.active,
                    stay_id=stay.id if stay else None,
                    occupant=resident.person.display_name if resident else "",
                    days_in=resident.days_in if resident else None,
                    days_left=resident.days_left if resident else None,
                    level=resident.level if resident else "",
                    flags=resident.flags if resident else (),
                )
            )
        rows.append(
            RoomRow(
                id=room.id,
                code=room.code,
                name=room.name,
                suitable_for=room.kinds,
                active=room.active,
                beds=tuple(bed_rows),
            )
        )
    return rows


def natural_key(text: str) -> tuple[Any, ...]:
    """'2' before '10'; letters in order."""
    import re

    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", text) if p)


def _looks_like_uuid(text: str) -> bool:
    try:
        uuid.UUID(text.strip())
    except ValueError:
        return False
    return True


def as_uuid(value: uuid.UUID | str) -> uuid.UUID:
    if isinstance(value, uuid.UUID):
        return value
    try:
        return uuid.UUID(str(value).strip())
    except ValueError:
        raise InputError(
            _("'{value}' is not a record id.").format(value=value), code="bad_id"
        ) from None
