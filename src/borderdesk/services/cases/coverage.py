"""Which states a detained person's apprehension case may be filed against, and why.

The Detain dialog of the check page offers every state Russia has an agreement of its
own with; for each it says which agreement covers this person on the day (and as what)
or why none does, in the same words ``open_case`` refuses with (one rule:
``opening.covering``). Nothing is read from the database: agreements are data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from borderdesk.domain.agreements import HOME_STATE
from borderdesk.domain.case_coverage import nationality_of
from borderdesk.domain.case_workflow import accelerated_allowed, load_workflow
from borderdesk.domain.reference import load_agreements
from borderdesk.domain.safe_text import shown_in_message
from borderdesk.i18n import _
from borderdesk.services.access.permissions import Actor, Permission, require
from borderdesk.services.cases.opening import CaseRefused, covering

KIND = "apprehension"


@dataclass(frozen=True)
class StateCoverage:
    """One state the case could be filed against, and whether an agreement covers it."""

    state: str  # ISO alpha-3
    covered: bool
    reason: str  # why (or why not), in the user's language
    agreement: str | None = None  # the agreement's id
    agreement_title: str = ""
    category: str | None = None
    unverified: bool = False
    accelerated: bool = False  # the agreement allows the accelerated border procedure


@dataclass(frozen=True)
class ApprehensionChoices:
    states: tuple[StateCoverage, ...]
    suggested: str | None  # the neighbouring state when covered, else the first covered

    def of(self, state: str) -> StateCoverage | None:
        return next((s for s in self.states if s.state == state), None)


def apprehension_choices(*, actor: Actor, nationality: str, on: date) -> ApprehensionChoices:
    """Every partner state with its coverage of a person of ``nationality`` on ``on``."""
    require(actor, Permission.manage_cases)
    book = load_agreements()
    person = nationality_of(nationality)
    partners = dict.fromkeys(a.partner for a in book if not a.with_eu and a.partner != HOME_STATE)
    states = []
    for state in partners:
        if not person.known:
            reason = _(
                "The nationality ('{code}') is not known: no agreement can be applied."
            ).format(code=shown_in_message((nationality or "").strip().upper() or "—"))
            states.append(StateCoverage(state, False, reason))
            continue
        try:
            answer = covering(
                book, kind=KIND, requesting=HOME_STATE, requested=state, nationality=person, on=on
            )
        except CaseRefused as refused:
            states.append(StateCoverage(state, False, refused.message))
            continue
        agreement = book.get(answer.agreement) if answer.agreement else None
        states.append(
            StateCoverage(
                state,
                True,
                answer.reason,
                agreement=answer.agreement,
                agreement_title=agreement.title() if agreement else "",
                category=answer.category,
                unverified=answer.unverified,
                accelerated=agreement is not None and accelerated_allowed(agreement, KIND),
            )
        )
    covered = [s.state for s in states if s.covered]
    neighbour = load_workflow().neighbour_state
    suggested = neighbour if neighbour in covered else (covered[0] if covered else None)
    return ApprehensionChoices(tuple(states), suggested)
