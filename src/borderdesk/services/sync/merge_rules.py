"""The table rules a field-by-field merge must keep, as the normal edit paths keep them.

``sync.conflicts_merge`` checks what every table shares (types, required fields,
lengths, a real date of birth); it sits below the services and cannot call them. These
rules are the services' own validators, handed to the merge by the conflict service:
a case's status must be one of its workflow and agree with its decision and dates, a
stay's end may not precede its arrival, a watchlist entry's category and every state
code must be known, and so on. :func:`merge_rule_problem` gives the first broken rule
as one line (the user's language), or None.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime
from functools import cache
from typing import Any

from borderdesk.domain.safe_text import shown_in_message
from borderdesk.errors import BorderDeskError
from borderdesk.i18n import _

Row = Mapping[str, Any]


def merge_rule_problem(table: str, row: Row) -> str | None:
    """Why the merged ``row`` of ``table`` (typed values) breaks an edit rule, or None."""
    rule = _RULES.get(table)
    if rule is None:
        return None
    try:
        rule(row)
    except (BorderDeskError, ValueError) as exc:
        return str(getattr(exc, "message", None) or exc)
    return None


def _fail(text: str) -> None:
    raise ValueError(text)


def _state_code(row: Row, field: str, *, required: bool = False) -> None:
    from borderdesk.services.people.watchlist_import import _state

    _state(str(row.get(field) or ""), field, required=required)


# --------------------------------------------------------------------------- cases


@cache
def _reachable(start: str) -> frozenset[str]:
    """The statuses a case can reach from ``start`` (itself included), by the workflow."""
    from borderdesk.domain.case_workflow import load_workflow

    workflow = load_workflow()
    seen, todo = {start}, [start]
    while todo:
        current = todo.pop()
        for transition in workflow.transitions:
            if transition.source == current and transition.target not in seen:
                seen.add(transition.target)
                todo.append(transition.target)
    return frozenset(seen)


def _case(row: Row) -> None:
    from borderdesk.domain.case_workflow import check_kind, load_workflow
    from borderdesk.domain.reference import load_agreements
    from borderdesk.services.cases.opening import _state

    check_kind(str(row.get("kind") or ""))
    status = str(row.get("status") or "")
    load_workflow().status(status)  # a status of the workflow
    decision = row.get("decision")
    if decision not in (None, "accepted", "refused"):
        _fail(
            _("Unknown decision '{decision}': accepted or refused.").format(
                decision=shown_in_message(decision)
            )
        )
    if decision is None and status in ("accepted", "refused"):
        _fail(
            _("A case with status '{status}' needs its decision.").format(
                status=shown_in_message(status)
            )
        )
    if decision is not None and status not in _reachable(decision):
        _fail(
            _("The status '{status}' does not follow the decision '{decision}'.").format(
                status=shown_in_message(status), decision=shown_in_message(decision)
            )
        )
    if decision == "refused" and not str(row.get("decision_reason") or "").strip():
        _fail(_("A refusal needs its reason."))
    start = row.get("received_on") if row.get("kind") == "incoming" else row.get("submitted_on")
    replied = row.get("decided_on")
    if isinstance(start, date) and isinstance(replied, date) and replied < start:
        _fail(
            _("The reply cannot be dated before the application ({start}).").format(
                start=start.isoformat()
            )
        )
    if status == "transferred" and row.get("transferred_on") is None:
        _fail(_("A transferred case needs its transfer date."))
    if status in ("closed", "withdrawn") and row.get("closed_on") is None:
        _fail(_("A closed case needs its closing date."))
    for field in ("requesting_state", "requested_state"):
        _state(str(row.get(field) or ""), option=field)
    if row.get("agreement_id"):
        load_agreements().get(str(row["agreement_id"]))


def _case_event(row: Row) -> None:
    from borderdesk.domain.case_workflow import load_workflow

    workflow = load_workflow()
    workflow.check_event_kind(str(row.get("kind") or ""), by="system")
    for field in ("from_status", "to_status"):
        if row.get(field):
            workflow.status(str(row[field]))


def _evidence(row: Row) -> None:
    from borderdesk.domain.case_workflow import EVIDENCE_KINDS

    kind = row.get("kind")
    if kind not in EVIDENCE_KINDS:  # add_evidence's list and words
        _fail(
            _("Unknown kind of evidence '{kind}': use proof or presumption.").format(
                kind=shown_in_message(kind)
            )
        )


# --------------------------------------------------------------------------- centre


def _stay(row: Row) -> None:
    from borderdesk.domain.centre import load_centre_rules
    from borderdesk.store.tables.centre import StayStatus

    status = str(row.get("status") or "")
    if status not in set(StayStatus):
        _fail(_("Unknown stay status '{status}'.").format(status=shown_in_message(status)))
    arrived, ended = row.get("arrived_at"), row.get("ended_at")
    if (status == StayStatus.in_centre) != (ended is None):
        _fail(_("A stay has an end time exactly when it has ended."))
    if isinstance(arrived, datetime) and isinstance(ended, datetime) and ended < arrived:
        _fail(_("A stay cannot end before the arrival."))
    load_centre_rules().basis(str(row.get("legal_basis") or ""))
    if row.get("family_stay_id") is not None and row.get("family_stay_id") == row.get("id"):
        _fail(_("A stay cannot be its own family member's."))


def _transfer(row: Row) -> None:
    from borderdesk.services.transfers.planning import _destination
    from borderdesk.store.tables.centre import TransferStatus

    status = str(row.get("status") or "")
    if status not in set(TransferStatus):
        _fail(_("Unknown transfer status '{status}'.").format(status=shown_in_message(status)))
    if status == TransferStatus.completed and row.get("completed_at") is None:
        _fail(_("A completed transfer needs its completion time."))
    if status == TransferStatus.cancelled and (
        row.get("cancelled_at") is None or not str(row.get("cancel_reason") or "").strip()
    ):
        _fail(_("A cancelled transfer needs its time and reason."))
    _destination(str(row.get("destination") or ""))


# --------------------------------------------------------------------------- people


def _person(row: Row) -> None:
    _state_code(row, "nationality")


def _document(row: Row) -> None:
    _state_code(row, "issuing_state", required=True)


def _watchlist_person(row: Row) -> None:
    from borderdesk.services.people.watchlist_import import CATEGORIES

    category = row.get("category")
    if category not in CATEGORIES:  # the watchlist import's list and words
        _fail(
            _("category: expected {choices}, got '{value}'").format(
                choices=" or ".join(CATEGORIES), value=shown_in_message(category)
            )
        )
    _state_code(row, "nationality")


def _user(row: Row) -> None:
    from borderdesk.store.tables.users import Role

    if str(row.get("role") or "") not in set(Role):
        _fail(_("Unknown role '{role}'.").format(role=shown_in_message(row.get("role"))))


_RULES: dict[str, Callable[[Row], None]] = {
    "readmission_case": _case,
    "case_event": _case_event,
    "case_evidence": _evidence,
    "centre_stay": _stay,
    "centre_transfer": _transfer,
    "person": _person,
    "identity_document": _document,
    "watchlist_person": _watchlist_person,
    "watchlist_document": _document,
    "user_account": _user,
}
