"""The centre's reads: the occupancy board, a stay in full, beds, persons and belongings.

They build the immutable rows of :mod:`borderdesk.services.centre.rows`.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from sqlmodel import Session, col, select

from borderdesk.domain.centre import (
    CentreRules,
    StayTerm,
    bed_label,
    load_centre_rules,
    stay_term,
)
from borderdesk.domain.local_time import local_date
from borderdesk.domain.partial_date import PartialDate
from borderdesk.domain.safe_text import shown_in_message
from borderdesk.errors import InputError, NotFoundError
from borderdesk.i18n import _
from borderdesk.services.centre.rows import (
    BedRow,
    BelongingRow,
    PersonSummary,
    ResidentRow,
    RoomRow,
    StayDetail,
)
from borderdesk.store.tables import Bed, BelongingItem, CentreStay, IdentityDocument, Person, Room
from borderdesk.store.tables.centre import StayStatus


def active(stmt: Any, model: Any) -> Any:
    return stmt.where(model.deleted == False)  # noqa: E712


def person_summary(person: Person, document: IdentityDocument | None) -> PersonSummary:
    birth = ""
    if person.birth_year:
        birth = PartialDate(person.birth_year, person.birth_month, person.birth_day).iso_text()
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
        decision_number=stay.decision_number,
        decision_date=stay.decision_date,
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
            _("'{value}' is not a record id.").format(value=shown_in_message(value)), code="bad_id"
        ) from None
