"""``borderdesk journal import`` as a user's shell runs it: fresh processes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import ADMIN_PASSWORD, ADMIN_USER, make_database, use_fast_password_hashing

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "journal"))
import journal_samples as sample  # noqa: E402


def borderdesk(*args: str | Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "borderdesk", "--lang", "en", *[str(a) for a in args]],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=120,
    )


@pytest.fixture
def env(monkeypatch, tmp_path):
    use_fast_password_hashing(monkeypatch)
    make_database(tmp_path).dispose()
    return {
        "BORDERDESK_DB": str(tmp_path / "borderdesk.sqlite3"),
        "BORDERDESK_USER": ADMIN_USER,
        "BORDERDESK_PASSWORD": ADMIN_PASSWORD,
    }


def test_import_refuses_reports_and_imports_again_idempotently(env, tmp_path):
    journal = sample.write_xlsx(tmp_path / "journal.xlsx")
    report = tmp_path / "report.xlsx"

    refused = borderdesk("journal", "import", journal, "--sheet", "2019", "--json", env=env)
    assert refused.returncode == 1
    whole = json.loads(refused.stdout)
    assert whole["written"] is False
    assert {(r["row"], r["column"]) for r in whole["refused"]} >= {(8, "B"), (9, "B"), (10, "C")}
    assert whole["refused"][0] == {
        "row": 8,
        "column": "B",
        "value": "03/05/2019",
        "reason": "a date with slashes may be day-first or month-first: write DD.MM.YYYY",
    }

    first = borderdesk(
        "journal",
        "import",
        journal,
        "--sheet",
        "2019",
        "--partial",
        "--report",
        report,
        "--json",
        env=env,
    )
    assert first.returncode == 0, first.stderr
    counts = json.loads(first.stdout)
    assert (counts["rows"], counts["imported"], counts["duplicates"]) == (15, 5, 1)
    assert len({r["row"] for r in counts["refused"]}) == len(sample.REFUSED)
    assert report.exists()

    again = borderdesk("journal", "import", journal, "--sheet", "2019", "--partial", env=env)
    assert again.returncode == 0
    assert "imported: 0; updated: 0; unchanged: 5; duplicates: 1; refused: 9." in again.stdout
    assert "row 8, column B ('03/05/2019'): a date with slashes" in again.stderr


def test_bad_input_is_one_line_without_traceback(env, tmp_path):
    bomb = tmp_path / "bomb.xlsx"
    bomb.write_text("not a zip", "utf-8")
    result = borderdesk("journal", "import", bomb, env=env)
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "Traceback" not in result.stderr
    assert "not an XLSX workbook" in result.stderr


def test_yearly_numbers_keep_number_one_of_each_year_apart(env, tmp_path):
    journal = tmp_path / "register.csv"
    journal.write_text(
        "no;received;requesting_state;surname;given_names;birth_date\n"
        "1;12.03.2019;FI;Каримов;Алишер;02.04.1979\n"
        "2;20.03.2019;FI;Петров;Олег;1980\n"
        "1;09.01.2020;FI;Усманов;Шерзод;11.11.1991\n",
        "utf-8",
    )
    plain = borderdesk("journal", "import", journal, "--json", env=env)
    assert plain.returncode == 1
    (cell,) = json.loads(plain.stdout)["refused"]
    assert (cell["row"], cell["column"], cell["value"]) == (4, "A", "1")
    assert "used by row 2" in cell["reason"]

    yearly = borderdesk("journal", "import", journal, "--yearly-numbers", "--json", env=env)
    assert yearly.returncode == 0, yearly.stderr
    assert json.loads(yearly.stdout)["imported"] == 3

    again = borderdesk("journal", "import", journal, "--yearly-numbers", "--json", env=env)
    assert (json.loads(again.stdout)["unchanged"], json.loads(again.stdout)["imported"]) == (3, 0)
