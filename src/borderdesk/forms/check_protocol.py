"""Protocol of a document check at a border post (протокол проверки документов)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from reportlab.platypus import KeepTogether

from borderdesk.forms.checkboxes import checkbox_line
from borderdesk.forms.common import (
    DOCUMENT_TYPES,
    DocumentData,
    PersonData,
    digest_of,
    fmt_date,
    fmt_datetime,
    local_time,
    nationality_text,
    sex_text,
)
from borderdesk.forms.document import FormMeta, build_pdf
from borderdesk.forms.labels import choice, label
from borderdesk.forms.layout import (
    Column,
    Field,
    bilingual_text,
    data_table,
    field_grid,
    para,
    section,
    spacer,
    stacked,
    text_box,
)
from borderdesk.forms.signatures import Signatory, signature_blocks

DIRECTIONS = {"entry": "Entry", "exit": "Exit"}
DECISIONS = {"admit": "Admit", "refuse": "Refuse entry", "detain": "Detain and open a case"}
SEVERITIES = {"info": "Information", "warning": "Warning", "critical": "Critical"}
SOURCES = {
    "watchlist": "Watchlist",
    "regime": "Entry regime",
    "mrz": "MRZ",
    "history": "Earlier records",
}


@dataclass(frozen=True)
class Finding:
    """An automatic finding, already worded in both languages."""

    severity: str  # "info" | "warning" | "critical"
    text_ru: str
    text_en: str
    source: str = ""  # "watchlist" | "regime" | "mrz" | "history"


@dataclass(frozen=True)
class CheckProtocolData:
    protocol_number: str
    record_id: str
    site_code: str
    site_name: str
    checked_at: datetime  # aware (naive is taken as UTC)
    officer_name: str
    person: PersonData
    direction: str = "entry"  # "entry" | "exit"
    decision: str = ""  # "admit" | "refuse" | "detain"
    documents: tuple[DocumentData, ...] = ()
    findings: tuple[Finding, ...] = ()
    officer_position: str = ""
    case_number: str = ""  # the case opened on "detain"
    note: str = ""
    site_timezone: str = "UTC"  # e.g. "Asia/Yekaterinburg"
    content_sha256: str | None = None  # digest of the stored record; computed if None


def _mrz(doc: DocumentData):
    msgid = "Not read" if doc.mrz_valid is None else "Valid" if doc.mrz_valid else "Invalid"
    return stacked(msgid, "cell", extra=doc.note)


def story(data: CheckProtocolData) -> list:
    p = data.person
    when = fmt_datetime(data.checked_at, data.site_timezone)
    flow: list = [
        section("Check", "1"),
        field_grid(
            [
                Field("Time of check", when),
                Field("Direction", choice(DIRECTIONS, data.direction).text),
                Field("Officer", data.officer_name),
                Field("Position", data.officer_position),
            ],
            columns=4,
        ),
        section("Person", "2"),
        field_grid(
            [
                Field("Surname", p.surname.upper(), span=2),
                Field("Given names", p.given_names, span=2),
                Field("Surname (Latin)", p.surname_latin.upper(), span=2),
                Field("Given names (Latin)", p.given_names_latin, span=2),
                Field("Date of birth", p.birth_date),
                Field("Sex", sex_text(p.sex)),
                Field("Nationality", nationality_text(p), span=2),
            ],
            columns=4,
        ),
        section("Documents presented", "3"),
        data_table(
            [
                Column("Document type", 2.2),
                Column("Issuing state", 1.1),
                Column("Document number", 1.6, mono=True),
                Column("Date of expiry", 1.2),
                Column("MRZ", 1.2),
            ],
            [
                (
                    choice(DOCUMENT_TYPES, d.doc_type),
                    d.issuing_state,
                    d.number,
                    fmt_date(d.expires_on),
                    _mrz(d),
                )
                for d in data.documents
            ],
        ),
        section("Automatic findings", "4"),
        data_table(
            [
                Column("Severity", 1.5),
                Column("Source", 1.5),
                Column("Finding", 6.0),
            ],
            [
                (
                    choice(SEVERITIES, f.severity),
                    choice(SOURCES, f.source),
                    bilingual_text(f.text_ru, f.text_en),
                )
                for f in data.findings
            ],
            empty="No findings",
        ),
        section("Decision", "5"),
        spacer(),
        checkbox_line([(msgid, data.decision == code) for code, msgid in DECISIONS.items()]),
        spacer(),
    ]
    if data.case_number:
        flow += [field_grid([Field("Case number", data.case_number)], columns=2), spacer()]
    flow += [
        KeepTogether(
            [
                para(label("Note").text, "small"),
                text_box(data.note),
                signature_blocks(
                    [
                        Signatory("Officer", data.officer_name, data.officer_position, when),
                        Signatory("Person checked", " ".join((p.surname.upper(), p.given_names))),
                    ]
                ),
            ]
        ),
    ]
    return flow


def render_check_protocol(data: CheckProtocolData, out: Path | BinaryIO) -> None:
    """Write the bilingual check protocol as PDF to a path or a binary stream."""
    meta = FormMeta(
        kind="CHECK",
        title=label("Document check protocol"),
        site_code=data.site_code,
        site_name=data.site_name,
        number=data.protocol_number,
        date_text=f"{local_time(data.checked_at, data.site_timezone):%Y-%m-%d}",
        created=data.checked_at,
        record_id=data.record_id,
        digest=digest_of(data),
        keywords=("check", data.direction, data.decision),
    )
    build_pdf(meta, story(data), out)
