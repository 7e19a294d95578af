"""Readmission agreements as typed data, and who an agreement covers on a given date.

The figures come from ``resources/reference/agreements.toml`` (loaded and checked by
:mod:`borderdesk.domain.reference`); nothing here hard-codes a date or a time limit.
Every figure keeps its ``source`` and ``verified`` flag so the user interface can
show unconfirmed figures as such.

Direction. BorderDesk works on the Russian side (:data:`HOME_STATE`). Under an
agreement with the European Union the member states apply to Russia, so Russia is
the *requested party*; under a bilateral agreement (Kazakhstan, Uzbekistan,
Lithuania, ...) Russia applies to the partner, so the partner is the requested party.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from borderdesk.errors import BorderDeskError, InputError
from borderdesk.i18n import N_, _, format_date

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


# --------------------------------------------------------------------------- the model


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
    """One time limit: ``days`` calendar or working days for ``step``."""

    step: str
    days: int
    kind: DayKind
    source: str
    verified: bool

    @property
    def key(self) -> str:
        """The key as written in agreements.toml."""
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
    signed_verified: bool = True
    in_force_verified: bool = True

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

    def find(self, agreement_id: str) -> Agreement | None:
        wanted = agreement_id.strip().upper()
        for agreement in self.agreements:
            if agreement.id.upper() == wanted:
                return agreement
        return None

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


# --------------------------------------------------------------------------- explain


@dataclass(frozen=True)
class Explanation:
    """Whether an agreement obliges the requested party to take a person back on a date."""

    applies: bool
    agreement: str | None
    category: Category | None
    reason_code: str
    reason: str
    unverified: bool
    requested_party: str | None = None
    via_agreement: str | None = None  # the bilateral treaty that opened the transitional rule

    def as_dict(self) -> dict[str, object]:
        """The six keys of the command-line JSON contract."""
        return {
            "applies": self.applies,
            "agreement": self.agreement,
            "category": self.category,
            "reason_code": self.reason_code,
            "reason": self.reason,
            "unverified": self.unverified,
        }


_COVERED = {
    "own_national": N_(
        "Under {agreement}, {requested} must take back its own nationals (from {since})."
    ),
    "stateless": N_(
        "Under {agreement}, {requested} must take back stateless persons (from {since}), "
        "subject to the agreement's conditions."
    ),
    "third_country": N_(
        "Under {agreement}, {requested} must take back third-country nationals (from {since}), "
        "subject to the agreement's conditions."
    ),
}
_NOT_COVERED = {
    "own_national": N_("{agreement} does not cover nationals of {requested}."),
    "stateless": N_("{agreement} does not cover stateless persons."),
    "third_country": N_("{agreement} does not cover third-country nationals."),
}
_NOT_YET_COVERED = {
    "own_national": N_("{agreement} covers nationals of {requested} only from {since}."),
    "stateless": N_("{agreement} covers stateless persons only from {since}."),
    "third_country": N_("{agreement} covers third-country nationals only from {since}."),
}


def _state_name(code: str | None) -> str:
    from borderdesk.domain.reference import state_name

    return state_name(code) if code else ""


def explain(
    book: AgreementBook,
    *,
    partner: str,
    nationality: str | None,
    stateless: bool,
    on: date,
) -> Explanation:
    """Does an agreement oblige the requested party to take this person back on ``on``?

    ``partner`` is an ISO 3166 alpha-3 code or ``"EU"``. For ``"EU"`` or a member state
    with no bilateral agreement of its own on file the agreement with the EU applies
    and Russia is asked; for a state with its own agreement with Russia (KAZ, UZB, LTU)
    Russia asks that state. Give either ``nationality`` or ``stateless=True``.
    """
    from borderdesk.domain.reference import is_known_state, normalise_state

    partner = partner.strip().upper()
    if partner != EU:
        partner = normalise_state(partner)
    nationality = normalise_state(nationality) if nationality else None
    if nationality in ("XXA",):  # Doc 9303: stateless person
        nationality, stateless = None, True
    if bool(nationality) == bool(stateless):
        raise InputError(_("Give either a nationality or 'stateless', not both and not neither."))
    if partner != EU and not is_known_state(partner):
        raise InputError(_("Unknown partner code '{code}'.").format(code=partner))
    if partner == HOME_STATE:
        raise InputError(_("The partner must be a state other than Russia, or EU."))
    if nationality and not is_known_state(nationality):
        raise InputError(_("Unknown nationality code '{code}'.").format(code=nationality))

    def answer(
        applies: bool,
        code: str,
        message: str,
        *,
        agreement: Agreement | None = None,
        category: Category | None = None,
        unverified: bool = False,
        via: str | None = None,
        **values: object,
    ) -> Explanation:
        fields: dict[str, object] = {
            "agreement": agreement.id if agreement else "",
            "partner": _state_name(partner),
            "nationality": _state_name(nationality),
            "requested": _state_name(agreement.requested_party) if agreement else "",
            "on": format_date(on),
            "home": _state_name(HOME_STATE),
        }
        fields.update({k: format_date(v) if isinstance(v, date) else v for k, v in values.items()})
        reason = _(message).format(**fields)
        if reason.endswith(".."):  # a date written as "1 июня 2010 г." closing the sentence
            reason = reason[:-1]
        return Explanation(
            applies=applies,
            agreement=agreement.id if agreement else None,
            category=category,
            reason_code=code,
            reason=reason,
            unverified=unverified,
            requested_party=agreement.requested_party if agreement else None,
            via_agreement=via,
        )

    # Which agreement: Russia's own treaty with the partner, else the EU agreement.
    member_state: str | None = None
    agreement = book.bilateral_with(partner) if partner != EU else None
    if agreement is None:
        eu_agreement = book.with_eu()
        if partner == EU:
            agreement = eu_agreement
        elif book.eu_member(partner) is not None and eu_agreement is not None:
            agreement, member_state = eu_agreement, partner
            member = book.eu_member(partner)
            assert member is not None
            if partner in agreement.not_applicable_to:
                return answer(
                    False,
                    "not_applicable",
                    N_("{agreement} does not apply to {partner}."),
                    agreement=agreement,
                )
            if not member.member_on(on):
                return answer(
                    False,
                    "not_member_state",
                    N_(
                        "{partner} was not an EU member state on {on}, and no readmission "
                        "agreement of its own with {home} is on file."
                    ),
                    unverified=not member.verified,
                )
        if agreement is None:
            return answer(
                False,
                "no_agreement",
                N_("No readmission agreement with {partner} is on file."),
            )

    requested = agreement.requested_party

    # The category is relative to the requested party.
    category: Category | None
    if stateless:
        category = "stateless"
    elif nationality == requested:
        category = "own_national"
    elif nationality == agreement.requesting_party or (
        agreement.with_eu and nationality is not None and book.is_eu_member(nationality, on)
    ):
        return answer(
            False,
            "national_of_requesting_party",
            N_(
                "A national of {nationality} is not returned to {requested} under "
                "{agreement}: the requesting side takes back its own nationals."
            ),
            agreement=agreement,
        )
    else:
        category = "third_country"

    unverified = not agreement.in_force_verified
    if not agreement.in_force_on(on):
        return answer(
            False,
            "not_in_force",
            N_("{agreement} entered into force on {in_force}; on {on} it did not apply yet."),
            agreement=agreement,
            category=category,
            unverified=unverified,
            in_force=agreement.in_force,
        )

    participation = agreement.participation_for(member_state)
    if participation is not None:
        unverified = unverified or not participation.verified
        if on < participation.since:
            return answer(
                False,
                "not_applicable",
                N_("{agreement} applies to {partner} only from {since}."),
                agreement=agreement,
                category=category,
                unverified=unverified,
                since=participation.since,
            )

    rule = agreement.coverage.rule(category)
    rule_verified = rule.verified if rule is not None else agreement.coverage.verified
    unverified = unverified or not rule_verified
    if rule is None or rule.since is None:
        return answer(
            False,
            f"not_covered_{category}",
            _NOT_COVERED[category],
            agreement=agreement,
            category=category,
            unverified=unverified,
        )
    if rule.covers(on):
        return answer(
            True,
            "covered",
            _COVERED[category],
            agreement=agreement,
            category=category,
            unverified=unverified,
            since=rule.since,
        )

    if category == "third_country" and agreement.coverage.third_country_transitional:
        assert nationality is not None
        treaty = _treaty_between(book, requested, nationality, on)
        if treaty is not None:
            return answer(
                True,
                "covered_transitional",
                N_(
                    "Under {agreement}, {requested} must take back this third-country national "
                    "during the transitional period (until {until}): {nationality} has its own "
                    "readmission agreement with {requested} ({treaty}, in force since "
                    "{treaty_since})."
                ),
                agreement=agreement,
                category=category,
                unverified=unverified or not treaty.in_force_verified,
                via=treaty.id,
                until=rule.since,
                treaty=treaty.id,
                treaty_since=treaty.in_force,
            )
        return answer(
            False,
            "transitional_no_bilateral_treaty",
            N_(
                "Under {agreement}, third-country nationals are covered from {since}; until then "
                "only nationals of states with their own readmission agreement with {requested}, "
                "and {nationality} had none in force on {on}."
            ),
            agreement=agreement,
            category=category,
            unverified=unverified,
            since=rule.since,
        )

    return answer(
        False,
        "not_yet_covered",
        _NOT_YET_COVERED[category],
        agreement=agreement,
        category=category,
        unverified=unverified,
        since=rule.since,
    )


def _treaty_between(book: AgreementBook, state: str, other: str, on: date) -> Agreement | None:
    """A bilateral readmission agreement between ``state`` and ``other`` in force on ``on``."""
    for agreement in book.agreements:
        if (
            not agreement.with_eu
            and set(agreement.parties) == {state, other}
            and agreement.in_force_on(on)
        ):
            return agreement
    return None
