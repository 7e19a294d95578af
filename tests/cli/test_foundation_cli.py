"""The command-line contract for init, user, audit and backup (DESIGN.md, "Command line").

Most commands run in-process through ``borderdesk.cli.main`` (fast); a few run as a real
``python -m borderdesk`` to prove the process-level behaviour: exit codes, one-line
errors, no traceback.
"""

from __future__ import annotations

import io
import json
import os
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from borderdesk.cli import main
from helpers import (
    ADMIN_PASSWORD,
    BACKUP_PASSPHRASE,
    USER_PASSWORD,
    make_database,
    use_fast_password_hashing,
)


@dataclass
class Result:
    code: int
    out: str
    err: str

    def assert_one_line_error(self) -> str:
        assert self.code != 0, self
        assert self.out == "", self
        assert "Traceback" not in self.err
        lines = self.err.splitlines()
        assert len(lines) == 1, self.err
        assert lines[0].startswith("borderdesk:"), self.err
        return lines[0]


@pytest.fixture(autouse=True)
def _isolated(monkeypatch, tmp_path):
    use_fast_password_hashing(monkeypatch)
    for name in ("BORDERDESK_DB", "BORDERDESK_USER", "BORDERDESK_PASSWORD", "BORDERDESK_LANG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv("BORDERDESK_DATABASE_URL", raising=False)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))


@pytest.fixture
def cli(capsys):
    def run(*args: str | Path) -> Result:
        try:
            main([str(arg) for arg in args])
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
        else:  # pragma: no cover - main always exits
            code = 0
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


def password_file(tmp_path: Path, password: str, name: str = "pw.txt") -> Path:
    path = tmp_path / name
    path.write_text(password + "\n", encoding="utf-8")
    return path


def init_args(db: Path, pw: Path, **overrides: str) -> list[str | Path]:
    options = {
        "--site-code": "POST-07",
        "--site-name": "Застава 7",
        "--kind": "post",
        "--admin-user": "admin",
        "--admin-password-file": str(pw),
    }
    options.update(overrides)
    return ["--db", db, "init", *[part for pair in options.items() for part in pair]]


@pytest.fixture
def site(tmp_path, monkeypatch) -> Path:
    """A database as `borderdesk init` makes it, and the administrator's credentials set."""
    db = tmp_path / "site.sqlite3"
    make_database(tmp_path, db.name).dispose()
    monkeypatch.setenv("BORDERDESK_USER", "admin")
    monkeypatch.setenv("BORDERDESK_PASSWORD", ADMIN_PASSWORD)
    return db


# ------------------------------------------------------------- real processes


def start_process(*args: str | Path, env: dict[str, str] | None = None) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "borderdesk", *[str(arg) for arg in args]],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **(env or {})},
    )


def finish(proc: subprocess.Popen) -> Result:
    out, err = proc.communicate(timeout=60)
    return Result(proc.returncode, out, err)


def test_as_real_processes(tmp_path):
    """--version, init and an error, as a user's shell runs them (all three at once:
    each process spends most of its time importing)."""
    db = tmp_path / "site.sqlite3"
    missing_db = tmp_path / "none.sqlite3"
    env = {"BORDERDESK_USER": "admin", "BORDERDESK_PASSWORD": ADMIN_PASSWORD}
    version = start_process("--version")
    missing = start_process("--db", missing_db, "user", "list", env=env)
    # A real process applies the site's password policy (no test override there).
    init = start_process(*init_args(db, password_file(tmp_path, "Zastava-7-Orenburg-Night")))

    version_result = finish(version)
    assert version_result.code == 0
    assert "0.1.0" in version_result.out
    assert str(missing_db) in finish(missing).assert_one_line_error()
    assert not missing_db.exists()
    created = finish(init)
    assert created.code == 0, created
    assert "POST-07" in created.out
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT username FROM user_account").fetchall() == [("admin",)]
    conn.close()


# ------------------------------------------------------------------ in-process


def test_init(cli, tmp_path):
    db = tmp_path / "new" / "site.sqlite3"
    result = cli(*init_args(db, password_file(tmp_path, ADMIN_PASSWORD)))
    assert result.code == 0, result
    assert "POST-07" in result.out and "admin" in result.out
    assert result.err == ""
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT code, kind FROM site").fetchall() == [("POST-07", "post")]
    conn.close()


def test_user_commands(cli, site, tmp_path):
    pw = password_file(tmp_path, USER_PASSWORD, "ivanov.txt")
    added = cli("--db", site, "user", "add", "Ivanov", "--role", "officer", "--password-file", pw)
    assert added.code == 0, added
    assert "ivanov" in added.out

    listed = cli("--db", site, "user", "list", "--json")
    assert listed.code == 0
    rows = {row["username"]: row for row in json.loads(listed.out)}
    assert set(rows) == {"admin", "ivanov"}
    assert (rows["ivanov"]["role"], rows["ivanov"]["disabled"]) == ("officer", False)
    assert "password_hash" not in rows["ivanov"]

    moved = cli("--db", site, "user", "position", "ivanov", "Старший инспектор, капитан")
    assert moved.code == 0, moved
    listed = {r["username"]: r for r in json.loads(cli("--db", site, "user", "list", "--json").out)}
    assert listed["ivanov"]["position"] == "Старший инспектор, капитан"
    cli("--db", site, "user", "position", "ivanov", "x" * 201).assert_one_line_error()

    new_pw = password_file(tmp_path, "changed-1", "new.txt")
    assert cli("--db", site, "user", "passwd", "ivanov", "--password-file", new_pw).code == 0
    assert cli("--db", site, "--user", "ivanov", "user", "list").code != 0  # old password
    assert cli("--db", site, "user", "disable", "ivanov").code == 0
    rows = {
        row["username"]: row for row in json.loads(cli("--db", site, "user", "list", "--json").out)
    }
    assert rows["ivanov"]["disabled"] is True
    text = cli("--db", site, "user", "list")
    assert text.code == 0
    assert [line.split()[0] for line in text.out.splitlines()] == ["admin", "ivanov"]


@pytest.mark.parametrize(
    ("args", "exit_code"),
    [
        (["user", "add", "ivanov", "--role", "general", "--password-file", "{pw}"], 2),
        (["user", "add", "admin", "--role", "officer", "--password-file", "{pw}"], 1),
        (["user", "add", "ivanov", "--role", "officer", "--password-file", "{missing}"], 2),
        (["user", "disable", "nobody"], 1),
        (["user", "frobnicate"], 2),
    ],
    ids=["unknown-role", "duplicate", "no-password-file", "unknown-user", "bad-usage"],
)
def test_bad_input_is_one_line(cli, site, tmp_path, args, exit_code):
    pw = password_file(tmp_path, USER_PASSWORD, "user.txt")
    args = [a.format(pw=pw, missing=tmp_path / "missing.txt") for a in args]
    result = cli("--db", site, *args)
    result.assert_one_line_error()
    assert result.code == exit_code


def test_missing_and_foreign_databases(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("BORDERDESK_USER", "admin")
    monkeypatch.setenv("BORDERDESK_PASSWORD", ADMIN_PASSWORD)
    missing = tmp_path / "none.sqlite3"
    assert str(missing) in cli("--db", missing, "user", "list").assert_one_line_error()
    assert not missing.exists()

    foreign = tmp_path / "places.sqlite"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY)")
    conn.commit()
    conn.close()
    before = foreign.read_bytes()
    cli("--db", foreign, "user", "list").assert_one_line_error()
    assert foreign.read_bytes() == before


def test_wrong_password_then_locked_account(cli, site, monkeypatch):
    monkeypatch.setenv("BORDERDESK_PASSWORD", "nope")
    for _ in range(5):
        cli("--db", site, "user", "list").assert_one_line_error()
    monkeypatch.setenv("BORDERDESK_PASSWORD", ADMIN_PASSWORD)
    locked = cli("--db", site, "user", "list").assert_one_line_error()
    assert "locked" in locked or "заблокирована" in locked


def test_no_user_or_password_given(cli, site, monkeypatch):
    monkeypatch.delenv("BORDERDESK_USER")
    cli("--db", site, "user", "list").assert_one_line_error()
    monkeypatch.setenv("BORDERDESK_USER", "admin")
    monkeypatch.delenv("BORDERDESK_PASSWORD")
    monkeypatch.setattr(sys, "stdin", io.StringIO())  # not a terminal: no prompt
    cli("--db", site, "user", "list").assert_one_line_error()


def test_languages_give_one_line_each(cli, tmp_path):
    missing = tmp_path / "none.sqlite3"
    ru = cli("--db", missing, "user", "list").assert_one_line_error()
    en = cli("--lang", "en", "--db", missing, "user", "list").assert_one_line_error()
    assert str(missing) in ru and str(missing) in en
    assert en.startswith("borderdesk: error: No database at")
    assert ru != en  # Russian by default
    assert cli("--lang", "de", "--db", missing, "user", "list").code == 2


def test_init_refusals_leave_no_file(cli, tmp_path):
    pw = password_file(tmp_path, ADMIN_PASSWORD)
    db = tmp_path / "new.sqlite3"
    for overrides in (
        {"--site-code": "пост"},
        {"--kind": "fort"},
        {"--admin-password-file": str(tmp_path / "missing.txt")},
        {"--timezone": "Mars/Olympus"},
    ):
        cli(*init_args(db, pw, **overrides)).assert_one_line_error()
        assert not db.exists()
        assert not Path(f"{db}-wal").exists()


def test_init_on_an_existing_database_is_refused(cli, site, tmp_path):
    before = site.read_bytes()
    pw = password_file(tmp_path, ADMIN_PASSWORD)
    message = cli(*init_args(site, pw, **{"--site-code": "POST-08"})).assert_one_line_error()
    assert str(site) in message
    assert site.read_bytes() == before


def test_audit_verify(cli, site):
    ok = cli("--db", site, "audit", "verify")
    assert ok.code == 0
    assert "3" in ok.out  # site, administrator, this login

    as_json = json.loads(cli("--db", site, "audit", "verify", "--json").out)
    assert as_json["ok"] is True and as_json["broken"] is None

    conn = sqlite3.connect(site)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("UPDATE audit_entry SET actor = 'mallory' WHERE seq = 2")
    conn.execute("DROP TRIGGER audit_entry_no_update")  # as a motivated editor would
    conn.execute("UPDATE audit_entry SET actor = 'mallory' WHERE seq = 2")
    conn.commit()
    conn.close()
    broken = cli("--db", site, "audit", "verify")
    assert broken.code == 1
    assert broken.out == ""
    assert "2" in broken.err and len(broken.err.splitlines()) == 1
    as_json = json.loads(cli("--db", site, "audit", "verify", "--json").out)
    assert as_json["ok"] is False and as_json["broken"] == 2


def test_backup_command(cli, site, tmp_path):
    out = tmp_path / "copies" / "backup.bdbackup"
    passphrase = password_file(tmp_path, BACKUP_PASSPHRASE, "passphrase.txt")
    result = cli("--db", site, "backup", "--out", out, "--passphrase-file", passphrase)
    assert result.code == 0, result
    assert str(out) in result.out
    restored = tmp_path / "restored.sqlite3"
    result = cli("restore", out, "--out", restored, "--passphrase-file", passphrase)
    assert result.code == 0, result
    assert cli("--db", restored, "audit", "verify").code == 0
