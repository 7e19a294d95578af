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
from typing import TYPE_CHECKING, Any

from sqlmodel import Session, col, select

from borderdesk.domain.case_workflow import kind_label, status_label
from borderdesk.domain.refusal_grounds import ground_label
from borderdesk.domain.stay_status import stay_status_label
from borderdesk.i18n import N_, _, current_language

if TYPE_CHECKING:
    from borderdesk.store.tables import DocumentCheck

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


def effective_checks(session: Session, person_id: uuid.UUID) -> list[DocumentCheck]:
    """The person's checks as they stand: a corrected check gives way to its correction."""
    return effective_checks_of(session, [person_id])


def effective_checks_of(session: Session, person_ids: Sequence[uuid.UUID]) -> list[DocumentCheck]:
    """``effective_checks`` of several records in one query, oldest first.

    A read session remembers the answer: one scan asks it three times (the history,
    the stays for the regime, the earlier decisions). A write session may add checks
    between two questions, so it asks the database each time."""
    if "write_context" in session.info:
        return _effective_checks_of(session, person_ids)
    memo: dict[tuple[uuid.UUID, ...], list[DocumentCheck]] = session.info.setdefault(
        "effective_checks", {}
    )
    ids = tuple(person_ids)
    if ids not in memo:
        memo[ids] = _effective_checks_of(session, ids)
    return list(memo[ids])


def _effective_checks_of(session: Session, person_ids: Sequence[uuid.UUID]) -> list[DocumentCheck]:
    # Each kind's table is imported where it is read: the labels below load none of them.
    from borderdesk.store.tables import DocumentCheck

    stmt = (
        select(DocumentCheck)
        .where(
            col(DocumentCheck.person_id).in_(person_ids),
            DocumentCheck.deleted == False,  # noqa: E712
        )
        .order_by(col(DocumentCheck.checked_at), col(DocumentCheck.id))
    )
    checks = list(session.exec(stmt))
    corrected = {c.corrects_id for c in checks if c.corrects_id is not None}
    return [c for c in checks if c.id not in corrected]


def check_history(session: Session, person_id: uuid.UUID) -> list[HistoryEntry]:
    return [
        HistoryEntry(
            kind="check",
            record_id=check.id,
            at=check.checked_at,
            site=check.site,
            reference=check.protocol_number,
            status=check.decision or "",
            detail=check.direction,
            ground=check.refusal_ground or "",
        )
        for check in effective_checks(session, person_id)
    ]


def case_history(session: Session, person_id: uuid.UUID) -> list[HistoryEntry]:
    from borderdesk.store.tables import ReadmissionCase

    cases = session.exec(
        select(ReadmissionCase).where(
            ReadmissionCase.person_id == person_id,
            ReadmissionCase.deleted == False,  # noqa: E712
        )
    )
    return [
        HistoryEntry(
            kind="case",
            record_id=case.id,
            at=case.created_at,
            site=case.origin_site,
            reference=case.case_number,
            status=case.status,
            detail=case.kind,
        )
        for case in cases
    ]


def stay_history(session: Session, person_id: uuid.UUID) -> list[HistoryEntry]:
    from borderdesk.store.tables import CentreStay

    stays = session.exec(
        select(CentreStay).where(
            CentreStay.person_id == person_id,
            CentreStay.deleted == False,  # noqa: E712
        )
    )
    return [
        HistoryEntry(
            kind="stay",
            record_id=stay.id,
            at=stay.arrived_at,
            site=stay.origin_site,
            reference=stay.stay_number,
            status=stay.status,
            detail=stay.legal_basis,
        )
        for stay in stays
    ]


def person_history(session: Session, person_id: uuid.UUID | None) -> tuple[HistoryEntry, ...]:
    """Everything on record about the person (checks, cases, centre stays), newest first."""
    if person_id is None:
        return ()
    entries = [
        *check_history(session, person_id),
        *case_history(session, person_id),
        *stay_history(session, person_id),
    ]
    return tuple(sorted(entries, key=lambda e: (e.at, str(e.record_id)), reverse=True))


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
