"""Onward transfers as the GUI and the CLI show them: rows with ``to_json()``, and the
reads that build them (with the warnings a planner should see)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlmodel import Session, col, select

from borderdesk.domain.deadlines import DeadlineError, compute_deadline
from borderdesk.domain.local_time import today_in
from borderdesk.domain.reference import load_agreements, state_name
from borderdesk.domain.safe_text import shown_in_message
from borderdesk.errors import InputError, NotFoundError
from borderdesk.i18n import _
from borderdesk.services.access.permissions import Actor, Permission, require
from borderdesk.services.centre.queries import active, person_summaries
from borderdesk.services.centre.rows import PersonSummary
from borderdesk.services.site.sites import this_site
from borderdesk.store.database import Database
from borderdesk.store.tables import CentreStay, ReadmissionCase, Transfer
from borderdesk.store.tables.centre import TransferStatus

ACCEPTED = ("accepted", "deemed_accepted")


@dataclass(frozen=True)
class TransferRow:
    id: uuid.UUID
    transfer_number: str
    status: str  # planned | completed | cancelled
    stay_id: uuid.UUID
    stay_number: str
    person: PersonSummary
    destination: str
    destination_name: str
    agreement_id: str
    category: str
    case_id: uuid.UUID | None
    case_number: str
    case_status: str
    planned_date: date
    crossing_point: str
    transport: str
    escort_officers: tuple[str, ...]
    notice_due: date | None
    notice_rule: str
    notice_unverified: bool
    completed_at: datetime | None
    receiving_authority: str
    receiving_officer: str
    handover_note: str
    cancel_reason: str
    warnings: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "id": str(self.id),
            "transfer_number": self.transfer_number,
            "status": self.status,
            "stay_id": str(self.stay_id),
            "stay_number": self.stay_number,
            "person": self.person.to_json(),
            "destination": self.destination,
            "agreement": self.agreement_id or None,
            "category": self.category or None,
            "case_id": str(self.case_id) if self.case_id else None,
            "case_number": self.case_number or None,
            "case_status": self.case_status or None,
            "planned_date": self.planned_date.isoformat(),
            "crossing_point": self.crossing_point,
            "transport": self.transport,
            "escort_officers": list(self.escort_officers),
            "notice_due": self.notice_due.isoformat() if self.notice_due else None,
            "notice_rule": self.notice_rule,
            "notice_unverified": self.notice_unverified,
            "completed_at": self.completed_at.isoformat() if self.completed_at else None,
            "receiving_authority": self.receiving_authority,
            "receiving_officer": self.receiving_officer,
            "handover_note": self.handover_note,
            "cancel_reason": self.cancel_reason,
            "warnings": list(self.warnings),
        }


# --------------------------------------------------------------------------- reading


def today_and_zone(db: Database) -> tuple[date, str]:
    tz = this_site(db).timezone
    return today_in(tz), tz


def transfer_rows(
    session: Session, transfers: Sequence[Transfer], today: date
) -> list[TransferRow]:
    stays = {
        s.id: s
        for s in session.exec(
            select(CentreStay).where(col(CentreStay.id).in_({t.stay_id for t in transfers}))
        ).all()
    }
    persons = person_summaries(session, {s.person_id for s in stays.values()})
    case_ids = {t.case_id for t in transfers if t.case_id}
    cases = {
        c.id: c
        for c in session.exec(
            select(ReadmissionCase).where(col(ReadmissionCase.id).in_(case_ids))
        ).all()
    }
    rows = []
    for t in transfers:
        stay = stays[t.stay_id]
        case = cases.get(t.case_id) if t.case_id else None
        warnings: list[str] = []
        if t.status == TransferStatus.planned.value:
            if stay.fit_to_travel is False:
                warnings.append(_("The person is not fit to travel."))
            if case is not None and case.status not in (*ACCEPTED, "transfer_scheduled"):
                warnings.append(_("The requested state has not accepted the application yet."))
            if t.notice_due is not None and t.notice_due < today:
                warnings.append(_("The notice to the other side was due before today."))
            if t.planned_date < today:
                warnings.append(_("The planned date has passed."))
        rows.append(
            TransferRow(
                id=t.id,
                transfer_number=t.transfer_number,
                status=t.status,
                stay_id=t.stay_id,
                stay_number=stay.stay_number,
                person=persons[stay.person_id],
                destination=t.destination,
                destination_name=state_name(t.destination),
                agreement_id=t.agreement_id,
                category=t.category,
                case_id=t.case_id,
                case_number=case.case_number if case else "",
                case_status=case.status if case else "",
                planned_date=t.planned_date,
                crossing_point=t.crossing_point,
                transport=t.transport,
                escort_officers=tuple(t.escort_officers or ()),
                notice_due=t.notice_due,
                notice_rule=notice_rule_text(t),
                notice_unverified=t.notice_unverified,
                completed_at=t.completed_at,
                receiving_authority=t.receiving_authority,
                receiving_officer=t.receiving_officer,
                handover_note=t.handover_note,
                cancel_reason=t.cancel_reason,
                warnings=tuple(warnings),
            )
        )
    return rows


def transfer_record(session: Session, transfer_id: uuid.UUID | str) -> Transfer:
    """A transfer by id or by its number."""
    transfer: Transfer | None = None
    text = str(transfer_id).strip()
    try:
        transfer = session.get(Transfer, uuid.UUID(text))
    except ValueError:
        stmt = active(select(Transfer), Transfer).where(Transfer.transfer_number == text)
        transfer = session.exec(stmt).first()
    if transfer is None or transfer.deleted:
        raise NotFoundError(_("No transfer {id}.").format(id=transfer_id), code="no_transfer")
    return transfer


def get_transfer(db: Database, *, actor: Actor, transfer_id: uuid.UUID | str) -> TransferRow:
    require(actor, Permission.plan_transfers)
    today, _tz = today_and_zone(db)
    with db.read() as session:
        return transfer_rows(session, [transfer_record(session, transfer_id)], today)[0]


def list_transfers(
    db: Database,
    *,
    actor: Actor,
    status: str | None = None,
    since: date | None = None,
    until: date | None = None,
) -> list[TransferRow]:
    """Transfers by planned date and crossing point (optionally one status, a date range)."""
    require(actor, Permission.plan_transfers)
    if status is not None and status not in {s.value for s in TransferStatus}:
        raise InputError(
            _("Unknown transfer status '{status}': use planned, completed or cancelled.").format(
                status=shown_in_message(status)
            ),
            code="bad_status",
        )
    today, _tz = today_and_zone(db)
    stmt = active(select(Transfer), Transfer)
    if status:
        stmt = stmt.where(Transfer.status == status)
    if since:
        stmt = stmt.where(Transfer.planned_date >= since)
    if until:
        stmt = stmt.where(Transfer.planned_date <= until)
    stmt = stmt.order_by(
        col(Transfer.planned_date), col(Transfer.crossing_point), col(Transfer.transfer_number)
    )
    with db.read() as session:
        return transfer_rows(session, list(session.exec(stmt).all()), today)


def notice_rule_text(transfer: Transfer) -> str:
    """How the notice date was reached, in the current language (worked out again on each
    read: the stored text is in whatever language the planner used)."""
    if not transfer.agreement_id or transfer.planned_date is None:
        return transfer.notice_rule
    try:
        return compute_deadline(
            load_agreements(),
            agreement_id=transfer.agreement_id,
            step="transfer_notice",
            start=transfer.planned_date,
        ).rule
    except DeadlineError as exc:
        return exc.message
    except InputError:
        return transfer.notice_rule
