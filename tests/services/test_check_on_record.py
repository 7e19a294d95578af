"""Issue #9: a person already on record is never a clear verdict at the check.

Held in the centre now, an open readmission case, an earlier refusal or detention: all
are findings, found by the document and by name and birth date when the passport is new.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from borderdesk.domain.partial_date import PartialDate
from borderdesk.services import centre, checks
from centre_samples import centre_database, hold_with_open_case, passport, staff
from helpers import USER_PASSWORD, add_user

BIRTH = PartialDate(1987, 7, 23)


@pytest.fixture
def held(tmp_path):
    """A man in the readmission centre now: bed, open case (accepted), as in the issue."""
    db = centre_database(tmp_path)
    admin, worker = staff(db)
    officer = add_user(db, admin, "petrov", "officer")
    lines = passport("KARIMOV", "RUSTAM", "N55500011", "KAZ", birth=BIRTH)
    stay, case = hold_with_open_case(db, worker, lines)
    yield db, officer, lines, stay, case
    db.dispose()


def _codes(outcome) -> dict[str, str]:
    return {f.code: f.severity for f in outcome.findings}


def test_the_held_man_is_an_alert_at_the_check(held):
    db, officer, lines, stay, case = held
    outcome = checks.assess(db, actor=officer, mrz_lines=lines)
    assert outcome.verdict == "alert"
    codes = _codes(outcome)
    assert codes["in_custody"] == "critical"
    assert "open_case" in codes
    custody = next(f for f in outcome.findings if f.code == "in_custody")
    assert custody.params["stay"] == stay.stay_number
    assert stay.stay_number in custody.message()
    case_finding = next(f for f in outcome.findings if f.code == "open_case")
    assert case_finding.params["case"] == case.case_number


def test_a_new_passport_with_another_number_still_meets_the_record(held):
    db, officer, _lines, stay, _case = held
    new = passport("KARIMOV", "RUSTAM", "N99900077", "KAZ", birth=BIRTH)
    outcome = checks.assess(db, actor=officer, mrz_lines=new)
    assert outcome.verdict == "alert" and "in_custody" in _codes(outcome)


def test_a_namesake_born_decades_apart_is_not_held(held):
    db, officer, *_ = held
    other = passport("KARIMOV", "RUSTAM", "N12121212", "KAZ", birth=PartialDate(1951, 1, 2))
    outcome = checks.assess(db, actor=officer, mrz_lines=other)
    assert "in_custody" not in _codes(outcome) and "open_case" not in _codes(outcome)


def test_an_open_case_alone_follows_its_status(held):
    db, officer, lines, stay, case = held
    centre.release(db, actor=centre_worker(db), stay_id=stay.id, reason="Court ruling")
    outcome = checks.assess(db, actor=officer, mrz_lines=lines)
    codes = _codes(outcome)
    assert "in_custody" not in codes
    assert codes["open_case"] == "warning"  # registered: from resources/check_findings.toml


def centre_worker(db):
    from helpers import login

    return login(db, "dinara", USER_PASSWORD)


def test_refused_before_names_the_date_and_post(held, english):
    db, officer, *_ = held
    lines = passport("ALIEV", "SAMIR", "N70000001", "AZE", birth=PartialDate(1990, 1, 1))
    checks.check_document(db, actor=officer, mrz_lines=lines, decision="refuse", ground="security")
    outcome = checks.assess(db, actor=officer, mrz_lines=lines)
    refused = next(f for f in outcome.findings if f.code == "history_refused_before")
    assert refused.params["site"] == "RC-ORB" and "RC-ORB" in refused.message()


def test_refused_before_names_the_legal_ground_in_the_readers_language(held):
    from borderdesk.domain.refusal_grounds import refusal_ground

    db, officer, *_ = held
    lines = passport("ALIEV", "SAMIR", "N70000001", "AZE", birth=PartialDate(1990, 1, 1))
    checks.check_document(db, actor=officer, mrz_lines=lines, decision="refuse", ground="no_visa")
    outcome = checks.assess(db, actor=officer, mrz_lines=lines)
    refused = next(f for f in outcome.findings if f.code == "history_refused_before")
    assert refused.params["ground"] == "no_visa"
    ground = refusal_ground("no_visa")
    assert ground is not None
    english, russian = refused.message("en"), refused.message("ru")
    assert english.startswith("Refused entry before") and ground.label("en") in english
    assert russian.startswith("Ранее") or "отказ" in russian.lower(), russian
    assert ground.label("ru") in russian


def test_the_held_man_from_a_fresh_process(held, tmp_path):
    """`borderdesk check --json` in a new process: verdict alert with the custody code."""
    db, _officer, lines, _stay, _case = held
    env = {
        **os.environ,
        "BORDERDESK_DB": str(tmp_path / "centre.sqlite3"),
        "BORDERDESK_USER": "petrov",
        "BORDERDESK_PASSWORD": USER_PASSWORD,
        "BORDERDESK_LANG": "en",
        "XDG_STATE_HOME": str(tmp_path / "state"),
    }
    done = subprocess.run(
        [sys.executable, "-m", "borderdesk", "check", "--mrz", *lines, "--json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["verdict"] == "alert"
    assert "in_custody" in {f["code"] for f in data["findings"]}
