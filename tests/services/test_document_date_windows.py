"""A document's expiry date, typed or scanned, must lie in the document-expiry window
(resources/date_windows.toml) around the site's day wherever a document enters: the
check, the centre intake and a case opened from the MRZ. Refused in one line, nothing
written. An expired document from long ago is still taken (it is evidence)."""

from __future__ import annotations

from datetime import date

import pytest
from check_samples import NOW, make_officer, passport, row_counts

from borderdesk.domain.date_windows import date_window
from borderdesk.domain.mrz.compose import compose_td3
from borderdesk.errors import InputError
from borderdesk.services import cases, centre, checks
from centre_samples import centre_database, staff

# MRZ expiries are read as 20YY up to 50 years ahead: 2060 is a well-formed MRZ date the
# 30-year window refuses.
TOO_LATE = date(2060, 1, 1)
LONG_EXPIRED = date(1990, 1, 1)


def test_the_window_is_the_one_in_the_data():
    window = date_window("document_expiry")
    assert window.latest(NOW.date()) < TOO_LATE < date(2076, 1, 1)
    assert window.earliest(NOW.date()) < LONG_EXPIRED


def test_a_check_refuses_an_expiry_outside_the_window_and_writes_nothing(db, admin):
    officer = make_officer(db, admin)
    outcome = checks.assess(
        db, actor=officer, mrz_lines=passport("IVANOV", expiry=TOO_LATE), now=NOW
    )
    before = row_counts(db)
    with pytest.raises(InputError, match="2060-01-01"):
        checks.record_decision(db, actor=officer, outcome=outcome, decision="admit")
    assert row_counts(db) == before
    old = checks.assess(
        db,
        actor=officer,
        mrz_lines=passport("PETROV", number="751234568", expiry=LONG_EXPIRED),
        now=NOW,
    )
    saved = checks.record_decision(db, actor=officer, outcome=old, decision="detain")
    assert saved.check is not None


def test_a_case_from_the_mrz_refuses_an_expiry_outside_the_window(db, admin):
    lines = compose_td3(
        surname="HOSSAIN", given_names="ARIF", document_number="BX1234567",
        nationality="BGD", birth_date=date(1988, 11, 2), sex="M", expiry_date=TOO_LATE,
    )  # fmt: skip
    before = row_counts(db)
    with pytest.raises(InputError, match="2060-01-01"):
        cases.open_case(
            db, actor=admin, kind="incoming", mrz_lines=lines, requesting="POL",
            requested="RUS", received=date(2024, 3, 1),
        )  # fmt: skip
    assert row_counts(db) == before


def test_an_intake_from_a_scan_refuses_an_expiry_outside_the_window(tmp_path):
    db = centre_database(tmp_path)
    worker = staff(db)[1]
    lines = list(
        compose_td3(
            surname="NURLANOV", given_names="ERLAN", document_number="N12345678",
            nationality="KAZ", issuing_state="KAZ", birth_date=date(1990, 5, 4), sex="M",
            expiry_date=TOO_LATE,
        )
    )  # fmt: skip
    before = row_counts(db)
    with pytest.raises(InputError, match="2060-01-01"):
        centre.intake(db, actor=worker, mrz_lines=lines)
    assert row_counts(db) == before
    assert centre.list_residents(db, actor=worker) == []
    db.dispose()
