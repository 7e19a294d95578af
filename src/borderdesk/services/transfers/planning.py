"""Planning an onward transfer: may the destination be asked to take this person back?

BorderDesk first asks the agreements whether the destination must take this person
back on the planned date (``domain.agreements.explain``). Where no agreement obliges
it, planning is refused with the reason (:class:`TransferRefused`). Where one applies,
the outgoing readmission case is opened (or the stay's own case reused) through
``services.cases``, and the notice to the other side is computed from the agreement's
working-day notice.

The case steps are separate transactions of ``services.cases``; they run after the
transfer's own transaction, once everything that can be refused has been checked.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date

from sqlmodel import Session, col, select

from borderdesk.domain.agreements import HOME_STATE, Explanation
from borderdesk.domain.case_coverage import case_coverage, nationality_of
from borderdesk.domain.date_windows import check_date_window
from borderdesk.domain.deadlines import DeadlineError, compute_deadline
from borderdesk.domain.reference import (
    agreement_name,
    is_known_state,
    load_agreements,
    normalise_state,
    state_name,
)
from borderdesk.domain.safe_text import shown_in_message
from borderdesk.errors import BorderDeskError, InputError
from borderdesk.i18n import _, format_day
from borderdesk.services.access.permissions import Actor, Permission, require
from borderdesk.services.centre.queries import active, get_stay_record, local_date
from borderdesk.services.transfers.queries import (
    ACCEPTED,
    TransferRow,
    get_transfer,
    today_and_zone,
)
from borderdesk.store.database import Database
from borderdesk.store.tables import CentreStay, Person, ReadmissionCase, Transfer
from borderdesk.store.tables.centre import StayStatus, TransferStatus

# Case statuses in which the transfer's case still runs (reused rather than reopened).
_OPEN_CASE = (
    "registered",
    "under_examination",
    "accepted",
    "deemed_accepted",
    "transfer_scheduled",
)


class TransferRefused(BorderDeskError):
    """No agreement obliges the destination to take this person back (``code`` says why)."""


def case_day(today: date, planned: date) -> date:
    """The day a case step is dated: the site's today, or the planned date if earlier."""
    return min(today, planned)


def _destination(code: str) -> str:
    value = normalise_state(code.strip().upper())
    if not is_known_state(value) or value == "RUS":
        raise InputError(
            _("'{code}' is not a destination state.").format(code=shown_in_message(code)),
            code="bad_destination",
        )
    return value


def _explain_for(person: Person, destination: str, on: date) -> Explanation:
    nationality = nationality_of(person.nationality)
    if not nationality.known:
        raise TransferRefused(
            _(
                "The person's nationality is not known ({code}): no agreement can be applied "
                "until it is established."
            ).format(code=person.nationality or "XXX"),
            code="no_agreement:nationality_unknown",
        )
    # A transfer onward is Russia asking the destination: an outgoing application.
    answer = case_coverage(
        load_agreements(),
        kind="outgoing",
        requesting=HOME_STATE,
        requested=destination,
        nationality=nationality,
        on=on,
    )
    if answer.applies and answer.requested_party != destination:
        # E.g. EU–RU obliges Russia to take people back from a member state, not the reverse.
        return Explanation(
            applies=False,
            agreement=answer.agreement,
            category=answer.category,
            reason_code="wrong_direction",
            reason=_(
                "{agreement} obliges {requested} to take people back, not {destination}: no "
                "agreement obliges {destination} to take this person back."
            ).format(
                agreement=agreement_name(answer.agreement),
                requested=state_name(answer.requested_party or ""),
                destination=state_name(destination),
            ),
            unverified=answer.unverified,
            requested_party=answer.requested_party,
        )
    return answer


def check_destination(
    db: Database, *, actor: Actor, stay_id: uuid.UUID | str, destination: str, on: date
) -> Explanation:
    """Whether an agreement obliges ``destination`` to take this resident back on ``on``."""
    require(actor, Permission.plan_transfers)
    dest = _destination(destination)
    with db.read() as session:
        stay = get_stay_record(session, stay_id)
        person = session.get(Person, stay.person_id)
        assert person is not None
        return _explain_for(person, dest, on)


def _case_for(
    session: Session, stay: CentreStay, destination: str
) -> tuple[ReadmissionCase | None, ReadmissionCase | None]:
    """(an open case to reuse, the newest refused one) for this person and destination."""
    stmt = (
        active(select(ReadmissionCase), ReadmissionCase)
        .where(
            ReadmissionCase.person_id == stay.person_id,
            ReadmissionCase.requested_state == destination,
            col(ReadmissionCase.kind).in_(("outgoing", "apprehension")),
        )
        .order_by(col(ReadmissionCase.created_at).desc())
    )
    cases = list(session.exec(stmt).all())
    if stay.case_id is not None:  # the case the person came with comes first
        cases.sort(key=lambda c: c.id != stay.case_id)
    reusable = next((c for c in cases if c.status in _OPEN_CASE), None)
    newest = cases[0] if cases else None
    refused = newest if newest is not None and newest.status == "refused" else None
    return reusable, refused


def plan_transfer(
    db: Database,
    *,
    actor: Actor,
    stay_id: uuid.UUID | str,
    destination: str,
    date: date,
    crossing_point: str = "",
    escorts: Sequence[str] = (),
    transport: str = "",
) -> TransferRow:
    """Plan the handover of a resident to ``destination`` on ``date``.

    Refused (:class:`TransferRefused`, with the translated reason) where no agreement
    obliges the destination to take the person back on that date, or where it refused
    the application. Otherwise the outgoing case is reused or opened, and the notice
    date computed (the agreement's ``transfer_notice`` step, counted back from
    ``date`` in Russia's working days; none where the agreement sets none).
    """
    from borderdesk.services import cases

    require(actor, Permission.plan_transfers)
    planned = date
    dest = _destination(destination)
    officers = [e.strip() for e in escorts if e.strip()]
    if not officers:
        raise InputError(_("Name at least one escorting officer."), code="escort_needed")
    book = load_agreements()
    today, tz = today_and_zone(db)
    with db.read() as session:
        stay = get_stay_record(session, stay_id)
        if stay.status != StayStatus.in_centre.value:
            raise BorderDeskError(
                _("Stay {number} has ended.").format(number=stay.stay_number), code="stay_ended"
            )
        if planned < local_date(stay.arrived_at, tz):
            raise InputError(
                _("The transfer cannot be planned before the person arrived."), code="date_order"
            )
        planned_already = session.exec(
            active(select(Transfer), Transfer).where(
                Transfer.stay_id == stay.id, Transfer.status == TransferStatus.planned.value
            )
        ).first()
        if planned_already is not None:
            raise BorderDeskError(
                _("A transfer is already planned for this person ({number}).").format(
                    number=planned_already.transfer_number
                ),
                code="transfer_planned",
            )
        person = session.get(Person, stay.person_id)
        assert person is not None
        answer = _explain_for(person, dest, planned)
        if not answer.applies:
            raise TransferRefused(answer.reason, code=f"no_agreement:{answer.reason_code}")
        reusable, refused = _case_for(session, stay, dest)
        if reusable is None and refused is not None:
            raise TransferRefused(
                _("{state} refused the application (case {number}): {reason}").format(
                    state=state_name(dest),
                    number=refused.case_number,
                    reason=refused.decision_reason or "—",
                ),
                code="refused",
            )
        stay_key, person_id, parent = stay.id, person.id, stay.case_id
        stay_number = stay.stay_number
        case_id = reusable.id if reusable else None
    assert answer.agreement is not None
    agreement = book.get(answer.agreement)
    if not crossing_point.strip():
        protocol = agreement.protocol_for(dest, planned)
        points = protocol.crossing_points if protocol else ()
        if not points:
            raise InputError(
                _("Give the crossing point: the agreement names none for {state}.").format(
                    state=state_name(dest)
                ),
                code="crossing_point_needed",
            )
        crossing_point = points[0]
    try:
        notice = compute_deadline(
            book, agreement_id=agreement.id, step="transfer_notice", start=planned
        )
        notice_due, notice_rule, notice_unverified = notice.due, notice.rule, notice.unverified
    except DeadlineError as exc:
        notice_due, notice_rule, notice_unverified = None, exc.message, False

    # After the agreement's own answer (a date before it applied is refused as such),
    # before anything is written: a 9999-12-31 would block a real transfer.
    check_date_window("transfer_planned", planned, today=today)
    if case_id is None:
        opened = cases.open_case(
            db,
            actor=actor,
            kind="outgoing",
            requesting="RUS",
            requested=dest,
            received=case_day(today, planned),
            person_id=person_id,
            parent_case_id=parent,
            notes=_("Onward transfer from the centre (stay {number}).").format(number=stay_number),
        )
        case_id = opened.id

    with db.write(actor=actor.username) as session:
        stay = get_stay_record(session, stay_key)
        if stay.status != StayStatus.in_centre.value:
            raise BorderDeskError(_("The stay has ended meanwhile."), code="stay_ended")
        site = db.site_code or ""
        prefix = f"{site}-TR-{planned.year}-"
        count = len(
            session.exec(
                select(Transfer.id).where(col(Transfer.transfer_number).startswith(prefix))
            ).all()
        )
        transfer = Transfer(
            transfer_number=f"{prefix}{count + 1:04d}",
            stay_id=stay.id,
            case_id=case_id,
            destination=dest,
            agreement_id=agreement.id,
            category=answer.category or "",
            planned_date=planned,
            crossing_point=crossing_point.strip(),
            transport=transport.strip(),
            escort_officers=officers,
            notice_due=notice_due,
            notice_rule=notice_rule,
            notice_unverified=notice_unverified,
        )
        session.add(transfer)
        transfer_id = transfer.id
    case = cases.get_case(db, actor=actor, case_id=case_id)
    if case.status in ACCEPTED:
        cases.advance(
            db,
            actor=actor,
            case_id=case_id,
            to_status="transfer_scheduled",
            note=_("Transfer planned for {date} at {place}.").format(
                date=format_day(planned), place=crossing_point
            ),
            on=case_day(today, planned),
        )
    return get_transfer(db, actor=actor, transfer_id=transfer_id)
