"""Protocol of the handover of persons at the border under a readmission agreement
(протокол передачи лиц)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from borderdesk.forms.closing import table_then_closing
from borderdesk.forms.common import (
    DOCUMENT_TYPES,
    PersonData,
    digest_of,
    fmt_datetime,
    full_name,
    latin_name,
    local_time,
    nationality_text,
    yes_no,
)
from borderdesk.forms.document import FormMeta, build_pdf
from borderdesk.forms.labels import choice, label
from borderdesk.forms.layout import (
    Column,
    Field,
    data_table,
    field_grid,
    para,
    section,
    spacer,
    text_box,
)
from borderdesk.forms.signatures import Signatory, signature_blocks


@dataclass(frozen=True)
class HandedOverPerson:
    person: PersonData
    documents: str = ""  # e.g. "Паспорт FA1234567"


@dataclass(frozen=True)
class HandedDocument:
    doc_type: str  # a DOCUMENT_TYPES code or free text
    number: str
    holder: str
    issuing_state: str = ""
    note: str = ""


@dataclass(frozen=True)
class ReturnedItem:
    owner: str
    item: str
    quantity: int | str = 1
    returned: bool = True
    note: str = ""


@dataclass(frozen=True)
class HandoverProtocolData:
    protocol_number: str
    record_id: str
    site_code: str
    site_name: str
    transfer_id: str
    handover_at: datetime  # aware (naive is taken as UTC)
    crossing_point: str
    agreement_id: str
    agreement_title_ru: str
    agreement_title_en: str
    receiving_state_ru: str
    receiving_state_en: str
    receiving_authority: str
    transport: str = ""
    handing_state_ru: str = "Российская Федерация"
    handing_state_en: str = "Russian Federation"
    handing_authority: str = ""
    handing_officers: tuple[str, ...] = ()
    receiving_officer: str = ""
    receiving_officer_position: str = ""
    handing_officer_positions: tuple[str, ...] = ()  # one per escort, "" if not on file
    planned: bool = False  # not handed over yet: handover_at holds the planned day only
    persons: tuple[HandedOverPerson, ...] = ()
    documents: tuple[HandedDocument, ...] = ()
    belongings: tuple[ReturnedItem, ...] = ()
    note: str = ""
    site_timezone: str = "UTC"
    content_sha256: str | None = None


def _state(ru: str, en: str) -> str:
    return ru if not en or ru == en else f"{ru} / {en}"


_BLANK_TIME = "«____» ____________ 20____   ____:____"


def _escort_signatories(data: HandoverProtocolData, signed: str) -> list[Signatory]:
    """One block per escorting officer (one blank block when none is on file)."""
    officers = data.handing_officers or ("",)
    positions = data.handing_officer_positions
    return [
        Signatory(
            "Handed over by",
            name,
            positions[i] if i < len(positions) else "",
            signed,
            stamp=True,
        )
        for i, name in enumerate(officers)
    ]


def story(data: HandoverProtocolData) -> list:
    when = fmt_datetime(data.handover_at, data.site_timezone)
    if data.planned:  # the actual time and the signing dates are written in by hand
        day = f"{local_time(data.handover_at, data.site_timezone):%Y-%m-%d}"
        times = [
            Field("Planned date of handover", day),
            Field("Actual date and time of handover", _BLANK_TIME),
        ]
        signed = ""
    else:
        times = [Field("Date and time of handover", when)]
        signed = when
    agreement = f"{data.agreement_title_ru}\n{data.agreement_title_en} [{data.agreement_id}]"
    officers = data.handing_officers
    return [
        section("Transfer", "1"),
        field_grid(
            [
                Field("Transfer number", data.transfer_id),
                *times,
                Field("Crossing point", data.crossing_point),
                Field("Means of transport", data.transport),
                Field("Agreement", agreement, span=2),
            ]
        ),
        section("Parties", "2"),
        field_grid(
            [
                Field("Handing-over state", _state(data.handing_state_ru, data.handing_state_en)),
                Field("Receiving state", _state(data.receiving_state_ru, data.receiving_state_en)),
                Field("Handing-over authority", data.handing_authority),
                Field("Receiving authority", data.receiving_authority),
                Field("Escorting officers", "\n".join(officers)),
                Field("Receiving officer", data.receiving_officer),
            ]
        ),
        section("Persons handed over", "3"),
        data_table(
            [
                Column("Full name", 3.0),
                Column("Date of birth", 1.2),
                Column("Nationality", 1.8),
                Column("Documents", 2.2),
            ],
            [
                (
                    "\n".join(n for n in (full_name(h.person), latin_name(h.person)) if n),
                    h.person.birth_date,
                    nationality_text(h.person),
                    h.documents,
                )
                for h in data.persons
            ],
        ),
        section("Documents handed over", "4"),
        data_table(
            [
                Column("Document type", 2.0),
                Column("Document number", 1.6, mono=True),
                Column("Issuing state", 1.0),
                Column("Holder", 2.2),
                Column("Note", 1.6),
            ],
            [
                (choice(DOCUMENT_TYPES, d.doc_type), d.number, d.issuing_state, d.holder, d.note)
                for d in data.documents
            ],
        ),
        section("Belongings returned", "5"),
        # The last item, the note and the signatures on one page (forms.closing).
        *table_then_closing(
            [
                Column("Owner", 2.0),
                Column("Item", 2.4),
                Column("Quantity", 0.9, "right"),
                Column("Returned", 1.1),
                Column("Note", 2.2),
            ],
            [
                (b.owner, b.item, str(b.quantity), yes_no(b.returned), b.note)
                for b in data.belongings
            ],
            [
                spacer(),
                para(label("Note").text, "small"),
                text_box(data.note),
                spacer(),
                para(
                    label("This protocol is drawn up in two copies, one for each party.").text,
                    "base",
                ),
                signature_blocks(
                    [
                        *_escort_signatories(data, signed),
                        # The receiving side dates its own signature.
                        Signatory(
                            "Received by",
                            data.receiving_officer,
                            data.receiving_officer_position,
                            stamp=True,
                        ),
                    ]
                ),
            ],
        ),
    ]


def render_handover_protocol(data: HandoverProtocolData, out: Path | BinaryIO) -> None:
    """Write the bilingual handover protocol as PDF to a path or a binary stream."""
    meta = FormMeta(
        kind="HANDOVER",
        title=label("Handover protocol"),
        site_code=data.site_code,
        site_name=data.site_name,
        number=data.protocol_number,
        date_text=f"{local_time(data.handover_at, data.site_timezone):%Y-%m-%d}",
        created=data.handover_at,
        record_id=data.record_id,
        digest=digest_of(data),
        keywords=("handover", data.agreement_id, data.transfer_id),
    )
    build_pdf(meta, story(data), out)
