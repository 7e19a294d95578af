"""Row seals written by SQLite's ``INSERT ... SELECT`` (``raw_insert.insert_counted_run``)
are the rows the bound-one-by-one path writes, byte for byte, and the chain verifies."""

from __future__ import annotations

import sqlite3
import uuid
from datetime import UTC, datetime

from borderdesk.services.access.audit import check_log
from borderdesk.store import tracking
from helpers import make_database

AT = datetime(2026, 12, 4, 3, 0, 0, 123456, tzinfo=UTC)


def _seal(db, record_ids, digests) -> None:
    with db.write(actor="admin", replaying=True) as session:
        tracking._append_seals(
            session, actor="admin", site=db.site_code, action="person.insert",
            table_name="person", record_ids=record_ids, digests=digests,
        )  # fmt: skip


def _entries(db) -> list[tuple]:
    with sqlite3.connect(db.path) as conn:
        return conn.execute("SELECT * FROM audit_entry ORDER BY seq").fetchall()


def test_the_one_statement_seals_are_the_bound_ones(tmp_path, monkeypatch):
    monkeypatch.setattr(tracking, "utc_now", lambda: AT)
    ids = [uuid.uuid4() for _ in range(300)]
    digests = [f"{n:064x}" for n in range(300)]
    fast, bound = make_database(tmp_path, "fast.sqlite3"), make_database(tmp_path, "bound.sqlite3")
    _seal(fast, ids, digests)
    monkeypatch.setattr(tracking, "_id_bytes", lambda record_ids: None)
    _seal(bound, ids, digests)

    # Same head before (each database is a copy of one initialised file).
    assert _entries(fast) == _entries(bound)
    rows = _entries(fast)[-300:]
    assert [bytes(r[6]) for r in rows] == [i.bytes for i in ids]
    assert [bytes(r[10]).hex() for r in rows] == digests
    for db in (fast, bound):
        with db.read() as session:
            assert check_log(session, db.site_code).ok
        db.dispose()


def test_ids_or_digests_out_of_shape_take_the_bound_path():
    assert tracking._id_bytes(["not-a-uuid"]) is None
    assert tracking._id_bytes([None]) is None
    assert tracking._digest_bytes(["ab" * 31 + " a"]) is None  # fromhex skips the space
    assert tracking._digest_bytes(["AB" * 32, "ab"]) is None
    assert tracking._digest_bytes([]) is None
    assert tracking._digest_bytes(["ab" * 32]) == bytes.fromhex("ab" * 32)
