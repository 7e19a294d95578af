"""The steps of a case after it is opened, one transaction each (re-exported by ``cases``).

Every step checks the user's permission, is a legal step of ``domain.case_workflow``,
writes a timeline event with its author, and is audited by the store (the status
change and the event are both audit entries).
"""

from __future__ import annotations

import base64
import hashlib
import uuid
from datetime import date
from pathlib import Path

from sqlmodel import Session

from borderdesk.domain.case_evidence import match_evidence_type
from borderdesk.domain.case_schedule import (
    WAITING_FOR_REPLY,
    deemed_acceptance_on,
)
from borderdesk.domain.case_workflow import (
    EVIDENCE_KINDS,
    WorkflowError,
    load_workflow,
)
from borderdesk.domain.deadlines import compute_deadline
from borderdesk.domain.reference import agreement_name, load_agreements
from borderdesk.domain.safe_text import shown_in_message, shown_safely, stripped_name
from borderdesk.domain.scan_content import scan_media_type
from borderdesk.errors import InputError
from borderdesk.files import read_user_file, size_limit
from borderdesk.i18n import _, format_day
from borderdesk.services.access.permissions import Actor, Permission, require
from borderdesk.services.cases.queries import facts_of, find_case, get_case
from borderdesk.services.cases.records import check_day, record_event, refresh_due_dates
from borderdesk.services.cases.rows import CaseDetail, EventRow, EvidenceRow
from borderdesk.services.site.sites import site_today
from borderdesk.store.database import Database
from borderdesk.store.tables import CaseEvidence, CaseScan, ReadmissionCase

MAX_SCAN_BYTES = size_limit("evidence_scan")  # file_limits.toml


def change_status(
    session: Session,
    case: ReadmissionCase,
    to_status: str,
    *,
    author: str,
    note: str,
    on: date,
    kind: str = "status",
    by: str = "user",
) -> None:
    workflow = load_workflow()
    workflow.check(case.status, to_status, by=by)
    previous = case.status
    case.status = to_status
    if to_status == "under_examination" and case.kind != "incoming" and not case.submitted_on:
        case.submitted_on = on
    elif to_status == "transferred":
        case.transferred_on = on
    elif to_status in ("closed", "withdrawn"):
        case.closed_on = on
    record_event(
        session,
        case,
        author=author,
        kind=kind,
        note=note,
        from_status=previous,
        to_status=to_status,
        effective_on=on,
    )


def advance(
    db: Database,
    *,
    actor: Actor,
    case_id: uuid.UUID | str,
    to_status: str,
    note: str = "",
    on: date | None = None,
    kind: str = "status",
) -> CaseDetail:
    """Move a case one legal step (accepted/refused go through :func:`decide`)."""
    require(actor, Permission.manage_cases)
    workflow = load_workflow()
    workflow.status(to_status)
    workflow.check_event_kind(kind)
    if to_status in ("accepted", "refused"):
        return decide(
            db, actor=actor, case_id=case_id, accept=to_status == "accepted", reason=note, on=on
        )
    day = check_day(on, what=_("date"), today=site_today(db))
    book = load_agreements()
    with db.write(actor=actor.username) as session:
        case = find_case(session, case_id)
        change_status(session, case, to_status, author=actor.username, note=note, on=day, kind=kind)
        refresh_due_dates(case, book)
        session.add(case)
        case_id = case.id
    return get_case(db, actor=actor, case_id=case_id)


def decide(
    db: Database,
    *,
    actor: Actor,
    case_id: uuid.UUID | str,
    accept: bool,
    reason: str,
    on: date | None = None,
) -> CaseDetail:
    """Record the reply: accepted or refused (a refusal needs its reason).

    A case still ``registered`` passes through ``under_examination`` first (both steps
    are on the timeline). Where silence means consent and the reply time limit had
    passed on ``on``, the application already counts as accepted: refused.
    """
    require(actor, Permission.manage_cases)
    reason = reason.strip()
    if not accept and not reason:
        raise InputError(_("A refusal needs its reason."), code="reason_needed")
    day = check_day(on, what="--on", today=site_today(db))
    book = load_agreements()
    target = "accepted" if accept else "refused"
    with db.write(actor=actor.username) as session:
        case = find_case(session, case_id)
        if case.status == "deemed_accepted":
            raise WorkflowError(
                _(
                    "The application counts as accepted since {since}: no reply was given "
                    "within the time limit ({agreement})."
                ).format(
                    since=format_day(case.decided_on), agreement=agreement_name(case.agreement_id)
                ),
                code="deemed_accepted",
            )
        load_workflow().check(
            "under_examination" if case.status == "registered" else case.status, target
        )
        start = case.received_on if case.kind == "incoming" else case.submitted_on
        if start is not None and day < start:
            raise InputError(
                _("The reply cannot be dated before the application ({start}).").format(
                    start=start.isoformat()
                ),
                code="date_order",
            )
        deemed = deemed_acceptance_on(book, facts_of(case), day)
        if deemed is not None:
            raise WorkflowError(
                _(
                    "The application counts as accepted since {since}: no reply was given "
                    "within the time limit ({agreement})."
                ).format(since=format_day(deemed), agreement=agreement_name(case.agreement_id)),
                code="deemed_accepted",
            )
        if case.status == "registered":
            change_status(
                session, case, "under_examination", author=actor.username, note="", on=day
            )
        previous = case.status
        load_workflow().check(previous, target)
        case.status = target
        case.decision = target
        case.decision_reason = reason
        case.decided_on = day
        case.replied_on = day
        refresh_due_dates(case, book)
        session.add(case)
        record_event(
            session,
            case,
            author=actor.username,
            kind="decision",
            note=reason,
            from_status=previous,
            to_status=target,
            effective_on=day,
        )
        case_id = case.id
    return get_case(db, actor=actor, case_id=case_id)


def request_extension(
    db: Database,
    *,
    actor: Actor,
    case_id: uuid.UUID | str,
    note: str = "",
    on: date | None = None,
) -> CaseDetail:
    """A duly motivated request to extend the reply time limit (where the agreement and
    the member state's implementing protocol allow it), made before the limit ends."""
    require(actor, Permission.manage_cases)
    day = check_day(on, what="--on", today=site_today(db))
    book = load_agreements()
    with db.write(actor=actor.username) as session:
        case = find_case(session, case_id)
        if case.status not in WAITING_FOR_REPLY:
            raise WorkflowError(
                _("Only a case waiting for its reply can have the reply time limit extended."),
                code="not_waiting_for_reply",
            )
        if case.extension_requested:
            raise WorkflowError(_("The extension was already asked for."), code="duplicate")
        if case.procedure == "accelerated":
            raise WorkflowError(
                _("The reply time limit of the accelerated procedure cannot be extended."),
                code="extension_excluded",
            )
        start = case.received_on if case.kind == "incoming" else case.submitted_on
        if start is None or case.reply_due is None:
            raise WorkflowError(
                _("The application has not been submitted yet: there is no reply to extend."),
                code="not_submitted",
            )
        extended = compute_deadline(  # raises where a protocol excludes the extension
            book,
            agreement_id=case.agreement_id,
            step="reply_extended",
            start=start,
            member_state=case.requesting_state if case.kind == "incoming" else None,
        )
        if day > case.reply_due:
            raise WorkflowError(
                _(
                    "The extension must be asked for by {due}, before the reply time limit ends."
                ).format(due=format_day(case.reply_due)),
                code="too_late",
            )
        case.extension_requested = True
        refresh_due_dates(case, book)
        session.add(case)
        record_event(
            session,
            case,
            author=actor.username,
            kind="extension",
            note=note or _("Reply due {due}").format(due=extended.due.isoformat()),
            effective_on=day,
        )
        case_id = case.id
    return get_case(db, actor=actor, case_id=case_id)


def add_event(
    db: Database,
    *,
    actor: Actor,
    case_id: uuid.UUID | str,
    kind: str,
    note: str,
    on: date | None = None,
) -> EventRow:
    """A timeline entry that changes no status (contact, document sent, interview …)."""
    require(actor, Permission.manage_cases)
    workflow = load_workflow()
    workflow.check_event_kind(kind)
    if kind == "status":
        raise InputError(_("A status change needs the status to go to (--to)."), code="no_status")
    if not note.strip():
        raise InputError(_("The event needs a note."), code="note_needed")
    day = check_day(on, what="--on", today=site_today(db)) if on else None
    with db.write(actor=actor.username) as session:
        case = find_case(session, case_id)
        event = record_event(
            session, case, author=actor.username, kind=kind, note=note, effective_on=day
        )
    return EventRow(
        event.id, event.at, event.effective_on, event.author, event.kind, event.note, None, None
    )


def add_evidence(
    db: Database,
    *,
    actor: Actor,
    case_id: uuid.UUID | str,
    kind: str,
    evidence_type: str,
    description: str,
    scan_path: Path | str | None = None,
    subject: str | None = None,
) -> EvidenceRow:
    """A means of evidence, its type taken from the agreement's proof/presumption lists;
    an attached scan is stored in the database with its SHA-256."""
    require(actor, Permission.manage_cases)
    if kind not in EVIDENCE_KINDS:
        raise InputError(
            _("Unknown kind of evidence '{kind}': use proof or presumption.").format(
                kind=shown_in_message(kind)
            ),
            code="unknown_evidence_kind",
        )
    content: bytes | None = None
    if scan_path is not None:
        # Only a regular file, within the evidence_scan limit of file_limits.toml.
        content = read_user_file(scan_path, kind="evidence_scan")
    media_type = scan_media_type(content) if content is not None else None
    if content is not None and media_type is None:
        raise InputError(
            _("The scan {path} is not an image (PNG, JPEG, TIFF) or a PDF.").format(
                path=shown_safely(Path(scan_path or "").name)
            ),
            code="scan_not_image",
        )
    book = load_agreements()
    with db.write(actor=actor.username) as session:
        case = find_case(session, case_id)
        matched = match_evidence_type(
            book.get(case.agreement_id), kind=kind, evidence_type=evidence_type, subject=subject
        )
        evidence = CaseEvidence(
            case_id=case.id,
            subject=matched.subject,
            kind=kind,
            evidence_type=matched.evidence_type,
            listed=matched.listed,
            description=description.strip(),
        )
        if content is not None and scan_path is not None:
            digest = hashlib.sha256(content).hexdigest()
            evidence.scan_filename = stripped_name(Path(scan_path).name)
            evidence.scan_sha256 = digest
            evidence.scan_size = len(content)
            session.add(evidence)
            session.flush()
            session.add(
                CaseScan(
                    evidence_id=evidence.id,
                    case_id=case.id,
                    sha256=digest,
                    size=len(content),
                    media_type=media_type or "application/octet-stream",
                    content_b64=base64.b64encode(content).decode("ascii"),
                )
            )
        session.add(evidence)
        record_event(
            session,
            case,
            author=actor.username,
            kind="evidence",
            note=f"{matched.evidence_type}: {description.strip()}".strip(": "),
        )
    return EvidenceRow(
        evidence.id,
        evidence.subject,
        evidence.kind,
        evidence.evidence_type,
        evidence.listed,
        shown_safely(evidence.description, keep_lines=True),
        shown_safely(evidence.scan_filename),
        evidence.scan_sha256,
        evidence.scan_size,
        evidence.created_at,
    )


# --------------------------------------------------------------------------- silence
