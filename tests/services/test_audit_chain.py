"""The hash-chained audit log: every service write appends, any tampering is found."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime

import pytest

from borderdesk.errors import AuthenticationError, PermissionDenied
from borderdesk.services.access import audit, users
from borderdesk.services.site import backup
from borderdesk.store.tables import AuditEntry
from borderdesk.store.tracking import audit_fields, audit_hash
from helpers import BACKUP_PASSPHRASE, add_user, login

pytestmark = pytest.mark.usefixtures("english")


def entries(db, admin) -> list[audit.AuditRow]:
    return sorted(audit.list_entries(db, actor=admin), key=lambda row: row.seq)


def actions_after(db, admin, seq: int) -> list[str]:
    return [row.action for row in entries(db, admin) if row.seq > seq]


def last_seq(db, admin) -> int:
    return entries(db, admin)[-1].seq


def test_every_service_write_appends(db, admin, tmp_path):
    assert [row.action for row in entries(db, admin)] == [
        "site.insert",
        "user_account.insert",
        "login.ok",
    ]
    start = last_seq(db, admin)
    users.add_user(db, actor=admin, username="ivanov", role="officer", password="pw-1234")
    users.set_password(db, actor=admin, username="ivanov", password="pw-5678")
    users.set_disabled(db, actor=admin, username="ivanov")
    with pytest.raises(AuthenticationError):
        login(db, "ivanov", "pw-5678")
    with pytest.raises(AuthenticationError):
        login(db, "nobody", "x")
    backup.backup(db, actor=admin, out=tmp_path / "copy.bdbackup", passphrase=BACKUP_PASSPHRASE)
    assert actions_after(db, admin, start) == [
        "user_account.insert",
        "user_account.update",
        "user_account.update",
        "login.disabled",
        "login.failed",
        "backup",
    ]
    rows = entries(db, admin)
    assert rows[-4].changes == {"disabled": [False, True]}
    assert rows[-2].actor == "nobody"
    assert all(row.site == "POST-07" for row in rows)
    assert [row.seq for row in rows] == list(range(1, len(rows) + 1))
    assert audit.verify_chain(db, actor=admin).ok


def test_password_hashes_never_reach_the_log(db, admin):
    users.set_password(db, actor=admin, username="admin", password="another1")
    row = entries(db, admin)[-1]
    assert row.changes == {"password_hash": ["***", "***"]}
    conn = sqlite3.connect(db.path)
    text = " ".join(r[0] for r in conn.execute("SELECT changes FROM audit_entry"))
    conn.close()
    assert "$argon2" not in text


def test_filters(db, admin):
    add_user(db, admin, "ivanov", "officer")
    only_logins = audit.list_entries(db, actor=admin, where=audit.AuditFilter(action="login"))
    assert {row.action for row in only_logins} == {"login.ok"}
    by_system = audit.list_entries(db, actor=admin, where=audit.AuditFilter(actor="system"))
    assert {row.action for row in by_system} == {"site.insert", "user_account.insert"}
    since = audit.list_entries(
        db, actor=admin, where=audit.AuditFilter(since=datetime(2100, 1, 1).astimezone())
    )
    assert since == []


# ------------------------------------------------------------------ tampering


@pytest.fixture
def chain(db, admin):
    """A database with six audit entries, and a raw connection to tamper with it."""
    add_user(db, admin, "ivanov", "officer")
    add_user(db, admin, "petrova", "centre")
    add_user(db, admin, "sidorov", "supervisor")
    assert last_seq(db, admin) == 6
    conn = sqlite3.connect(db.path, isolation_level=None)
    # A motivated editor first drops the triggers that keep the log append-only.
    conn.execute("DROP TRIGGER audit_entry_no_update")
    conn.execute("DROP TRIGGER audit_entry_no_delete")
    yield conn
    conn.close()


def verify(db, admin) -> audit.VerifyResult:
    return audit.verify_chain(db, actor=admin)


def assert_broken_at(result: audit.VerifyResult, seq: int, word: str) -> None:
    assert not result.ok
    assert result.broken_seq == seq
    assert str(seq) in result.message
    assert word in result.message


def row(conn, seq: int) -> dict:
    cursor = conn.execute("SELECT * FROM audit_entry WHERE seq = ?", (seq,))
    names = [d[0] for d in cursor.description]
    return dict(zip(names, cursor.fetchone(), strict=True))


def rehash(db, conn, seq: int) -> None:
    """What a careful forger does: recompute the edited entry's own hash."""
    with db.read() as session:
        entry = session.get(AuditEntry, seq)
        digest = audit_hash(entry.prev_hash, audit_fields(entry))
    # Stored as its bytes (store.types.HexDigest), as the forger finds it.
    conn.execute("UPDATE audit_entry SET hash = ? WHERE seq = ?", (bytes.fromhex(digest), seq))


def test_intact_chain_verifies(db, admin, chain):
    result = verify(db, admin)
    assert result.ok
    assert result.broken_seq is None
    assert result.checked == 6
    assert "6" in result.message


def test_edited_changes_are_found(db, admin, chain):
    changes = json.dumps({"role": [None, "admin"]})
    chain.execute("UPDATE audit_entry SET changes = ? WHERE seq = 4", (changes,))
    assert_broken_at(verify(db, admin), 4, "altered")


def test_edited_actor_is_found(db, admin, chain):
    chain.execute("UPDATE audit_entry SET actor = 'someone' WHERE seq = 2")
    assert_broken_at(verify(db, admin), 2, "altered")


def test_deleted_middle_entry_is_found(db, admin, chain):
    chain.execute("DELETE FROM audit_entry WHERE seq = 3")
    assert_broken_at(verify(db, admin), 3, "missing")


def test_deleted_last_entry_is_found(db, admin, chain):
    chain.execute("DELETE FROM audit_entry WHERE seq = 6")
    assert_broken_at(verify(db, admin), 6, "removed")


def test_swapped_entries_are_found(db, admin, chain):
    four, five = row(chain, 4), row(chain, 5)
    columns = [name for name in four if name != "seq"]
    assignments = ", ".join(f"{name} = ?" for name in columns)
    for seq, data in ((4, five), (5, four)):
        chain.execute(
            f"UPDATE audit_entry SET {assignments} WHERE seq = ?",
            [data[name] for name in columns] + [seq],
        )
    assert_broken_at(verify(db, admin), 4, "link")


def test_edit_with_a_fresh_hash_breaks_the_next_link(db, admin, chain):
    chain.execute("UPDATE audit_entry SET actor = 'someone' WHERE seq = 4")
    rehash(db, chain, 4)
    assert_broken_at(verify(db, admin), 5, "link")


def test_last_entry_edited_with_a_fresh_hash_is_found(db, admin, chain):
    chain.execute("UPDATE audit_entry SET actor = 'someone' WHERE seq = 6")
    rehash(db, chain, 6)
    assert_broken_at(verify(db, admin), 6, "altered")


def test_entry_appended_behind_the_chain_is_found(db, admin, chain):
    last = row(chain, 6)
    forged = dict(last, seq=7, prev_hash=last["hash"], actor="someone")
    names = list(forged)
    chain.execute(
        f"INSERT INTO audit_entry ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
        [forged[name] for name in names],
    )
    rehash(db, chain, 7)
    assert_broken_at(verify(db, admin), 7, "added")


# ---------------------------------------------------------------- permissions


def test_who_may_read_and_verify(db, admin):
    officer = add_user(db, admin, "ivanov", "officer")
    centre = add_user(db, admin, "petrova", "centre")
    supervisor = add_user(db, admin, "sidorov", "supervisor")
    for actor in (officer, centre):
        with pytest.raises(PermissionDenied):
            audit.verify_chain(db, actor=actor)
        with pytest.raises(PermissionDenied):
            audit.list_entries(db, actor=actor)
    assert audit.verify_chain(db, actor=supervisor).ok
    assert audit.list_entries(db, actor=supervisor)


def test_backup_permission(db, admin, tmp_path):
    officer = add_user(db, admin, "ivanov", "officer")
    supervisor = add_user(db, admin, "sidorov", "supervisor")
    with pytest.raises(PermissionDenied):
        backup.backup(db, actor=officer, out=tmp_path / "a.sqlite3", passphrase=BACKUP_PASSPHRASE)
    assert not (tmp_path / "a.sqlite3").exists()
    backup.backup(db, actor=supervisor, out=tmp_path / "b.sqlite3", passphrase=BACKUP_PASSPHRASE)
    assert (tmp_path / "b.sqlite3").exists()
