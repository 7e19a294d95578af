"""A transfer as its handover protocol (bilingual, deterministic: same records, same bytes)."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import datetime, time
from decimal import Decimal
from pathlib import Path
from typing import BinaryIO

from sqlmodel import col, select

from borderdesk.domain.countries import country_name
from borderdesk.domain.local_time import site_zone
from borderdesk.domain.reference import load_agreements
from borderdesk.forms import (
    HandedDocument,
    HandedOverPerson,
    HandoverProtocolData,
    ReturnedItem,
    render_handover_protocol,
)
from borderdesk.forms.common import fmt_amount
from borderdesk.services.access import audit
from borderdesk.services.access.permissions import Actor, Permission, require
from borderdesk.services.centre.forms import person_data
from borderdesk.services.centre.queries import get_stay_record, stay_detail
from borderdesk.services.centre.rows import BelongingRow, StayDetail
from borderdesk.services.site.form_mapping import officer_positions
from borderdesk.services.site.sites import this_site
from borderdesk.services.transfers.queries import TransferRow, get_transfer
from borderdesk.services.transfers.receiving import receiving_authority
from borderdesk.store.database import Database
from borderdesk.store.tables import IdentityDocument

# Values printed in both languages (labels live in resources/forms/labels.toml).
_CASH = "Наличные / Cash"
_FAMILY = "Член семьи в центре / Family member in the centre"
_PLANNED = (
    "Передача запланирована на {date}; время передачи вписывается при передаче. / "
    "Transfer planned for {date}; the time is entered at the handover."
)
_SHORT = "не возвращено полностью / not returned in full"
# MRZ document codes -> the forms' document types.
_DOCUMENT_TYPES = {"P": "passport", "I": "id_card", "A": "id_card", "C": "id_card", "V": "visa"}
RUSSIA_RU = "Российская Федерация"
RUSSIA_EN = "Russian Federation"


def _returned_item(owner: str, b: BelongingRow, *, handed_over: bool) -> ReturnedItem:
    """One receipt line; before the handover "returned" is left blank for the officer."""
    if b.is_cash:
        amount = b.amount if b.amount is not None else Decimal(0)
        back = b.returned_amount
        complete = back is None or back >= amount
        short = f"{_SHORT}: {fmt_amount(back)} {b.currency}" if back is not None else ""
        return ReturnedItem(
            owner,
            b.item or _CASH,
            f"{fmt_amount(amount)} {b.currency}",
            complete if handed_over else None,  # type: ignore[arg-type]
            b.return_note or ("" if complete else short),
        )
    back_qty = b.returned_quantity
    complete = back_qty is None or back_qty >= b.quantity
    note = b.return_note or ("" if complete else f"{_SHORT}: {back_qty}")
    return ReturnedItem(
        owner,
        b.item,
        b.quantity,
        complete if handed_over else None,  # type: ignore[arg-type]
        note,
    )


def handover_data(
    transfer: TransferRow,
    stay: StayDetail,
    documents: list[IdentityDocument],
    *,
    site_code: str,
    site_name: str,
    timezone: str,
    escort_positions: tuple[str, ...] = (),
) -> HandoverProtocolData:
    """A transfer as its handover protocol: persons, documents and belongings handed over."""
    agreement = load_agreements().find(transfer.agreement_id) if transfer.agreement_id else None
    person = person_data(transfer.person)
    if (person.surname_latin, person.given_names_latin) == (person.surname, person.given_names):
        # Names read from an MRZ are already Latin: print them once.
        person = replace(person, surname_latin="", given_names_latin="")
    holder = " ".join(p for p in (person.surname.upper(), person.given_names) if p)
    owner = (
        " ".join(
            p
            for p in (transfer.person.surname_latin.upper(), transfer.person.given_names_latin)
            if p
        )
        or holder
    )
    handed_documents = tuple(
        HandedDocument(
            _DOCUMENT_TYPES.get(d.document_type[:1], "other"), d.number, holder, d.issuing_state
        )
        for d in documents
    )
    document_text = "\n".join(f"{d.issuing_state} {d.number}" for d in documents) or "—"
    if transfer.completed_at is not None:
        at, note = transfer.completed_at, transfer.handover_note
    else:
        at = datetime.combine(transfer.planned_date, time(0, 0), site_zone(timezone))
        planned = _PLANNED.format(date=transfer.planned_date.isoformat())
        note = "\n".join(p for p in (planned, transfer.handover_note) if p)
    destination = transfer.destination
    return HandoverProtocolData(
        protocol_number=transfer.transfer_number,
        record_id=str(transfer.id),
        site_code=site_code,
        site_name=site_name,
        transfer_id=transfer.transfer_number,
        handover_at=at,
        crossing_point=transfer.crossing_point,
        agreement_id=transfer.agreement_id,
        agreement_title_ru=agreement.title_ru if agreement else "",
        agreement_title_en=agreement.title_en if agreement else "",
        receiving_state_ru=country_name(destination, "ru"),
        receiving_state_en=country_name(destination, "en"),
        receiving_authority=receiving_authority(transfer),
        transport=transfer.transport,
        handing_state_ru=RUSSIA_RU,
        handing_state_en=RUSSIA_EN,
        handing_authority=site_name,
        handing_officers=transfer.escort_officers,
        handing_officer_positions=escort_positions,
        planned=transfer.completed_at is None,
        receiving_officer=transfer.receiving_officer,
        persons=(HandedOverPerson(person, document_text),),
        documents=handed_documents,
        belongings=tuple(
            _returned_item(owner, b, handed_over=transfer.completed_at is not None)
            for b in stay.belongings
        ),
        note=note,
        site_timezone=timezone,
    )


def render_handover(
    db: Database, *, actor: Actor, transfer_id: uuid.UUID | str, out: Path | BinaryIO
) -> TransferRow:
    """Write the handover protocol of a transfer (by id or number) as PDF."""
    require(actor, Permission.plan_transfers)
    site = this_site(db)
    transfer = get_transfer(db, actor=actor, transfer_id=transfer_id)
    with db.read() as session:
        record = get_stay_record(session, transfer.stay_id)
        stay = stay_detail(session, record, today=record.arrived_at.date(), timezone=site.timezone)
        documents = list(
            session.exec(
                select(IdentityDocument)
                .where(
                    IdentityDocument.person_id == record.person_id,
                    IdentityDocument.deleted == False,  # noqa: E712
                )
                .order_by(col(IdentityDocument.created_at))
            ).all()
        )
    data = handover_data(
        transfer,
        stay,
        documents,
        site_code=site.code,
        site_name=site.name,
        timezone=site.timezone,
        escort_positions=officer_positions(db, *transfer.escort_officers),
    )
    with audit.printing(db):
        render_handover_protocol(data, out)
    return transfer
