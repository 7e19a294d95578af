"""Readmission agreements as typed data: parties, coverage, time limits, protocols.

The figures come from ``resources/reference/agreements.toml`` (loaded and checked by
:mod:`borderdesk.domain.agreements_file`); nothing here hard-codes a date or a time limit.
Who an agreement covers on a given date is answered in
:mod:`borderdesk.domain.readmission_obligation`. Every figure keeps its ``source`` and
``verified`` flag so the user interface can show unconfirmed figures as such.

Direction. BorderDesk works on the Russian side (:data:`HOME_STATE`). Under an
agreement with the European Union the member states apply to Russia, so Russia is
the *requested party*; under a bilateral agreement (Kazakhstan, Uzbekistan,
Lithuania, ...) Russia applies to the partner, so the partner is the requested party.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Literal

from borderdesk.errors import BorderDeskError, InputError
from borderdesk.i18n import _

HOME_STATE = "RUS"
EU = "EU"

Category = Literal["own_national", "third_country", "stateless"]
DayKind = Literal["calendar", "working"]

# Coverage keys in the TOML file, and the category each one answers for.
COVERAGE_KEYS = (
    "own_nationals",
    "former_nationals_without_other_nationality",
    "stateless",
    "third_country_nationals",
)
_CATEGORY_KEY: dict[str, str] = {
    "own_national": "own_nationals",
    "stateless": "stateless",
    "third_country": "third_country_nationals",
}

# Procedure steps with a time limit, in the order a case meets them.
STEPS = (
    "application",
    "reply",
    "reply_extended",
    "accelerated_application",
    "accelerated_reply",
    "transfer",
    "transit_reply",
    "transfer_notice",
    "wrongful_readmission_take_back",
)
# Steps the requested party must act on (it replies); the requesting party acts on the rest.
REQUESTED_PARTY_STEPS = frozenset({"reply", "reply_extended", "accelerated_reply", "transit_reply"})


class AgreementError(BorderDeskError):
    """A question about agreements that cannot be answered as asked."""


class UnknownAgreementError(AgreementError, InputError):
    def __init__(self, agreement_id: str) -> None:
        super().__init__(
            _("No agreement '{id}' is on file.").format(id=agreement_id), code="unknown_agreement"
        )


@dataclass(frozen=True)
class CoverageRule:
    """From when an agreement covers one category of person (``since=None``: never)."""

    category: str
    since: date | None
    verified: bool = True
    source: str = ""

    def covers(self, on: date) -> bool:
        return self.since is not None and on >= self.since


@dataclass(frozen=True)
class Coverage:
    own_nationals: CoverageRule | None
    stateless: CoverageRule | None
    third_country_nationals: CoverageRule | None
    former_nationals_without_other_nationality: CoverageRule | None = None
    # Text of the transitional rule for third-country nationals; its presence switches
    # the rule on: before ``third_country_nationals`` only nationals of states with their
    # own readmission treaty with the requested party are covered.
    third_country_transitional: str | None = None
    third_country_conditions: tuple[str, ...] = ()
    excluded: tuple[str, ...] = ()
    verified: bool = True
    source: str = ""

    def rule(self, category: str) -> CoverageRule | None:
        key = _CATEGORY_KEY.get(category, category)
        if key not in COVERAGE_KEYS:
            raise KeyError(category)
        return getattr(self, key)


@dataclass(frozen=True)
class TimeLimit:
    """One time limit for ``step``: ``days`` calendar or working days, or ``months``
    calendar months (``"within one month"``; ``days`` is then 0 and ``kind`` calendar)."""

    step: str
    days: int
    kind: DayKind
    source: str
    verified: bool
    months: int = 0

    @property
    def key(self) -> str:
        """The key as written in agreements.toml."""
        if self.months:
            return f"{self.step}_months"
        if self.step == "wrongful_readmission_take_back":
            return f"{self.step}_days"
        return f"{self.step}_{self.kind}_days"


@dataclass(frozen=True)
class TimeLimits:
    limits: tuple[TimeLimit, ...]
    silence_means_consent: bool
    source: str
    verified: bool
    silence_means_consent_verified: bool = True

    def get(self, step: str) -> TimeLimit | None:
        for limit in self.limits:
            if limit.step == step:
                return limit
        return None

    def __iter__(self) -> Iterator[TimeLimit]:
        return iter(self.limits)


@dataclass(frozen=True)
class Evidence:
    nationality_proof: tuple[str, ...]
    nationality_presumption: tuple[str, ...]
    transit_proof: tuple[str, ...]
    transit_presumption: tuple[str, ...]
    source: str
    verified: bool
    #: Each listed type as written in the other language -> as shown now (evidence
    #: recorded in Russian is still the listed type when the user reads English).
    other_language: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Costs:
    requesting_party_pays: str | None = None
    requested_party_pays: str | None = None
    source: str = ""
    verified: bool = True


@dataclass(frozen=True)
class Protocol:
    """An implementing protocol with one member state, and what it changes for that state."""

    state: str
    signed: date | None
    in_force: date | None = None
    reply_extension: bool = True
    crossing_points: tuple[str, ...] = ()
    overrides: tuple[TimeLimit, ...] = ()
    source: str = ""
    verified: bool = True

    @property
    def effective_from(self) -> date | None:
        """When the protocol starts to count: its entry into force, else its signature."""
        return self.in_force or self.signed

    def applies_on(self, on: date | None) -> bool:
        start = self.effective_from
        return on is None or start is None or on >= start

    def override(self, step: str) -> TimeLimit | None:
        for limit in self.overrides:
            if limit.step == step:
                return limit
        return None


@dataclass(frozen=True)
class Participation:
    """A member state the agreement reaches only from a later date (Ireland under EU–RU)."""

    state: str
    since: date
    source: str = ""
    verified: bool = True


@dataclass(frozen=True)
class CompetentAuthority:
    """A party's authority that sends and receives requests and persons under the agreement."""

    state: str
    name_ru: str
    name_en: str
    source: str = ""
    verified: bool = True

    @property
    def text(self) -> str:
        """'Русское / English' as printed forms show it."""
        return self.name_ru if self.name_ru == self.name_en else f"{self.name_ru} / {self.name_en}"


@dataclass(frozen=True)
class Agreement:
    id: str
    title_en: str
    title_ru: str
    parties: tuple[str, ...]
    signed: date
    in_force: date
    coverage: Coverage
    sources: tuple[str, ...] = ()
    applied_from: date | None = None
    not_applicable_to: tuple[str, ...] = ()
    time_limits: TimeLimits | None = None
    evidence: Evidence | None = None
    costs: Costs | None = None
    protocols: tuple[Protocol, ...] = ()
    participation: tuple[Participation, ...] = ()
    authorities: tuple[CompetentAuthority, ...] = ()
    signed_verified: bool = True
    in_force_verified: bool = True
    short_name_ru: str = ""
    short_name_en: str = ""

    def short_name(self, lang: str | None = None) -> str:
        """How screens and messages name it ("Россия–Казахстан"); the id is the code."""
        from borderdesk.i18n import current_language

        name = self.short_name_ru if (lang or current_language()) == "ru" else self.short_name_en
        return name or self.id

    def authority(self, state: str) -> CompetentAuthority | None:
        """The competent authority of ``state`` under this agreement, if on file."""
        return next((a for a in self.authorities if a.state == state), None)

    def title(self, lang: str | None = None) -> str:
        from borderdesk.i18n import current_language

        return self.title_ru if (lang or current_language()) == "ru" else self.title_en

    @property
    def with_eu(self) -> bool:
        return EU in self.parties

    @property
    def partner(self) -> str:
        """The party other than Russia."""
        others = [p for p in self.parties if p != HOME_STATE]
        return others[0] if others else self.parties[-1]

    @property
    def requested_party(self) -> str:
        """Who is asked to take people back in BorderDesk's cases (see the module doc)."""
        return HOME_STATE if self.with_eu else self.partner

    @property
    def requesting_party(self) -> str:
        return EU if self.with_eu else HOME_STATE

    def in_force_on(self, on: date) -> bool:
        return on >= self.in_force

    def protocol_for(self, state: str | None, on: date | None = None) -> Protocol | None:
        if state is None:
            return None
        for protocol in self.protocols:
            if protocol.state == state and protocol.applies_on(on):
                return protocol
        return None

    def participation_for(self, state: str | None) -> Participation | None:
        for item in self.participation:
            if item.state == state:
                return item
        return None


@dataclass(frozen=True)
class EuMember:
    state: str
    joined: date
    until: date | None = None
    source: str = ""
    verified: bool = True

    def member_on(self, on: date) -> bool:
        return on >= self.joined and (self.until is None or on <= self.until)


@dataclass(frozen=True)
class AgreementBook:
    agreements: tuple[Agreement, ...]
    eu_members: tuple[EuMember, ...] = field(default=())

    def __iter__(self) -> Iterator[Agreement]:
        return iter(self.agreements)

    @cached_property
    def _by_id(self) -> dict[str, Agreement]:
        # Every due date asks for its agreement: a dict, built once per book (the first
        # of two agreements spelt alike wins, as the search through the list did).
        found: dict[str, Agreement] = {}
        for agreement in self.agreements:
            found.setdefault(agreement.id.upper(), agreement)
        return found

    def find(self, agreement_id: str) -> Agreement | None:
        return self._by_id.get(agreement_id.strip().upper())

    def get(self, agreement_id: str) -> Agreement:
        agreement = self.find(agreement_id)
        if agreement is None:
            raise UnknownAgreementError(agreement_id)
        return agreement

    def bilateral_with(self, state: str) -> Agreement | None:
        """Russia's own agreement with ``state`` (not through the EU), if one is on file."""
        for agreement in self.agreements:
            if not agreement.with_eu and set(agreement.parties) == {HOME_STATE, state}:
                return agreement
        return None

    def with_eu(self) -> Agreement | None:
        for agreement in self.agreements:
            if agreement.with_eu:
                return agreement
        return None

    def eu_member(self, state: str) -> EuMember | None:
        for member in self.eu_members:
            if member.state == state:
                return member
        return None

    def is_eu_member(self, state: str, on: date) -> bool:
        member = self.eu_member(state)
        return member is not None and member.member_on(on)
