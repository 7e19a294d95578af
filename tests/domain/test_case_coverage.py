"""One coverage rule over a case's facts."""

from __future__ import annotations

from datetime import date

from borderdesk.domain.case_coverage import (
    PersonNationality,
    case_coverage,
    coverage_date,
    nationality_of,
    partner_of,
)
from borderdesk.domain.case_schedule import CaseFacts
from borderdesk.domain.countries import stateless_codes
from borderdesk.domain.reference import load_agreements


def test_stateless_comes_from_the_data_not_a_literal():
    assert "XXA" in stateless_codes()
    assert nationality_of("XXA") == PersonNationality(None, True)
    assert nationality_of("xxa<") == PersonNationality(None, True)
    assert nationality_of("KAZ") == PersonNationality("KAZ", False)
    assert nationality_of("D") == PersonNationality("DEU", False)
    for unknown in ("", None, "XXX", "XXB", "ZZZ", "UNO"):
        assert not nationality_of(unknown).known, unknown


def test_the_date_is_the_cases_own_never_today():
    facts = CaseFacts("incoming", "registered", "EU-RU", "normal", "DEU", "RUS")
    assert coverage_date(facts) is None
    facts = CaseFacts(
        "apprehension", "registered", "RU-KZ", "normal", "RUS", "KAZ",
        facts_known_on=date(2024, 3, 1), submitted_on=date(2024, 3, 4),
    )  # fmt: skip
    assert coverage_date(facts) == date(2024, 3, 4)


def test_the_partner_follows_the_kind_of_case():
    assert partner_of("incoming", "DEU", "RUS") == "DEU"
    assert partner_of("apprehension", "RUS", "KAZ") == "KAZ"
    assert partner_of("outgoing", "RUS", "UZB") == "UZB"


def test_case_coverage_asks_the_agreement():
    book = load_agreements()
    own = case_coverage(
        book, kind="apprehension", requesting="RUS", requested="KAZ",
        nationality=nationality_of("KAZ"), on=date(2024, 3, 1),
    )  # fmt: skip
    assert own.applies and own.agreement == "RU-KZ"
    eu = case_coverage(
        book, kind="incoming", requesting="DEU", requested="RUS",
        nationality=nationality_of("BGD"), on=date(2024, 3, 1),
    )  # fmt: skip
    assert eu.agreement == "EU-RU" and eu.requested_party == "RUS"
