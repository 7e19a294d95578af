"""One coverage rule: does the case's agreement cover this person on the case's date?

Opening a case, showing it and planning a transfer all ask the same question of
``readmission_obligation.explain``; this module is the one place that turns a case's
facts into that question (which partner, which date, stateless or a nationality).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from borderdesk.domain import countries
from borderdesk.domain.agreement_book import AgreementBook
from borderdesk.domain.case_schedule import CaseFacts
from borderdesk.domain.readmission_obligation import Explanation, explain


@dataclass(frozen=True)
class PersonNationality:
    """A recorded nationality as an agreement sees it."""

    code: str | None  # ISO alpha-3, None when stateless or unknown
    stateless: bool

    @property
    def known(self) -> bool:
        return self.stateless or self.code is not None


def nationality_of(recorded: str | None) -> PersonNationality:
    """``XXA`` (and any code the data marks stateless) is stateless; a state code is a
    nationality; an empty, unknown or other Doc 9303 code (``XXX``, refugees) is unknown."""
    code = countries.normalise(recorded or "")
    if code in countries.stateless_codes():
        return PersonNationality(None, True)
    if code and countries.is_iso_state(code):
        return PersonNationality(code, False)
    return PersonNationality(None, False)


def coverage_date(facts: CaseFacts) -> date | None:
    """The day coverage is judged on: the request's receipt (incoming) or submission,
    else the day the facts became known. None when the case records none of them."""
    return facts.received_on or facts.submitted_on or facts.facts_known_on


def partner_of(kind: str, requesting: str, requested: str) -> str:
    """The agreement partner: the requesting state of an incoming request, else the
    state Russia asks."""
    return requesting if kind == "incoming" else requested


def case_coverage(
    book: AgreementBook,
    *,
    kind: str,
    requesting: str,
    requested: str,
    nationality: PersonNationality,
    on: date,
) -> Explanation:
    """``explain`` for a case: the partner by the case's kind, the person's nationality.

    The nationality must be known (``nationality.known``); callers refuse first, in
    their own words, when it is not.
    """
    return explain(
        book,
        partner=partner_of(kind, requesting, requested),
        nationality=nationality.code,
        stateless=nationality.stateless,
        on=on,
    )
