"""Whether an agreement obliges the requested party to take a person back on a date.

:func:`explain` picks the agreement (Russia's own treaty with the partner, else the
agreement with the European Union), places the person in a category relative to the
requested party, and answers with a translated reason; see
:mod:`borderdesk.domain.agreement_book` for the direction of each agreement.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from borderdesk.domain.agreement_book import EU, HOME_STATE, Agreement, AgreementBook, Category
from borderdesk.domain.countries import stateless_codes
from borderdesk.domain.state_codes import is_known_state, normalise_state, state_name
from borderdesk.errors import InputError
from borderdesk.i18n import N_, _, format_day


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
    partner = partner.strip().upper()
    if partner != EU:
        partner = normalise_state(partner)
    nationality = normalise_state(nationality) if nationality else None
    if nationality in stateless_codes():  # Doc 9303: stateless person
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
            "agreement": agreement.short_name() if agreement else "",
            "partner": _state_name(partner),
            "nationality": _state_name(nationality),
            "requested": _state_name(agreement.requested_party) if agreement else "",
            "on": format_day(on),
            "home": _state_name(HOME_STATE),
        }
        fields.update({k: format_day(v) if isinstance(v, date) else v for k, v in values.items()})
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
