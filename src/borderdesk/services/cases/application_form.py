"""The readmission application of a case, printed (``forms.readmission_application``).

Everything printed comes from the case record and the agreement on file; nothing
depends on the day or the UI language, so the same case gives the same bytes.
"""

from __future__ import annotations

import io
import uuid
from pathlib import Path
from typing import BinaryIO

from sqlmodel import col, select

from borderdesk.domain import countries
from borderdesk.domain.partial_date import form_text
from borderdesk.domain.reference import load_agreements
from borderdesk.forms import (
    DocumentData,
    EvidenceItem,
    PersonData,
    ReadmissionApplicationData,
    render_readmission_application,
)
from borderdesk.services.access import audit
from borderdesk.services.access.permissions import Actor
from borderdesk.services.cases import get_case
from borderdesk.services.cases.rows import CaseDetail, CasePerson
from borderdesk.services.site.form_mapping import (
    form_person,
    officer_positions,
    site_name_and_timezone,
)
from borderdesk.store.database import Database
from borderdesk.store.tables import CentreStay

_CATEGORIES = {
    "own_national": "own_national",
    "third_country": "third_country_national",
    "stateless": "stateless",
}


def _document_type(code: str) -> str:
    code = code.upper()
    if code.startswith("V"):
        return "visa"
    if code.startswith("P"):
        return "passport"
    if code[:1] in ("I", "A", "C"):
        return "id_card"
    return "travel_document"


def _person(p: CasePerson) -> PersonData:
    birth = form_text(p.birth_date)
    return form_person(
        surname=p.surname,
        given_names=p.given_names,
        surname_latin=p.surname_latin,
        given_names_latin=p.given_names_latin,
        birth_date=birth or "",
        sex=p.sex,
        nationality=p.nationality,
    )


def application_data_of(
    detail: CaseDetail,
    *,
    site_name: str,
    timezone: str,
    signatory: str = "",
    signatory_position: str = "",
    languages: str = "",
) -> ReadmissionApplicationData:
    """Map a case to the form's data (pure: no database)."""
    agreement = load_agreements().find(detail.agreement_id)
    authority = agreement.authority(detail.requested_state) if agreement else None
    home_side = detail.requesting_state == "RUS"
    replied = detail.decision if detail.replied_on else ""
    return ReadmissionApplicationData(
        application_number=detail.case_number,
        record_id=str(detail.id),
        site_code=detail.origin_site,
        site_name=site_name,
        application_date=(
            detail.submitted_on
            or detail.received_on
            or detail.facts_known_on
            or detail.created_at.date()
        ),
        requesting_state_ru=countries.country_name(detail.requesting_state, "ru"),
        requesting_state_en=countries.country_name(detail.requesting_state, "en"),
        requesting_authority=site_name if home_side else "",
        requested_state_ru=countries.country_name(detail.requested_state, "ru"),
        requested_state_en=countries.country_name(detail.requested_state, "en"),
        requested_authority=(authority.text if authority else "" if home_side else site_name),
        agreement_id=detail.agreement_id,
        agreement_title_ru=agreement.title_ru if agreement else detail.agreement_id,
        agreement_title_en=agreement.title_en if agreement else detail.agreement_id,
        person=_person(detail.person),
        languages=languages,
        procedure=detail.procedure,
        category=_CATEGORIES.get(detail.category or "", ""),
        documents=tuple(
            DocumentData(
                doc_type=_document_type(doc_type),
                number=number,
                issuing_state=state,
                expires_on=expiry,
            )
            for doc_type, state, number, expiry in detail.person.documents
        ),
        evidence=tuple(
            EvidenceItem(
                subject=e.subject,
                strength=e.kind,
                type_en=e.evidence_type,
                description=e.description
                + (f" [{e.scan_filename}, SHA-256 {e.scan_sha256[:16]}…]" if e.scan_sha256 else ""),
            )
            for e in detail.evidence
        ),
        health_statement=detail.medical_needs,
        needs_medical_care=bool(detail.medical_needs) or None,
        escort_needed=detail.escort_needed,
        observations=detail.notes,
        signatory_name=signatory,
        signatory_position=signatory_position,
        reply_decision=replied or "",
        reply_date=detail.replied_on,
        reply_reference="",
        reply_reason=detail.decision_reason if detail.decision == "refused" else "",
        site_timezone=timezone,
    )


def application_data(
    db: Database, *, actor: Actor, case_id: uuid.UUID | str
) -> ReadmissionApplicationData:
    detail = get_case(db, actor=actor, case_id=case_id)
    site_name, timezone = site_name_and_timezone(db, detail.origin_site)
    return application_data_of(
        detail,
        site_name=site_name,
        timezone=timezone,
        signatory=actor.full_name,
        signatory_position=officer_positions(db, actor.username)[0],
        languages=_stay_languages(db, detail.id),
    )


def _stay_languages(db: Database, case_id: uuid.UUID) -> str:
    """The languages recorded at intake, from the case's latest stay in a centre ('' if none)."""
    with db.read() as session:
        stay = session.exec(
            select(CentreStay)
            .where(CentreStay.case_id == case_id, CentreStay.deleted == False)  # noqa: E712
            .order_by(col(CentreStay.arrived_at).desc())
        ).first()
    return stay.languages if stay is not None else ""


def write_application(
    db: Database, *, actor: Actor, case_id: uuid.UUID | str, out: Path | BinaryIO
) -> ReadmissionApplicationData:
    """Render the case's readmission application as PDF to a path or a binary stream."""
    data = application_data(db, actor=actor, case_id=case_id)
    with audit.printing(db):
        render_readmission_application(data, out)
    return data


def application_pdf(db: Database, *, actor: Actor, case_id: uuid.UUID | str) -> bytes:
    """The application as PDF bytes (the GUI's preview)."""
    buffer = io.BytesIO()
    write_application(db, actor=actor, case_id=case_id, out=buffer)
    return buffer.getvalue()
