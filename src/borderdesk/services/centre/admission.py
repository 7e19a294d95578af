"""Taking a person into the centre: from a case, a scanned document or a known person;
the bed (chosen, or the first suitable free one), belongings, medical screening,
vulnerability. One transaction; a lost race for a bed is a clear error.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from borderdesk.domain.centre import (
    MAX_BELONGING_QUANTITY,
    ResidentProfile,
    bed_need,
    check_profile,
    is_currency_code,
    is_minor,
    load_centre_rules,
    parse_amount,
    unsuitable_reason,
)
from borderdesk.domain.clock import utc_now
from borderdesk.domain.date_windows import check_date_window
from borderdesk.domain.intake_decision import checked_decision
from borderdesk.domain.local_time import today_in
from borderdesk.domain.partial_date import PartialDate
from borderdesk.domain.safe_text import shown_in_message
from borderdesk.errors import BorderDeskError, InputError, NotFoundError
from borderdesk.i18n import _
from borderdesk.services.access.permissions import Actor, Permission, require
from borderdesk.services.centre.queries import (
    active,
    as_uuid,
    get_stay_record,
    local_date,
    stay_detail,
)
from borderdesk.services.centre.rooms import (
    bed_taken_error,
    find_bed,
    free_suitable_bed,
    next_number,
    no_free_bed_error,
    occupant,
    site_and_zone,
    today_and_zone,
    translate_integrity,
)
from borderdesk.services.centre.rows import StayDetail
from borderdesk.services.people.persons import person_of_scanned_document
from borderdesk.store.database import Database
from borderdesk.store.tables import BelongingItem, CentreStay, Person
from borderdesk.store.tables.centre import StayStatus


@dataclass(frozen=True)
class BelongingLine:
    """One line of the belongings receipt: an item, or cash (``currency`` + ``amount``)."""

    item: str
    quantity: int = 1
    description: str = ""
    currency: str = ""
    amount: Decimal | str | None = None


@dataclass(frozen=True)
class Medical:
    fit_to_travel: bool | None = None
    needs: str = ""
    medication: str = ""
    examiner: str = ""


@dataclass(frozen=True)
class Vulnerability:
    minor: bool | None = None  # None: from the date of birth
    unaccompanied_minor: bool = False
    family_stay_id: uuid.UUID | None = None  # the stay of a family member in the centre
    pregnant: bool = False
    disabled: bool = False


def suggest_bed(
    db: Database,
    *,
    actor: Actor,
    profile: ResidentProfile | None = None,
    mrz_lines: Sequence[str] | None = None,
    person_id: uuid.UUID | str | None = None,
    vulnerability: Vulnerability = Vulnerability(),
    on: date | None = None,
) -> str | None:
    """The first suitable free bed as ROOM/BED, or None (full, or staff must choose).

    Give the ``profile`` itself, or the person (``mrz_lines`` as scanned, or
    ``person_id``) with the intake dialog's ``vulnerability``: sex and age come from
    the document or the record, as :func:`intake` takes them. Nothing is written.
    """
    require(actor, Permission.run_centre)
    family = vulnerability.family_stay_id
    if profile is None:
        sex, birth = _sex_and_birth(db, mrz_lines=mrz_lines, person_id=person_id)
        day = on or today_and_zone(db, None)[0]
        minor = (
            vulnerability.minor if vulnerability.minor is not None else is_minor(birth, day)
        ) or vulnerability.unaccompanied_minor
        profile = ResidentProfile(
            sex=sex,
            minor=minor,
            unaccompanied_minor=vulnerability.unaccompanied_minor,
            in_family=family is not None,
            pregnant=vulnerability.pregnant,
        )
    check_profile(profile)
    with db.read() as session:
        found = free_suitable_bed(session, profile, family)
    if found is None:
        return None
    bed, room = found
    return f"{room.code}/{bed.label}"


def _sex_and_birth(
    db: Database, *, mrz_lines: Sequence[str] | None, person_id: uuid.UUID | str | None
) -> tuple[str, PartialDate | None]:
    if mrz_lines:
        from borderdesk.domain.mrz import parse_mrz

        result = parse_mrz(list(mrz_lines))
        return result.sex, result.birth_date
    if person_id is None:
        raise InputError(_("Give the person or the profile."), code="suggest_source")
    with db.read() as session:
        person = session.get(Person, as_uuid(person_id))
        if person is None or person.deleted:
            raise NotFoundError(_("No person {id}.").format(id=person_id), code="no_person")
        birth = (
            PartialDate(person.birth_year, person.birth_month, person.birth_day)
            if person.birth_year
            else None
        )
        return person.sex, birth


def _person_for_intake(
    session: Session,
    *,
    actor: Actor,
    case_id: uuid.UUID | None,
    mrz_lines: Sequence[str] | None,
    person_id: uuid.UUID | str | None,
    today: date,
) -> tuple[Person, uuid.UUID | None]:
    given = sum(x is not None and x != () for x in (case_id, mrz_lines, person_id))
    if given != 1:
        raise InputError(
            _("Take a person in from a case, a scanned document or a known person: one of them."),
            code="intake_source",
        )
    if case_id is not None:
        from borderdesk.store.tables.cases import ReadmissionCase

        case = session.get(ReadmissionCase, as_uuid(case_id))
        if case is None or case.deleted:
            raise NotFoundError(_("No case {id}.").format(id=case_id), code="no_case")
        person = session.get(Person, case.person_id)
        assert person is not None
        return person, case.id
    if mrz_lines:
        return person_of_scanned_document(session, mrz_lines, today=today), None
    person = session.get(Person, as_uuid(person_id))  # type: ignore[arg-type]
    if person is None or person.deleted:
        raise NotFoundError(_("No person {id}.").format(id=person_id), code="no_person")
    return person, None


def _belonging_records(stay_id: uuid.UUID, lines: Sequence[BelongingLine]) -> list[BelongingItem]:
    records = []
    for number, line in enumerate(lines, start=1):
        currency = line.currency.strip().upper()
        item = line.item.strip()  # a cash line may leave it empty: "Cash" is shown
        if not item and not currency:
            raise InputError(
                _("Belongings line {n}: say what the item is.").format(n=number),
                code="belonging_item",
            )
        if currency:
            if not is_currency_code(currency):
                raise InputError(
                    _("Belongings line {n}: '{currency}' is not a currency code.").format(
                        n=number, currency=shown_in_message(line.currency)
                    ),
                    code="belonging_currency",
                )
            if line.amount is None:
                raise InputError(
                    _("Belongings line {n}: give the amount of cash.").format(n=number),
                    code="belonging_amount",
                )
            amount = str(parse_amount(line.amount, currency=currency))
            quantity = 1
        else:
            if line.amount is not None:
                raise InputError(
                    _("Belongings line {n}: an amount needs its currency.").format(n=number),
                    code="belonging_currency",
                )
            amount = ""
            quantity = line.quantity
            if quantity < 1:
                raise InputError(
                    _("Belongings line {n}: the quantity must be at least 1.").format(n=number),
                    code="belonging_quantity",
                )
            if quantity > MAX_BELONGING_QUANTITY:
                raise InputError(
                    _("Belongings line {n}: the quantity must be at most {most}.").format(
                        n=number, most=MAX_BELONGING_QUANTITY
                    ),
                    code="belonging_quantity",
                )
        records.append(
            BelongingItem(
                stay_id=stay_id,
                line_no=number,
                item=item,
                quantity=quantity,
                description=line.description.strip(),
                currency=currency,
                amount=amount,
            )
        )
    return records


def intake(
    db: Database,
    *,
    actor: Actor,
    case_id: uuid.UUID | str | None = None,
    mrz_lines: Sequence[str] | None = None,
    person_id: uuid.UUID | str | None = None,
    bed: str | None = None,
    arrived_at: datetime | None = None,
    arriving_from: str = "",
    escorts: Sequence[str] = (),
    belongings: Sequence[BelongingLine] = (),
    medical: Medical = Medical(),
    vulnerability: Vulnerability = Vulnerability(),
    languages: Sequence[str] | str = (),
    interpreter_needed: bool = False,
    legal_basis: str | None = None,
    decision_number: str = "",
    decision_date: date | None = None,
    note: str = "",
) -> StayDetail:
    """Take a person into the centre: from a case, a scanned document or a known person.

    ``bed`` is "ROOM/BED"; without it the first suitable free bed is taken. Refused
    when the bed is taken or unsuitable, when no suitable bed is free, or when the
    person is already in the centre.
    """
    require(actor, Permission.run_centre)
    rules = load_centre_rules()
    basis = rules.basis(legal_basis) if legal_basis else rules.default_basis
    arrived = arrived_at or utc_now()
    if arrived.tzinfo is None:
        raise InputError(_("The time of arrival needs its time zone."), code="naive_time")
    site_code, tz = site_and_zone(db)
    check_date_window("centre_arrival", arrived, today=today_in(tz))
    decision = checked_decision(basis, decision_number, decision_date, today=today_in(tz))
    if isinstance(languages, str):
        languages_text = languages.strip()
    else:
        languages_text = ", ".join(x.strip() for x in languages if x.strip())
    label = bed or ""
    try:
        with db.write(actor=actor.username) as session:
            person, from_case = _person_for_intake(
                session,
                actor=actor,
                case_id=as_uuid(case_id) if case_id is not None else None,
                mrz_lines=mrz_lines,
                person_id=person_id,
                today=today_in(tz),
            )
            family = vulnerability.family_stay_id
            if family is not None:
                relative = session.get(CentreStay, family)
                if relative is None or relative.status != StayStatus.in_centre.value:
                    raise NotFoundError(
                        _("The family member's stay {id} is not in the centre.").format(id=family),
                        code="no_family_stay",
                    )
            birth = (
                PartialDate(person.birth_year, person.birth_month, person.birth_day)
                if person.birth_year
                else None
            )
            minor = (
                vulnerability.minor
                if vulnerability.minor is not None
                else is_minor(birth, local_date(arrived, tz))
            ) or vulnerability.unaccompanied_minor
            profile = ResidentProfile(
                sex=person.sex,
                minor=minor,
                unaccompanied_minor=vulnerability.unaccompanied_minor,
                in_family=family is not None,
                pregnant=vulnerability.pregnant,
            )
            check_profile(profile)
            already = session.exec(
                active(select(CentreStay), CentreStay).where(
                    CentreStay.person_id == person.id,
                    CentreStay.status == StayStatus.in_centre.value,
                )
            ).first()
            if already is not None:
                raise BorderDeskError(
                    _("This person is already in the centre (stay {number}).").format(
                        number=already.stay_number
                    ),
                    code="already_in_centre",
                )
            if bed:
                chosen, room = find_bed(session, bed)
                reason = unsuitable_reason(profile, room.kinds)
                if reason:
                    raise BorderDeskError(reason, code="bed_unsuitable")
                if occupant(session, chosen.id) is not None:
                    raise bed_taken_error(bed)
            else:
                found = free_suitable_bed(session, profile, family)
                if found is None:
                    if not bed_need(profile).preferred:
                        raise InputError(
                            _("The person's sex is not recorded: choose the bed yourself."),
                            code="choose_bed",
                        )
                    raise no_free_bed_error()
                chosen, room = found
            label = f"{room.code}/{chosen.label}"
            prefix = f"{site_code}-{local_date(arrived, tz).year}-"
            stay = CentreStay(
                stay_number=next_number(session, CentreStay, "stay_number", prefix),
                person_id=person.id,
                case_id=from_case,
                arrived_at=arrived,
                arriving_from=arriving_from.strip(),
                escort_officers=[e.strip() for e in escorts if e.strip()],
                received_by=actor.full_name or actor.username,
                bed_id=chosen.id,
                legal_basis=basis.code,
                decision_number=decision.number,
                decision_date=decision.on,
                fit_to_travel=medical.fit_to_travel,
                medical_needs=medical.needs.strip(),
                medication=medical.medication.strip(),
                medical_examiner=medical.examiner.strip(),
                minor=minor,
                unaccompanied_minor=vulnerability.unaccompanied_minor,
                family_stay_id=family,
                pregnant=vulnerability.pregnant,
                disabled=vulnerability.disabled,
                languages=languages_text,
                interpreter_needed=interpreter_needed,
                note=note.strip(),
            )
            session.add(stay)
            session.flush()
            for record in _belonging_records(stay.id, belongings):
                session.add(record)
            session.flush()
            stay_id = stay.id
    except IntegrityError as exc:
        raise translate_integrity(exc, label) from None
    with db.read() as session:
        stay_record = get_stay_record(session, stay_id)
        return stay_detail(session, stay_record, today=today_and_zone(db, None)[0], timezone=tz)
