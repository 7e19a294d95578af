"""The due dates of one readmission case, computed from its dates by ``domain.deadlines``.

Which step counts from which date:

* **application** (or the accelerated application) from the day the facts became
  known; met when the application was received (incoming) or submitted (ours);
* **reply** (or the accelerated reply) from receipt of the application: the day
  Russia received an incoming request, or the day ours was submitted; met by the
  decision; once an extension was asked for, the **extended reply** supersedes it;
* **transfer** from the positive reply (or the day acceptance was deemed given);
  met by the transfer.

The "next deadline" is the one the case waits on in its present status.
Silence means consent (where the agreement says so): a request left unanswered past
its reply date counts as accepted from the following day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from borderdesk.domain.agreements import AgreementBook
from borderdesk.domain.deadlines import DeadlineError, compute_deadline, is_deemed_accepted
from borderdesk.i18n import N_, _, format_day

WAITING_FOR_REPLY = ("registered", "under_examination")
WAITING_FOR_TRANSFER = ("accepted", "deemed_accepted", "transfer_scheduled")

_STEP_LABELS = {
    "application": N_("application"),
    "accelerated_application": N_("application (accelerated procedure)"),
    "reply": N_("reply"),
    "accelerated_reply": N_("reply (accelerated procedure)"),
    "reply_extended": N_("extended reply"),
    "transfer": N_("transfer"),
}


def step_label(step: str) -> str:
    return _(_STEP_LABELS[step]) if step in _STEP_LABELS else step


@dataclass(frozen=True)
class CaseFacts:
    """What the schedule of a case depends on (plain values, no database)."""

    kind: str
    status: str
    agreement_id: str
    procedure: str
    requesting_state: str
    requested_state: str
    facts_known_on: date | None = None
    received_on: date | None = None  # incoming: the day Russia received the request
    submitted_on: date | None = None  # apprehension/outgoing: the day ours was submitted
    extension_requested: bool = False
    decision: str | None = None  # "accepted" | "refused"
    decided_on: date | None = None  # of the reply, or the day acceptance was deemed given
    replied_on: date | None = None  # None when acceptance was deemed given by silence
    transferred_on: date | None = None

    @property
    def reply_start(self) -> date | None:
        return self.received_on if self.kind == "incoming" else self.submitted_on

    @property
    def application_made_on(self) -> date | None:
        return self.received_on if self.kind == "incoming" else self.submitted_on

    @property
    def member_state(self) -> str | None:
        """The EU member state of an EU–RU case (selects its implementing protocol)."""
        return self.requesting_state if self.kind == "incoming" else None


@dataclass(frozen=True)
class DueDate:
    """One computed time limit of a case, with the rule that produced it."""

    step: str
    due: date
    start: date
    days: int
    day_kind: str  # "calendar" | "working"
    skipped: tuple[date, ...]
    acting_state: str | None
    rule: str
    unverified: bool
    met_on: date | None = None
    superseded: bool = False  # the ordinary reply once an extension was asked for
    lapsed: bool = False  # a reply never given: acceptance was deemed given by silence

    @property
    def label(self) -> str:
        return step_label(self.step)

    def state(self, today: date) -> str:
        """``met``, ``late`` (done after the due date), ``lapsed`` (silence meant consent),
        ``overdue`` or ``pending``."""
        if self.lapsed:
            return "lapsed"
        if self.met_on is not None:
            return "met" if self.met_on <= self.due else "late"
        return "overdue" if today > self.due else "pending"

    def banner(self) -> str:
        """The rule as the case page shows it, marked unconfirmed where it is."""
        text = _("{step} due {due}: {rule}").format(
            step=self.label, due=format_day(self.due), rule=self.rule
        )
        if self.unverified:
            text += ", " + _("unconfirmed")
        return text

    def to_json(self, today: date | None = None) -> dict[str, object]:
        data: dict[str, object] = {
            "step": self.step,
            "due": self.due.isoformat(),
            "start": self.start.isoformat(),
            "days": self.days,
            "kind": self.day_kind,
            "skipped": [d.isoformat() for d in self.skipped],
            "acting_state": self.acting_state,
            "rule": self.rule,
            "unverified": self.unverified,
            "met_on": self.met_on.isoformat() if self.met_on else None,
            "superseded": self.superseded,
            "lapsed": self.lapsed,
        }
        if today is not None:
            data["state"] = self.state(today)
        return data


@dataclass(frozen=True)
class CaseSchedule:
    due_dates: tuple[DueDate, ...]
    next: DueDate | None
    problems: tuple[str, ...] = ()

    def get(self, step: str) -> DueDate | None:
        for item in self.due_dates:
            if item.step == step:
                return item
        return None

    def due(self, *steps: str) -> date | None:
        for step in steps:
            item = self.get(step)
            if item is not None:
                return item.due
        return None

    @property
    def application_due(self) -> date | None:
        return self.due("accelerated_application", "application")

    @property
    def reply_due(self) -> date | None:
        return self.due("accelerated_reply", "reply")

    @property
    def extended_reply_due(self) -> date | None:
        return self.due("reply_extended")

    @property
    def effective_reply_due(self) -> date | None:
        return self.due("reply_extended", "accelerated_reply", "reply")

    @property
    def transfer_due(self) -> date | None:
        return self.due("transfer")


def case_schedule(book: AgreementBook, facts: CaseFacts) -> CaseSchedule:
    """Every due date of the case and the one it waits on now."""
    accelerated = facts.procedure == "accelerated"
    items: list[DueDate] = []
    problems: list[str] = []

    def add(
        step: str,
        start: date | None,
        met_on: date | None,
        superseded: bool = False,
        lapsed: bool = False,
    ) -> None:
        if start is None:
            return
        try:
            found = compute_deadline(
                book,
                agreement_id=facts.agreement_id,
                step=step,
                start=start,
                member_state=facts.member_state,
            )
        except DeadlineError as exc:
            if exc.message not in problems:
                problems.append(exc.message)
            return
        items.append(
            DueDate(
                step=step,
                due=found.due,
                start=start,
                days=found.days,
                day_kind=found.kind,
                skipped=found.skipped,
                acting_state=found.state,
                rule=found.rule,
                unverified=found.unverified,
                met_on=met_on,
                superseded=superseded,
                lapsed=lapsed,
            )
        )

    add(
        "accelerated_application" if accelerated else "application",
        facts.facts_known_on,
        facts.application_made_on,
    )
    replied_on = facts.replied_on if facts.decision else None
    lapsed = facts.decision is not None and replied_on is None
    extended = facts.extension_requested and not accelerated
    add(
        "accelerated_reply" if accelerated else "reply",
        facts.reply_start,
        replied_on,
        superseded=extended,
        lapsed=lapsed and not extended,
    )
    if extended:
        add("reply_extended", facts.reply_start, replied_on, lapsed=lapsed)
    if facts.decision == "accepted":
        add("transfer", facts.decided_on, facts.transferred_on)
    schedule = CaseSchedule(tuple(items), None, tuple(problems))
    return CaseSchedule(schedule.due_dates, _next(schedule, facts), schedule.problems)


def _next(schedule: CaseSchedule, facts: CaseFacts) -> DueDate | None:
    if facts.status in WAITING_FOR_REPLY:
        if facts.reply_start is None:
            return schedule.get("accelerated_application") or schedule.get("application")
        return (
            schedule.get("reply_extended")
            or schedule.get("accelerated_reply")
            or schedule.get("reply")
        )
    if facts.status in WAITING_FOR_TRANSFER:
        return schedule.get("transfer")
    return None


def deemed_acceptance_on(book: AgreementBook, facts: CaseFacts, today: date) -> date | None:
    """The day acceptance is deemed given by silence, if it has come by ``today``."""
    if facts.status not in WAITING_FOR_REPLY or facts.decision:
        return None
    schedule = case_schedule(book, facts)
    reply_due = schedule.effective_reply_due
    if reply_due is None:
        return None
    agreement = book.get(facts.agreement_id)
    if not is_deemed_accepted(agreement, reply_due, today, replied=False):
        return None
    return reply_due + timedelta(days=1)
