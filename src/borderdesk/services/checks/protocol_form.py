"""The printed protocol of a saved check (``forms.check_protocol``).

Everything printed comes from the record itself (the person as read at the check,
the findings worded in Russian and English, the site's time zone), and the QR code
carries the record's stored content digest: the same record gives the same bytes.
"""

from __future__ import annotations

import io
import uuid
from pathlib import Path
from typing import BinaryIO

from borderdesk.domain.refusal_grounds import refusal_ground
from borderdesk.forms import CheckProtocolData, DocumentData, Finding, PersonData
from borderdesk.forms import render_check_protocol as render
from borderdesk.services.access import audit
from borderdesk.services.access.permissions import Actor
from borderdesk.services.checks import get_check
from borderdesk.services.checks.records import CheckedDocument, CheckRecord
from borderdesk.services.site.form_mapping import (
    form_person,
    officer_positions,
    site_name_and_timezone,
)
from borderdesk.store.database import Database

# The form knows watchlist, regime, mrz, history: custody and open cases are records.
_FORM_SOURCES = {"visa": "mrz", "record": "history"}


def _document_type(doc: CheckedDocument) -> str:
    code = doc.document_type.upper()
    if doc.mrz.get("format") in ("MRVA", "MRVB") or code.startswith("V"):
        return "visa"
    if code.startswith("P"):
        return "passport"
    if code[:1] in ("I", "A", "C"):
        return "id_card"
    return "travel_document"


def _person(record: CheckRecord) -> PersonData:
    p = record.person
    birth = p.birth_date.iso_text(unknown="XX") if p.birth_date else ""
    return form_person(
        surname=p.surname,
        given_names=p.given_names,
        surname_latin=p.surname_latin,
        given_names_latin=p.given_names_latin,
        birth_date=birth,
        sex=p.sex,
        nationality=p.nationality,
    )


def _ground_texts(code: str | None) -> dict[str, str]:
    """The refusal's legal ground in both languages, with its legal source."""
    if not code:
        return {}
    ground = refusal_ground(code)
    if ground is None:  # a code withdrawn from the data file: print it as it is
        return {"ground_ru": code, "ground_en": code}
    return {"ground_ru": ground.label("ru"), "ground_en": ground.label("en")}


def protocol_data(db: Database, *, actor: Actor, check_id: uuid.UUID | str) -> CheckProtocolData:
    """The form's data for a saved check (for a preview, or to render elsewhere)."""
    record = get_check(db, actor=actor, check_id=check_id)
    site_name, timezone = site_name_and_timezone(db, record.site)
    note = record.note
    if record.corrects_id is not None:
        corrected = get_check(db, actor=actor, check_id=record.corrects_id)
        line = (
            f"Исправляет протокол {corrected.protocol_number} / "
            f"Corrects protocol {corrected.protocol_number}"
        )
        note = f"{line}\n{note}" if note else line
    return CheckProtocolData(
        protocol_number=record.protocol_number,
        record_id=str(record.id),
        site_code=record.site,
        site_name=site_name,
        checked_at=record.checked_at,
        officer_name=record.officer_name or record.officer,
        officer_position=officer_positions(db, record.officer)[0],
        person=_person(record),
        direction=record.direction,
        decision=record.decision or "",
        documents=tuple(
            DocumentData(
                doc_type=_document_type(d),
                number=d.number,
                issuing_state=d.issuing_state,
                expires_on=d.expiry_date,
                mrz_valid=d.checks_ok,
                mrz_failed=d.failed_checks,
            )
            for d in record.documents
        ),
        findings=tuple(
            Finding(
                severity=f.severity,
                text_ru=f.message("ru"),
                text_en=f.message("en"),
                source=_FORM_SOURCES.get(f.source, f.source),
            )
            for f in record.findings
        ),
        note=note,
        **_ground_texts(record.refusal_ground),
        site_timezone=timezone,
        content_sha256=record.content_digest,
    )


def write_check_protocol(
    db: Database, *, actor: Actor, check_id: uuid.UUID | str, out: Path | BinaryIO
) -> CheckProtocolData:
    """Render the protocol of a saved check as PDF to a path or a binary stream."""
    data = protocol_data(db, actor=actor, check_id=check_id)
    with audit.printing(db):
        render(data, out)
    return data


def check_protocol_pdf(db: Database, *, actor: Actor, check_id: uuid.UUID | str) -> bytes:
    """The protocol as PDF bytes (the GUI's preview)."""
    buffer = io.BytesIO()
    write_check_protocol(db, actor=actor, check_id=check_id, out=buffer)
    return buffer.getvalue()
