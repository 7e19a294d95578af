"""Every read survives a stored date that is not a date ('yesterday', '', '2024-13-45',
a number, a Russian-style '31.12.2024') in every date and time column, in a fresh process:
it shows «unreadable: …» and exits 0; ``audit verify`` fails cleanly (the rows were
edited behind the program's back) instead of crashing."""

from __future__ import annotations

import contextlib
import io
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from garbage_dates import poison_dates
from stored_value_reads import READS as STORED_READS
from stored_value_reads import RELEASE, SYNC_STATUS

RUNNER = r"""
import contextlib, io, json, os, sys
from borderdesk.cli import main
results = []
for user, args in json.load(open(sys.argv[1], encoding="utf-8")):
    os.environ["BORDERDESK_USER"] = user
    err, out = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
            main(["--lang", "en", *args])
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    except BaseException as exc:
        code = "traceback:" + type(exc).__name__
    results.append({"args": args, "code": code, "out": out.getvalue(), "err": err.getvalue()})
json.dump(results, open(sys.argv[2], "w", encoding="utf-8"))
"""

READS = [*STORED_READS, SYNC_STATUS, RELEASE]


def _env(tmp: Path, db: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BORDERDESK_")}
    return env | {
        "BORDERDESK_DB": str(db),
        "BORDERDESK_PASSWORD": "demo",
        "XDG_STATE_HOME": str(tmp / "state"),
        "XDG_DATA_HOME": str(tmp / "data"),
        "PYTHONPATH": os.pathsep.join(sys.path),
    }


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("unreadable")
    db = tmp / "demo.sqlite3"
    made = subprocess.run(
        [sys.executable, "-m", "borderdesk", "--lang", "en", "demo", "--persons", "30"],
        env=_env(tmp, db) | {"BORDERDESK_USER": "admin"},
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert made.returncode == 0, made.stderr
    return db


def _one(db: Path, sql: str) -> str:
    with sqlite3.connect(db) as con:
        return str(con.execute(sql).fetchone()[0])


@pytest.mark.parametrize("shift", [0, 2])
def test_every_read_survives_text_in_every_date_column(tmp_path, demo_db, shift):
    db = tmp_path / "site.sqlite3"
    with sqlite3.connect(demo_db) as source, sqlite3.connect(db) as target:
        source.backup(target)
    names = {
        "stay": _one(db, "select stay_number from centre_stay where status = 'in' limit 1"),
        "case": _one(db, "select case_number from readmission_case limit 1"),
        "transfer": _one(db, "select transfer_number from centre_transfer limit 1"),
        "tmp": str(tmp_path),
    }
    assert poison_dates(db, shift=shift) >= 60  # every date column of every table
    reads = [(user, [a.format(**names) for a in args]) for user, args in READS]
    reads.append(("admin", ["audit", "verify"]))
    plan, out = tmp_path / "plan.json", tmp_path / "out.json"
    plan.write_text(json.dumps(reads), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", RUNNER, str(plan), str(out)],
        env=_env(tmp_path, db),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    results = json.loads(out.read_text(encoding="utf-8"))
    *read_results, verify = results
    crashed = [
        f"{' '.join(r['args'][:2])}: exit {r['code']}: {r['err'][:300]}"
        for r in read_results
        if r["code"] != 0 or "unexpected error" in r["err"].lower()
    ]
    assert not crashed, "\n".join(crashed)
    shown = "".join(r["out"] for r in read_results)
    assert "unreadable: '" in shown  # shown as such, not as year 1
    # The edit is found, in one line, not a crash.
    assert verify["code"] == 1, verify
    assert "changed outside BorderDesk" in verify["out"] + verify["err"]
    assert "Traceback" not in verify["err"]
    with sqlite3.connect(db) as con:
        assert con.execute("pragma integrity_check").fetchone()[0] == "ok"


def test_an_unreadable_date_is_never_written_back(tmp_path):
    """Reading the stand-in and assigning it to a record is refused in one line."""
    from sqlmodel import select

    from borderdesk.domain.unreadable import is_unreadable
    from borderdesk.errors import InputError
    from borderdesk.i18n import set_language
    from borderdesk.store.tables import User
    from helpers import make_database

    set_language("en")
    db = make_database(tmp_path, "t.sqlite3")
    assert db.path is not None
    with sqlite3.connect(db.path) as con:
        con.execute("update user_account set created_at = 'yesterday'")
    with db.read() as session:
        user = session.exec(select(User)).first()
        assert user is not None and is_unreadable(user.created_at)
        assert str(user.created_at) == "unreadable: 'yesterday'"
    with pytest.raises(InputError, match="cannot be read"), db.write(actor="admin") as session:
        user = session.exec(select(User)).first()
        assert user is not None
        user.updated_at = user.created_at
    with sqlite3.connect(db.path) as con:
        assert (
            con.execute(
                "select count(*) from user_account where updated_at = 'yesterday'"
            ).fetchone()[0]
            == 0
        )
    with contextlib.redirect_stdout(io.StringIO()):
        db.dispose()
