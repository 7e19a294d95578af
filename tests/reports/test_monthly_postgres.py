"""The monthly return on PostgreSQL (HQ), the same figures as on SQLite. Runs only where
a server answers (BORDERDESK_TEST_PG_URL, or postgres@127.0.0.1:5432 as in CI)."""

from __future__ import annotations

from datetime import date

import pytest

from helpers import make_database
from return_samples import Month, compute, utc, value


@pytest.fixture
def pg_db(pg_url, tmp_path):
    db = make_database(tmp_path, url=pg_url)
    yield db
    db.dispose()


def test_the_return_counts_the_same_on_postgresql(pg_db):
    with pg_db.write(actor="admin") as session:
        m = Month(session)
        m.check(utc(2026, 2, 28, 19, 30), decision="refuse")  # 1 March at UTC+5
        m.check(utc(2026, 3, 31, 19, 0))  # 1 April
        m.case(received_on=date(2026, 3, 2), reply_due=date(2026, 3, 12))
        m.case(received_on=date(2026, 1, 10), reply_due=date(2026, 2, 1))
        m.stay(utc(2026, 2, 28, 19, 30))  # 1 March 00:30 local, still in
        m.stay(utc(2026, 2, 28, 18), utc(2026, 3, 10, 5))  # 28 February to 10 March
    ret = compute(pg_db, "2026-03")
    assert value(ret, "checks") == 1 and value(ret, "refusals") == 1
    assert value(ret, "requests_received") == 1
    assert value(ret, "requests_open") == 2 and value(ret, "requests_overdue") == 2
    assert value(ret, "centre_intakes") == 1
    assert value(ret, "bed_days") == 31 + 10
    assert value(ret, "peak_occupancy") == 2
    assert ret.trend[-1].requests_received == 1 and ret.trend[-3].requests_received == 1
