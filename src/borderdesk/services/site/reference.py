"""Reference data as the GUI shows it: the agreements, and the choices a case form offers.

The agreements are read-only data (``resources/reference/agreements.toml``); these
functions only check who asks and hand out the frozen domain objects.
"""

from __future__ import annotations

from dataclasses import dataclass

from borderdesk.domain.agreements import HOME_STATE, AgreementBook
from borderdesk.domain.case_evidence import evidence_types
from borderdesk.domain.case_workflow import load_workflow
from borderdesk.domain.reference import load_agreements
from borderdesk.i18n import _
from borderdesk.services.access.permissions import Actor, Permission, require


def agreement_book(*, actor: Actor) -> AgreementBook:
    """Every agreement on file, with its coverage, time limits, evidence and protocols."""
    require(actor, Permission.view_reference)
    return load_agreements()


@dataclass(frozen=True)
class CaseChoices:
    """What the New case form offers: who may ask whom, by case kind."""

    home_state: str
    #: Member states that may send Russia an incoming request (under the EU agreement).
    member_states: tuple[str, ...]
    #: States Russia may apply to under an agreement of its own (apprehension, outgoing).
    partners: tuple[str, ...]
    #: Event kinds a user may add to a timeline by hand (status changes go by their buttons).
    event_kinds: tuple[str, ...]


def case_choices(*, actor: Actor) -> CaseChoices:
    require(actor, Permission.view_cases)
    book = load_agreements()
    eu = book.with_eu()
    excluded = set(eu.not_applicable_to) if eu else set()
    members = tuple(m.state for m in book.eu_members if m.state not in excluded) if eu else ()
    partners = tuple(
        dict.fromkeys(a.partner for a in book if not a.with_eu and a.partner != HOME_STATE)
    )
    kinds = tuple(
        kind
        for kind, by in load_workflow().event_kinds.items()
        if by == "user" and kind != "status"
    )
    return CaseChoices(HOME_STATE, members, partners, kinds)


def evidence_choices(*, actor: Actor, agreement_id: str, kind: str) -> dict[str, tuple[str, ...]]:
    """The agreement's listed means of ``kind`` (proof | presumption), by subject
    (nationality, transit); empty when the agreement has no lists on file."""
    require(actor, Permission.view_cases)
    return {
        subject: types
        for subject, types in evidence_types(load_agreements().get(agreement_id), kind).items()
        if types
    }


def time_limit_text(step: str, days: int, kind: str, months: int = 0) -> str:
    """A time limit as the agreement puts it: "reply within 25 calendar days of receipt …",
    "… within 1 month"."""
    from borderdesk.domain.deadlines import _STEP_RULES, _period

    rule = _STEP_RULES.get(step)
    period = _period(days, kind, months)
    return _(rule).format(period=period) if rule else f"{step}: {period}"
