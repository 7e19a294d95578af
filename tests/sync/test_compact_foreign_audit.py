"""Schema step 0010f: the audit chains HQ keeps for other sites store their record ids
and digests as bytes (as 0010e made this site's own), on the bulk and the row-by-row
path; a database at the step before upgrades with those chains intact (SQLite and
PostgreSQL). A sent row seal that is not a digest is refused: stored as bytes it would
read back otherwise and the chain would no longer verify."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text
from sync_sites import HQ, POST, add_person, entries_with_links, export, import_

from borderdesk.store.database import Database
from borderdesk.store.tables import AuditEntry, ForeignAuditEntry
from borderdesk.sync import audit_chains, fast_apply, packages
from borderdesk.sync.body import decode_body
from borderdesk.sync.refusals import PackageRefused
from helpers import move_to

BEFORE = "0010e"


def held(db: Database) -> list[tuple]:
    with db.read() as session:
        stmt = select(
            ForeignAuditEntry.seq, ForeignAuditEntry.prev_hash, ForeignAuditEntry.hash,
            ForeignAuditEntry.row_hash, ForeignAuditEntry.record_id,
        ).where(ForeignAuditEntry.site == POST)  # fmt: skip
        return [tuple(row) for row in session.execute(stmt.order_by(ForeignAuditEntry.seq))]


def own(db: Database) -> list[tuple]:
    with db.read() as session:
        stmt = select(
            AuditEntry.seq, AuditEntry.prev_hash, AuditEntry.hash, AuditEntry.row_hash,
            AuditEntry.record_id,
        )  # fmt: skip
        return [tuple(row) for row in session.execute(stmt.order_by(AuditEntry.seq))]


def stored_kinds(db: Database) -> set[tuple[str, ...]]:
    """(type of hash, its length, type of record_id) of the entries describing a record."""
    with db.engine.connect() as conn:
        if db.engine.dialect.name == "postgresql":
            sql = (
                "SELECT DISTINCT pg_typeof(hash)::text, octet_length(hash)::text,"
                " pg_typeof(record_id)::text FROM foreign_audit_entry WHERE record_id IS NOT NULL"
            )
        else:
            sql = (
                "SELECT DISTINCT typeof(hash), CAST(length(hash) AS TEXT), typeof(record_id)"
                " FROM foreign_audit_entry WHERE record_id IS NOT NULL"
            )
        return {tuple(row) for row in conn.execute(text(sql))}


def verified(db: Database) -> bool:
    with db.read() as session:
        return audit_chains.verify_chain(session, POST, "").ok


def check_step(hq: Database, post: Database) -> None:
    for surname in ("KARIMOV", "RAKHIMOV", "TOKHIROV"):
        person = add_person(post, surname)
    report = import_(hq, export(post, HQ))
    assert report.chain is not None and report.chain.ok
    before = held(hq)
    # The post's chain as the post holds it: links, seals and ids alike.
    assert before == own(post)[: len(before)] and len(before) == report.audit_entries
    postgres = hq.engine.dialect.name == "postgresql"
    packed = {("bytea", "32", "uuid")} if postgres else {("blob", "32", "blob")}
    assert stored_kinds(hq) == packed and verified(hq)
    with hq.read() as session:  # a look-up by record id (conflicts.last_editor's) finds it
        stmt = select(ForeignAuditEntry.seq).where(ForeignAuditEntry.record_id == person.id)
        assert (
            list(session.execute(stmt).scalars())
            == [seq for seq, *_rest, record in before if record == person.id]
            != []
        )

    move_to(hq, BEFORE)
    spelt = {("character varying", "64", "uuid")} if postgres else {("text", "64", "text")}
    assert stored_kinds(hq) == spelt
    move_to(hq, "head")
    assert held(hq) == before and stored_kinds(hq) == packed and verified(hq)
    # And the chain goes on from the upgraded end.
    add_person(post, "SAIDOV")
    later = import_(hq, export(post, HQ))
    assert later.chain is not None and later.chain.ok and verified(hq)
    assert held(hq) == own(post)[: len(held(hq))]


@pytest.mark.parametrize("path", ["bulk", "per_row"])
def test_step_0010f_on_sqlite(hq, post, monkeypatch, path):
    if path == "per_row":
        monkeypatch.setattr(fast_apply, "_insert_new", lambda *args: None)
    check_step(hq, post)


def test_step_0010f_on_postgresql(pg_hq, post_of):
    check_step(pg_hq, post_of)


def test_entries_sent_with_their_links_store_bytes_too(hq, post):
    # A package that still carries the links takes store_entries, row by row.
    add_person(post, "KARIMOV")
    plain = entries_with_links(post)
    with hq.write(actor="admin", replaying=True) as session:
        assert audit_chains.store_entries(session, POST, plain) == len(plain)
    assert held(hq) == own(post) and verified(hq)
    assert stored_kinds(hq) == {("blob", "32", "blob")}


def test_a_row_seal_that_is_not_a_digest_is_refused(hq, post, monkeypatch):
    add_person(post, "KARIMOV")
    data = export(post, HQ)

    def decode(data, version):
        body = decode_body(data, version)
        audit = body.audit_columns
        seals = audit.values[audit.names.index("row_hash")]
        seals[-1] = seals[-1].upper()  # the same bytes, but not the text that was hashed
        return body

    monkeypatch.setattr(packages, "decode_body", decode)
    with pytest.raises(PackageRefused) as refused:
        import_(hq, data)
    assert refused.value.code == "audit_broken"
    assert held(hq) == []


GOOD = "ab" * 32


@pytest.mark.parametrize("blob", [bytes, bytearray])
def test_row_seals_in_one_pass(blob):
    values = [GOOD, "", "0123456789abcdef" * 4, GOOD]
    assert audit_chains._row_hash_blobs("POST", [1, 2, 3, 4], values, blob) == [
        bytes.fromhex(v) for v in values
    ]
    assert audit_chains._row_hash_blobs("POST", [1], [GOOD], blob) == [bytes.fromhex(GOOD)]


@pytest.mark.parametrize(
    "odd",
    [
        *(GOOD.upper(), GOOD[:-1] + " ", " " + GOOD[1:], GOOD[:-1] + "g", GOOD[:-2]),
        *(GOOD + "a", None, 7),
    ],
)
@pytest.mark.usefixtures("english")
def test_a_row_seal_that_is_not_a_digest_is_named(odd):
    with pytest.raises(PackageRefused) as refused:
        audit_chains._row_hash_blobs("POST", [5, 6, 7], [GOOD, odd, ""], bytearray)
    assert refused.value.code == "audit_broken" and "entry 6" in refused.value.message
