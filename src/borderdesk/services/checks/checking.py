"""Checking a document at the post: the verdict, the immutable check record, corrections.

GUI: ``assess`` on every scan (reads only), then ``record_decision`` when the officer
decides. CLI: ``assess`` alone without a decision, ``check_document`` (both) with one.
A saved check is never changed; ``correct_check`` records a new check that points
to the one it corrects (a decision added later is such a correction too).
"""

from __future__ import annotations

import dataclasses
import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from borderdesk.domain.clock import utc_now
from borderdesk.domain.local_time import local_date
from borderdesk.domain.mrz import MrzResult, MrzUnreadable, parse_mrz
from borderdesk.domain.refusal_grounds import ground_codes, refusal_ground
from borderdesk.domain.safe_text import shown_in_message
from borderdesk.errors import BorderDeskError, InputError
from borderdesk.i18n import _
from borderdesk.services.access.permissions import Actor, Permission, require
from borderdesk.services.checks.assessment import assess_document
from borderdesk.services.checks.choices import DECISIONS, DIRECTIONS
from borderdesk.services.checks.findings import CheckFinding, verdict_of
from borderdesk.services.checks.listing import check_row
from borderdesk.services.checks.records import (
    CheckedDocument,
    CheckRecord,
    correction_of,
    digest_of,
    next_protocol_number,
    person_stored,
    record_of,
    stored_documents,
    stored_findings,
    to_text,
)
from borderdesk.services.people import read_statements
from borderdesk.services.people.history import HistoryEntry
from borderdesk.services.people.persons import (
    PersonRow,
    ensure_document,
    find_or_create_person,
)
from borderdesk.services.site.sites import SiteInfo, this_site
from borderdesk.store.database import Database
from borderdesk.store.tables import DocumentCheck, Site

NOTE_LIMIT = 2000

MrzInput = str | Sequence[str]


@dataclass(frozen=True)
class CheckOutcome:
    """What a scan shows: the documents, the person, the findings and the history."""

    checked_at: datetime  # when the document was read; the check's time once recorded
    site: str
    direction: str
    document: MrzResult
    visa: MrzResult | None
    person: PersonRow  # person_id None: not on record yet (created when recorded)
    matched_by: str  # document | name_birth_nationality | new
    findings: tuple[CheckFinding, ...]  # most severe first
    history: tuple[HistoryEntry, ...]  # newest first
    check: CheckRecord | None = None  # set once recorded

    @property
    def verdict(self) -> str:
        """``alert`` (red), ``warning`` (amber) or ``clear`` (green)."""
        return verdict_of(self.findings)

    def to_json(self) -> dict[str, Any]:
        if self.check is not None:
            data = self.check.to_json()
        else:
            data = {
                "id": None,
                "protocol_number": None,
                "site": self.site,
                "officer": None,
                "checked_at": self.checked_at.isoformat(),
                "direction": self.direction,
                "decision": None,
                "note": "",
                "refusal_ground": None,
                "verdict": self.verdict,
                "detained_for_case": False,
                "person_id": str(self.person.person_id) if self.person.person_id else None,
                "document": self.document.to_json_dict(),
                "visa": self.visa.to_json_dict() if self.visa else None,
                "findings": [f.to_json() for f in self.findings],
            }
        if isinstance(data.get("document"), dict):
            # Not in the stored MRZ keys: the Cyrillic name of an internal passport, as read.
            data["document"] = {**data["document"], **self.document.cyrillic_json()}
        data["person"] = {**self.person.to_json(), "matched_by": self.matched_by}
        data["history"] = [h.to_json() for h in self.history]
        return data


# ------------------------------------------------------------------------ input


def _direction(value: str) -> str:
    if value not in DIRECTIONS:
        raise InputError(
            _("Direction '{value}': use entry or exit.").format(value=shown_in_message(value))
        )
    return value


def _decision(value: str | None, *, required: bool) -> str | None:
    if value is None or value == "":
        if required:
            raise InputError(_("Give a decision: admit, refuse or detain."))
        return None
    if value not in DECISIONS:
        raise InputError(
            _("Decision '{value}': use admit, refuse or detain.").format(
                value=shown_in_message(value)
            )
        )
    return value


def _ground(decision: str | None, ground: str | None) -> str | None:
    """A refusal names its legal ground (``resources/refusal_grounds.toml``); nothing
    else does."""
    ground = (ground or "").strip() or None
    if decision != "refuse":
        if ground is not None:
            raise InputError(_("A legal ground goes with a refusal only."), code="ground")
        return None
    if ground is None:
        raise InputError(
            _("A refusal needs its legal ground: one of {codes}.").format(
                codes=", ".join(ground_codes())
            ),
            code="ground",
        )
    if refusal_ground(ground) is None:
        raise InputError(
            _("Unknown legal ground '{ground}': use one of {codes}.").format(
                ground=shown_in_message(ground), codes=", ".join(ground_codes())
            ),
            code="ground",
        )
    return ground


def _note(note: str) -> str:
    note = note.strip()
    if len(note) > NOTE_LIMIT:
        raise InputError(_("The note is longer than {n} characters.").format(n=NOTE_LIMIT))
    return note


def _moment(now: datetime | None, today: date | None, timezone: str) -> tuple[datetime, date]:
    moment = (now or utc_now()).replace(microsecond=0)
    if moment.tzinfo is None:
        raise ValueError("now must be an aware datetime")
    return moment, today or local_date(moment, timezone)


def _parse_visa(lines: MrzInput | None, today: date) -> MrzResult | None:
    if not lines:
        return None
    try:
        return parse_mrz(lines, today=today)
    except MrzUnreadable as exc:
        raise InputError(_("Visa: {problem}").format(problem=exc.message), code=exc.code) from None


# -------------------------------------------------------------------- use cases


def assess(
    db: Database,
    *,
    actor: Actor,
    mrz_lines: MrzInput,
    visa_lines: MrzInput | None = None,
    direction: str = "entry",
    now: datetime | None = None,
    today: date | None = None,
) -> CheckOutcome:
    """The verdict on a scanned document; writes nothing. Unreadable MRZ: InputError."""
    require(actor, Permission.check_documents)
    direction = _direction(direction)
    with db.read() as session:  # one session for all of it: the verdict must be quick
        site = _site(session, db)
        moment, today = _moment(now, today, site.timezone)
        document = parse_mrz(mrz_lines, today=today)
        visa = _parse_visa(visa_lines, today)
        found = assess_document(
            session,
            document=document,
            visa=visa,
            direction=direction,
            today=today,
            timezone=site.timezone,
        )
    return CheckOutcome(
        checked_at=moment,
        site=site.code,
        direction=direction,
        document=document,
        visa=visa,
        person=found.match.person,
        matched_by=found.match.matched_by,
        findings=found.findings,
        history=found.history,
    )


def record_decision(
    db: Database,
    *,
    actor: Actor,
    outcome: CheckOutcome,
    decision: str | None,
    note: str = "",
    ground: str | None = None,
) -> CheckOutcome:
    """Save an assessed check with the officer's decision (None: no decision yet); a
    refusal with its legal ground (a code of ``refusal_grounds.toml``)."""
    require(actor, Permission.check_documents)
    decision = _decision(decision, required=False)
    ground = _ground(decision, ground)
    note = _note(note)
    if outcome.check is not None:
        raise BorderDeskError(
            _("This check is already recorded as {number}.").format(
                number=outcome.check.protocol_number
            )
        )
    timezone = this_site(db).timezone
    today = local_date(outcome.checked_at, timezone)
    with db.write(actor=actor.username) as session:
        person, _matched_by = find_or_create_person(session, outcome.document)
        session.flush()
        documents = [
            _checked(session, person, outcome.document, "travel", today=today),
            *(
                [_checked(session, person, outcome.visa, "visa", today=today)]
                if outcome.visa
                else []
            ),
        ]
        row = _save(
            session,
            site=outcome.site,
            timezone=timezone,
            officer=actor,
            checked_at=outcome.checked_at,
            numbered_at=outcome.checked_at,
            direction=outcome.direction,
            person=PersonRow.of(person),
            documents=documents,
            findings=stored_findings(outcome.findings),
            verdict=outcome.verdict,
            decision=decision,
            note=note,
            corrects_id=None,
            ground=ground,
        )
        record = record_of(row)
    return dataclasses.replace(outcome, person=record.person, check=record)


def check_document(
    db: Database,
    *,
    actor: Actor,
    mrz_lines: MrzInput,
    visa_lines: MrzInput | None = None,
    direction: str = "entry",
    decision: str | None = None,
    note: str = "",
    ground: str | None = None,
    now: datetime | None = None,
    today: date | None = None,
) -> CheckOutcome:
    """Assess and record one check. Bad input (MRZ, decision, ground, note) writes
    nothing."""
    require(actor, Permission.check_documents)
    _ground(_decision(decision, required=False), ground)
    _note(note)
    outcome = assess(
        db,
        actor=actor,
        mrz_lines=mrz_lines,
        visa_lines=visa_lines,
        direction=direction,
        now=now,
        today=today,
    )
    return record_decision(
        db, actor=actor, outcome=outcome, decision=decision, note=note, ground=ground
    )


def correct_check(
    db: Database,
    *,
    actor: Actor,
    check_id: uuid.UUID | str,
    decision: str,
    note: str | None = None,
    ground: str | None = None,
    now: datetime | None = None,
) -> CheckRecord:
    """Record a correction of a check: a new check pointing to it (None note: keep it).

    Only the check's author (who checks documents) or a supervisor may correct it.
    """
    if not actor.can(Permission.correct_any_check):
        require(actor, Permission.check_documents)
    checked_decision = _decision(decision, required=True)
    checked_ground = _ground(checked_decision, ground)
    with db.read() as session:
        author = check_row(session, check_id).officer  # by id or by protocol number
    if author != actor.username:
        require(actor, Permission.correct_any_check)
    site = this_site(db)
    moment, _today = _moment(now, None, site.timezone)
    with db.write(actor=actor.username) as session:
        original = check_row(session, check_id)  # by id or by protocol number
        later = correction_of(session, original.id)
        if later is not None:
            raise BorderDeskError(
                _("Check {number} was already corrected by {later}: correct that one.").format(
                    number=original.protocol_number, later=later.protocol_number
                ),
                code="already_corrected",
            )
        row = _save(
            session,
            site=site.code,
            timezone=site.timezone,
            officer=actor,
            checked_at=original.checked_at,
            numbered_at=moment,
            direction=original.direction,
            person=record_of(original).person,
            documents=[CheckedDocument.from_stored(d) for d in json.loads(original.documents)],
            findings=original.findings,
            verdict=original.verdict,
            decision=checked_decision,
            note=original.note if note is None else _note(note),
            corrects_id=original.id,
            document_id=original.document_id,
            ground=checked_ground,
        )
        return record_of(row)


def get_check(db: Database, *, actor: Actor, check_id: uuid.UUID | str) -> CheckRecord:
    """One saved check, with the id of the correction that replaced it (if any)."""
    require_view(actor)
    with db.read() as session:
        row = check_row(session, check_id)  # by id or by protocol number
        later = correction_of(session, row.id)
        return record_of(row, later.id if later else None)


def require_view(actor: Actor) -> None:
    """Officers, centre staff and supervisors may read checks."""
    viewers = (Permission.check_documents, Permission.search_persons, Permission.view_cases)
    if not any(actor.can(p) for p in viewers):
        require(actor, Permission.check_documents)  # raises, naming the user and role


# -------------------------------------------------------------------- internals


def _site_statement() -> Any:
    from sqlalchemy import bindparam
    from sqlalchemy import select as core_select

    c = Site.__table__.c  # type: ignore[attr-defined]
    return core_select(c.code, c.name, c.kind, c.timezone).where(c.code == bindparam("code"))


def _site(session: Any, db: Database) -> SiteInfo:
    statement = read_statements.shaped("checking.site", _site_statement)
    site = read_statements.run(session, statement, {"code": db.site_code}).first()
    if site is None:
        return this_site(db)  # raises the usual "no site" error
    return SiteInfo(code=site.code, name=site.name, kind=site.kind, timezone=site.timezone)


def _checked(
    session: Any, person: Any, result: MrzResult, role: str, *, today: date
) -> CheckedDocument:
    document = ensure_document(session, person, result, today=today)
    return CheckedDocument(role, document.id, tuple(result.raw), result.to_json_dict())


def _save(
    session: Any,
    *,
    site: str,
    timezone: str,
    officer: Actor,
    checked_at: datetime,
    numbered_at: datetime,
    direction: str,
    person: PersonRow,
    documents: Sequence[CheckedDocument],
    findings: str,
    verdict: str,
    decision: str | None,
    note: str,
    corrects_id: uuid.UUID | None,
    document_id: uuid.UUID | None = None,
    ground: str | None = None,
) -> DocumentCheck:
    assert person.person_id is not None
    row = DocumentCheck(
        site=site,
        officer=officer.username,
        officer_name=officer.full_name,
        checked_at=checked_at,
        direction=direction,
        person_id=person.person_id,
        document_id=document_id or (documents[0].document_id if documents else None),
        person_details=to_text(person_stored(person)),
        documents=stored_documents(documents),
        findings=findings,
        verdict=verdict,
        decision=decision,
        note=note,
        refusal_ground=ground,
        corrects_id=corrects_id,
        detained_for_case=decision == "detain",
        protocol_number=next_protocol_number(session, site, local_date(numbered_at, timezone).year),
        content_digest="",
    )
    row.content_digest = digest_of(row)
    session.add(row)
    session.flush()
    return row
