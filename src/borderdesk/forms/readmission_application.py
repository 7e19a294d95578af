"""Readmission application (ходатайство о реадмиссии), after the common form annexed
to the EU model readmission agreements: addressing, procedure, A personal data,
B accompanying family, C documents, D means of evidence, E special circumstances,
F transfer, G observations, signature and stamp, and the requested state's reply.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import BinaryIO

from reportlab.platypus import KeepTogether

from borderdesk.forms.checkboxes import checkbox_line, choice_rows, yes_no_rows
from borderdesk.forms.common import (
    DOCUMENT_TYPES,
    DocumentData,
    PersonData,
    digest_of,
    fmt_date,
    nationality_text,
    sex_text,
)
from borderdesk.forms.document import FormMeta, build_pdf
from borderdesk.forms.labels import Label, choice, label
from borderdesk.forms.layout import Column, Field, data_table, field_grid, section, spacer, text_box
from borderdesk.forms.signatures import Signatory, signature_blocks

PROCEDURES = {"normal": "Normal procedure", "accelerated": "Accelerated procedure"}
CATEGORIES = {
    "own_national": "Own national",
    "third_country_national": "Third-country national",
    "stateless": "Stateless person",
}
CIVIL_STATUSES = {
    "single": "Single",
    "married": "Married",
    "divorced": "Divorced",
    "widowed": "Widowed",
}
EVIDENCE_SUBJECTS = {"nationality": "Nationality", "transit": "Transit / entry"}
EVIDENCE_STRENGTHS = {"proof": "Proof", "presumption": "Presumption"}
REPLIES = {"accepted": "Application accepted", "refused": "Application refused"}


@dataclass(frozen=True)
class AccompanyingPerson:
    """A spouse or child included in the application."""

    relation: str  # "spouse" | "child" | free text
    name: str
    birth_date: str = ""
    nationality: str = ""


@dataclass(frozen=True)
class EvidenceItem:
    """A means of evidence, typed from the agreement's lists (proof or presumption)."""

    subject: str  # "nationality" | "transit"
    strength: str  # "proof" | "presumption"
    type_en: str  # as listed in the agreement, e.g. "passport of any kind, even expired"
    type_ru: str = ""
    description: str = ""  # number, date, where the original is kept, …


@dataclass(frozen=True)
class ReadmissionApplicationData:
    application_number: str  # the case number / outgoing reference
    record_id: str
    site_code: str
    site_name: str
    application_date: date
    requesting_state_ru: str
    requesting_state_en: str
    requesting_authority: str  # name and address
    requested_state_ru: str
    requested_state_en: str
    requested_authority: str
    agreement_id: str
    agreement_title_ru: str
    agreement_title_en: str
    person: PersonData
    agreement_article: str = ""  # e.g. "ст. 7 / Art. 7"
    procedure: str = "normal"  # "normal" | "accelerated"
    category: str = ""  # "own_national" | "third_country_national" | "stateless"
    languages: str = ""
    civil_status: str = ""  # "single" | "married" | "divorced" | "widowed"
    physical_description: str = ""
    last_address_requested_state: str = ""
    accompanying: tuple[AccompanyingPerson, ...] = ()
    documents: tuple[DocumentData, ...] = ()
    evidence: tuple[EvidenceItem, ...] = ()
    health_statement: str = ""
    needs_medical_care: bool | None = None
    infectious_disease: bool | None = None
    infectious_details: str = ""  # Latin name of the disease
    dangerous_person: bool | None = None
    danger_details: str = ""
    escort_needed: bool | None = None
    crossing_point: str = ""
    transfer_date: date | None = None
    escort: str = ""
    transport: str = ""
    observations: str = ""
    signatory_name: str = ""
    signatory_position: str = ""
    reply_decision: str = ""  # "" (not yet) | "accepted" | "refused"
    reply_date: date | None = None
    reply_reference: str = ""
    reply_reason: str = ""
    reply_signatory: str = ""
    site_timezone: str = "UTC"
    content_sha256: str | None = None


def _pair(ru: str, en: str) -> str:
    return ru if not en or ru == en else f"{ru} / {en}"


def story(data: ReadmissionApplicationData) -> list:
    p = data.person
    agreement = f"{data.agreement_title_ru}\n{data.agreement_title_en} [{data.agreement_id}]"
    if data.agreement_article:
        agreement += f", {data.agreement_article}"
    return [
        field_grid(
            [
                Field(
                    "Requesting state", _pair(data.requesting_state_ru, data.requesting_state_en)
                ),
                Field("Requested state", _pair(data.requested_state_ru, data.requested_state_en)),
                Field("Requesting authority", data.requesting_authority),
                Field("Requested authority", data.requested_authority),
                Field("Agreement", agreement, span=2),
            ]
        ),
        choice_rows(
            [
                ("Procedure", [(m, data.procedure == c) for c, m in PROCEDURES.items()]),
                ("Category", [(m, data.category == c) for c, m in CATEGORIES.items()]),
            ],
            caption_width=0.22,
        ),
        section("Personal data", "A"),
        field_grid(
            [
                Field("Surname", p.surname.upper(), span=2),
                Field("Given names", p.given_names, span=2),
                Field("Surname (Latin)", p.surname_latin.upper(), span=2),
                Field("Given names (Latin)", p.given_names_latin, span=2),
                Field("Previous names, aliases", p.previous_names, span=4),
                Field("Date of birth", p.birth_date),
                Field("Place of birth", p.birth_place),
                Field("Sex", sex_text(p.sex)),
                Field("Civil status", choice(CIVIL_STATUSES, data.civil_status).text),
                Field("Nationality", nationality_text(p), span=2),
                Field("Languages", data.languages, span=2),
                Field("Physical description", data.physical_description, span=4),
                Field(
                    "Last address in the requested state", data.last_address_requested_state, span=4
                ),
            ],
            columns=4,
        ),
        section("Accompanying spouse and children", "B"),
        data_table(
            [
                Column("Relation", 1.3),
                Column("Full name", 3.2),
                Column("Date of birth", 1.3),
                Column("Nationality", 1.8),
            ],
            [(a.relation, a.name, a.birth_date, a.nationality) for a in data.accompanying],
        ),
        section("Identity and travel documents", "C"),
        data_table(
            [
                Column("Document type", 1.8),
                Column("Document number", 1.5, mono=True),
                Column("Issuing state", 1.0),
                Column("Date of issue", 1.1),
                Column("Issued by", 2.0),
                Column("Date of expiry", 1.1),
            ],
            [
                (
                    choice(DOCUMENT_TYPES, d.doc_type),
                    d.number,
                    d.issuing_state,
                    fmt_date(d.issued_on),
                    d.issued_by,
                    fmt_date(d.expires_on),
                )
                for d in data.documents
            ],
        ),
        section("Means of evidence", "D"),
        data_table(
            [
                Column("Evidence of", 1.4),
                Column("Value", 1.5),
                Column("Type of evidence", 3.0),
                Column("Description", 2.7),
            ],
            [
                (
                    choice(EVIDENCE_SUBJECTS, e.subject),
                    choice(EVIDENCE_STRENGTHS, e.strength),
                    Label(e.type_ru or e.type_en, e.type_en),
                    e.description,
                )
                for e in data.evidence
            ],
        ),
        section("Special circumstances", "E"),
        field_grid(
            [
                Field("State of health", data.health_statement, span=2),
                Field("Infectious disease (Latin name)", data.infectious_details),
                Field("Dangerous person: details", data.danger_details),
            ]
        ),
        yes_no_rows(
            [
                ("Needs medical care", data.needs_medical_care),
                ("Infectious disease", data.infectious_disease),
                ("Dangerous person", data.dangerous_person),
                ("Escort needed", data.escort_needed),
            ]
        ),
        section("Transfer", "F"),
        field_grid(
            [
                Field("Proposed crossing point", data.crossing_point),
                Field("Proposed date of transfer", fmt_date(data.transfer_date)),
                Field("Escort", data.escort),
                Field("Means of transport", data.transport),
            ]
        ),
        # The observations stay with the requesting authority's signature.
        KeepTogether(
            [
                section("Observations", "G"),
                text_box(data.observations),
                signature_blocks(
                    [
                        Signatory(
                            label("Requesting authority"),
                            data.signatory_name,
                            data.signatory_position,
                            fmt_date(data.application_date),
                            stamp=True,
                        )
                    ]
                ),
            ]
        ),
        KeepTogether(
            [
                section("Reply of the requested state", "H"),
                spacer(),
                checkbox_line([(m, data.reply_decision == c) for c, m in REPLIES.items()]),
                spacer(),
                field_grid(
                    [
                        Field("Date of reply", fmt_date(data.reply_date)),
                        Field("Reference number", data.reply_reference),
                        Field("Reasons for refusal", data.reply_reason, span=2),
                    ]
                ),
                signature_blocks(
                    [Signatory("Requested authority", data.reply_signatory, stamp=True)]
                ),
            ]
        ),
    ]


def render_readmission_application(data: ReadmissionApplicationData, out: Path | BinaryIO) -> None:
    """Write the bilingual readmission application as PDF to a path or a binary stream."""
    meta = FormMeta(
        kind="APPLICATION",
        title=label("Readmission application"),
        site_code=data.site_code,
        site_name=data.site_name,
        number=data.application_number,
        date_text=fmt_date(data.application_date),
        created=data.application_date,
        record_id=data.record_id,
        digest=digest_of(data),
        keywords=("readmission", data.agreement_id, data.procedure),
    )
    build_pdf(meta, story(data), out)
