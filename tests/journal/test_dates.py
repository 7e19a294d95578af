from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from borderdesk.domain.partial_date import PartialDate
from borderdesk.journal.dates import DateRefused, parse_birth_date, parse_day


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("12.03.2019", date(2019, 3, 12)),
        ("5.4.2019", date(2019, 4, 5)),
        (" 05.04.2019 г. ", date(2019, 4, 5)),
        ("2019-03-14", date(2019, 3, 14)),
        ("2019-03-14 00:00:00", date(2019, 3, 14)),  # Excel's CSV of a date cell
        (date(2019, 3, 12), date(2019, 3, 12)),
        (datetime(2019, 3, 12, 15, 30), date(2019, 3, 12)),
    ],
)
def test_full_dates_are_read_day_first(cell, expected):
    assert parse_day(cell) == expected


@pytest.mark.parametrize(
    ("cell", "reason"),
    [
        ("03/05/2019", "slashes"),
        ("14.03.19", "two-digit year"),
        ("14-03-19", "two-digit year"),
        ("31.02.2019", "no such day"),
        ("2019-13-01", "no such day"),
        ("12.03.1812", "too early"),
        ("вчера", "not a date"),
        (43536.0, "a number"),  # an Excel serial without a date format
        (43536, "a number"),
    ],
)
def test_what_is_not_a_date_is_refused_with_its_reason(english, cell, reason):
    with pytest.raises(DateRefused, match=reason):
        parse_day(cell)


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
def test_both_written_styles_give_the_same_day(day):
    assert parse_day(day.strftime("%d.%m.%Y")) == day
    assert parse_day(day.isoformat()) == day
    assert parse_day(f"{day.day}.{day.month}.{day.year}") == day


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)))
def test_a_two_digit_year_is_never_guessed(day):
    with pytest.raises(DateRefused):
        parse_day(day.strftime("%d.%m.%y"))
    with pytest.raises(DateRefused):
        parse_day(day.strftime("%m/%d/%Y"))


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("1980", PartialDate(1980)),
        (1980.0, PartialDate(1980)),  # a year typed into a number cell
        ("05.1980", PartialDate(1980, 5)),
        ("5.1980", PartialDate(1980, 5)),
        ("00.05.1980", PartialDate(1980, 5)),
        ("XX.XX.1980", PartialDate(1980)),
        ("1980-05", PartialDate(1980, 5)),
        ("1980-05-17", PartialDate(1980, 5, 17)),
        ("17.05.1980", PartialDate(1980, 5, 17)),
        (date(1980, 5, 17), PartialDate(1980, 5, 17)),
    ],
)
def test_dates_of_birth_may_be_partial(cell, expected):
    assert parse_birth_date(cell) == expected


@pytest.mark.parametrize(
    ("cell", "reason"),
    [
        ("17.00.1980", "a day without its month"),
        ("17.05.80", "two-digit year"),
        ("80", "not a date of birth"),
        (80.0, "a number"),
        ("30.02.1980", "no such day"),
    ],
)
def test_bad_dates_of_birth_are_refused(english, cell, reason):
    with pytest.raises(DateRefused, match=reason):
        parse_birth_date(cell)
