"""The month of a return and its bounds in a site's time zone."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from borderdesk.domain.returns.period import (
    ReturnMonth,
    day_start_utc,
    local_day,
    month_bounds_utc,
)
from borderdesk.errors import InputError


def test_parse_and_print():
    assert ReturnMonth.parse("2026-03") == ReturnMonth(2026, 3)
    assert str(ReturnMonth(2026, 3)) == "2026-03"


@pytest.mark.parametrize("text", ["2026-13", "2026-3", "26-03", "March", "", "2026-00"])
def test_a_bad_month_is_an_input_error(text):
    with pytest.raises(InputError):
        ReturnMonth.parse(text)


def test_neighbours_and_days():
    assert ReturnMonth(2026, 1).previous() == ReturnMonth(2025, 12)
    assert ReturnMonth(2025, 12).next() == ReturnMonth(2026, 1)
    assert ReturnMonth(2024, 2).last_day == date(2024, 2, 29)
    assert ReturnMonth(2026, 2).length == 28
    assert [str(m) for m in ReturnMonth(2026, 2).back(3)] == ["2025-12", "2026-01", "2026-02"]
    assert len(ReturnMonth(2026, 3).counted_days(date(2026, 3, 9))) == 9
    assert ReturnMonth(2026, 3).counted_days(date(2026, 2, 1)) == ()


def test_bounds_in_the_site_zone():
    start, end = month_bounds_utc(ReturnMonth(2026, 3), "Asia/Yekaterinburg")
    assert start == datetime(2026, 2, 28, 19, tzinfo=UTC)
    assert end == datetime(2026, 3, 31, 19, tzinfo=UTC)


def test_bounds_follow_summer_time():
    # Berlin: UTC+1 on 1 March, UTC+2 from 29 March 2026.
    start, end = month_bounds_utc(ReturnMonth(2026, 3), "Europe/Berlin")
    assert start == datetime(2026, 2, 28, 23, tzinfo=UTC)
    assert end == datetime(2026, 3, 31, 22, tzinfo=UTC)


def test_local_day_of_a_stored_instant():
    assert local_day(datetime(2026, 2, 28, 19, 30, tzinfo=UTC), "Asia/Yekaterinburg") == date(
        2026, 3, 1
    )
    assert local_day(datetime(2026, 2, 28, 19, 30), "Europe/Moscow") == date(2026, 2, 28)


def test_an_unknown_zone_reads_as_utc():
    assert day_start_utc(date(2026, 3, 1), "Mars/Olympus") == datetime(2026, 3, 1, tzinfo=UTC)
