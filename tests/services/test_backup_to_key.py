"""Backups encrypted to HQ's X25519 key: only HQ's database restores them."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

import pytest

from borderdesk import i18n
from borderdesk.errors import BorderDeskError, InputError
from borderdesk.services.site import backup, key_backup
from borderdesk.services.sync.peers import identity_text
from borderdesk.store.tables import Person
from helpers import ADMIN_PASSWORD, ADMIN_USER, BACKUP_PASSPHRASE, login, make_database

SURNAME = "Шарипова"


@pytest.fixture(autouse=True)
def _english():
    i18n.set_language("en")


@pytest.fixture
def hq(tmp_path):
    database = make_database(tmp_path, "hq.sqlite3", site_code="HQ", kind="hq")
    yield database
    database.dispose()


@pytest.fixture
def hq_identity(hq, tmp_path):
    path = tmp_path / "hq.identity"
    path.write_text(identity_text(hq, actor=login(hq)), encoding="utf-8")
    return path


def with_person(db) -> None:
    with db.write(actor="admin") as session:
        session.add(Person(surname=SURNAME, given_names="Malika", nationality="TJK"))


def test_backup_to_hqs_key_restores_only_with_hqs_database(db, admin, hq, hq_identity, tmp_path):
    with_person(db)
    out = key_backup.backup_to_key(
        db, actor=admin, out=tmp_path / "site.bdbackup", identity_text=hq_identity.read_text()
    )
    data = out.read_bytes()
    assert SURNAME.encode() not in data and b"SQLite format 3" not in data
    assert oct(out.stat().st_mode & 0o777) == "0o600"
    restored = key_backup.restore_with_key(out, out=tmp_path / "back.sqlite3", hq_database=hq.path)
    conn = sqlite3.connect(restored)
    assert conn.execute("SELECT surname FROM person").fetchone()[0] == SURNAME
    conn.close()
    # Another HQ's database (another key), a passphrase, or a cut file: refused.
    other = make_database(tmp_path, "other-hq.sqlite3", site_code="HQ2", kind="hq")
    with pytest.raises(BorderDeskError, match="Wrong key"):
        key_backup.restore_with_key(out, out=tmp_path / "x.sqlite3", hq_database=other.path)
    other.dispose()
    with pytest.raises(BorderDeskError, match="HQ's public key"):
        backup.restore(out, out=tmp_path / "y.sqlite3", passphrase=BACKUP_PASSPHRASE)
    cut = tmp_path / "cut.bdbackup"
    cut.write_bytes(data[:-10])
    with pytest.raises(BorderDeskError):
        key_backup.restore_with_key(cut, out=tmp_path / "z.sqlite3", hq_database=hq.path)
    for name in ("x", "y", "z"):
        assert not (tmp_path / f"{name}.sqlite3").exists()


def test_only_hq_is_a_backup_key(db, admin, tmp_path):
    own = identity_text(db, actor=admin)  # a post's identity
    with pytest.raises(InputError, match="not HQ"):
        key_backup.backup_to_key(db, actor=admin, out=tmp_path / "b", identity_text=own)
    with pytest.raises(InputError):
        key_backup.backup_to_key(db, actor=admin, out=tmp_path / "b", identity_text="{}")
    assert not (tmp_path / "b").exists()


def test_fresh_process_backup_to_key_and_restore(db, hq, hq_identity, tmp_path):
    with_person(db)
    env = {
        **os.environ,
        "BORDERDESK_USER": ADMIN_USER,
        "BORDERDESK_PASSWORD": ADMIN_PASSWORD,
        "PYTHONPATH": os.pathsep.join(sys.path),
    }
    cli = [sys.executable, "-m", "borderdesk", "--lang", "en"]
    out = tmp_path / "cli.bdbackup"
    made = subprocess.run(
        [*cli, "--db", str(db.path), "backup", "--out", str(out), "--to-key", str(hq_identity)],
        capture_output=True, text=True, env=env,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    back = tmp_path / "cli-back.sqlite3"
    restored = subprocess.run(
        [*cli, "restore", str(out), "--out", str(back), "--hq-database", str(hq.path)],
        capture_output=True, text=True, env=env,
    )  # fmt: skip
    assert restored.returncode == 0, restored.stderr
    assert back.exists()
    neither = subprocess.run(
        [*cli, "--db", str(db.path), "backup", "--out", str(tmp_path / "n")],
        capture_output=True, text=True, env=env,
    )  # fmt: skip
    assert neither.returncode != 0 and "--to-key" in neither.stderr
    assert "Traceback" not in neither.stderr
