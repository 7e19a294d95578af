"""Protocol of a document check at a border post (протокол проверки документов)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import BinaryIO

from borderdesk.forms.checkboxes import checkbox_line
from borderdesk.forms.closing import table_then_closing
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
from borderdesk.forms.labels import Label, choice, label
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
    # A refusal's legal ground, as the data file words it, and its legal source.
    ground_ru: str = ""
    ground_en: str = ""
    note: str = ""
    site_timezone: str = "UTC"  # e.g. "Asia/Yekaterinburg"
    content_sha256: str | None = None  # digest of the stored record; computed if None


CHECK_DIGITS = {
    "document_number": "document number",
    "birth_date": "date of birth",
    "expiry_date": "date of expiry",
    "optional_data": "optional data",
    "composite": "composite",
}


def _formatted(msgid: str, **values: str) -> Label:
    lbl = label(msgid)
    return Label(lbl.ru.format(**values), lbl.en.format(**values))


def mrz_result(doc: DocumentData) -> Label:
    """The MRZ's own soundness (its check digits), whatever the dates say."""
    if doc.mrz_valid is None:
        return label("MRZ: not read")
    if doc.mrz_valid:
        return label("MRZ: check digits correct")
    names = [choice(CHECK_DIGITS, code) for code in doc.mrz_failed]
    lbl = label("MRZ: check digits failed ({fields})")
    return Label(
        lbl.ru.format(fields=", ".join(n.ru for n in names) or "—"),
        lbl.en.format(fields=", ".join(n.en for n in names) or "—"),
    )


def document_validity(doc: DocumentData, day: date) -> Label:
    """Valid until / expired on, judged on the local day of the check (never 'Valid' if expired)."""
    if doc.expires_on is None:
        return label("Document: date of expiry not read")
    when = fmt_date(doc.expires_on)
    if day > doc.expires_on:
        return _formatted("Document: expired on {date}", date=when)
    return _formatted("Document: valid until {date}", date=when)


def _result(doc: DocumentData, day: date) -> list:
    """Two lines kept apart: the MRZ's check digits, then the document's validity."""
    if doc.mrz_valid is None and doc.expires_on is None:
        return [stacked(label("MRZ: not read"), "cell", extra=doc.note)]
    lines = [mrz_result(doc), document_validity(doc, day)]
    cells = [stacked(lbl, "cell") for lbl in lines]
    if doc.note:
        cells.append(para(doc.note, "cell"))
    return cells


def story(data: CheckProtocolData) -> list:
    p = data.person
    when = fmt_datetime(data.checked_at, data.site_timezone)
    day = local_time(data.checked_at, data.site_timezone).date()
    place = " ".join(
        x for x in (data.site_name, f"({data.site_code})" if data.site_code else "") if x
    )
    flow: list = [
        section("Check", "1"),
        field_grid(
            [
                Field("Time of check", when),
                Field("Direction", choice(DIRECTIONS, data.direction).text),
                Field("Place of check", place, span=2),
                Field("Officer", data.officer_name, span=2),
                Field("Position", data.officer_position, span=2),
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
                Column("Document type", 1.6),
                Column("Issuing state", 1.0),
                Column("Document number", 1.5, mono=True),
                Column("Check result", 3.6),
            ],
            [
                (
                    choice(DOCUMENT_TYPES, d.doc_type),
                    d.issuing_state,
                    d.number,
                    _result(d, day),
                )
                for d in data.documents
            ],
        ),
    ]
    # The last finding, the decision, the note and the signatures go on one page: a page
    # that holds only signatures would not be signed for what it records (forms.closing).
    findings = [
        (
            choice(SEVERITIES, f.severity),
            choice(SOURCES, f.source),
            bilingual_text(f.text_ru, f.text_en),
        )
        for f in data.findings
    ]
    closing: list = [
        section("Decision", "5"),
        spacer(),
        checkbox_line([(msgid, data.decision == code) for code, msgid in DECISIONS.items()]),
        spacer(),
    ]
    if data.ground_en or data.ground_ru:
        closing += [
            para(label("Legal ground of the refusal").text, "small"),
            bilingual_text(data.ground_ru, data.ground_en),
            spacer(),
        ]
    if data.case_number:
        closing += [field_grid([Field("Case number", data.case_number)], columns=2), spacer()]
    closing += [
        para(label("Note").text, "small"),
        text_box(data.note),
        signature_blocks(
            [
                Signatory("Officer", data.officer_name, data.officer_position, when),
                Signatory(
                    "Person checked",
                    " ".join((p.surname.upper(), p.given_names)),
                    has_position=False,
                ),
            ]
        ),
    ]
    flow.append(section("Automatic findings", "4"))
    flow += table_then_closing(
        [Column("Severity", 1.5), Column("Source", 1.5), Column("Finding", 6.0)],
        findings,
        closing,
        empty="No findings",
    )
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
