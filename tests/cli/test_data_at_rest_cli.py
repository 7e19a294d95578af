"""Owner-only files whatever the umask, encrypted backups, crash logs without personal data.

The file modes are checked in real processes started under umask 022 (what most desktop
sessions have), since the program sets its own umask at start.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from borderdesk.cli import main

pytestmark = pytest.mark.slow_module  # minutes of fresh processes: start it first

STRONG_PASSWORD = "Zastava-7-Orenburg-Night"
PASSPHRASE = "Granitsa-Orenburg-2026"


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _run(*args: str | Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "borderdesk", "--lang", "en", *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        preexec_fn=lambda: os.umask(0o022),
        timeout=120,
    )


@pytest.fixture
def env(tmp_path) -> dict[str, str]:
    env = dict(os.environ)
    for name in ("BORDERDESK_DB", "BORDERDESK_DATABASE_URL", "BORDERDESK_LANG"):
        env.pop(name, None)
    env.update(
        BORDERDESK_USER="admin",
        BORDERDESK_PASSWORD=STRONG_PASSWORD,
        XDG_STATE_HOME=str(tmp_path / "state"),
        XDG_DATA_HOME=str(tmp_path / "data"),
        PYTHONPATH=os.pathsep.join(sys.path),
    )
    return env


def test_database_backup_and_restore_are_owner_only_under_umask_022(tmp_path, env):
    password = tmp_path / "pw.txt"
    password.write_text(STRONG_PASSWORD + "\n", encoding="utf-8")
    passphrase = tmp_path / "passphrase.txt"
    passphrase.write_text(PASSPHRASE + "\n", encoding="utf-8")
    db = tmp_path / "new" / "site.sqlite3"
    init = _run(
        "--db", db, "init", "--site-code", "POST-07", "--site-name", "Застава 7",
        "--kind", "post", "--admin-user", "admin", "--admin-password-file", password,
        env=env,
    )  # fmt: skip
    assert init.returncode == 0, init.stderr
    assert _mode(db) == 0o600
    assert _mode(db.parent) == 0o700

    out = tmp_path / "copies" / "site.bdbackup"
    made = _run("--db", db, "backup", "--out", out, "--passphrase-file", passphrase, env=env)
    assert made.returncode == 0, made.stderr
    assert _mode(out) == 0o600
    assert _mode(out.parent) == 0o700
    assert not out.read_bytes().startswith(b"SQLite format 3")

    restored = tmp_path / "restored.sqlite3"
    back = _run("restore", out, "--out", restored, "--passphrase-file", passphrase, env=env)
    assert back.returncode == 0, back.stderr
    assert _mode(restored) == 0o600
    assert _run("--db", restored, "audit", "verify", env=env).returncode == 0

    wrong = tmp_path / "wrong.txt"
    wrong.write_text("not the passphrase\n", encoding="utf-8")
    refused = _run("restore", out, "--out", tmp_path / "r2.sqlite3", "--passphrase-file", wrong,
                   env=env)  # fmt: skip
    assert refused.returncode != 0
    assert refused.stderr.count("\n") == 1 and "Traceback" not in refused.stderr
    assert not (tmp_path / "r2.sqlite3").exists()

    onto_wal = _run("--db", db, "backup", "--out", f"{db}-wal", "--passphrase-file", passphrase,
                    env=env)  # fmt: skip
    assert onto_wal.returncode != 0
    assert onto_wal.stderr.count("\n") == 1, onto_wal.stderr


def _integrity_error_quoting(surname: str) -> sa.exc.IntegrityError:
    """A real SQLAlchemy error from an engine that does quote its parameters."""
    engine = sa.create_engine("sqlite://")
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE person (surname TEXT UNIQUE)")
        conn.execute(sa.text("INSERT INTO person VALUES (:s)"), {"s": surname})
    try:
        with engine.begin() as conn:
            conn.execute(sa.text("INSERT INTO person VALUES (:s)"), {"s": surname})
    except sa.exc.IntegrityError as exc:
        assert surname in str(exc)
        return exc
    raise AssertionError("no error")


def test_crash_log_has_no_sql_parameters_or_names(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("BORDERDESK_USER", "admin")
    monkeypatch.setenv("BORDERDESK_PASSWORD", "x")
    error = _integrity_error_quoting("Ахмедова")

    def explode(*_args, **_kwargs):
        try:
            raise ValueError("Ахмедова Гульнара, passport N0001")
        except ValueError:
            raise error  # noqa: B904 (the ValueError, with a name, stays in the chain)

    from borderdesk.cli import state as cli_state

    monkeypatch.setattr(cli_state.CliState, "database", explode)
    old = os.umask(0o022)
    try:
        with pytest.raises(SystemExit) as exited:
            main(["--lang", "en", "audit", "verify"])
    finally:
        os.umask(old)
    assert exited.value.code == 70
    err = capsys.readouterr().err
    log = Path(err.rsplit(" ", 1)[1].strip())
    text = log.read_text(encoding="utf-8")
    assert "IntegrityError" in text and "INSERT INTO person" in text
    assert "UNIQUE constraint failed: person.surname" in text
    assert "Ахмедова" not in text and "N0001" not in text
    assert _mode(log) == 0o600
    assert "Ахмедова" not in err


def test_a_killed_demo_leaves_nothing_the_next_demo_reuses(tmp_path, env):
    import signal
    import time

    db = tmp_path / "demo.sqlite3"
    building = tmp_path / ".demo.sqlite3.building"
    process = subprocess.Popen(
        [sys.executable, "-m", "borderdesk", "--lang", "en", "--db", str(db), "demo",
         "--persons", "20000"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while not building.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert building.exists()
        time.sleep(0.3)
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()
    assert not db.exists()

    again = _run("--db", db, "demo", "--persons", "0", env=env)
    assert again.returncode == 0, again.stderr
    assert "Demo database created" in again.stdout
    assert "trying" in again.stdout
    assert sorted(p.name for p in tmp_path.iterdir() if "demo" in p.name) == ["demo.sqlite3"]
    assert _mode(db) == 0o600


def test_logged_errors_carry_no_parameters_or_names():
    import io
    import logging

    from borderdesk.crash import SafeFormatter

    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(SafeFormatter("%(levelname)s %(message)s"))
    logger = logging.getLogger("borderdesk.test_safe_logging")
    logger.addHandler(handler)
    name = "Сейткалиева"  # a variable: traceback lines quote the source, not values
    try:
        try:
            raise _integrity_error_quoting(name)
        except sa.exc.IntegrityError:
            logger.exception("saving failed")
    finally:
        logger.removeHandler(handler)
    text = stream.getvalue()
    assert "saving failed" in text and "IntegrityError" in text
    assert name not in text
