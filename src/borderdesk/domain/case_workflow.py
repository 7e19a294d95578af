"""The readmission case workflow: statuses, the legal steps between them, event kinds.

The steps themselves are data (``resources/reference/case_workflow.toml``): registered
-> under examination -> accepted, refused or deemed accepted -> transfer scheduled ->
transferred -> closed; withdrawn from any open status. Anything else is an
:class:`IllegalTransition` naming both statuses.

Which procedure a case follows is decided here too: the accelerated border procedure
only for persons apprehended in the border region, and only where the agreement sets
accelerated time limits.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

from borderdesk.domain.agreements import Agreement
from borderdesk.errors import BorderDeskError, InputError
from borderdesk.i18n import N_, _
from borderdesk.paths import resource

WORKFLOW_FILE = "case_workflow.toml"

CaseKind = Literal["incoming", "apprehension", "outgoing"]
CASE_KINDS: tuple[str, ...] = ("incoming", "apprehension", "outgoing")
PROCEDURES: tuple[str, ...] = ("normal", "accelerated")
EVIDENCE_KINDS: tuple[str, ...] = ("proof", "presumption")
INITIAL_STATUS = "registered"
SYSTEM = "system"

_STATUS_LABELS = {
    "registered": N_("registered"),
    "under_examination": N_("under examination"),
    "accepted": N_("accepted"),
    "refused": N_("refused"),
    "deemed_accepted": N_("deemed accepted"),
    "transfer_scheduled": N_("transfer scheduled"),
    "transferred": N_("transferred"),
    "closed": N_("closed"),
    "withdrawn": N_("withdrawn"),
}
_KIND_LABELS = {
    "incoming": N_("incoming request"),
    "apprehension": N_("apprehension at the border"),
    "outgoing": N_("outgoing application"),
}
_EVENT_LABELS = {
    "opened": N_("case opened"),
    "status": N_("status changed"),
    "decision": N_("decision"),
    "deemed_accepted": N_("deemed accepted (no reply in time)"),
    "extension": N_("reply time limit extended"),
    "evidence": N_("evidence added"),
    "note": N_("note"),
    "contact": N_("contact with the other party"),
    "document_sent": N_("document sent"),
    "reply_received": N_("reply received"),
    "interview": N_("interview"),
    "medical": N_("medical"),
}
_PROCEDURE_LABELS = {"normal": N_("normal procedure"), "accelerated": N_("accelerated procedure")}
_CATEGORY_LABELS = {
    "own_national": N_("own national"),
    "third_country": N_("third-country national"),
    "stateless": N_("stateless person"),
}
_DUE_STATE_LABELS = {
    "met": N_("met"),
    "late": N_("met late"),
    "lapsed": N_("lapsed: silence meant consent"),
    "overdue": N_("overdue"),
    "pending": N_("pending"),
}
_EVIDENCE_WORDS = {
    "nationality": N_("nationality"),
    "transit": N_("transit"),
    "proof": N_("proof"),
    "presumption": N_("presumption"),
}


class WorkflowError(BorderDeskError):
    """A case step the workflow does not allow."""


class IllegalTransition(WorkflowError):
    def __init__(self, current: str, wanted: str) -> None:
        super().__init__(
            _("A case cannot go from '{current}' to '{wanted}'.").format(
                current=status_label(current), wanted=status_label(wanted)
            ),
            code="illegal_transition",
        )
        self.current = current
        self.wanted = wanted


class WorkflowDataError(BorderDeskError):
    """``case_workflow.toml`` is not as documented."""


@dataclass(frozen=True)
class Status:
    id: str
    open: bool
    final: bool


@dataclass(frozen=True)
class Transition:
    source: str
    target: str
    by: str  # "user" | "system"


@dataclass(frozen=True)
class Workflow:
    statuses: tuple[Status, ...]
    transitions: tuple[Transition, ...]
    event_kinds: dict[str, str]  # id -> "user" | "system"
    neighbour_state: str  # see [apprehension] in the file

    def status(self, status_id: str) -> Status:
        for status in self.statuses:
            if status.id == status_id:
                return status
        raise InputError(
            _("Unknown case status '{status}': use one of {known}.").format(
                status=status_id, known=", ".join(s.id for s in self.statuses)
            ),
            code="unknown_status",
        )

    @property
    def open_statuses(self) -> tuple[str, ...]:
        return tuple(s.id for s in self.statuses if s.open)

    def is_open(self, status_id: str) -> bool:
        return self.status(status_id).open

    def targets(self, current: str, *, by: str = "user") -> tuple[str, ...]:
        """The statuses reachable in one step from ``current`` by a user (or the system)."""
        return tuple(t.target for t in self.transitions if t.source == current and t.by == by)

    def check(self, current: str, wanted: str, *, by: str = "user") -> None:
        """Raise :class:`IllegalTransition` unless ``current -> wanted`` is a legal step."""
        self.status(current)
        self.status(wanted)
        if wanted not in self.targets(current, by=by):
            raise IllegalTransition(current, wanted)

    def check_event_kind(self, kind: str, *, by: str = "user") -> None:
        who = self.event_kinds.get(kind)
        if who is None or (by == "user" and who != "user"):
            allowed = ", ".join(k for k, w in self.event_kinds.items() if by != "user" or w == by)
            raise InputError(
                _("Unknown event kind '{kind}': use one of {known}.").format(
                    kind=kind, known=allowed
                ),
                code="unknown_event_kind",
            )


def _fail(problem: str) -> WorkflowDataError:
    return WorkflowDataError(f"{WORKFLOW_FILE}: {problem}", code="reference_data")


def _parse(data: dict) -> Workflow:
    allowed_top = {"status", "transition", "event_kind", "apprehension"}
    for key in data:
        if key not in allowed_top:
            raise _fail(f"{key}: unknown key")
    statuses: list[Status] = []
    for i, item in enumerate(data.get("status", [])):
        if set(item) - {"id", "open", "final"} or not isinstance(item.get("id"), str):
            raise _fail(f"status[{i}]: expected id, open and final")
        if item["id"] not in _STATUS_LABELS:
            raise _fail(f"status[{i}].id: unknown status '{item['id']}'")
        statuses.append(Status(item["id"], bool(item.get("open")), bool(item.get("final"))))
    known = {s.id for s in statuses}
    if INITIAL_STATUS not in known:
        raise _fail(f"status: '{INITIAL_STATUS}' is missing")
    transitions: list[Transition] = []
    for i, item in enumerate(data.get("transition", [])):
        if set(item) - {"from", "to", "by"}:
            raise _fail(f"transition[{i}]: unknown key")
        sources, target, by = item.get("from"), item.get("to"), item.get("by", "user")
        if not isinstance(sources, list) or target not in known or by not in ("user", "system"):
            raise _fail(f"transition[{i}]: expected from = [statuses], to = status, by")
        for source in sources:
            if source not in known:
                raise _fail(f"transition[{i}].from: unknown status '{source}'")
            step = Transition(source, target, by)
            if step in transitions:
                raise _fail(f"transition[{i}]: {source} -> {target} is listed twice")
            transitions.append(step)
    kinds: dict[str, str] = {}
    for i, item in enumerate(data.get("event_kind", [])):
        if set(item) - {"id", "by"} or item.get("by") not in ("user", "system"):
            raise _fail(f"event_kind[{i}]: expected id and by")
        if item["id"] not in _EVENT_LABELS:
            raise _fail(f"event_kind[{i}].id: unknown event kind '{item['id']}'")
        kinds[item["id"]] = item["by"]
    apprehension = data.get("apprehension", {})
    if set(apprehension) - {"neighbour_state"}:
        raise _fail("apprehension: unknown key")
    neighbour = apprehension.get("neighbour_state")
    if not isinstance(neighbour, str) or len(neighbour) != 3 or not neighbour.isupper():
        raise _fail("apprehension.neighbour_state: expected a three-letter state code")
    return Workflow(tuple(statuses), tuple(transitions), kinds, neighbour)


def load_workflow(path: Path | str | None = None) -> Workflow:
    """The workflow from ``case_workflow.toml`` (the shipped file is read once)."""
    if path is None:
        return _default_workflow()
    with Path(path).open("rb") as fh:
        return _parse(tomllib.load(fh))


@cache
def _default_workflow() -> Workflow:
    with resource("reference", WORKFLOW_FILE).open("rb") as fh:
        return _parse(tomllib.load(fh))


# --------------------------------------------------------------------------- labels


def status_label(status: str) -> str:
    return _(_STATUS_LABELS[status]) if status in _STATUS_LABELS else status


def kind_label(kind: str) -> str:
    return _(_KIND_LABELS[kind]) if kind in _KIND_LABELS else kind


def event_label(kind: str) -> str:
    return _(_EVENT_LABELS[kind]) if kind in _EVENT_LABELS else kind


def category_label(category: str) -> str:
    """own_national -> "own national": who an agreement covers, in words."""
    return _(_CATEGORY_LABELS[category]) if category in _CATEGORY_LABELS else category


def due_state_label(state: str) -> str:
    """A time limit's state (met, overdue, …) in words."""
    return _(_DUE_STATE_LABELS[state]) if state in _DUE_STATE_LABELS else state


def evidence_word(code: str) -> str:
    """An evidence subject (nationality, transit) or kind (proof, presumption) in words."""
    return _(_EVIDENCE_WORDS[code]) if code in _EVIDENCE_WORDS else code


def procedure_label(procedure: str) -> str:
    return _(_PROCEDURE_LABELS[procedure]) if procedure in _PROCEDURE_LABELS else procedure


def check_kind(kind: str) -> str:
    if kind not in CASE_KINDS:
        raise InputError(
            _("Unknown case kind '{kind}': use incoming, apprehension or outgoing.").format(
                kind=kind
            ),
            code="unknown_case_kind",
        )
    return kind


# --------------------------------------------------------------------------- procedure


def accelerated_allowed(agreement: Agreement, kind: str) -> bool:
    """The accelerated border procedure: an apprehension in the border region (our own,
    or the requesting member state's in an incoming request), under an agreement that
    sets accelerated time limits for both the application and the reply."""
    limits = agreement.time_limits
    if kind == "outgoing" or limits is None:
        return False
    return (
        limits.get("accelerated_application") is not None
        and limits.get("accelerated_reply") is not None
    )


def choose_procedure(agreement: Agreement, kind: str, *, accelerated: bool) -> str:
    """``"accelerated"`` when asked for and allowed, else ``"normal"``; asking for the
    accelerated procedure where it does not apply is an error, not a silent fallback."""
    if not accelerated:
        return "normal"
    if kind == "outgoing":
        raise WorkflowError(
            _(
                "The accelerated procedure applies only to persons apprehended in the border "
                "region, not to an outgoing application."
            ),
            code="accelerated_not_allowed",
        )
    if not accelerated_allowed(agreement, kind):
        raise WorkflowError(
            _("{agreement} sets no accelerated procedure.").format(
                agreement=agreement.short_name()
            ),
            code="accelerated_not_allowed",
        )
    return "accelerated"
