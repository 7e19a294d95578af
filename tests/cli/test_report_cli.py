"""``borderdesk report monthly`` in fresh processes: the files, --json, the errors."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from helpers import USER_PASSWORD, add_user, login, make_database, use_fast_password_hashing
from return_samples import Month, utc

SRC = Path(__file__).resolve().parents[2] / "src"


@pytest.fixture
def database(tmp_path, monkeypatch) -> Path:
    use_fast_password_hashing(monkeypatch)
    db = make_database(tmp_path, "r.sqlite3")
    admin = login(db)
    add_user(db, admin, "sup", "supervisor", full_name="Волков А. Н.")
    add_user(db, admin, "off", "officer")
    with db.write(actor="admin") as session:
        m = Month(session)
        m.check(utc(2026, 3, 3, 6), decision="refuse")
        m.check(utc(2026, 2, 28, 19, 30))  # 1 March at the post
        m.case(received_on=date(2026, 3, 2), reply_due=date(2026, 3, 12))
    db.dispose()
    return tmp_path / "r.sqlite3"


def run(database: Path, *args: str | Path, user: str = "sup") -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BORDERDESK_")}
    env.update(
        BORDERDESK_DB=str(database),
        BORDERDESK_USER=user,
        BORDERDESK_PASSWORD=USER_PASSWORD,
        PYTHONPATH=os.pathsep.join(filter(None, (str(SRC), env.get("PYTHONPATH")))),
    )
    return subprocess.run(
        [sys.executable, "-m", "borderdesk", "--lang", "en", "report", "monthly", *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def one_line_error(result: subprocess.CompletedProcess) -> str:
    assert result.returncode != 0, result
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("borderdesk:"), result.stderr
    return lines[0]


def test_csv_and_json_carry_the_same_rows(database, tmp_path):
    out = tmp_path / "march.csv"
    result = run(database, "--month", "2026-03", "--out", out, "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["month"] == "2026-03" and [s["code"] for s in data["sites"]] == ["POST-07"]
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert len(rows) == len(data["figures"])
    checks = next(r for r in rows if r["indicator"] == "checks" and not r["breakdown"])
    assert (checks["value"], checks["previous"]) == ("2", "0")
    assert {"indicator": "refusals", "breakdown": "", "value": 1, "previous": 0} in data["figures"]
    overdue = next(f for f in data["figures"] if f["indicator"] == "requests_overdue")
    assert overdue["value"] == 1


def test_pdf_and_xlsx(database, tmp_path):
    pdf, xlsx = tmp_path / "march.pdf", tmp_path / "march.xlsx"
    first = run(database, "--month", "2026-03", "--out", pdf)
    assert first.returncode == 0, first.stderr
    assert "POST-07" in first.stdout and str(pdf) in first.stdout
    assert pdf.read_bytes().startswith(b"%PDF-")
    assert run(database, "--month", "2026-03", "--site", "POST-07", "--out", xlsx).returncode == 0
    sheet = openpyxl.load_workbook(xlsx)["Figures"]
    assert ("checks", "", 2, 0) in [r[:4] for r in sheet.iter_rows(values_only=True)]


def test_officers_may_not(database, tmp_path):
    line = one_line_error(
        run(database, "--month", "2026-03", "--out", tmp_path / "r.csv", user="off")
    )
    assert "may not" in line
    assert not (tmp_path / "r.csv").exists()


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("--month", "2026-3", "--out", "r.csv"), "Not a month"),
        (("--month", "2026-03", "--out", "r.txt"), ".pdf, .csv or .xlsx"),
        (("--month", "2026-03", "--site", "POST-99", "--out", "r.csv"), "Unknown site POST-99"),
        (("--month", "2999-01", "--out", "r.csv"), "has not begun"),
    ],
)
def test_bad_input_is_one_line(database, tmp_path, args, words):
    args = tuple(str(tmp_path / a) if a.startswith("r.") else a for a in args)
    line = one_line_error(run(database, *args))
    assert words in line, line
