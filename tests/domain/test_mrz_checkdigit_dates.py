from datetime import date

import pytest

from borderdesk.domain.mrz import compute_check_digit
from borderdesk.domain.mrz.checkdigit import check_passes
from borderdesk.domain.mrz.dates import add_years, read_birth_date, read_expiry_date
from borderdesk.domain.partial_date import PartialDate

TODAY = date(2026, 11, 27)


def test_check_digit_examples_from_doc9303():
    assert compute_check_digit("520727") == 3
    assert compute_check_digit("AB2134<<<") == 5
    assert compute_check_digit("L898902C3") == 6
    assert compute_check_digit("") == 0
    with pytest.raises(ValueError):
        compute_check_digit("a")


def test_filler_check_digit_only_over_an_empty_field():
    assert check_passes("<<<<<<<<<<<<<<", "<")
    assert check_passes("<<<<<<<<<<<<<<", "0")
    assert not check_passes("ZE184226B<<<<<", "<")
    assert check_passes("ZE184226B<<<<<", "1")


def test_birth_century_is_latest_not_in_future():
    assert read_birth_date("740812", TODAY) == PartialDate(1974, 8, 12)
    assert read_birth_date("261127", TODAY) == PartialDate(2026, 11, 27)
    assert read_birth_date("261128", TODAY) == PartialDate(1926, 11, 28)
    assert read_birth_date("000229", TODAY) == PartialDate(2000, 2, 29)


def test_partial_birth_dates():
    assert read_birth_date("74<<<<", TODAY) == PartialDate(1974)
    assert read_birth_date("7408<<", TODAY) == PartialDate(1974, 8)
    assert read_birth_date("26<<<<", TODAY) == PartialDate(2026)
    assert read_birth_date("27<<<<", TODAY) == PartialDate(1927)
    assert read_birth_date("<<<<<<", TODAY) is None
    for bad in ("741312", "740832", "7<0812", "<<0812", "010229", "74081A"):
        with pytest.raises(ValueError):
            read_birth_date(bad, TODAY)


def test_expiry_century():
    assert read_expiry_date("120415", TODAY) == date(2012, 4, 15)
    assert read_expiry_date("761127", TODAY) == date(2076, 11, 27)
    assert read_expiry_date("761128", TODAY) == date(1976, 11, 28)
    assert read_expiry_date("961210", TODAY) == date(1996, 12, 10)
    for bad in ("121315", "120431", "12<<<<", "<<<<<<"):
        with pytest.raises(ValueError):
            read_expiry_date(bad, TODAY)


def test_add_years_on_29_february():
    assert add_years(date(2024, 2, 29), 1) == date(2025, 2, 28)
    assert add_years(date(2024, 2, 29), 4) == date(2028, 2, 29)


def test_partial_date():
    full = PartialDate(1974, 8, 12)
    assert full.iso() == "1974-08-12"
    assert full.to_date() == date(1974, 8, 12)
    month = PartialDate(1974, 8)
    assert month.iso() is None
    assert month.iso_text() == "1974-08-??"
    assert month.to_date() is None
    assert month.earliest() == date(1974, 8, 1)
    assert month.latest() == date(1974, 8, 31)
    year = PartialDate(1974)
    assert year.iso_text() == "1974-??-??"
    assert year.latest() == date(1974, 12, 31)
    assert PartialDate.parse("1974-08-??") == month
    assert PartialDate.parse("1974") == year
    assert PartialDate.parse("1974-08-12") == full
    assert PartialDate.from_date(date(2000, 2, 29)) == PartialDate(2000, 2, 29)
    for bad in ((1974, 13, None), (1975, 2, 29), (1974, 4, 31), (0, None, None)):
        with pytest.raises(ValueError):
            PartialDate(*bad)
    with pytest.raises(ValueError):
        PartialDate.parse("74-08-12")
