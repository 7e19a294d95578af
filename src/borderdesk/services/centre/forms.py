"""The centre's printed form: a stay as its intake protocol (the handover protocol is a
transfer's: ``transfers.handover_form``). Forms are bilingual whatever the user's
language, so every value that has a language is given in both (state names, legal bases).

Rendering is deterministic: the same records give the same bytes.
"""

from __future__ import annotations

import uuid
from decimal import Decimal
from pathlib import Path
from typing import BinaryIO

from sqlmodel import Session

from borderdesk.domain.partial_date import form_text
from borderdesk.forms import (
    BelongingItem,
    CashAmount,
    IntakeProtocolData,
    PersonData,
    render_intake_protocol,
)
from borderdesk.services.access import audit
from borderdesk.services.access.permissions import Actor, Permission, require
from borderdesk.services.centre.queries import get_stay_record, stay_detail
from borderdesk.services.centre.rows import PersonSummary, StayDetail
from borderdesk.services.site.form_mapping import form_person, officer_positions
from borderdesk.services.site.sites import this_site
from borderdesk.store.database import Database
from borderdesk.store.tables import ReadmissionCase

# Printed in both languages (labels live in resources/forms/labels.toml).
_FAMILY = "Член семьи в центре / Family member in the centre"


def both_languages(ru: str, en: str) -> str:
    return ru if not en or ru == en else f"{ru} / {en}"


def person_data(person: PersonSummary) -> PersonData:
    return form_person(
        surname=person.surname,
        given_names=person.given_names,
        surname_latin=person.surname_latin,
        given_names_latin=person.given_names_latin,
        birth_date=form_text(person.birth_date),
        sex=person.sex,
        nationality=person.nationality,
    )


def case_number_of(session: Session, case_id: uuid.UUID | None) -> str:
    if case_id is None:
        return ""
    case = session.get(ReadmissionCase, case_id)
    return case.case_number if case is not None else str(case_id)


# --------------------------------------------------------------------------- intake


def intake_data(
    stay: StayDetail,
    *,
    site_code: str,
    site_name: str,
    case_number: str,
    staff_position: str = "",
) -> IntakeProtocolData:
    """A stay as its intake protocol (with the belongings receipt)."""
    vulnerabilities: list[str] = []
    if stay.minor and not stay.unaccompanied_minor:
        vulnerabilities.append("minor")
    if stay.unaccompanied_minor:
        vulnerabilities.append("unaccompanied_minor")
    if stay.pregnant:
        vulnerabilities.append("pregnant")
    if stay.disabled:
        vulnerabilities.append("disabled")
    if stay.family_stay_id:
        vulnerabilities.append(_FAMILY)
    basis = stay.legal_basis
    room, _sep, bed = stay.bed.partition("/")
    return IntakeProtocolData(
        protocol_number=stay.stay_number,
        record_id=str(stay.id),
        site_code=site_code,
        site_name=site_name,
        stay_number=stay.stay_number,
        arrived_at=stay.arrived_at,
        person=person_data(stay.person),
        arriving_from=stay.arriving_from,
        legal_basis=f"{basis.title_ru}\n{basis.title_en}",
        case_reference=case_number,
        ground_decision=(f"{basis.decision_ru} / {basis.decision_en}" if basis.decision_ru else ""),
        ground_decision_number=stay.decision_number if basis.decision_ru else "",
        ground_decision_date=(
            stay.decision_date.isoformat() if basis.decision_ru and stay.decision_date else ""
        ),
        escort_officers=stay.escort_officers,
        room=room,
        bed=bed,
        fit_to_travel=stay.fit_to_travel,
        medical_needs=stay.medical_needs,
        medication=stay.medication,
        medical_examiner=stay.medical_examiner,
        vulnerabilities=tuple(vulnerabilities),
        languages=stay.languages,
        interpreter_needed=stay.interpreter_needed,
        belongings=tuple(
            BelongingItem(b.item, b.quantity, b.description)
            for b in stay.belongings
            if not b.is_cash
        ),
        cash=tuple(
            CashAmount(b.currency, b.amount if b.amount is not None else Decimal(0))
            for b in stay.belongings
            if b.is_cash
        ),
        staff_name=stay.received_by,
        staff_position=staff_position,
        note=stay.note,
        site_timezone=stay.site_timezone,
    )


def render_intake(
    db: Database, *, actor: Actor, stay_id: uuid.UUID | str, out: Path | BinaryIO
) -> StayDetail:
    """Write the intake protocol of a stay (by id or stay number) as PDF."""
    require(actor, Permission.run_centre)
    site = this_site(db)
    with db.read() as session:
        record = get_stay_record(session, stay_id)
        # "today" only colours the term; the protocol prints what was recorded at intake.
        detail = stay_detail(
            session, record, today=record.arrived_at.date(), timezone=site.timezone
        )
        case_number = case_number_of(session, record.case_id)
    data = intake_data(
        detail,
        site_code=site.code,
        site_name=site.name,
        case_number=case_number,
        staff_position=officer_positions(db, detail.received_by)[0],
    )
    with audit.printing(db):
        render_intake_protocol(data, out)
    return detail
