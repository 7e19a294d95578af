"""The readmission centre's day: rooms and beds, intake, the stay, moving beds, release.

This module is the centre's service API (the GUI and the CLI import it); rooms live
in :mod:`centre_rooms`, intake in :mod:`centre_intake`, reads in :mod:`centre_queries`,
rows in :mod:`centre_rows`. Every use case is one transaction and checks the user's
role. A bed holds one person and a person is in the centre once: the services check it,
and partial unique indexes in the database make it hold even when two intakes race
(``store/tables/centre.py``).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from borderdesk.domain.centre import (
    DailyCost,
    LegalBasis,
    ResidentProfile,
    ReturnLine,
    full_return,
    load_centre_rules,
    reconcile,
    unsuitable_reason,
)
from borderdesk.domain.centre import ReceivedLine as _Received
from borderdesk.domain.clock import utc_now
from borderdesk.errors import BorderDeskError, InputError
from borderdesk.i18n import _
from borderdesk.services.access.permissions import Actor, Permission, require
from borderdesk.services.centre.queries import (
    active,
    belongings_of,
    get_stay_record,
    resident_rows,
    stay_detail,
)
from borderdesk.services.centre.rooms import (
    bed_taken_error,
    find_bed,
    occupant,
    today_and_zone,
    translate_integrity,
)
from borderdesk.services.centre.rows import (
    ResidentRow,
    StayDetail,
)
from borderdesk.store.database import Database
from borderdesk.store.tables import CentreStay, Person, Transfer
from borderdesk.store.tables.centre import StayStatus, TransferStatus


def legal_bases() -> tuple[LegalBasis, ...]:
    """The legal bases for a stay, with their maximum stay, source and verified flag."""
    return load_centre_rules().legal_bases


def daily_cost() -> DailyCost:
    """What a day in the centre costs, with its source and verified flag."""
    return load_centre_rules().cost


# --------------------------------------------------------------------------- the stay


def list_residents(db: Database, *, actor: Actor, today: date | None = None) -> list[ResidentRow]:
    """Everyone in the centre now: bed, person, days in, days left, flags."""
    require(actor, Permission.view_centre)
    day, tz = today_and_zone(db, today)
    with db.read() as session:
        return resident_rows(session, today=day, timezone=tz)


def get_stay(
    db: Database, *, actor: Actor, stay_id: uuid.UUID | str, today: date | None = None
) -> StayDetail:
    """One stay (by id or by stay number), whether still in the centre or ended."""
    require(actor, Permission.run_centre)
    day, tz = today_and_zone(db, today)
    with db.read() as session:
        return stay_detail(session, get_stay_record(session, stay_id), today=day, timezone=tz)


def _has_family(session: Session, stay: CentreStay) -> bool:
    """Linked to a family member in the centre, either way round."""
    if stay.family_stay_id is not None:
        return True
    linked = session.exec(
        active(select(CentreStay.id), CentreStay).where(
            CentreStay.family_stay_id == stay.id,
            CentreStay.status == StayStatus.in_centre.value,
        )
    ).first()
    return linked is not None


def _require_in_centre(stay: CentreStay) -> None:
    if stay.status != StayStatus.in_centre.value:
        raise BorderDeskError(
            _("Stay {number} has ended.").format(number=stay.stay_number), code="stay_ended"
        )


def move_bed(db: Database, *, actor: Actor, stay_id: uuid.UUID | str, bed: str) -> StayDetail:
    """Move a resident to another free, suitable bed."""
    require(actor, Permission.run_centre)
    try:
        with db.write(actor=actor.username) as session:
            stay = get_stay_record(session, stay_id)
            _require_in_centre(stay)
            chosen, room = find_bed(session, bed)
            the_id = stay.id
            if chosen.id == stay.bed_id:
                return get_stay(db, actor=actor, stay_id=the_id)
            person = session.get(Person, stay.person_id)
            assert person is not None
            profile = ResidentProfile(
                sex=person.sex,
                minor=stay.minor,
                unaccompanied_minor=stay.unaccompanied_minor,
                in_family=_has_family(session, stay),
                pregnant=stay.pregnant,
            )
            reason = unsuitable_reason(profile, room.kinds)
            if reason:
                raise BorderDeskError(reason, code="bed_unsuitable")
            if occupant(session, chosen.id) is not None:
                raise bed_taken_error(bed)
            stay.bed_id = chosen.id
            session.add(stay)
    except IntegrityError as exc:
        raise translate_integrity(exc, bed) from None
    return get_stay(db, actor=actor, stay_id=the_id)


def end_stay(
    session: Session,
    stay: CentreStay,
    *,
    status: StayStatus,
    reason: str,
    at: datetime,
    returned: Sequence[ReturnLine] | None,
    explanation: str | None,
) -> None:
    """Close a stay inside the caller's transaction, returning belongings line by line.

    ``returned=None`` means every line came back as it was received. A line not named
    in ``returned`` came back not at all. Any difference needs ``explanation``.
    """
    _require_in_centre(stay)
    items = belongings_of(session, stay.id)
    received = [
        _Received(
            str(i.id),
            i.item or (_("Cash") if i.currency else ""),
            i.quantity,
            i.currency,
            Decimal(i.amount) if i.amount else None,
        )
        for i in items
    ]
    lines = full_return(received) if returned is None else tuple(returned)
    by_number = {str(i.line_no): str(i.id) for i in items}
    lines = tuple(
        ReturnLine(by_number.get(line.key, line.key), line.quantity, line.amount, line.note)
        for line in lines
    )
    discrepancies = reconcile(received, lines)
    explanation = (explanation or "").strip()
    if discrepancies and not explanation:
        raise BorderDeskError(
            _(
                "Belongings do not match the receipt ({lines}): give an explanation to close "
                "the stay."
            ).format(lines="; ".join(d.describe() for d in discrepancies)),
            code="belongings_discrepancy",
        )
    by_key = {line.key: line for line in lines}
    short = {d.key for d in discrepancies}
    for item in items:
        back = by_key.get(str(item.id))
        if item.currency:
            item.returned_amount = str(back.amount) if back and back.amount is not None else "0"
        else:
            item.returned_quantity = back.quantity if back and back.quantity is not None else 0
        note = back.note.strip() if back else ""
        item.return_note = note or (explanation if str(item.id) in short else "")
        session.add(item)
    stay.status = status.value
    stay.ended_at = at
    stay.end_reason = reason
    stay.belongings_explanation = explanation if discrepancies else ""
    session.add(stay)


def release(
    db: Database,
    *,
    actor: Actor,
    stay_id: uuid.UUID | str,
    reason: str,
    returned: Sequence[ReturnLine] | None = None,
    explanation: str | None = None,
    at: datetime | None = None,
) -> StayDetail:
    """End a stay by release (not a transfer), returning belongings line by line.

    ``returned``: one ``ReturnLine`` per receipt line (``key`` = the belonging's id or
    its line number); ``None`` means everything came back as received. A difference
    without an explanation is refused. A transfer still planned for the stay is
    cancelled.
    """
    require(actor, Permission.run_centre)
    if not reason.strip():
        raise InputError(_("Give the reason for the release."), code="release_reason")
    when = at or utc_now()
    with db.write(actor=actor.username) as session:
        stay = get_stay_record(session, stay_id)
        end_stay(
            session,
            stay,
            status=StayStatus.released,
            reason=reason.strip(),
            at=when,
            returned=returned,
            explanation=explanation,
        )
        planned = session.exec(
            active(select(Transfer), Transfer).where(
                Transfer.stay_id == stay.id, Transfer.status == TransferStatus.planned.value
            )
        ).all()
        for transfer in planned:
            transfer.status = TransferStatus.cancelled.value
            transfer.cancel_reason = _("The person was released.")
            session.add(transfer)
        the_id = stay.id
    return get_stay(db, actor=actor, stay_id=the_id)
