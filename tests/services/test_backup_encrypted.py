"""Encrypted backups: nothing readable in the file, whole or not at all, restorable."""

from __future__ import annotations

import os
import stat

import pytest
from sqlmodel import select

from borderdesk.errors import DatabaseError, InputError
from borderdesk.services.site import backup
from borderdesk.store import encrypted_backup
from borderdesk.store.database import Database
from borderdesk.store.tables import ChangeLogEntry, Person
from helpers import BACKUP_PASSPHRASE, add_user, login

SURNAME = "Нурланов"
LATIN_SURNAME = "NURLANOVA"


@pytest.fixture
def person(db):
    with db.write(actor="admin") as session:
        session.add(Person(surname=SURNAME, surname_latin=LATIN_SURNAME))


def _listing(folder):
    return sorted(p.name for p in folder.iterdir())


def test_backup_holds_no_readable_name_and_restores(db, admin, person, tmp_path):
    out = tmp_path / "copies" / "site.bdbackup"
    backup.backup(db, actor=admin, out=out, passphrase=BACKUP_PASSPHRASE)
    data = out.read_bytes()
    assert SURNAME.encode() not in data
    assert LATIN_SURNAME.encode() not in data
    assert b"SQLite format 3" not in data
    assert _listing(out.parent) == ["site.bdbackup"]
    assert not [p for p in db.path.parent.iterdir() if p.name.startswith(".backup-")]

    restored = backup.restore(out, out=tmp_path / "restored.sqlite3", passphrase=BACKUP_PASSPHRASE)
    copy = Database.open(path=restored)
    try:
        with copy.read() as session:
            assert session.exec(select(Person.surname)).all() == [SURNAME]
        assert login(copy).username == "admin"
    finally:
        copy.dispose()


def test_restore_refuses_a_wrong_passphrase_and_damaged_files(db, admin, tmp_path):
    out = tmp_path / "site.bdbackup"
    backup.backup(db, actor=admin, out=out, passphrase=BACKUP_PASSPHRASE)
    data = out.read_bytes()
    target = tmp_path / "r.sqlite3"
    with pytest.raises(DatabaseError):
        backup.restore(out, out=target, passphrase="not the passphrase")
    flipped = bytearray(data)
    flipped[len(data) // 2] ^= 1
    truncated = data[: len(data) // 2]
    # A file cut exactly after a whole chunk: the last chunk was not sealed as final.
    header = encrypted_backup._HEADER.size
    (length,) = encrypted_backup._LENGTH.unpack(data[header : header + 4])
    extended = data + data[header : header + 4 + length]
    for name, content in [("f", bytes(flipped)), ("t", truncated), ("e", extended)]:
        damaged = tmp_path / f"{name}.bdbackup"
        damaged.write_bytes(content)
        with pytest.raises(DatabaseError):
            backup.restore(damaged, out=target, passphrase=BACKUP_PASSPHRASE)
    with pytest.raises(DatabaseError):
        backup.restore(db.path, out=target, passphrase=BACKUP_PASSPHRASE)
    assert not target.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".r.sqlite3")]


def test_restore_never_overwrites(db, admin, tmp_path):
    out = tmp_path / "site.bdbackup"
    backup.backup(db, actor=admin, out=out, passphrase=BACKUP_PASSPHRASE)
    with pytest.raises(InputError):
        backup.restore(out, out=db.path, passphrase=BACKUP_PASSPHRASE)


def test_multi_chunk_streams_round_trip(tmp_path, monkeypatch):
    import io

    monkeypatch.setattr(encrypted_backup, "CHUNK_BYTES", 1000)
    plain = os.urandom(4500)
    sealed = io.BytesIO()
    encrypted_backup.encrypt_stream(io.BytesIO(plain), sealed, "passphrase")
    chunks = list(encrypted_backup.decrypt_stream(io.BytesIO(sealed.getvalue()), "passphrase"))
    assert b"".join(chunks) == plain
    assert len(chunks) == 5
    # Dropping the final chunk leaves a stream whose last chunk is not marked final.
    cut = sealed.getvalue()[: -(4 + 500 + 16)]
    with pytest.raises(DatabaseError):
        list(encrypted_backup.decrypt_stream(io.BytesIO(cut), "passphrase"))


def test_a_failed_backup_leaves_no_partial_copy(db, admin, person, tmp_path, monkeypatch):
    def fail_half_way(source, target, passphrase):
        target.write(source.read(4096))
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(backup, "encrypt_stream", fail_half_way)
    folder = tmp_path / "copies"
    folder.mkdir()
    before_db_folder = _listing(db.path.parent)
    with pytest.raises(DatabaseError):
        backup.backup(db, actor=admin, out=folder / "b.bdbackup", passphrase=BACKUP_PASSPHRASE)
    assert _listing(folder) == []
    assert _listing(db.path.parent) == before_db_folder


@pytest.mark.parametrize("target", ["folder", "part", "database", "-wal", "-shm", "above"])
def test_refused_backup_targets_write_nothing(db, admin, tmp_path, target):
    (tmp_path / "folder").mkdir()
    leftover = tmp_path / "backup.bdbackup.part"
    leftover.write_bytes(b"half a file")
    paths = {
        "folder": tmp_path / "folder",
        "part": leftover,
        "database": db.path,
        "-wal": db.path.with_name(db.path.name + "-wal"),
        "-shm": db.path.with_name(db.path.name + "-shm"),
        "above": tmp_path.joinpath(*[".."] * (len(tmp_path.parts) + 2), "escaped.bdbackup"),
    }
    before = {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*")}
    with pytest.raises(InputError) as refused:
        backup.backup(db, actor=admin, out=paths[target], passphrase=BACKUP_PASSPHRASE)
    assert "\n" not in refused.value.message
    assert {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*")} == before
    assert leftover.read_bytes() == b"half a file"
    assert not os.path.exists("/escaped.bdbackup")


def test_a_short_passphrase_is_refused(db, admin, tmp_path):
    with pytest.raises(InputError):
        backup.backup(db, actor=admin, out=tmp_path / "b.bdbackup", passphrase="short")
    assert not (tmp_path / "b.bdbackup").exists()


def test_change_log_payloads_hold_no_password_hash(db, admin):
    add_user(db, admin, "ivanov", "officer")
    from borderdesk.services.access import users

    users.set_password(db, actor=admin, username="ivanov", password="Another-Pass-99")
    with db.read() as session:
        payloads = session.exec(
            select(ChangeLogEntry.payload).where(ChangeLogEntry.table_name == "user_account")
        ).all()
    assert len(payloads) >= 3
    assert not [p for p in payloads if "password_hash" in p or "argon2" in p]
    assert not [p for p in payloads if "private_key" in p]


def test_backup_file_is_owner_only(db, admin, tmp_path):
    old = os.umask(0o022)
    try:
        out = tmp_path / "new" / "b.bdbackup"
        backup.backup(db, actor=admin, out=out, passphrase=BACKUP_PASSPHRASE)
    finally:
        os.umask(old)
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert stat.S_IMODE(out.parent.stat().st_mode) == 0o700
