"""Opening a readmission case (one transaction each).

Reading cases (``list_cases``, ``get_case``) lives in ``cases.queries``, the later steps
(``advance``, ``decide``, ``request_extension``, ``add_event``, ``add_evidence``) in
``cases.steps``, deemed acceptance in ``cases.silence``. Every step checks the user's
permission, is a legal step of ``domain.case_workflow``, writes a timeline event with its
author, and is audited by the store (the status change and the event are both audit entries).

What ``received`` means when a case is opened, by kind:

* ``incoming``: the day Russia received the member state's request (the reply runs
  from it);
* ``outgoing``: the day our application was submitted to (received by) the requested
  state (the reply runs from it);
* ``apprehension``: the day of apprehension, i.e. the day the facts became known
  (the application, accelerated or not, runs from it); the application is submitted
  later, with the step to ``under_examination`` (or give ``submitted_on``).
"""

from __future__ import annotations

import uuid
from datetime import date

from sqlmodel import Session, select

from borderdesk.domain.agreements import EU, HOME_STATE, AgreementBook, Explanation
from borderdesk.domain.case_coverage import PersonNationality, case_coverage, nationality_of
from borderdesk.domain.case_workflow import (
    accelerated_allowed,
    check_kind,
    choose_procedure,
    load_workflow,
)
from borderdesk.domain.reference import is_known_state, load_agreements, normalise_state
from borderdesk.domain.safe_text import shown_in_message
from borderdesk.errors import BorderDeskError, InputError, NotFoundError
from borderdesk.i18n import _
from borderdesk.services.access.permissions import Actor, Permission, require
from borderdesk.services.cases.queries import find_case, get_case
from borderdesk.services.cases.records import check_day, record_event, refresh_due_dates
from borderdesk.services.cases.rows import CaseDetail
from borderdesk.services.people.persons import (
    person_of_scanned_document,
)
from borderdesk.services.site.sites import site_today
from borderdesk.store.database import Database
from borderdesk.store.tables import Person, ReadmissionCase

# explain() answers that mean no agreement applies between the two states at all.
_NO_AGREEMENT = frozenset({"no_agreement", "not_member_state", "not_applicable", "not_in_force"})


class CaseRefused(BorderDeskError):
    """A case that cannot be opened: no applicable agreement, and why."""


# --------------------------------------------------------------------------- helpers


def _state(code: str, *, option: str) -> str:
    value = normalise_state(code)
    if not is_known_state(value):
        raise InputError(
            _("{option}: unknown state code '{code}'.").format(
                option=option, code=shown_in_message(code)
            ),
            code="unknown_state",
        )
    return value


def _nationality(person: Person) -> PersonNationality:
    nationality = nationality_of(person.nationality)
    if not nationality.known:
        code = (person.nationality or "").strip().upper()
        raise InputError(
            _(
                "The nationality of {name} is not known ('{code}'): record it before opening "
                "a case."
            ).format(name=person.surname, code=shown_in_message(code)),
            code="nationality_unknown",
        )
    return nationality


def _coverage(
    book: AgreementBook, kind: str, requesting: str, requested: str, person: Person, on: date
) -> Explanation:
    return covering(
        book,
        kind=kind,
        requesting=requesting,
        requested=requested,
        nationality=_nationality(person),
        on=on,
    )


def covering(
    book: AgreementBook,
    *,
    kind: str,
    requesting: str,
    requested: str,
    nationality: PersonNationality,
    on: date,
) -> Explanation:
    """Which agreement, which category: the requested party must match the case's side.
    Raises ``CaseRefused`` (with the reason in words) when no agreement covers it."""
    answer = case_coverage(
        book,
        kind=kind,
        requesting=requesting,
        requested=requested,
        nationality=nationality,
        on=on,
    )
    if answer.agreement is None or answer.reason_code in _NO_AGREEMENT:
        raise CaseRefused(answer.reason, code=f"no_agreement:{answer.reason_code}")
    if answer.requested_party != requested:
        if kind == "incoming":
            message = _(
                "No agreement on file obliges {requested} to take people back at the request "
                "of {requesting}."
            )
        else:
            message = _(
                "No agreement on file obliges {requested} to take people back at the request "
                "of {requesting}; requests from a member state are incoming cases."
            )
        raise CaseRefused(
            message.format(requested=requested, requesting=requesting), code="wrong_direction"
        )
    if kind != "incoming" and not answer.applies:
        raise CaseRefused(answer.reason, code=f"not_covered:{answer.reason_code}")
    return answer


def _next_case_number(session: Session, site: str, year: int) -> str:
    prefix = f"{site}-RA-{year}-"
    numbers = session.exec(
        select(ReadmissionCase.case_number).where(ReadmissionCase.case_number.startswith(prefix))
    ).all()
    last = max((int(n[len(prefix) :]) for n in numbers if n[len(prefix) :].isdigit()), default=0)
    return f"{prefix}{last + 1:04d}"


def _person(session: Session, person_id: uuid.UUID | str) -> Person:
    try:
        pid = person_id if isinstance(person_id, uuid.UUID) else uuid.UUID(str(person_id))
    except ValueError:
        raise InputError(
            _("'{id}' is not a record id.").format(id=shown_in_message(person_id))
        ) from None
    person = session.get(Person, pid)
    if person is None or person.deleted:
        raise NotFoundError(_("No person {id}.").format(id=person_id), code="not_found")
    return person


# --------------------------------------------------------------------------- opening


def open_case(
    db: Database,
    *,
    actor: Actor,
    kind: str,
    requesting: str,
    requested: str,
    received: date,
    person_id: uuid.UUID | str | None = None,
    mrz_lines: list[str] | tuple[str, ...] | None = None,
    accelerated: bool = False,
    facts_known_on: date | None = None,
    submitted_on: date | None = None,
    source_check_id: uuid.UUID | None = None,
    parent_case_id: uuid.UUID | str | None = None,
    medical_needs: str = "",
    escort_needed: bool = False,
    notes: str = "",
    today: date | None = None,
) -> CaseDetail:
    """Open a case (see the module doc for what ``received`` means by kind)."""
    require(actor, Permission.manage_cases)
    kind = check_kind(kind)
    requesting = _state(requesting, option="--requesting")
    requested = _state(requested, option="--requested")
    if requesting == requested:
        raise InputError(_("The requesting and the requested state must differ."))
    if kind == "incoming" and requested != HOME_STATE:
        raise InputError(
            _("An incoming request is addressed to Russia: the requested state is RUS."),
            code="wrong_direction",
        )
    if kind != "incoming" and requesting != HOME_STATE:
        raise InputError(
            _("Russia is the requesting state of an apprehension or an outgoing application."),
            code="wrong_direction",
        )
    if requesting == EU or requested == EU:
        raise InputError(_("Give the member state itself, not EU."))
    received = check_day(received, what="--received", today=site_today(db))
    for value, what in ((facts_known_on, "--facts-known"), (submitted_on, "--submitted")):
        if value is not None:
            check_day(value, what=what, today=site_today(db))
    if person_id is None and not mrz_lines and parent_case_id is None:
        raise InputError(_("Give the person: a record id or the MRZ lines."))

    book = load_agreements()
    with db.write(actor=actor.username) as session:
        parent: ReadmissionCase | None = None
        if parent_case_id is not None:
            parent = find_case(session, str(parent_case_id))
            person_id = person_id or parent.person_id
        if mrz_lines:
            person = person_of_scanned_document(session, mrz_lines, today=site_today(db))
        else:
            assert person_id is not None
            person = _person(session, person_id)
        answer = _coverage(book, kind, requesting, requested, person, received)
        assert answer.agreement is not None
        procedure = choose_procedure(book.get(answer.agreement), kind, accelerated=accelerated)
        case = ReadmissionCase(
            case_number=_next_case_number(session, db.site_code or "", received.year),
            kind=kind,
            person_id=person.id,
            category=answer.category,
            requesting_state=requesting,
            requested_state=requested,
            agreement_id=answer.agreement,
            procedure=procedure,
            covered=answer.applies,
            coverage_code=answer.reason_code,
            facts_known_on=facts_known_on if kind != "apprehension" else facts_known_on or received,
            received_on=received if kind == "incoming" else None,
            submitted_on=(
                received if kind == "outgoing" else submitted_on if kind == "apprehension" else None
            ),
            source_check_id=source_check_id,
            parent_case_id=parent.id if parent else None,
            medical_needs=medical_needs.strip(),
            escort_needed=escort_needed,
            notes=notes.strip(),
        )
        refresh_due_dates(case, book)
        session.add(case)
        session.flush()  # the case row first: its event refers to it
        record_event(
            session, case, author=actor.username, kind="opened", note=notes, to_status=case.status
        )
        case_id = case.id
    return get_case(db, actor=actor, case_id=case_id, today=today)


def open_apprehension_from_check(
    db: Database,
    *,
    actor: Actor,
    check_id: uuid.UUID | str,
    requested: str | None = None,
    accelerated: bool | None = None,
    notes: str = "",
) -> CaseDetail:
    """An apprehension case prefilled from a check's ``detain`` decision.

    The person and the day come from the check; the requested state defaults to the
    neighbouring state of ``case_workflow.toml``; the accelerated procedure is chosen
    whenever the agreement allows it (unless ``accelerated=False``).
    """
    from borderdesk.services.cases.validation import read_check

    require(actor, Permission.manage_cases)
    check = read_check(db, check_id)
    with db.read() as session:
        existing = session.exec(
            select(ReadmissionCase.case_number).where(
                ReadmissionCase.source_check_id == check.id,
                ReadmissionCase.deleted == False,  # noqa: E712
            )
        ).first()
    if existing:
        raise BorderDeskError(
            _("Case {number} was already opened from this check.").format(number=existing),
            code="duplicate",
        )
    workflow = load_workflow()
    requested = requested or workflow.neighbour_state
    if accelerated is None:
        agreement = load_agreements().bilateral_with(normalise_state(requested))
        accelerated = agreement is not None and accelerated_allowed(agreement, "apprehension")
    return open_case(
        db,
        actor=actor,
        kind="apprehension",
        person_id=check.person_id,
        requesting=HOME_STATE,
        requested=requested,
        received=check.day,
        accelerated=accelerated,
        source_check_id=check.id,
        notes=notes or check.note,
    )
