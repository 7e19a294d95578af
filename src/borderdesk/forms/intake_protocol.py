"""Protocol of intake into a readmission centre, with the receipt for belongings
(протокол приёма в центр временного содержания)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.units import mm

from borderdesk.forms.checkboxes import checkbox_grid, yes_no_rows
from borderdesk.forms.closing import table_then_closing
from borderdesk.forms.common import (
    PersonData,
    digest_of,
    fmt_amount,
    fmt_datetime,
    latin_name,
    local_time,
    nationality_text,
    sex_text,
)
from borderdesk.forms.document import FormMeta, build_pdf
from borderdesk.forms.labels import label
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

VULNERABILITIES = {
    "minor": "Minor",
    "unaccompanied_minor": "Unaccompanied minor",
    "pregnant": "Pregnant",
    "elderly": "Elderly",
    "disabled": "Disability",
    "serious_illness": "Serious illness",
    "mental_disorder": "Mental disorder",
    "trafficking_victim": "Victim of trafficking",
    "torture_victim": "Victim of torture or violence",
    "single_parent": "Single parent with children",
}


@dataclass(frozen=True)
class BelongingItem:
    item: str
    quantity: int | str = 1
    description: str = ""  # colour, make, condition, serial number


@dataclass(frozen=True)
class CashAmount:
    currency: str  # ISO 4217, e.g. "RUB"
    amount: Decimal | int | str


@dataclass(frozen=True)
class IntakeProtocolData:
    protocol_number: str
    record_id: str
    site_code: str  # the centre
    site_name: str
    stay_number: str
    arrived_at: datetime  # aware (naive is taken as UTC)
    person: PersonData
    arriving_from: str = ""
    legal_basis: str = ""
    case_reference: str = ""
    # The decision the ground rests on ("Решение суда / Court decision"); its number and
    # date are printed when on file, else left as lines for the official to fill in.
    ground_decision: str = ""
    ground_decision_number: str = ""
    ground_decision_date: str = ""
    escort_officers: tuple[str, ...] = ()
    room: str = ""
    bed: str = ""
    fit_to_travel: bool | None = None
    medical_needs: str = ""
    medication: str = ""
    medical_examiner: str = ""
    vulnerabilities: tuple[str, ...] = ()  # VULNERABILITIES codes (others print as given)
    languages: str = ""
    interpreter_needed: bool | None = None
    interpreter_name: str = ""
    belongings: tuple[BelongingItem, ...] = ()
    cash: tuple[CashAmount, ...] = ()
    staff_name: str = ""
    staff_position: str = ""
    note: str = ""
    site_timezone: str = "UTC"
    content_sha256: str | None = None


_BLANK_NUMBER = "№ ______________"
_BLANK_DATE = "«____» ____________ 20____"


def _ground_fields(data: IntakeProtocolData) -> list[Field]:
    if not data.ground_decision:
        return []
    return [
        Field("Ground", data.ground_decision, span=2),
        Field("Decision number", data.ground_decision_number or _BLANK_NUMBER),
        Field("Decision date", data.ground_decision_date or _BLANK_DATE),
    ]


def story(data: IntakeProtocolData) -> list:
    p = data.person
    when = fmt_datetime(data.arrived_at, data.site_timezone)
    vulnerabilities = [(m, c in data.vulnerabilities) for c, m in VULNERABILITIES.items()]
    vulnerabilities += [(c, True) for c in data.vulnerabilities if c not in VULNERABILITIES]
    person_name = " ".join((p.surname.upper(), p.given_names))
    return [
        section("Intake", "1"),
        field_grid(
            [
                Field("Stay number", data.stay_number),
                Field("Time of arrival", when),
                Field("Room", data.room),
                Field("Bed", data.bed),
                Field("Arriving from", data.arriving_from, span=2),
                Field("Case reference", data.case_reference, span=2),
                Field("Legal basis", data.legal_basis, span=4),
                *_ground_fields(data),
                Field("Escorting officers", "\n".join(data.escort_officers), span=4),
            ],
            columns=4,
        ),
        section("Person", "2"),
        field_grid(
            [
                Field("Surname", p.surname.upper(), span=2),
                Field("Given names", p.given_names, span=2),
                Field("Name (Latin)", latin_name(p), span=2),
                Field("Date of birth", p.birth_date),
                Field("Sex", sex_text(p.sex)),
                Field("Nationality", nationality_text(p), span=2),
                Field("Languages", data.languages, span=2),
            ],
            columns=4,
        ),
        yes_no_rows([("Interpreter needed", data.interpreter_needed)]),
        field_grid([Field("Interpreter", data.interpreter_name)], columns=1)
        if data.interpreter_name
        else spacer(0),
        section("Medical screening", "3"),
        yes_no_rows([("Fit to travel", data.fit_to_travel)]),
        field_grid(
            [
                Field("Medical needs", data.medical_needs),
                Field("Medication", data.medication),
                Field("Screened by", data.medical_examiner, span=2),
            ]
        ),
        section("Vulnerability", "4"),
        checkbox_grid(vulnerabilities, columns=2),
        section("Belongings taken into safekeeping", "5"),
        data_table(
            [Column("Item", 3.0), Column("Quantity", 1.0, "right"), Column("Description", 5.0)],
            [(b.item, str(b.quantity), b.description) for b in data.belongings],
        ),
        spacer(),
        # The cash, the note and the signatures on one page (forms.closing).
        *table_then_closing(
            [Column("Currency", 1.5), Column("Amount", 2.0, "right")],
            [(c.currency, fmt_amount(c.amount)) for c in data.cash],
            [
                spacer(),
                para(label("Note").text, "small"),
                text_box(data.note, min_height=10 * mm),
                signature_blocks(
                    [
                        Signatory("Centre officer", data.staff_name, data.staff_position, when),
                        Signatory("Person admitted (belongings handed over)", person_name),
                    ]
                ),
            ],
            empty="No cash",
            width=0.5,
        ),
    ]


def render_intake_protocol(data: IntakeProtocolData, out: Path | BinaryIO) -> None:
    """Write the bilingual intake protocol as PDF to a path or a binary stream."""
    meta = FormMeta(
        kind="INTAKE",
        title=label("Intake protocol"),
        site_code=data.site_code,
        site_name=data.site_name,
        number=data.protocol_number,
        date_text=f"{local_time(data.arrived_at, data.site_timezone):%Y-%m-%d}",
        created=data.arrived_at,
        record_id=data.record_id,
        digest=digest_of(data),
        keywords=("intake", data.stay_number),
    )
    build_pdf(meta, story(data), out)
