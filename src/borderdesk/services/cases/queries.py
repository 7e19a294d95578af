"""Reading readmission cases: the cases table, one case in full, an evidence scan.

Reads only read: deemed acceptance ("silence means consent") is its own write step
(``cases.silence``), run at login and on demand.
"""

from __future__ import annotations

import base64
import hashlib
import uuid
from datetime import date, timedelta

from sqlalchemy import or_
from sqlmodel import Session, col, select

from borderdesk.domain.case_coverage import case_coverage, coverage_date, nationality_of
from borderdesk.domain.case_schedule import CaseFacts, case_schedule
from borderdesk.domain.case_workflow import load_workflow
from borderdesk.domain.deadlines import MAX_DUE_WITHIN_DAYS
from borderdesk.domain.reference import load_agreements
from borderdesk.domain.safe_text import shown_in_message, shown_safely
from borderdesk.errors import BorderDeskError, DatabaseError, InputError, NotFoundError
from borderdesk.i18n import _
from borderdesk.services.access.permissions import Actor, Permission, require
from borderdesk.services.cases.rows import (
    CaseDetail,
    CasePerson,
    CaseRow,
    Coverage,
    EventRow,
    EvidenceRow,
)
from borderdesk.services.site.sites import site_today
from borderdesk.store.database import Database
from borderdesk.store.limits import check_search_text
from borderdesk.store.tables import (
    CaseEvent,
    CaseEvidence,
    CaseScan,
    IdentityDocument,
    Person,
    ReadmissionCase,
)


def find_case(session: Session, ref: uuid.UUID | str) -> ReadmissionCase:
    """A case by id, or by its number ('ILETSK-RA-2026-0001')."""
    case: ReadmissionCase | None = None
    if isinstance(ref, uuid.UUID):
        case = session.get(ReadmissionCase, ref)
    else:
        text = ref.strip()
        try:
            case = session.get(ReadmissionCase, uuid.UUID(text))
        except ValueError:
            case = session.exec(
                select(ReadmissionCase).where(ReadmissionCase.case_number == text.upper())
            ).first()
    if case is None or case.deleted:
        raise NotFoundError(_("No case {ref}.").format(ref=ref), code="not_found")
    return case


def facts_of(case: ReadmissionCase) -> CaseFacts:
    return CaseFacts(
        kind=case.kind,
        status=case.status,
        agreement_id=case.agreement_id,
        procedure=case.procedure,
        requesting_state=case.requesting_state,
        requested_state=case.requested_state,
        facts_known_on=case.facts_known_on,
        received_on=case.received_on,
        submitted_on=case.submitted_on,
        extension_requested=case.extension_requested,
        decision=case.decision,
        decided_on=case.decided_on,
        replied_on=case.replied_on,
        transferred_on=case.transferred_on,
    )


def _name(surname: str, given: str) -> str:
    return " ".join(p for p in ((surname or "").upper(), given or "") if p)


# --------------------------------------------------------------------------- list


def list_cases(
    db: Database,
    *,
    actor: Actor,
    status: str | None = None,
    due_within: int | None = None,
    overdue: bool = False,
    kind: str | None = None,
    state: str | None = None,
    text: str | None = None,
    today: date | None = None,
    limit: int | None = None,
) -> list[CaseRow]:
    """The cases table, soonest deadline first.

    ``status`` is a status or ``"open"``; ``due_within`` keeps cases whose next
    deadline falls within that many days from ``today`` (overdue ones included);
    ``overdue`` keeps those whose next deadline has passed; ``state`` matches the
    requesting or the requested state; ``text`` the case number or the person's name.
    """
    from borderdesk.domain.case_workflow import check_kind

    require(actor, Permission.view_cases)
    today = today or site_today(db)
    if due_within is not None and not 0 <= due_within <= MAX_DUE_WITHIN_DAYS:
        raise InputError(
            _("--due-within: expected a number of days from 0 to {most}.").format(
                most=MAX_DUE_WITHIN_DAYS
            ),
            code="due_within",
        )
    query = (
        select(ReadmissionCase, Person.surname, Person.given_names)
        .join(Person, col(Person.id) == col(ReadmissionCase.person_id))
        .add_columns(
            col(Person.surname_latin), col(Person.given_names_latin), col(Person.nationality)
        )
        .where(col(ReadmissionCase.deleted) == False)  # noqa: E712
    )
    if status:
        workflow = load_workflow()
        if status == "open":
            query = query.where(col(ReadmissionCase.status).in_(workflow.open_statuses))
        else:
            workflow.status(status)
            query = query.where(col(ReadmissionCase.status) == status)
    if kind:
        query = query.where(col(ReadmissionCase.kind) == check_kind(kind))
    if state:
        code = state.strip().upper()
        query = query.where(
            or_(
                col(ReadmissionCase.requesting_state) == code,
                col(ReadmissionCase.requested_state) == code,
            )
        )
    if due_within is not None:
        query = query.where(col(ReadmissionCase.next_due) <= today + timedelta(days=due_within))
    if overdue:
        query = query.where(col(ReadmissionCase.next_due) < today)
    if text and text.strip():
        # What the user typed is literal text: % and _ are not wildcards here.
        needle = check_search_text(text.strip())
        query = query.where(
            or_(
                *(
                    column.icontains(needle, autoescape=True)
                    for column in (
                        col(ReadmissionCase.case_number),
                        col(Person.surname),
                        col(Person.given_names),
                        col(Person.surname_latin),
                        col(Person.name_key),
                    )
                )
            )
        )
    query = query.order_by(
        col(ReadmissionCase.next_due).is_(None),
        col(ReadmissionCase.next_due),
        col(ReadmissionCase.case_number),
    )
    if limit is not None:
        query = query.limit(limit)
    rows: list[CaseRow] = []
    with db.read() as session:
        for case, surname, given, surname_latin, given_latin, nationality in session.execute(query):
            days_left = (case.next_due - today).days if case.next_due else None
            rows.append(
                CaseRow(
                    id=case.id,
                    case_number=case.case_number,
                    kind=case.kind,
                    status=case.status,
                    person_id=case.person_id,
                    person_name=_name(surname, given),
                    person_name_latin=_name(surname_latin, given_latin),
                    nationality=nationality,
                    requesting_state=case.requesting_state,
                    requested_state=case.requested_state,
                    agreement_id=case.agreement_id,
                    procedure=case.procedure,
                    received_on=case.received_on,
                    submitted_on=case.submitted_on,
                    next_step=case.next_step,
                    next_due=case.next_due,
                    overdue=days_left is not None and days_left < 0,
                    days_left=days_left,
                )
            )
    return rows


# --------------------------------------------------------------------------- one case


def get_case(
    db: Database, *, actor: Actor, case_id: uuid.UUID | str, today: date | None = None
) -> CaseDetail:
    """One case in full: person, every computed due date with its rule, evidence, timeline."""

    require(actor, Permission.view_cases)
    today = today or site_today(db)
    with db.read() as session:
        return load_detail(session, find_case(session, case_id), today)


def _person_card(session: Session, person_id: uuid.UUID) -> CasePerson:
    person = session.get(Person, person_id)
    if person is None:
        raise DatabaseError(_("The person of this case is missing ({id}).").format(id=person_id))
    documents = session.exec(
        select(IdentityDocument)
        .where(IdentityDocument.person_id == person_id, IdentityDocument.deleted == False)  # noqa: E712
        .order_by(col(IdentityDocument.created_at))
    ).all()
    birth = ""
    if person.birth_year:
        parts = [f"{person.birth_year:04d}"]
        if person.birth_month:
            parts.append(f"{person.birth_month:02d}")
            if person.birth_day:
                parts.append(f"{person.birth_day:02d}")
        birth = "-".join(parts)
    return CasePerson(
        id=person.id,
        surname=person.surname,
        given_names=person.given_names,
        surname_latin=person.surname_latin,
        given_names_latin=person.given_names_latin,
        birth_date=birth,
        sex=person.sex,
        nationality=person.nationality,
        documents=tuple(
            (d.document_type, d.issuing_state, d.number, d.expiry_date) for d in documents
        ),
    )


def _coverage(case: ReadmissionCase, person: CasePerson) -> Coverage:
    on = coverage_date(facts_of(case)) or case.created_at.date()
    nationality = nationality_of(person.nationality)
    if not nationality.known:
        return Coverage(case.covered, case.coverage_code, "", True)
    try:
        answer = case_coverage(
            load_agreements(),
            kind=case.kind,
            requesting=case.requesting_state,
            requested=case.requested_state,
            nationality=nationality,
            on=on,
        )
    except BorderDeskError as exc:
        return Coverage(case.covered, case.coverage_code, exc.message, True)
    return Coverage(answer.applies, answer.reason_code, answer.reason, answer.unverified)


def load_detail(session: Session, case: ReadmissionCase, today: date) -> CaseDetail:
    book = load_agreements()
    schedule = case_schedule(book, facts_of(case))
    person = _person_card(session, case.person_id)
    evidence = session.exec(
        select(CaseEvidence)
        .where(CaseEvidence.case_id == case.id, CaseEvidence.deleted == False)  # noqa: E712
        .order_by(col(CaseEvidence.created_at))
    ).all()
    events = session.exec(
        select(CaseEvent)
        .where(CaseEvent.case_id == case.id, CaseEvent.deleted == False)  # noqa: E712
        .order_by(col(CaseEvent.at), col(CaseEvent.hlc))
    ).all()
    agreement = book.find(case.agreement_id)
    next_due = schedule.next
    return CaseDetail(
        id=case.id,
        case_number=case.case_number,
        kind=case.kind,
        status=case.status,
        person=person,
        category=case.category,
        requesting_state=case.requesting_state,
        requested_state=case.requested_state,
        agreement_id=case.agreement_id,
        agreement_title=agreement.title() if agreement else case.agreement_id,
        procedure=case.procedure,
        coverage=_coverage(case, person),
        facts_known_on=case.facts_known_on,
        received_on=case.received_on,
        submitted_on=case.submitted_on,
        extension_requested=case.extension_requested,
        replied_on=case.replied_on,
        decision=case.decision,
        decision_reason=case.decision_reason,
        decided_on=case.decided_on,
        transferred_on=case.transferred_on,
        closed_on=case.closed_on,
        due_dates=schedule.due_dates,
        next_due=next_due,
        schedule_problems=schedule.problems,
        overdue=next_due is not None and next_due.met_on is None and next_due.due < today,
        allowed_steps=load_workflow().targets(case.status),
        evidence=tuple(
            EvidenceRow(
                e.id,
                e.subject,
                e.kind,
                e.evidence_type,
                e.listed,
                shown_safely(e.description, keep_lines=True),
                shown_safely(e.scan_filename),
                e.scan_sha256,
                e.scan_size,
                e.created_at,
            )
            for e in evidence
        ),
        timeline=tuple(
            EventRow(
                e.id, e.at, e.effective_on, e.author, e.kind, e.note, e.from_status, e.to_status
            )
            for e in events
        ),
        source_check_id=case.source_check_id,
        parent_case_id=case.parent_case_id,
        medical_needs=case.medical_needs,
        escort_needed=case.escort_needed,
        notes=case.notes,
        origin_site=case.origin_site,
        created_at=case.created_at,
        today=today,
    )


def get_scan(db: Database, *, actor: Actor, evidence_id: uuid.UUID | str) -> tuple[str, bytes]:
    """The file name and bytes of an evidence item's scan, checked against its SHA-256."""
    require(actor, Permission.view_cases)
    try:
        eid = evidence_id if isinstance(evidence_id, uuid.UUID) else uuid.UUID(str(evidence_id))
    except ValueError:
        raise InputError(
            _("'{id}' is not a record id.").format(id=shown_in_message(evidence_id))
        ) from None
    with db.read() as session:
        evidence = session.get(CaseEvidence, eid)
        scan = session.exec(
            select(CaseScan).where(CaseScan.evidence_id == eid, CaseScan.deleted == False)  # noqa: E712
        ).first()
    if evidence is None or scan is None:
        raise NotFoundError(_("No scan for evidence {id}.").format(id=evidence_id))
    content = base64.b64decode(scan.content_b64)
    if hashlib.sha256(content).hexdigest() != evidence.scan_sha256:
        raise DatabaseError(
            _("The scan {name} does not match its recorded SHA-256.").format(
                name=evidence.scan_filename
            )
        )
    return shown_safely(evidence.scan_filename), content
