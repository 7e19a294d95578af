"""Schema step 0010e: the audit log's digests stored as bytes and read as hex, every
synchronised table keeps the stamp a row leaves in the change log; a database at the
step before upgrades with its chain intact (SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text

from borderdesk.services.access import audit
from borderdesk.store.database import Database
from borderdesk.store.tables import AuditEntry, Person
from borderdesk.sync import routing
from helpers import add_user, login, make_database, move_to

BEFORE = "0009u"


def digests(db: Database) -> list[tuple[int, str, str, str]]:
    with db.read() as session:
        stmt = select(AuditEntry.seq, AuditEntry.prev_hash, AuditEntry.hash, AuditEntry.row_hash)
        return [tuple(row) for row in session.execute(stmt.order_by(AuditEntry.seq))]


def stored_kinds(db: Database) -> set[tuple[str, ...]]:
    """How the digests are stored: (type, length) of hash, and type of row_hash."""
    with db.engine.connect() as conn:
        if db.engine.dialect.name == "postgresql":
            sql = (
                "SELECT DISTINCT pg_typeof(hash)::text, octet_length(hash)::text,"
                " pg_typeof(row_hash)::text FROM audit_entry"
            )
        else:
            sql = (
                "SELECT DISTINCT typeof(hash), CAST(length(hash) AS TEXT), typeof(row_hash)"
                " FROM audit_entry WHERE row_hash != '' AND row_hash != X''"
            )
        return {tuple(row) for row in conn.execute(text(sql))}


def triggers(db: Database) -> set[str]:
    with db.engine.connect() as conn:
        if db.engine.dialect.name == "postgresql":
            sql = "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal"
        else:
            sql = "SELECT name FROM sqlite_master WHERE type = 'trigger'"
        return set(conn.execute(text(sql)).scalars())


def a_chain(db: Database, user: str) -> None:
    admin = login(db)
    add_user(db, admin, user, "officer")
    with db.write(actor="ivanov") as session:
        session.add(Person(surname="KARIMOV", name_key="karimov", nationality="UZB"))


def check_step(db: Database) -> None:
    a_chain(db, "ivanov")
    before = digests(db)
    assert all(len(h) == 64 and int(h, 16) >= 0 for _s, _p, h, _r in before)
    digest = "bytea" if db.engine.dialect.name == "postgresql" else "blob"
    assert {kind[:2] for kind in stored_kinds(db)} == {(digest, "32")}
    assert {f"{t.name}_keeps_stamp" for t in routing.synced_tables()} <= triggers(db)

    move_to(db, BEFORE)
    text_kind = "character varying" if db.engine.dialect.name == "postgresql" else "text"
    assert {kind[0] for kind in stored_kinds(db)} == {text_kind}
    assert not any(name.endswith("_keeps_stamp") for name in triggers(db))
    move_to(db, "head")
    assert digests(db) == before
    assert {kind[:2] for kind in stored_kinds(db)} == {(digest, "32")}
    result = audit.verify_chain(db, actor=login(db))
    assert result.ok, result.message
    # The log is still append-only, and still chains on.
    with pytest.raises(Exception, match="append-only"), db.engine.begin() as conn:
        conn.execute(text("UPDATE audit_entry SET actor = 'mallory' WHERE seq = 1"))
    a_chain(db, "petrov")
    result = audit.verify_chain(db, actor=login(db))
    assert result.ok, result.message


def test_step_0010e_on_sqlite(db):
    check_step(db)


def test_step_0010e_on_postgresql(pg_url, tmp_path):
    db = make_database(tmp_path, url=pg_url, site_code="HQ", kind="hq")
    try:
        check_step(db)
    finally:
        db.dispose()


def test_no_digest_is_the_empty_byte_string(db):
    login(db)  # a login entry describes no record: no row digest
    with db.read() as session:
        stmt = select(AuditEntry.seq).where(AuditEntry.row_hash == "")
        seqs = list(session.execute(stmt).scalars())
    assert seqs
    listed = ",".join(map(str, seqs))
    with db.engine.connect() as conn:
        sql = f"SELECT DISTINCT row_hash FROM audit_entry WHERE seq IN ({listed})"
        stored = conn.execute(text(sql)).scalars()
        assert list(stored) == [b""]
