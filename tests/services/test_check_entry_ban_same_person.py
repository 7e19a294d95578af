"""Issue #9, the rest: an entry ban on a persons list is its own finding (severity from
data), and the records of one person meet in any spelling of the name (SHERBAKOV on
record, SHCHERBAKOV at the check), of any nationality, in two queries."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from sqlalchemy import event

from borderdesk.domain.partial_date import PartialDate
from borderdesk.errors import InputError
from borderdesk.services import checks
from borderdesk.services.checks.severities import finding_severities
from borderdesk.services.people import watchlists
from borderdesk.services.people.persons import PersonRow
from borderdesk.services.people.same_person import records_of_same_person
from centre_samples import centre_database, hold_with_open_case, passport, staff
from helpers import USER_PASSWORD, add_user

BIRTH = PartialDate(1985, 3, 15)
BANNED = """surname;given_names;birth_date;nationality;reason;source;valid_until;category
SHERBAKOV;IVAN;1985-03-15;RUS;Решение о неразрешении въезда;ФСБ России;;entry_ban
NAZAROV;OLEG;1970-01-02;RUS;federal search;ФСИН;;wanted
"""


@pytest.fixture
def post(tmp_path):
    db = centre_database(tmp_path)
    admin, worker = staff(db)
    officer = add_user(db, admin, "petrov", "officer")
    supervisor = add_user(db, admin, "volkov", "supervisor")
    yield db, officer, worker, supervisor
    db.dispose()


def _import(db, supervisor, tmp_path, text=BANNED):
    path = tmp_path / "bans.csv"
    path.write_text(text, encoding="utf-8")
    return watchlists.import_csv(db, actor=supervisor, path=path, kind="persons")


def _codes(outcome) -> dict[str, str]:
    return {f.code: f.severity for f in outcome.findings}


def test_an_entry_ban_is_its_own_finding_with_the_severity_from_data(post, tmp_path, english):
    db, officer, _worker, supervisor = post
    assert _import(db, supervisor, tmp_path).added == 2
    banned = passport("SHCHERBAKOV", "IVAN", "750000001", "RUS", birth=BIRTH)
    outcome = checks.assess(db, actor=officer, mrz_lines=banned)
    codes = _codes(outcome)
    assert codes["entry_ban"] == finding_severities().of_record("entry_ban") == "critical"
    assert "watchlist_person" not in codes and outcome.verdict == "alert"
    ban = next(f for f in outcome.findings if f.code == "entry_ban")
    assert ban.params["category"] == "entry_ban"
    assert ban.message().startswith("Entry ban on file for SHERBAKOV IVAN")
    # A wanted person stays a wanted person.
    wanted = passport("NAZAROV", "OLEG", "750000002", "RUS", birth=PartialDate(1970, 1, 2))
    codes = _codes(checks.assess(db, actor=officer, mrz_lines=wanted))
    assert codes.get("watchlist_person") == "critical" and "entry_ban" not in codes


def test_a_bad_category_is_refused_with_its_line(post, tmp_path, english):
    db, _officer, _worker, supervisor = post
    text = BANNED + "PETROV;IVAN;1980;RUS;x;y;;banned\n"
    with pytest.raises(InputError, match="line 4: category: expected wanted or entry_ban"):
        _import(db, supervisor, tmp_path, text)


def test_an_entry_ban_from_a_fresh_process(post, tmp_path):
    db, _officer, _worker, supervisor = post
    _import(db, supervisor, tmp_path)
    banned = passport("SHCHERBAKOV", "IVAN", "750000001", "RUS", birth=BIRTH)
    done = subprocess.run(
        [sys.executable, "-m", "borderdesk", "check", "--mrz", *banned, "--json"],
        capture_output=True,
        text=True,
        timeout=60,
        env={
            **os.environ,
            "BORDERDESK_DB": str(tmp_path / "centre.sqlite3"),
            "BORDERDESK_USER": "petrov",
            "BORDERDESK_PASSWORD": USER_PASSWORD,
            "BORDERDESK_LANG": "en",
            "XDG_STATE_HOME": str(tmp_path / "state"),
        },
    )
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["verdict"] == "alert"
    assert {f["code"]: f["severity"] for f in data["findings"]}["entry_ban"] == "critical"


@pytest.fixture
def held_sherbakov(post):
    """SHERBAKOV, a Kazakh passport, in the centre with an open case."""
    db, officer, worker, _supervisor = post
    lines = passport("SHERBAKOV", "IVAN", "N55500011", "KAZ", birth=BIRTH)
    stay, _case = hold_with_open_case(db, worker, lines)
    return db, officer, stay


def test_another_spelling_and_passport_meet_the_held_man(held_sherbakov):
    db, officer, stay = held_sherbakov
    # A Russian passport in the ICAO spelling: another nationality, another number, so
    # neither the document nor the name-birth-nationality lookup finds the record.
    lines = passport("SHCHERBAKOV", "IVAN", "751112223", "RUS", birth=BIRTH)
    outcome = checks.assess(db, actor=officer, mrz_lines=lines)
    assert outcome.matched_by == "new"
    codes = _codes(outcome)
    assert codes["in_custody"] == "critical" and "open_case" in codes
    assert outcome.verdict == "alert"


def test_a_namesake_is_not_the_same_person(held_sherbakov):
    db, officer, _stay = held_sherbakov
    for lines in (
        passport("SHCHERBAKOV", "PETR", "751112224", "RUS", birth=BIRTH),  # another man
        passport("SHCHERBAKOV", "IVAN", "751112225", "RUS", birth=PartialDate(1985, 4, 15)),
        passport("SHCHERBINA", "IVAN", "751112226", "RUS", birth=BIRTH),  # another name
    ):
        codes = _codes(checks.assess(db, actor=officer, mrz_lines=lines))
        assert "in_custody" not in codes and "open_case" not in codes, lines


def test_the_same_person_costs_two_queries(held_sherbakov):
    db, _officer, stay = held_sherbakov
    row = PersonRow(
        person_id=None,
        surname="SHCHERBAKOV",
        given_names="IVAN",
        surname_latin="SHCHERBAKOV",
        given_names_latin="IVAN",
        birth_date=BIRTH,
        sex="M",
        nationality="RUS",
    )
    statements: list[str] = []

    def count(_conn, _cursor, statement, *_args):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        with db.read() as session:
            found = records_of_same_person(session, row)
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    assert found == [stay.person.id]
    assert len([s for s in statements if s.lstrip().upper().startswith("SELECT")]) <= 2
