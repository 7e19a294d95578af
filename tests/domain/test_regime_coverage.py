"""Every state resolves to a regime; the listed ones name their source in both languages."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from borderdesk import i18n
from borderdesk.domain import countries
from borderdesk.domain.reference import load_regimes
from borderdesk.domain.regimes import STAY_ALLOWANCE_EXCEEDED, VISA_REQUIRED_MISSING, assess_entry

ENTRY = date(2026, 6, 1)


@pytest.fixture(autouse=True)
def _english():
    i18n.set_language("en")


def assess(nationality, *, planned=None, stays=(), visa=False):
    return assess_entry(
        load_regimes(),
        nationality=nationality,
        entry_date=ENTRY,
        previous_stays=list(stays),
        has_visa=visa,
        planned_days=planned,
    )


def test_every_known_code_resolves_to_a_regime():
    book = load_regimes()
    for code in countries.all_codes():
        regime = book.get(code)
        assert regime is not None, code
        assert regime.nationality == code
        assert regime.source and regime.source_ru, code


@pytest.mark.parametrize("code", ["UKR", "BLR", "AZE", "GEO", "MDA", "ARM", "SRB", "ISR", "BRA"])
def test_the_issue_nationalities_have_a_listed_regime(code):
    regime = load_regimes().listed(code)
    assert regime is not None and not regime.is_default
    assert not regime.visa_required


@pytest.mark.parametrize("code", ["PAK", "BGD", "IND", "LKA", "AFG", "XXA", "DEU", "USA"])
def test_others_need_a_visa(code):
    finding = assess(code)
    assert finding.visa_required and finding.codes == (VISA_REQUIRED_MISSING,)
    assert finding.regime is not None and finding.regime.is_default


def test_the_shared_reference_lines_are_kept():
    book = load_regimes()
    for code in ("KAZ", "KGZ", "TJK", "UZB"):
        regime = book.listed(code)
        assert regime is not None and regime.verified
        assert (regime.visa_free_days, regime.period_days) == (90, 180)
    assert book.listed("TKM").visa_required and book.listed("TKM").verified
    assert book.listed("RUS").own_nationals
    assert not book.listed("ARM").verified


def test_every_listed_regime_names_its_source_in_both_languages():
    for regime in load_regimes():
        assert regime.source, regime.nationality
        assert regime.source_ru, regime.nationality
        assert any("\u0400" <= c <= "\u04ff" for c in regime.source_ru), regime.nationality
        assert regime.source_in("ru") == regime.source_ru
        assert regime.source_in("en") == regime.source
        if regime.note:
            assert regime.note_ru


def test_unverified_regimes_are_shown_unconfirmed():
    assert assess("UKR").unverified
    assert assess("THA").unverified
    assert not assess("KAZ").unverified


def test_belarus_has_no_stay_limit():
    finding = assess("BLR", planned=400)
    assert finding.ok and finding.codes == () and finding.days_used is None


def test_a_per_stay_limit_caps_one_stay():
    # Thailand: 30 days from entry, 90 in any 180.
    assert assess("THA", planned=30).ok
    long_stay = assess("THA", planned=31)
    assert long_stay.codes == (STAY_ALLOWANCE_EXCEEDED,)
    assert long_stay.max_stay_days == 30
    earlier = [(ENTRY - timedelta(days=100), ENTRY - timedelta(days=31))]  # 70 days
    assert assess("THA", planned=20, stays=earlier).ok
    assert assess("THA", planned=21, stays=earlier).codes == (STAY_ALLOWANCE_EXCEEDED,)


def test_turkey_needs_a_visa_since_2016():
    regime = load_regimes().listed("TUR")
    assert regime is not None and regime.visa_required
    assert "2016" in regime.source and "2016" in regime.note_in("ru")
