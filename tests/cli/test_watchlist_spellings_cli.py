"""Issue #9 as the officer meets it, in fresh processes: a wanted person listed in a
spelling no rule lists is an alert at ``borderdesk check --mrz … --json``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date

import pytest

from borderdesk.domain.mrz.compose import compose_td3
from borderdesk.domain.partial_date import PartialDate
from helpers import USER_PASSWORD, add_user, login, make_database, use_fast_password_hashing

LISTED = """Surname;Given_Names;Birth_Date;Nationality;Reason;Source;Valid_Until
SHERBAKOV;IVAN;1985-03-15;RUS;federal search;ФСИН;
JUSUPOV;RUSTAM;1985-03-15;RUS;federal search;ФСИН;
SCHTSCHERBAKOW;PAVEL;1985-03-15;RUS;entry ban;BKA;
"""

# (passport surname, given name, document number, the entry it must hit)
PASSPORTS = [
    ("SHCHERBAKOV", "IVAN", "700000001", "SHERBAKOV IVAN"),
    ("IUSUPOV", "RUSTAM", "700000002", "JUSUPOV RUSTAM"),
    ("SHCHERBAKOV", "PAVEL", "700000003", "SCHTSCHERBAKOW PAVEL"),
]


def borderdesk(*args: str, env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "borderdesk", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **env},
    )


@pytest.fixture
def env(tmp_path, monkeypatch):
    use_fast_password_hashing(monkeypatch)
    db = make_database(tmp_path)
    admin = login(db)
    add_user(db, admin, "petrov", "officer")
    add_user(db, admin, "volkov", "supervisor")
    db.dispose()
    return {
        "BORDERDESK_DB": str(tmp_path / "borderdesk.sqlite3"),
        "BORDERDESK_PASSWORD": USER_PASSWORD,
        "BORDERDESK_LANG": "en",
        "XDG_STATE_HOME": str(tmp_path / "state"),
    }


def test_the_issue_examples_are_alerts(env, tmp_path):
    listed = tmp_path / "wanted.csv"
    listed.write_text(LISTED, encoding="utf-8")
    imported = borderdesk(
        "watchlist",
        "import",
        str(listed),
        "--kind",
        "persons",
        env={**env, "BORDERDESK_USER": "volkov"},
    )
    out, err = imported.communicate(timeout=60)
    assert imported.returncode == 0, err
    checks = []
    for surname, given, number, _entry in PASSPORTS:
        lines = compose_td3(
            surname=surname,
            given_names=given,
            document_number=number,
            nationality="RUS",
            birth_date=PartialDate(1985, 3, 15),
            sex="M",
            expiry_date=date(2034, 1, 1),
        )
        # Assess only (no decision): the processes write nothing and may run at once.
        checks.append(
            borderdesk("check", "--mrz", *lines, "--json", env={**env, "BORDERDESK_USER": "petrov"})
        )
    for process, (_surname, _given, _number, entry) in zip(checks, PASSPORTS, strict=True):
        out, err = process.communicate(timeout=60)
        assert process.returncode == 0, err
        data = json.loads(out)
        assert data["verdict"] == "alert"
        wanted = [f for f in data["findings"] if f["code"] == "watchlist_person"]
        assert [(f["severity"], f["params"]["name"]) for f in wanted] == [("critical", entry)]
        assert wanted[0]["params"]["level"] == "alert"
        assert "surname_same_skeleton" in wanted[0]["params"]["reasons"]
        assert "another system of spelling" in wanted[0]["message"]


CATEGORISED = """surname,given_names,birth_date,nationality,reason,source,valid_until,category
SHERBAKOV,IVAN,1985-03-15,RUS,federal search,ФСИН,,wanted
ABDULLAEV,RUSTAM,1990-01-02,UZB,deported 2024,ГУВМ МВД,,entry_ban
"""


def test_watchlist_list_shows_the_category_in_words(env, tmp_path):
    listed = tmp_path / "categorised.csv"
    listed.write_text(CATEGORISED, encoding="utf-8")
    supervisor = {**env, "BORDERDESK_USER": "volkov"}
    imported = borderdesk("watchlist", "import", str(listed), "--kind", "persons", env=supervisor)
    assert imported.communicate(timeout=60) and imported.returncode == 0
    listing = borderdesk("watchlist", "list", env={**supervisor, "BORDERDESK_LANG": "ru"})
    out, err = listing.communicate(timeout=60)
    assert listing.returncode == 0, err
    assert "ABDULLAEV RUSTAM\t02.01.1990\tUZB\tЗапрет въезда" in out
    assert "SHERBAKOV IVAN\t15.03.1985\tRUS\tРозыск" in out
    bans = borderdesk("watchlist", "list", "--category", "entry_ban", "--json", env=supervisor)
    out, err = bans.communicate(timeout=60)
    data = json.loads(out)
    assert [e["surname"] for e in data["entries"]] == ["ABDULLAEV"]
    assert data["by_category"] == {"wanted": 1, "entry_ban": 1}
    bad = borderdesk("watchlist", "list", "--category", "nope", env=supervisor)
    out, err = bad.communicate(timeout=60)
    assert bad.returncode == 2 and "Traceback" not in err
