"""record_numbers: audit entries name their record by the number people know it by."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlmodel import select

from borderdesk.errors import PermissionDenied
from borderdesk.services import centre
from borderdesk.services.access import audit
from borderdesk.store.tables import CentreStay
from centre_samples import centre_database, passport, staff
from helpers import add_user


@pytest.fixture
def cdb(tmp_path):
    database = centre_database(tmp_path)
    yield database
    database.dispose()


def test_stays_and_users_are_named_by_number_and_user_name(cdb):
    admin, worker = staff(cdb)
    centre.intake(
        cdb,
        actor=worker,
        mrz_lines=passport(),
        arrived_at=datetime(2016, 2, 1, 8, 0, tzinfo=UTC),
        belongings=[],
    )
    supervisor = add_user(cdb, admin, "petrova", "supervisor")
    rows = audit.list_entries(cdb, actor=supervisor)
    numbers = audit.record_numbers(cdb, actor=supervisor, rows=rows)

    with cdb.read() as session:
        stay = session.exec(select(CentreStay)).one()
    stay_rows = [r for r in rows if r.table_name == "centre_stay"]
    assert stay_rows and stay.stay_number
    assert all(numbers[r.record_id] == stay.stay_number for r in stay_rows)
    user_rows = [r for r in rows if r.action == "user_account.insert"]
    assert {numbers[r.record_id] for r in user_rows} >= {"dinara", "petrova"}
    # Rooms have no number of their own: left out, shown by id.
    assert all(r.record_id not in numbers for r in rows if r.table_name == "centre_room")


def test_a_bad_stored_id_is_skipped_not_a_crash(cdb):
    admin, _worker = staff(cdb)
    supervisor = add_user(cdb, admin, "petrova", "supervisor")
    row = audit.list_entries(cdb, actor=supervisor)[0]
    broken = audit.AuditRow(**{**row.__dict__, "table_name": "centre_stay", "record_id": "zz"})
    assert audit.record_numbers(cdb, actor=supervisor, rows=[broken]) == {}


def test_only_who_may_read_the_log_gets_numbers(cdb):
    _admin, worker = staff(cdb)
    with pytest.raises(PermissionDenied):
        audit.record_numbers(cdb, actor=worker, rows=[])
