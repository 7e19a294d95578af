"""Who an agreement covers on a given date."""

from __future__ import annotations

from datetime import date

import pytest

from borderdesk import i18n
from borderdesk.domain.agreements import Explanation, explain
from borderdesk.domain.reference import load_agreements
from borderdesk.errors import InputError


@pytest.fixture(autouse=True)
def _english():
    i18n.set_language("en")


def ask(partner: str, nationality: str | None, on: str, *, stateless: bool = False) -> Explanation:
    return explain(
        load_agreements(),
        partner=partner,
        nationality=nationality,
        stateless=stateless,
        on=date.fromisoformat(on),
    )


def test_third_country_boundary_end_of_transitional_period():
    before = ask("EU", "PAK", "2010-05-31")
    assert not before.applies
    assert before.agreement == "EU-RU"
    assert before.category == "third_country"
    assert before.reason_code == "transitional_no_bilateral_treaty"
    after = ask("EU", "PAK", "2010-06-01")
    assert after.applies
    assert after.reason_code == "covered"
    assert after.category == "third_country"
    assert not after.unverified
    assert "Russia" in after.reason


def test_transitional_rule_uses_bilateral_treaties_from_the_book():
    uzbek = ask("EU", "UZB", "2009-03-01")
    assert uzbek.applies
    assert uzbek.reason_code == "covered_transitional"
    assert uzbek.via_agreement == "RU-UZ"
    assert uzbek.unverified  # RU-UZ's entry into force is unverified
    assert "Uzbekistan" in uzbek.reason
    # Before the Russia–Uzbekistan agreement was in force (4 July 2007): not covered.
    early = ask("EU", "UZB", "2007-07-03")
    assert not early.applies and early.reason_code == "transitional_no_bilateral_treaty"
    # Kazakhstan's treaty came into force only in 2015, after the transition.
    kazakh = ask("EU", "KAZ", "2009-03-01")
    assert not kazakh.applies and kazakh.reason_code == "transitional_no_bilateral_treaty"
    pakistani = ask("EU", "PAK", "2009-03-01")
    assert not pakistani.applies


def test_eu_agreement_before_entry_into_force():
    result = ask("EU", "RUS", "2007-05-31")
    assert not result.applies
    assert result.reason_code == "not_in_force"
    assert result.category == "own_national"


def test_eu_agreement_own_nationals_and_stateless_from_entry_into_force():
    own = ask("EU", "RUS", "2007-06-01")
    assert own.applies and own.category == "own_national" and own.reason_code == "covered"
    stateless = ask("EU", None, "2007-06-01", stateless=True)
    assert stateless.applies and stateless.category == "stateless"


def test_member_state_as_partner_means_eu_agreement():
    result = ask("FRA", "PAK", "2011-01-01")
    assert result.applies and result.agreement == "EU-RU"
    assert result.requested_party == "RUS"


def test_denmark_is_excluded():
    result = ask("DNK", "RUS", "2012-01-01")
    assert not result.applies
    assert result.reason_code == "not_applicable"
    assert result.agreement == "EU-RU"


def test_ireland_only_from_its_late_participation():
    assert ask("IRL", "RUS", "2012-01-01").reason_code == "not_applicable"
    later = ask("IRL", "RUS", "2015-01-01")
    assert later.applies and later.unverified


def test_not_yet_a_member_state():
    result = ask("HRV", "RUS", "2012-01-01")
    assert not result.applies and result.reason_code == "not_member_state"
    assert ask("HRV", "RUS", "2013-07-01").applies


def test_national_of_a_member_state_is_not_returned_to_russia():
    result = ask("EU", "DEU", "2012-01-01")
    assert not result.applies
    assert result.reason_code == "national_of_requesting_party"
    assert result.category is None


def test_uzbekistan_takes_back_own_nationals_only():
    own = ask("UZB", "UZB", "2012-01-01")
    assert own.applies and own.category == "own_national"
    assert own.requested_party == "UZB"
    assert own.unverified
    third = ask("UZB", "PAK", "2012-01-01")
    assert not third.applies
    assert third.category == "third_country"
    assert third.reason_code == "not_covered_third_country"
    stateless = ask("UZB", None, "2012-01-01", stateless=True)
    assert not stateless.applies and stateless.reason_code == "not_covered_stateless"


def test_kazakhstan_before_and_after_entry_into_force():
    before = ask("KAZ", "BGD", "2015-09-24")
    assert not before.applies and before.reason_code == "not_in_force"
    after = ask("KAZ", "BGD", "2015-09-25")
    assert after.applies and after.category == "third_country"
    assert after.unverified  # whether a transitional period applies is not confirmed
    own = ask("KAZ", "KAZ", "2015-09-25")
    assert own.applies and own.category == "own_national" and not own.unverified
    assert ask("KAZ", None, "2016-01-01", stateless=True).applies
    assert ask("KAZ", "KAZ", "2013-01-01").reason_code == "not_in_force"


def test_lithuania_bilateral_comes_before_the_eu_agreement():
    result = ask("LTU", "IND", "2005-01-01")
    assert result.applies and result.agreement == "RU-LT"
    assert result.requested_party == "LTU"
    assert result.unverified


def test_russian_national_under_a_bilateral_agreement_is_not_covered():
    result = ask("KAZ", "RUS", "2016-01-01")
    assert not result.applies and result.reason_code == "national_of_requesting_party"


def test_no_agreement_with_tajikistan():
    result = ask("TJK", "TJK", "2015-01-01")
    assert not result.applies
    assert result.agreement is None
    assert result.reason_code == "no_agreement"
    assert "Tajikistan" in result.reason


def test_codes_are_normalised():
    assert ask("eu", "pak", "2011-01-01").applies
    stateless = ask("EU", "XXA", "2011-01-01")  # Doc 9303 code for a stateless person
    assert stateless.category == "stateless"


def test_bad_input():
    with pytest.raises(InputError):
        ask("XYZ", "PAK", "2011-01-01")
    with pytest.raises(InputError):
        ask("EU", "QQQ", "2011-01-01")
    with pytest.raises(InputError):
        ask("EU", "PAK", "2011-01-01", stateless=True)
    with pytest.raises(InputError):
        ask("EU", None, "2011-01-01")
    with pytest.raises(InputError):
        ask("RUS", "PAK", "2011-01-01")


def test_reason_is_translated_with_placeholders_filled():
    i18n.set_language("ru")
    result = ask("EU", "PAK", "2010-06-01")
    assert "{" not in result.reason
    assert result.as_dict().keys() == {
        "applies",
        "agreement",
        "category",
        "reason_code",
        "reason",
        "unverified",
    }
