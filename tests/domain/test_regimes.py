"""Entry regimes: visa required, visa-free allowance in a rolling window, own nationals."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from borderdesk import i18n
from borderdesk.domain.reference import load_regimes
from borderdesk.domain.regimes import (
    NO_REGIME_ON_FILE,
    OWN_NATIONAL,
    STAY_ALLOWANCE_EXCEEDED,
    VISA_REQUIRED_MISSING,
    RegimeBook,
    assess_entry,
)
from borderdesk.errors import InputError

D = date.fromisoformat


@pytest.fixture(autouse=True)
def _english():
    i18n.set_language("en")


def assess(nationality, entry, stays=(), *, visa=False, planned=None):
    return assess_entry(
        load_regimes(),
        nationality=nationality,
        entry_date=D(entry),
        previous_stays=list(stays),
        has_visa=visa,
        planned_days=planned,
    )


def test_first_visa_free_entry():
    finding = assess("KAZ", "2013-05-01", planned=30)
    assert finding.ok and finding.warnings == ()
    assert (finding.days_used, finding.days_left, finding.max_stay_days) == (30, 60, 90)
    assert not finding.visa_required
    assert finding.window_end == D("2013-05-30")
    assert finding.window_start == D("2012-12-02")


def test_allowance_exceeded_in_the_rolling_window():
    stays = [(D("2013-01-01"), D("2013-03-01"))]  # 60 days
    finding = assess("UZB", "2013-04-01", stays, planned=40)
    assert finding.codes == (STAY_ALLOWANCE_EXCEEDED,)
    assert not finding.ok
    assert finding.days_used == 100
    assert finding.days_left == 0
    assert finding.max_stay_days == 30
    assert "90" in finding.warnings[0].message and "180" in finding.warnings[0].message
    # 30 days fit exactly.
    exact = assess("UZB", "2013-04-01", stays, planned=30)
    assert exact.ok and exact.days_used == 90 and exact.days_left == 0


def test_old_stays_drop_out_of_the_window():
    stays = [(D("2012-01-01"), D("2012-03-30"))]  # 90 days, long ago
    finding = assess("TJK", "2013-01-01", stays, planned=90)
    assert finding.ok and finding.days_used == 90
    # Entering again right after a full allowance: not a single day is left.
    again = assess("TJK", "2012-04-01", stays)
    assert again.codes == (STAY_ALLOWANCE_EXCEEDED,)
    assert again.max_stay_days == 0


def test_overlapping_and_open_stays_count_once():
    stays = [
        (D("2013-01-01"), D("2013-01-31")),
        (D("2013-01-15"), D("2013-02-14")),  # overlaps the first
        (D("2013-03-01"), None),  # exit not recorded: counts up to the day before entry
    ]
    finding = assess("KGZ", "2013-03-11", stays)
    assert finding.days_used == 45 + 10 + 1


def test_a_visa_holder_is_not_held_to_the_visa_free_allowance():
    stays = [(D("2013-01-01"), D("2013-03-31"))]
    finding = assess("KAZ", "2013-04-01", stays, visa=True, planned=10)
    assert finding.ok
    assert finding.days_used == 100


def test_visa_required():
    missing = assess("TKM", "2013-04-01")
    assert missing.codes == (VISA_REQUIRED_MISSING,)
    assert missing.visa_required and not missing.ok
    assert "Turkmenistan" in missing.warnings[0].message
    assert assess("TKM", "2013-04-01", visa=True).ok


def test_state_not_listed_gets_the_visa_required_default():
    finding = assess("PAK", "2013-04-01")
    assert finding.codes == (VISA_REQUIRED_MISSING,)
    assert finding.visa_required and finding.regime is not None
    assert finding.regime.is_default and finding.regime.nationality == "PAK"
    assert "114-FZ" in finding.regime.source and "114-ФЗ" in finding.regime.source_ru
    assert not finding.unverified  # the default rule itself is the law's
    with_visa = assess("PAK", "2013-04-01", visa=True)
    assert with_visa.codes == () and with_visa.ok


def test_a_code_that_is_no_state_has_no_regime_on_file():
    finding = assess("QQQ", "2013-04-01")
    assert finding.codes == (NO_REGIME_ON_FILE, VISA_REQUIRED_MISSING)
    assert finding.visa_required and finding.regime is None
    with_visa = assess("QQQ", "2013-04-01", visa=True)
    assert with_visa.codes == (NO_REGIME_ON_FILE,)
    assert with_visa.ok


def test_a_book_without_default_keeps_no_regime_on_file():
    book = RegimeBook(load_regimes().regimes)  # the default left out
    finding = assess_entry(
        book, nationality="PAK", entry_date=D("2013-04-01"), previous_stays=[], has_visa=False
    )
    assert finding.codes == (NO_REGIME_ON_FILE, VISA_REQUIRED_MISSING)


def test_own_national():
    finding = assess("rus", "2013-04-01", [(D("2012-01-01"), D("2012-12-31"))])
    assert finding.codes == (OWN_NATIONAL,)
    assert finding.ok and finding.days_used is None


def test_unverified_regime_is_flagged():
    assert assess("ARM", "2013-04-01").unverified
    assert not assess("KAZ", "2013-04-01").unverified


def test_bad_stays():
    with pytest.raises(InputError):
        assess("KAZ", "2013-04-01", [(D("2013-02-01"), D("2013-01-01"))])
    with pytest.raises(InputError):
        assess("KAZ", "2013-04-01", planned=0)


def test_long_history_is_fast_enough():
    start = D("2000-01-01")
    stays = [
        (start + timedelta(days=30 * i), start + timedelta(days=30 * i + 5)) for i in range(200)
    ]
    finding = assess("KAZ", "2017-01-01", stays, planned=5)
    assert finding.days_used is not None
