"""Backups while BorderDesk (or anything else) is writing."""

from __future__ import annotations

import sqlite3

import pytest
from sqlmodel import func, select

from borderdesk.errors import DatabaseError
from borderdesk.services.access import audit
from borderdesk.store.database import Database
from borderdesk.store.tables import Person, User
from helpers import add_user, login


def test_backup_during_an_open_write_transaction_is_consistent(db, admin, tmp_path):
    add_user(db, admin, "ivanov", "officer")
    writer = sqlite3.connect(db.path, isolation_level=None, timeout=1)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute(
        "INSERT INTO audit_entry (seq, at, site, actor, action, table_name, changes, "
        "prev_hash, hash) VALUES (999, '2030-01-01 00:00:00', 'X', 'x', 'x', '', '{}', '', '')"
    )
    writer.execute("UPDATE user_account SET full_name = 'uncommitted'")
    try:
        out = tmp_path / "copies" / "backup.sqlite3"
        db.backup_to(out)
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert [p.name for p in out.parent.iterdir()] == [out.name]
    copy = Database.open(path=out)
    try:
        result = audit.verify_chain(copy, actor=login(copy))
        assert result.ok, result.message
        with copy.read() as session:
            names = set(session.exec(select(User.full_name)))
            assert "uncommitted" not in names
            assert session.exec(select(func.count()).select_from(User)).one() == 2
    finally:
        copy.dispose()


def test_backup_includes_committed_writes_still_in_the_wal(db, tmp_path):
    with db.write(actor="admin") as session:
        session.add(Person(surname="Ахмедов"))
    out = tmp_path / "backup.sqlite3"
    db.backup_to(out)
    copy = Database.open(path=out)
    try:
        with copy.read() as session:
            assert session.exec(select(Person.surname)).all() == ["Ахмедов"]
    finally:
        copy.dispose()


def test_backup_cannot_overwrite_the_database(db):
    with pytest.raises(DatabaseError):
        db.backup_to(db.path)
