"""A person's history: every check, case and centre stay on record, composed here.

One function asks each kind of record directly (no registry that only learns about
cases when some module happens to be imported), so the check page, the person card and
``borderdesk check`` show the same history whichever modules a process loaded.
It reads the tables only, so every service above (checks, cases, centre) may call it.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import Session

from borderdesk.domain.case_workflow import kind_label, status_label
from borderdesk.domain.refusal_grounds import ground_label
from borderdesk.domain.stay_status import stay_status_label
from borderdesk.i18n import N_, _, current_language

DECISIONS = {"admit": N_("Admitted"), "refuse": N_("Refused"), "detain": N_("Detained")}
DIRECTIONS = {"entry": N_("Entry"), "exit": N_("Exit")}
RECORD_KINDS = {"check": N_("Check"), "case": N_("Case"), "stay": N_("Centre stay")}


@dataclass(frozen=True)
class HistoryEntry:
    kind: str  # "check", "case" or "stay"
    record_id: uuid.UUID
    at: datetime
    site: str
    reference: str  # protocol, case or stay number
    status: str  # a check's decision ("" when none), a case's or a stay's status
    detail: str = ""  # a check's direction, a case's kind, a stay's legal basis
    ground: str = ""  # a refusal's legal ground (a code of resources/refusal_grounds.toml)

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "id": str(self.record_id),
            "at": self.at.isoformat(),
            "site": self.site,
            "reference": self.reference,
            "status": self.status or None,
            "detail": self.detail,
            "ground": self.ground or None,
        }


@dataclass(frozen=True)
class RecordOnFile:
    """One check, case or centre stay of a person (a row of ``records_on_file``)."""

    kind: str  # "check", "case" or "stay"
    record_id: uuid.UUID
    person_id: uuid.UUID
    at: datetime  # checked, case opened (created), arrived
    site: str
    reference: str  # protocol, case or stay number
    status: str  # a check's decision ("" when none), a case's or a stay's status
    detail: str  # a check's direction, a case's kind, a stay's legal basis
    ground: str  # a refusal's legal ground
    corrects_id: uuid.UUID | None  # a check that corrects another
    requested: str  # a case's requested state

    def entry(self) -> HistoryEntry:
        return HistoryEntry(
            self.kind,
            self.record_id,
            self.at,
            self.site,
            self.reference,
            self.status,
            self.detail,
            self.ground,
        )


def _records_statement() -> Any:
    """Every live check, case and centre stay of the persons ``:ids``: one UNION ALL,
    each part on its table's ``person_id`` index. Built once."""
    from sqlalchemy import bindparam, literal_column, null, union_all
    from sqlalchemy import select as core_select

    from borderdesk.store.tables import CentreStay, DocumentCheck, ReadmissionCase

    check = DocumentCheck.__table__.c  # type: ignore[attr-defined]
    case = ReadmissionCase.__table__.c  # type: ignore[attr-defined]
    stay = CentreStay.__table__.c  # type: ignore[attr-defined]
    ids: Any = bindparam("ids", expanding=True)
    checks = core_select(
        literal_column("'check'").label("kind"),
        check.id.label("record_id"),
        check.person_id.label("person_id"),
        check.checked_at.label("at"),
        check.site.label("site"),
        check.protocol_number.label("reference"),
        check.decision.label("status"),
        check.direction.label("detail"),
        check.refusal_ground.label("ground"),
        check.corrects_id.label("corrects_id"),
        null().label("requested"),
    ).where(check.person_id.in_(ids), check.deleted.is_(False))
    cases = core_select(
        literal_column("'case'"),
        case.id,
        case.person_id,
        case.created_at,
        case.origin_site,
        case.case_number,
        case.status,
        case.kind,
        null(),
        null(),
        case.requested_state,
    ).where(case.person_id.in_(ids), case.deleted.is_(False))
    stays = core_select(
        literal_column("'stay'"),
        stay.id,
        stay.person_id,
        stay.arrived_at,
        stay.origin_site,
        stay.stay_number,
        stay.status,
        stay.legal_basis,
        null(),
        null(),
        null(),
    ).where(stay.person_id.in_(ids), stay.deleted.is_(False))
    return union_all(checks, cases, stays)


def records_on_file(session: Session, person_ids: Sequence[uuid.UUID]) -> list[RecordOnFile]:
    """Every check, case and centre stay of these persons, in one statement: checks
    oldest first (by time, then id), then cases and stays in no set order.

    A read session remembers the answer: one scan asks it for the history, the stays
    for the regime and what is on record about the person's possible other records. A
    write session may add records between two questions, so it asks each time."""
    ids = tuple(dict.fromkeys(person_ids))
    if not ids:
        return []
    if "write_context" in session.info:
        return _records_on_file(session, ids)
    memo: dict[tuple[uuid.UUID, ...], list[RecordOnFile]] = session.info.setdefault(
        "records_on_file", {}
    )
    if ids not in memo:
        memo[ids] = _records_on_file(session, ids)
    return memo[ids]


def _records_on_file(session: Session, ids: tuple[uuid.UUID, ...]) -> list[RecordOnFile]:
    from borderdesk.services.people.read_statements import run, shaped

    statement = shaped("history.records_on_file", _records_statement)
    rows = [
        RecordOnFile(
            kind=r.kind,
            record_id=r.record_id,
            person_id=r.person_id,
            at=r.at,
            site=r.site,
            reference=r.reference,
            status=r.status or "",
            detail=r.detail or "",
            ground=r.ground or "",
            corrects_id=r.corrects_id,
            requested=r.requested or "",
        )
        for r in run(session, statement, {"ids": list(ids)})
    ]
    checks = sorted((r for r in rows if r.kind == "check"), key=lambda r: (r.at, r.record_id))
    return checks + [r for r in rows if r.kind != "check"]


def effective_checks_in(records: Sequence[RecordOnFile]) -> list[RecordOnFile]:
    """The checks of ``records`` as they stand, oldest first: a corrected check gives
    way to its correction (among these records)."""
    checks = [r for r in records if r.kind == "check"]
    corrected = {c.corrects_id for c in checks if c.corrects_id is not None}
    return [c for c in checks if c.record_id not in corrected]


def effective_checks(session: Session, person_id: uuid.UUID) -> list[RecordOnFile]:
    """The person's checks as they stand: a corrected check gives way to its correction."""
    return effective_checks_of(session, [person_id])


def effective_checks_of(session: Session, person_ids: Sequence[uuid.UUID]) -> list[RecordOnFile]:
    """``effective_checks`` of several records in one query, oldest first."""
    return effective_checks_in(records_on_file(session, person_ids))


def history_of(records: Sequence[RecordOnFile], person_id: uuid.UUID) -> tuple[HistoryEntry, ...]:
    """The history of one person among ``records`` (which may hold other persons' too),
    newest first: the person's effective checks, cases and centre stays."""
    own = [r for r in records if r.person_id == person_id]
    entries = [r.entry() for r in effective_checks_in(own)]
    entries += [r.entry() for r in own if r.kind != "check"]
    return tuple(sorted(entries, key=lambda e: (e.at, str(e.record_id)), reverse=True))


def person_history(session: Session, person_id: uuid.UUID | None) -> tuple[HistoryEntry, ...]:
    """Everything on record about the person (checks, cases, centre stays), newest first."""
    if person_id is None:
        return ()
    return history_of(records_on_file(session, [person_id]), person_id)


# ----------------------------------------------------------------- in the user's words


def decision_label(decision: str | None) -> str:
    if not decision:
        return _("No decision")
    return _(DECISIONS[decision]) if decision in DECISIONS else decision


def direction_label(direction: str) -> str:
    return _(DIRECTIONS[direction]) if direction in DIRECTIONS else direction


def history_what(entry: HistoryEntry) -> str:
    if entry.kind == "check":
        return direction_label(entry.detail)
    if entry.kind == "case":
        return kind_label(entry.detail)
    return ""  # a stay: its number and status say it


def history_record(entry: HistoryEntry) -> str:
    """``Check: Entry``, ``Case: Apprehension`` or ``Centre stay``."""
    kind = _(RECORD_KINDS[entry.kind]) if entry.kind in RECORD_KINDS else entry.kind
    what = history_what(entry)
    return f"{kind}: {what}" if what else kind


def decision_with_ground(decision: str | None, ground: str | None) -> str:
    """``Refused: No visa where one is required (114-FZ art. 24)``; a decision alone
    where no ground was recorded."""
    text = decision_label(decision)
    if not ground:
        return text
    return _("{decision}: {ground}").format(
        decision=text, ground=ground_label(ground, current_language())
    )


def history_outcome(entry: HistoryEntry) -> str:
    if entry.kind == "check":
        return decision_with_ground(entry.status, entry.ground)
    if entry.kind == "case":
        return status_label(entry.status)
    if entry.kind == "stay":
        return stay_status_label(entry.status)
    return entry.status
