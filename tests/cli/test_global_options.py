"""--db, --user, --lang and --json before or after the command (README, "Command line")."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from borderdesk.cli import hoist_global_options, main
from helpers import USER_PASSWORD, add_user, login, make_database, use_fast_password_hashing


@pytest.fixture
def db_path(tmp_path, monkeypatch):
    use_fast_password_hashing(monkeypatch)
    db = make_database(tmp_path)
    add_user(db, login(db), "petrov", "officer")
    db.dispose()
    monkeypatch.setenv("BORDERDESK_PASSWORD", USER_PASSWORD)
    monkeypatch.delenv("BORDERDESK_LANG", raising=False)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    return tmp_path / "borderdesk.sqlite3"


def _run(capsys, args: list[str]) -> tuple[int, str, str]:
    try:
        main(args)
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_hoisting_moves_only_the_programs_options():
    assert hoist_global_options(["case", "list", "--db", "X", "--user=u", "--json"]) == [
        "--db", "X", "--user=u", "case", "list", "--json",
    ]  # fmt: skip
    assert hoist_global_options(["--json", "--lang", "en", "case", "list"]) == [
        "--lang", "en", "case", "list", "--json",
    ]  # fmt: skip
    # After `--` every word is an argument, left where it is.
    assert hoist_global_options(["mrz", "check", "--", "--db"]) == ["mrz", "check", "--", "--db"]
    assert hoist_global_options(["--version"]) == ["--version"]


@pytest.mark.parametrize(
    "order",
    [
        lambda db: ["--db", db, "--user", "petrov", "--lang", "en", "--json", "case", "list"],
        lambda db: ["case", "list", "--db", db, "--user", "petrov", "--lang", "en", "--json"],
        lambda db: ["--lang=en", "case", "--db=" + db, "list", "--user=petrov", "--json"],
    ],
    ids=["before", "after", "mixed"],
)
def test_both_orders_give_the_same_answer(db_path, capsys, order):
    code, out, err = _run(capsys, order(str(db_path)))
    assert code == 0, err
    assert json.loads(out) == []
    code, out, err = _run(capsys, order(str(db_path.parent / "missing.sqlite3")))
    assert code != 0 and out == ""
    assert err.startswith("borderdesk: error: No database at") and "missing.sqlite3" in err


def test_lang_after_the_command_picks_the_language_of_errors_too(db_path, capsys):
    code, _out, err = _run(capsys, ["case", "show", "--db", str(db_path), "--lang", "ru"])
    assert code == 2 and "неверный вызов" in err
    code, _out, err = _run(capsys, ["case", "show", "--db", str(db_path), "--lang", "en"])
    assert code == 2 and "bad usage" in err


def test_a_fresh_process_takes_them_after_the_command(db_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("BORDERDESK_")}
    env["BORDERDESK_PASSWORD"] = USER_PASSWORD
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "borderdesk",
            "--json",
            "check",
            "list",
            "--db",
            str(db_path),
            "--user",
            "petrov",
            "--lang",
            "en",
        ],  # fmt: skip
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == []
