"""One local_date: the site's day, with a guard for a zone the machine does not know."""

from __future__ import annotations

from datetime import UTC, date, datetime

from borderdesk.domain.local_time import local_date, site_zone, today_in


def test_the_site_day_runs_ahead_of_utc_in_the_evening():
    evening = datetime(2026, 12, 1, 20, 30, tzinfo=UTC)
    assert local_date(evening, "Asia/Yekaterinburg") == date(2026, 12, 2)
    assert local_date(evening, "UTC") == date(2026, 12, 1)
    assert today_in("Asia/Yekaterinburg", now=evening) == date(2026, 12, 2)


def test_a_naive_time_is_utc():
    assert local_date(datetime(2026, 12, 1, 20, 30), "Asia/Yekaterinburg") == date(2026, 12, 2)


def test_an_unknown_or_broken_zone_falls_back_to_utc_instead_of_crashing():
    evening = datetime(2026, 12, 1, 20, 30, tzinfo=UTC)
    for bad in ("Mars/Olympus", "", None, "../../etc/passwd", "Europe/"):
        assert site_zone(bad) is UTC
        assert local_date(evening, bad) == date(2026, 12, 1)
