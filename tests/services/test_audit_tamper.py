"""A motivated editor with the database file: every tampering is a clean verify failure.

Each scenario edits the file with plain ``sqlite3`` (the triggers that keep the log
append-only dropped first, as such an editor would), then expects ``audit verify`` to
fail naming what broke, and a login to keep working.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from check_samples import NOW, make_officer, passport
from sqlmodel import select

from borderdesk import i18n
from borderdesk.services import cases, checks
from borderdesk.services.access import audit
from borderdesk.store.tables import AuditEntry, Person
from borderdesk.store.tracking import audit_fields, audit_hash
from helpers import ADMIN_PASSWORD, ADMIN_USER, login


@pytest.fixture(autouse=True)
def _english():
    i18n.set_language("en")


@pytest.fixture
def site(db, admin):
    """A site with a person, a document check and a readmission case, all audited."""
    officer = make_officer(db, admin)
    check = checks.check_document(
        db, actor=officer, mrz_lines=passport("TSOI", "VIKTOR"), decision="admit", now=NOW
    ).check
    with db.write(actor="admin") as session:
        person = Person(surname="Hossain", given_names="Arif", nationality="BGD")
        session.add(person)
    case = cases.open_case(
        db,
        actor=admin,
        kind="incoming",
        person_id=person.id,
        requesting="DEU",
        requested="RUS",
        received=date(2024, 1, 10),
        today=date(2024, 1, 12),
    )
    assert audit.verify_chain(db, actor=admin).ok
    return {"person": person.id, "check": check.id, "case": case.id}


@pytest.fixture
def raw(db, site):
    conn = sqlite3.connect(db.path, isolation_level=None)
    conn.execute("DROP TRIGGER audit_entry_no_update")
    conn.execute("DROP TRIGGER audit_entry_no_delete")
    yield conn
    conn.close()


def hex_id(record_id) -> str:
    return record_id.hex  # how SQLModel stores a UUID in SQLite


def stored(digest: str) -> bytes:
    return bytes.fromhex(digest)  # how the log stores a digest (store.types.HexDigest)


def last_seq(conn) -> int:
    return conn.execute("SELECT max(seq) FROM audit_entry").fetchone()[0]


def rehash_from(db, conn, seq: int) -> str:
    """Recompute every hash from ``seq`` on, as a forger who knows the scheme does."""
    with db.read() as session:
        entries = list(
            session.exec(select(AuditEntry).where(AuditEntry.seq >= seq).order_by("seq"))
        )
        prev = entries[0].prev_hash
        for entry in entries:
            entry.prev_hash = prev
            prev = audit_hash(prev, audit_fields(entry))
            conn.execute(
                "UPDATE audit_entry SET prev_hash = ?, hash = ? WHERE seq = ?",
                (stored(entry.prev_hash), stored(prev), entry.seq),
            )
        session.expunge_all()
    return f"{entries[-1].seq}:{prev}"


def move_head(conn, value: str) -> None:
    conn.execute("UPDATE local_setting SET value = ? WHERE key = 'audit_head'", (value,))


def head_of(conn, seq: int) -> str:
    digest = conn.execute("SELECT hash FROM audit_entry WHERE seq = ?", (seq,)).fetchone()[0]
    return f"{seq}:{digest.hex()}"


def broken(db, *words: str) -> audit.VerifyResult:
    # A fresh login first: tampering must never break it (it used to crash every login).
    admin = login(db)
    result = audit.verify_chain(db, actor=admin)
    assert not result.ok, result.message
    assert "\n" not in result.message
    for word in words:
        assert word in result.message, result.message
    return result


def entry_of(conn, table: str, record_id) -> int:
    return conn.execute(
        "SELECT max(seq) FROM audit_entry WHERE table_name = ? AND record_id = ?",
        (table, record_id.bytes),  # the log stores its record ids as bytes (CompactUuid)
    ).fetchone()[0]


# ---------------------------------------------------------------- the log itself


def test_1_triggers_refuse_update_and_delete(db, site):
    conn = sqlite3.connect(db.path, isolation_level=None)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("UPDATE audit_entry SET actor = 'x' WHERE seq = 1")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("DELETE FROM audit_entry")
    conn.close()


def test_2_edited_changes(db, raw):
    raw.execute('UPDATE audit_entry SET changes = \'{"role":[null,"admin"]}\' WHERE seq = 3')
    assert broken(db, "entry 3", "altered").broken_seq == 3


def test_3_edited_actor(db, raw):
    raw.execute("UPDATE audit_entry SET actor = 'mallory' WHERE seq = 2")
    broken(db, "entry 2", "altered")


def test_4_deleted_middle_entry(db, raw):
    raw.execute("DELETE FROM audit_entry WHERE seq = 4")
    broken(db, "entry 4", "missing")


def test_5_deleted_last_entry(db, raw):
    seq = last_seq(raw)
    raw.execute("DELETE FROM audit_entry WHERE seq = ?", (seq,))
    broken(db, "removed")


def test_6_edit_with_fresh_hash_breaks_next_link(db, raw):
    raw.execute("UPDATE audit_entry SET actor = 'mallory' WHERE seq = 3")
    with db.read() as session:
        entry = session.get(AuditEntry, 3)
        raw.execute(
            "UPDATE audit_entry SET hash = ? WHERE seq = 3",
            (stored(audit_hash(entry.prev_hash, audit_fields(entry))),),
        )
    broken(db, "entry 4", "link")


def test_7_rewritten_and_rehashed_rest_with_moved_head(db, raw):
    raw.execute("UPDATE audit_entry SET actor = 'mallory' WHERE seq = 3")
    move_head(raw, rehash_from(db, raw, 3))
    broken(db, "signature")


def test_8_cut_tail_and_moved_head(db, raw):
    keep = last_seq(raw) - 3
    raw.execute("DELETE FROM audit_entry WHERE seq > ?", (keep,))
    move_head(raw, head_of(raw, keep))
    broken(db, "signature")


def test_9_cut_tail_moved_head_and_signature_removed(db, raw):
    keep = last_seq(raw) - 3
    raw.execute("DELETE FROM audit_entry WHERE seq > ?", (keep,))
    move_head(raw, head_of(raw, keep))
    raw.execute("DELETE FROM local_setting WHERE key = 'audit_head_signature'")
    broken(db, "not signed")


def test_10_wiped_log(db, raw):
    raw.execute("DELETE FROM audit_entry")
    raw.execute("DELETE FROM local_setting WHERE key LIKE 'audit_head%'")
    broken(db, "no audit entry")


def test_11_wiped_log_and_one_fresh_entry(db, raw):
    raw.execute("DELETE FROM audit_entry WHERE seq > 1")
    move_head(raw, head_of(raw, 1))
    broken(db, "signature")


def test_12_entry_appended_behind_the_chain(db, raw):
    seq = last_seq(raw)
    raw.execute(
        "INSERT INTO audit_entry (seq, at, site, actor, action, table_name, changes,"
        " prev_hash, hash, row_hash) SELECT seq + 1, at, site, 'mallory', action, '',"
        " '{}', hash, hash, '' FROM audit_entry WHERE seq = ?",
        (seq,),
    )
    broken(db, f"entry {seq + 1}")


def test_13_appended_entry_with_moved_head(db, raw):
    seq = last_seq(raw)
    raw.execute(
        "INSERT INTO audit_entry (seq, at, site, actor, action, table_name, changes,"
        " prev_hash, hash, row_hash) SELECT seq + 1, at, site, 'mallory', 'login.ok', '',"
        " '{}', hash, '', '' FROM audit_entry WHERE seq = ?",
        (seq,),
    )
    move_head(raw, rehash_from(db, raw, seq + 1))
    broken(db, "signature")


def test_14_unreadable_head_does_not_crash_login(db, raw):
    move_head(raw, "nonsense")
    broken(db, "head")


def test_15_forged_signature(db, raw):
    raw.execute(
        "UPDATE local_setting SET value = ? WHERE key = 'audit_head_signature'", ("A" * 86,)
    )
    broken(db, "signature")


# ------------------------------------------------------------ the data it describes


def test_16_direct_edit_of_person(db, site, raw):
    raw.execute("UPDATE person SET surname = 'Other' WHERE id = ?", (hex_id(site["person"]),))
    broken(db, "person", "changed outside BorderDesk")


def test_17_direct_edit_of_document_check(db, site, raw):
    raw.execute(
        "UPDATE document_check SET decision = 'detain' WHERE id = ?", (hex_id(site["check"]),)
    )
    broken(db, "document_check", "changed outside BorderDesk")


def test_18_direct_edit_of_readmission_case(db, site, raw):
    raw.execute(
        "UPDATE readmission_case SET requesting_state = 'POL' WHERE id = ?",
        (hex_id(site["case"]),),
    )
    broken(db, "readmission_case", "changed outside BorderDesk")


def test_19_role_raised_by_hand(db, site, raw):
    raw.execute("UPDATE user_account SET role = 'admin' WHERE username = 'petrov'")
    broken(db, "user_account", "changed outside BorderDesk")


def test_20_record_inserted_behind_the_log(db, site, raw):
    columns = [r[1] for r in raw.execute("PRAGMA table_info(person)")]
    values = ", ".join("'00000000000070008000000000000001'" if c == "id" else c for c in columns)
    raw.execute(
        f"INSERT INTO person ({', '.join(columns)}) SELECT {values} FROM person WHERE id = ?",
        (hex_id(site["person"]),),
    )
    broken(db, "person", "no audit entry")


def test_21_edit_resealed_and_rehashed_without_the_key(db, site, raw):
    """The editor recomputes the row's seal and the chain, but cannot sign the head."""
    raw.execute("UPDATE person SET surname = 'Other' WHERE id = ?", (hex_id(site["person"]),))
    from borderdesk.store.row_digest import row_digest

    table = Person.__table__
    with db.read() as session:
        row = session.execute(select(table).where(table.c.id == site["person"])).mappings().one()
        digest = row_digest(table, row)
    seq = entry_of(raw, "person", site["person"])
    raw.execute("UPDATE audit_entry SET row_hash = ? WHERE seq = ?", (stored(digest), seq))
    move_head(raw, rehash_from(db, raw, seq))
    broken(db, "signature")


def test_22_tail_cut_after_a_change_shows_the_row(db, site, admin, raw):
    """Cutting off the entry of a last edit leaves the row unlike its last seal."""
    with db.write(actor="admin") as session:
        person = session.get(Person, site["person"])
        person.surname = "Khan"
    seq = entry_of(raw, "person", site["person"])
    raw.execute("DELETE FROM audit_entry WHERE seq >= ?", (seq,))
    move_head(raw, head_of(raw, seq - 1))
    # Even re-signed with the key in the file, the data no longer matches the log.
    key = raw.execute("SELECT signing_private_key FROM site_keys").fetchone()[0]
    from borderdesk.store.audit_head import sign

    raw.execute(
        "UPDATE local_setting SET value = ? WHERE key = 'audit_head_signature'",
        (sign(key, "POST-07", head_of(raw, seq - 1)),),
    )
    broken(db, "person", "changed outside BorderDesk")


def test_an_untouched_site_verifies_and_logins_append(db, site, admin):
    login(db)
    result = audit.verify_chain(db, actor=admin)
    assert result.ok, result.message
    assert audit.integrity_alert(db, actor=admin) == ""


def test_the_administrator_is_alerted_after_a_moved_head(db, raw):
    move_head(raw, head_of(raw, 2))
    admin = login(db)  # the login itself works and notes the problem
    alert = audit.integrity_alert(db, actor=admin)
    assert "tampered" in alert and "moved" in alert
    # Noted for good: later writes re-sign the head, the note stays.
    login(db)
    assert "moved" in audit.integrity_alert(db, actor=admin)
    assert not audit.verify_chain(db, actor=admin).ok


# ------------------------------------------------------------- in a fresh process


def run_verify(db_path: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "BORDERDESK_USER": ADMIN_USER,
        "BORDERDESK_PASSWORD": ADMIN_PASSWORD,
        "PYTHONPATH": os.pathsep.join(sys.path),
    }
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "borderdesk",
            "--db",
            str(db_path),
            "--lang",
            "en",
            "audit",
            "verify",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("tamper", "words"),
    [
        ("UPDATE person SET given_names = 'X'", "changed outside BorderDesk"),
        ("DELETE FROM audit_entry", "removed"),
        ("UPDATE local_setting SET value = 'x' WHERE key = 'audit_head'", "head"),
    ],
)
def test_fresh_process_verify_fails_in_one_line(db, raw, tamper, words):
    assert run_verify(db.path).returncode == 0
    raw.execute(tamper)
    done = run_verify(db.path)
    assert done.returncode == 1, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and words in lines[0], done.stderr
    assert "Traceback" not in done.stderr


def test_verify_json_names_the_break(db, raw):
    raw.execute("UPDATE audit_entry SET actor = 'mallory' WHERE seq = 2")
    env_result = run_verify(db.path)
    assert env_result.returncode == 1
    assert json.dumps("entry 2")[1:-1] in env_result.stderr
