"""A new database and its -wal/-shm are owner-only even under umask 022."""

from __future__ import annotations

import os
import stat

import pytest

from borderdesk.store.database import Database
from borderdesk.store.tables import Person


@pytest.fixture
def loose_umask():
    old = os.umask(0o022)
    yield
    os.umask(old)


def _mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_new_database_and_its_wal_and_shm_are_owner_only(tmp_path, loose_umask):
    path = tmp_path / "a" / "b" / "site.sqlite3"
    db = Database.create(path=path)
    try:
        with db.write(actor="test") as session:
            session.add(Person(surname="Ахмедов"))
        wal = path.with_name(path.name + "-wal")
        shm = path.with_name(path.name + "-shm")
        assert wal.exists() and shm.exists()
        assert {_mode(p) for p in (path, wal, shm)} == {0o600}
        assert _mode(path.parent) == _mode(path.parent.parent) == 0o700
    finally:
        db.dispose()


def test_plain_copies_are_owner_only(tmp_path, loose_umask):
    db = Database.create(path=tmp_path / "site.sqlite3")
    try:
        out = tmp_path / "copies" / "copy.sqlite3"
        db.backup_to(out)
        assert _mode(out) == 0o600
        assert _mode(out.parent) == 0o700
        assert db.backup_before_upgrade("0001") is not None
        (before,) = tmp_path.glob("site.sqlite3.before-0001-*.bak")
        assert _mode(before) == 0o600
    finally:
        db.dispose()
