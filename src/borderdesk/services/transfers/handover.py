"""The end of a planned transfer: the handover (the stay ends, the case is closed) or
its cancellation.

The case steps are separate transactions of ``services.cases``; they run after the
transfer's own transaction, once everything that can be refused has been checked.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta

from borderdesk.domain.case_workflow import status_label
from borderdesk.domain.centre import ReturnLine
from borderdesk.domain.clock import utc_now
from borderdesk.domain.reference import state_name
from borderdesk.errors import BorderDeskError, InputError
from borderdesk.i18n import _, format_day
from borderdesk.services.access.permissions import Actor, Permission, require
from borderdesk.services.centre import end_stay
from borderdesk.services.centre.queries import get_stay_record, local_date
from borderdesk.services.centre.rows import transfer_status_label
from borderdesk.services.transfers.planning import case_day
from borderdesk.services.transfers.queries import (
    TransferRow,
    get_transfer,
    today_and_zone,
    transfer_record,
)
from borderdesk.store.database import Database
from borderdesk.store.tables import ReadmissionCase, Transfer
from borderdesk.store.tables.centre import StayStatus, TransferStatus


def require_planned(transfer: Transfer) -> None:
    """Only a planned transfer can be completed or cancelled."""
    if transfer.status != TransferStatus.planned.value:
        raise BorderDeskError(
            _("Transfer {number} is {status}, not planned.").format(
                number=transfer.transfer_number,
                status=transfer_status_label(transfer.status),
            ),
            code="transfer_not_planned",
        )


def _case_steps(status: str) -> list[str]:
    """The steps from ``status`` to ``closed`` through a completed transfer."""
    path = ["under_examination", "accepted", "transfer_scheduled", "transferred", "closed"]
    if status == "deemed_accepted":
        return ["transfer_scheduled", "transferred", "closed"]
    if status not in path and status != "registered":
        raise BorderDeskError(
            _("The case is {status}: the transfer cannot be completed under it.").format(
                status=status_label(status)
            ),
            code="case_status",
        )
    return path if status == "registered" else path[path.index(status) + 1 :]


def complete_transfer(
    db: Database,
    *,
    actor: Actor,
    transfer_id: uuid.UUID | str,
    at: datetime | None = None,
    receiving_authority: str = "",
    receiving_officer: str = "",
    note: str = "",
    returned: Sequence[ReturnLine] | None = None,
    explanation: str | None = None,
) -> TransferRow:
    """Record the handover: the stay ends as transferred and the case is closed.

    Belongings go with the person: ``returned=None`` means every line was handed over
    as received; otherwise as :func:`services.centre.release`. A case still waiting
    for the reply is recorded as accepted at the handover (the receiving officer's
    signature on the handover protocol), then transferred and closed.
    """
    from borderdesk.services import cases

    require(actor, Permission.plan_transfers)
    when = at or utc_now()
    if when.tzinfo is None:
        raise InputError(_("The time of the handover needs its time zone."), code="naive_time")
    if when > utc_now() + timedelta(minutes=5):
        raise InputError(_("A handover cannot be recorded ahead of time."), code="future_date")
    today, tz = today_and_zone(db)
    day = case_day(today, local_date(when, tz))
    with db.read() as session:
        transfer = transfer_record(session, transfer_id)
        require_planned(transfer)
        case = session.get(ReadmissionCase, transfer.case_id) if transfer.case_id else None
        steps = _case_steps(case.status) if case is not None else []
        if case is not None and steps and case.submitted_on and day < case.submitted_on:
            raise InputError(
                _("The handover cannot be dated before the application ({date}).").format(
                    date=format_day(case.submitted_on)
                ),
                code="date_order",
            )
        key, case_id = transfer.id, transfer.case_id
    with db.write(actor=actor.username) as session:
        transfer = transfer_record(session, key)
        stay = get_stay_record(session, transfer.stay_id)
        place = transfer.crossing_point
        end_stay(
            session,
            stay,
            status=StayStatus.transferred,
            reason=_("Handed over to {state} at {place} ({number}).").format(
                state=state_name(transfer.destination), place=place, number=transfer.transfer_number
            ),
            at=when,
            returned=returned,
            explanation=explanation,
        )
        transfer.status = TransferStatus.completed.value
        transfer.completed_at = when
        transfer.receiving_authority = receiving_authority.strip()
        transfer.receiving_officer = receiving_officer.strip()
        transfer.handover_note = note.strip()
        session.add(transfer)
    handed = _("Handed over at {place} ({number}).").format(
        place=place, number=transfer.transfer_number
    )
    for step in steps:
        if step == "accepted":
            cases.decide(
                db,
                actor=actor,
                case_id=case_id,  # type: ignore[arg-type]
                accept=True,
                reason=_("Accepted at the handover: the receiving side signed the protocol."),
                on=day,
            )
        else:
            cases.advance(
                db,
                actor=actor,
                case_id=case_id,  # type: ignore[arg-type]
                to_status=step,
                note=handed if step in ("transferred", "closed") else "",
                on=day,
            )
    return get_transfer(db, actor=actor, transfer_id=key)


def cancel_transfer(
    db: Database,
    *,
    actor: Actor,
    transfer_id: uuid.UUID | str,
    reason: str,
    at: datetime | None = None,
) -> TransferRow:
    """Call a planned transfer off (the stay and the case stay as they are); the time
    is kept, so the monthly return counts the cancellation in the month it happened."""
    require(actor, Permission.plan_transfers)
    if not reason.strip():
        raise InputError(_("Give the reason for cancelling."), code="cancel_reason")
    with db.write(actor=actor.username) as session:
        transfer = transfer_record(session, transfer_id)
        require_planned(transfer)
        transfer.status = TransferStatus.cancelled.value
        transfer.cancel_reason = reason.strip()
        transfer.cancelled_at = at or utc_now()
        session.add(transfer)
        key = transfer.id
    return get_transfer(db, actor=actor, transfer_id=key)
