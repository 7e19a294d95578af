"""`borderdesk check`, `search`, `watchlist import` and `form check` through the entry point."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from borderdesk.cli import main
from borderdesk.domain.mrz.compose import compose_td3
from borderdesk.domain.partial_date import PartialDate
from helpers import USER_PASSWORD, add_user, login, make_database, use_fast_password_hashing
from issue_documents import RU_INTERNAL

MRZ_KEYS = [
    "valid", "format", "document_type", "issuing_state", "surname", "given_names",
    "document_number", "nationality", "birth_date", "expiry_date", "sex", "optional_data",
    "checks", "errors", "warnings",
    # Not stored with the check: the Cyrillic name of a Russian internal passport (docs/mrz.md).
    "cyrillic_name", "cyrillic_full_name",
]  # fmt: skip
SEARCH_KEYS = [
    "person_id", "surname", "given_names", "surname_latin", "birth_date", "nationality",
    "documents", "score",
]  # fmt: skip
TABLES = ("person", "identity_document", "document_check", "change_log", "audit_entry")


def passport(surname="SHCHERBAKOV", given="IVAN", number="751234567", nationality="RUS"):
    return list(
        compose_td3(
            surname=surname,
            given_names=given,
            document_number=number,
            nationality=nationality,
            birth_date=PartialDate(1980, 5, 17),
            sex="M",
            expiry_date=date(2034, 1, 1),
        )
    )


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self):
        assert self.code == 0, self.err
        return json.loads(self.out)

    def one_line_error(self) -> str:
        assert self.code != 0 and self.out == "" and "Traceback" not in self.err, self
        lines = self.err.splitlines()
        assert len(lines) == 1 and lines[0].startswith("borderdesk:"), self.err
        return lines[0]


@pytest.fixture
def db_path(tmp_path, monkeypatch):
    use_fast_password_hashing(monkeypatch)
    db = make_database(tmp_path)
    admin = login(db)
    add_user(db, admin, "petrov", "officer", full_name="Петров Илья")
    add_user(db, admin, "volkov", "supervisor")
    db.dispose()
    path = tmp_path / "borderdesk.sqlite3"
    monkeypatch.setenv("BORDERDESK_DB", str(path))
    monkeypatch.setenv("BORDERDESK_USER", "petrov")
    monkeypatch.setenv("BORDERDESK_PASSWORD", USER_PASSWORD)
    monkeypatch.setenv("BORDERDESK_LANG", "en")
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    return path


@pytest.fixture
def run(capsys, db_path):
    def _run(*args) -> Result:
        try:
            main([str(a) for a in args])
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return _run


def counts(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(path)
    try:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
    finally:
        conn.close()


def test_check_records_and_reports_json(run):
    data = run(
        "check", "--mrz", *passport(), "--decision", "admit", "--note", "ok", "--json"
    ).json()
    assert data["id"] and data["protocol_number"] == f"POST-07-{date.today().year}-000001"
    assert list(data["document"]) == MRZ_KEYS and data["document"]["valid"] is True
    assert data["decision"] == "admit" and data["note"] == "ok" and data["officer"] == "petrov"
    assert data["person"]["matched_by"] == "new" and data["person_id"]
    assert data["history"] == [] and data["findings"][0]["code"] == "own_national"
    again = run("check", "--mrz", *passport(), "--direction", "exit", "--json").json()
    assert again["decision"] is None and again["person_id"] == data["person_id"]
    assert again["history"][0]["id"] == data["id"]
    assert again["id"] is None and again["protocol_number"] is None  # assessed, not saved


def test_without_a_decision_nothing_is_written_even_on_an_alert(run, db_path, monkeypatch):
    """DESIGN.md: `check --mrz` with no decision assesses only and writes nothing."""
    stolen = db_path.parent / "stolen.csv"
    stolen.write_text("issuing_state,number,reason\nRUS,751234567,stolen\n", encoding="utf-8")
    monkeypatch.setenv("BORDERDESK_USER", "volkov")
    assert run("watchlist", "import", stolen, "--kind", "documents").code == 0
    monkeypatch.setenv("BORDERDESK_USER", "petrov")
    run("check", "list")  # the login's own writes (audit, login state) happen here first
    before = counts(db_path)
    data = run("check", "--mrz", *passport(), "--json").json()
    assert data["verdict"] == "alert" and data["findings"][0]["code"] == "watchlist_document"
    assert set(data) >= {"verdict", "findings", "history", "person", "document"}
    text = run("check", "--mrz", *passport())
    assert "ALERT" in text.out and "Findings:" in text.out and "Not recorded" in text.out
    after = counts(db_path)
    assert {k: v for k, v in after.items() if k != "audit_entry"} == {
        k: v for k, v in before.items() if k != "audit_entry"
    }
    assert after["audit_entry"] - before["audit_entry"] == 2  # the two logins, nothing else
    assert run("check", "list", "--json").json() == []
    assert "--decision" in run("check", "--mrz", *passport(), "--note", "x").one_line_error()


def test_check_text_output(run):
    result = run("check", "--mrz", *passport(nationality="TKM", number="TM1234567"))
    assert result.code == 0, result.err
    assert "WARNING" in result.out and "visa" in result.out.lower()
    assert "Not recorded" in result.out and "Decision:" not in result.out


def test_check_as_one_pasted_block(run):
    data = run("check", "--mrz", "\n".join(passport()), "--json").json()
    assert data["document"]["surname"] == "SHCHERBAKOV"
    assert data["document"]["cyrillic_name"] is None  # no Cyrillic in a Doc 9303 passport


@pytest.mark.parametrize("decision", [[], ["--decision", "admit"]])
def test_an_internal_passport_has_its_cyrillic_name_in_the_json(run, decision):
    """As the check page's "Name as written": ЗДРИЛЮК СЕРГЕЙ АНАТОЛЬЕВИЧ (assessed or saved)."""
    data = run("check", "--mrz", *RU_INTERNAL, *decision, "--json").json()
    document = data["document"]
    assert list(document) == MRZ_KEYS and document["valid"] is True
    assert document["cyrillic_full_name"] == "ЗДРИЛЮК СЕРГЕЙ АНАТОЛЬЕВИЧ"
    assert document["cyrillic_name"] == {
        "surname": "ЗДРИЛЮК",
        "given_name": "СЕРГЕЙ",
        "patronymic": "АНАТОЛЬЕВИЧ",
    }


@pytest.mark.parametrize(
    "args",
    [
        ["check", "--mrz", "P<RUSIVANOV", "1234"],
        ["check", "--mrz", passport()[0], passport()[1][:-1] + "ж"],
        ["check", "--mrz", *passport(), "--visa", "V<RUSX", "123"],
        ["check", "--mrz", *passport(), "--decision", "maybe"],
        ["check"],
    ],
)
def test_bad_input_is_one_line_and_writes_nothing(run, db_path, args):
    before = counts(db_path)
    run(*args).one_line_error()
    after = counts(db_path)
    # A login is audited; nothing else is written.
    assert {k: v for k, v in after.items() if k != "audit_entry"} == {
        k: v for k, v in before.items() if k != "audit_entry"
    }


def test_correction(run):
    first = run("check", "--mrz", *passport(), "--decision", "admit", "--json").json()
    fixed = run(
        "check", "--correct", first["id"], "--decision", "refuse", "--ground", "no_visa", "--json"
    ).json()
    assert fixed["corrects_id"] == first["id"] and fixed["decision"] == "refuse"
    assert fixed["refusal_ground"] == "no_visa"
    line = run("check", "--correct", first["id"], "--decision", "admit").one_line_error()
    assert fixed["protocol_number"] in line
    assert "--decision" in run("check", "--correct", first["id"]).one_line_error()
    by_number = run("check", "--correct", fixed["protocol_number"], "--decision", "detain")
    assert by_number.code == 0, by_number.err
    assert f"Corrects check {fixed['id']}" in by_number.out


def test_check_list_newest_first(run):
    assert "No checks recorded" in run("check", "list").out
    first = run("check", "--mrz", *passport(), "--decision", "admit", "--json").json()
    other = passport(surname="IVANOVA", given="ANNA", number="759999999")
    second = run(
        "check", "--mrz", *other, "--decision", "refuse", "--ground", "no_visa", "--json"
    ).json()
    listed = run("check", "list", "--json").json()
    assert [c["protocol_number"] for c in listed] == [
        second["protocol_number"],
        first["protocol_number"],
    ]
    assert listed[0]["decision"] == "refuse" and listed[0]["person"]["surname"] == "IVANOVA"
    assert [c["id"] for c in run("check", "list", "--limit", "1", "--json").json()] == [
        second["id"]
    ]
    lines = run("check", "list").out.splitlines()
    assert lines[0].startswith(second["protocol_number"]) and "IVANOVA" in lines[0]
    assert "RUS 759999999" in lines[0] and lines[0].endswith("Entry  Refused")
    assert lines[1].startswith(first["protocol_number"]) and lines[1].endswith("Admitted")


def test_check_list_in_russian_words(run):
    run("check", "--mrz", *passport(), "--decision", "admit", "--json").json()
    other = passport(surname="IVANOVA", given="ANNA", number="759999999")
    assert run("check", "--mrz", *other, "--decision", "refuse", "--ground", "security").code == 0
    lines = run("--lang", "ru", "check", "list").out.splitlines()
    assert lines[0].endswith("Въезд  Отказано") and "refuse" not in lines[0]
    assert lines[1].endswith("Въезд  Пропуск")


def test_refusal_needs_a_known_ground(run, db_path):
    before = counts(db_path)
    line = run("check", "--mrz", *passport(), "--decision", "refuse").one_line_error()
    assert "legal ground" in line and "no_visa" in line
    line = run("check", "--mrz", *passport(), "--decision", "refuse", "--ground", "whim")
    assert "'whim'" in line.one_line_error()
    assert (
        "refusal"
        in run(
            "check", "--mrz", *passport(), "--decision", "admit", "--ground", "no_visa"
        ).one_line_error()
    )
    after = counts(db_path)
    assert after["document_check"] == before["document_check"] == 0
    refused = run(
        "check", "--mrz", *passport(), "--decision", "refuse", "--ground", "expelled_before"
    )
    assert refused.code == 0, refused.err
    assert "Legal ground: Expelled, deported or readmitted" in refused.out
    assert "114-FZ art. 27 item 2" in refused.out


def test_search(run):
    checked = run("check", "--mrz", *passport(), "--decision", "admit", "--json").json()
    for query in (["SCHERBAKOV"], ["Щербаков", "Иван"], ["751234567"], ["17.05.1980"]):
        hits = run("search", *query, "--json").json()
        assert [h["person_id"] for h in hits] == [checked["person_id"]], query
        assert list(hits[0]) == SEARCH_KEYS
    assert "Nothing found" in run("search", "Петров").out


def test_watchlist_import(run, tmp_path, monkeypatch):
    monkeypatch.setenv("BORDERDESK_USER", "volkov")
    good = tmp_path / "docs.csv"
    good.write_text("issuing_state,number,reason\nRUS,751234567,stolen\n", encoding="utf-8")
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "issuing_state,number,reason\nRUS,751234568,stolen\nQQQ,1,lost\n", encoding="utf-8"
    )
    line = run("watchlist", "import", bad, "--kind", "documents").one_line_error()
    assert "line 3" in line and "Nothing was imported" in line
    result = run("watchlist", "import", bad, "--kind", "documents", "--partial", "--json")
    assert result.json()["added"] == 1 and result.json()["rejected"][0]["line"] == 3
    assert run("watchlist", "import", good, "--kind", "documents").code == 0
    monkeypatch.setenv("BORDERDESK_USER", "petrov")
    data = run("check", "--mrz", *passport(), "--json").json()
    assert data["verdict"] == "alert"
    assert data["findings"][0]["code"] == "watchlist_document"
    assert run("watchlist", "import", good, "--kind", "documents").code != 0  # officer


def test_form_check(run, tmp_path):
    checked = run("check", "--mrz", *passport(), "--decision", "admit", "--json").json()
    out = tmp_path / "protocol.pdf"
    result = run("form", "check", checked["id"], "--out", out)
    assert result.code == 0, result.err
    assert out.read_bytes().startswith(b"%PDF")
    assert checked["protocol_number"] in result.out
    assert (
        "pdf" in run("form", "check", checked["id"], "--out", tmp_path / "x.txt").one_line_error()
    )
    run("form", "check", "01900000-0000-7000-8000-000000000000", "--out", out).one_line_error()
    # The protocol number printed on the paper finds the check too.
    out.unlink()
    result = run("form", "check", checked["protocol_number"].lower(), "--out", out)
    assert result.code == 0, result.err
    assert out.read_bytes().startswith(b"%PDF")
    assert (
        "POST-07-1999-000001"
        in run("form", "check", "POST-07-1999-000001", "--out", out).one_line_error()
    )


def test_a_fresh_process_shows_the_persons_cases_in_the_check_history(db_path, run):
    """`check` from a new process loads no cases module first; the history has the case."""
    import os
    import subprocess
    import sys

    from borderdesk.services import cases
    from borderdesk.services.site.database import open_database

    first = run("check", "--mrz", *passport(), "--decision", "detain", "--json").json()
    db = open_database(url=None, path=db_path)
    try:
        case = cases.open_case(
            db,
            actor=login(db, "petrov", USER_PASSWORD),
            kind="incoming",
            person_id=first["person_id"],
            requesting="DEU",
            requested="RUS",
            received=date.today(),
        )
    finally:
        db.dispose()
    env = {**os.environ, "BORDERDESK_DB": str(db_path)}
    done = subprocess.run(
        [sys.executable, "-m", "borderdesk", "check", "--mrz", *passport(), "--json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    history = json.loads(done.stdout)["history"]
    assert {(h["kind"], h["reference"]) for h in history} >= {
        ("case", case.case_number),
        ("check", first["protocol_number"]),
    }
    text = subprocess.run(
        [sys.executable, "-m", "borderdesk", "check", "--mrz", *passport()],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert case.case_number in text.stdout and "Case: incoming request" in text.stdout


def test_search_shows_a_stored_direction_override_instead_of_obeying_it(run, db_path):
    checked = run("check", "--mrz", *passport(), "--decision", "admit", "--json").json()
    # A name stored before names were cleaned (or synced in from an older site).
    with sqlite3.connect(db_path) as connection:
        connection.execute(
            "UPDATE person SET given_names = ? WHERE id = ?",
            ("IVAN\u202eVOKIN", checked["person_id"].replace("-", "")),
        )
    out = run("search", "SHCHERBAKOV").out
    assert "IVAN<U+202E>VOKIN" in out and "\u202e" not in out
