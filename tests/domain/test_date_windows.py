"""Date windows per kind of date (resources/date_windows.toml), around the site's day."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from borderdesk.domain.date_windows import (
    check_date_window,
    date_window_problem,
    load_date_windows,
    shift_years,
)
from borderdesk.domain.strict_toml import ReferenceDataError
from borderdesk.errors import InputError

TODAY = date(2026, 12, 2)


def test_every_window_carries_its_source_and_both_names():
    windows = load_date_windows()
    assert {"birth_date", "centre_arrival", "transfer_planned", "deadline_start"} <= set(windows)
    for window in windows.values():
        assert window.source and window.name_ru and window.name_en
        assert window.earliest(TODAY) <= TODAY <= window.latest(TODAY)


@pytest.mark.parametrize(
    ("kind", "day", "plausible"),
    [
        ("birth_date", date(1990, 5, 17), True),
        ("birth_date", TODAY, True),
        ("birth_date", date(2026, 12, 3), False),  # tomorrow
        ("birth_date", date(3000, 1, 1), False),
        ("birth_date", date(1896, 12, 2), True),  # 130 years back
        ("birth_date", date(1896, 12, 1), False),
        ("centre_arrival", date(9999, 12, 31), False),
        ("centre_arrival", date(1, 1, 1), False),
        ("centre_arrival", date(2026, 12, 3), True),  # one day ahead: time zones
        ("centre_arrival", date(2026, 12, 4), False),
        ("transfer_planned", date(2027, 12, 2), True),  # a year ahead
        ("transfer_planned", date(2027, 12, 3), False),
        ("deadline_start", date(9999, 12, 31), False),
    ],
)
def test_a_date_is_judged_against_the_window_of_its_kind(kind, day, plausible):
    assert (date_window_problem(kind, day, today=TODAY) is None) is plausible


def test_the_refusal_names_the_kind_and_the_window():
    with pytest.raises(InputError) as err:
        check_date_window("centre_arrival", datetime(9999, 12, 31, tzinfo=UTC), today=TODAY)
    assert err.value.code == "date_out_of_window"
    assert "9999-12-31" in err.value.message
    assert load_date_windows()["centre_arrival"].name in err.value.message


def test_29_february_shifted_by_years_is_the_28th():
    assert shift_years(date(2024, 2, 29), -130) == date(1894, 2, 28)
    assert shift_years(date(9999, 6, 1), 5) == date(9999, 6, 1)  # the calendar's end


def test_a_typo_in_the_file_names_the_key(tmp_path):
    bad = tmp_path / "date_windows.toml"
    bad.write_text(
        '[[window]]\nkind = "birth_date"\nname_ru = "Дата"\nname_en = "Date"\n'
        'back_yaers = 130\nverified = false\nsource = "x"\n',
        encoding="utf-8",
    )
    with pytest.raises(ReferenceDataError) as err:
        load_date_windows(bad)
    assert "back_yaers" in str(err.value)
