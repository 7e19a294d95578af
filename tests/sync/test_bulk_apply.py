"""Format 2 packages and the bulk merge (issue #10, performance): a package applied in
bulk gives the very database the per-row merge gives (every synced table row by row,
and the change log, the sender's audit chain and the name index), its rows sealed
alike (one entry a batch seals what the per-row merge seals an entry a row); a
format 1 package still imports, to the same database; a program that reads only
format 1 refuses a format 2 package in one line, changing nothing."""

from __future__ import annotations

import shutil
import uuid
from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import select, text
from sync_sites import HQ, add_person, export, import_, synced_rows

from borderdesk.services.access import audit
from borderdesk.store import batch_seals, bulk
from borderdesk.store.database import Database
from borderdesk.store.tables import AuditEntry, IdentityDocument, Person
from borderdesk.sync import body, envelope, fast_apply, packages
from borderdesk.sync import export as export_module
from borderdesk.sync.refusals import PackageRefused
from helpers import login

# What a merge writes beside the synced rows (the times of the import itself left out:
# two imports run at two moments).
BOOKKEEPING = {
    "change_log": "seq, table_name, record_id, operation, version, hlc, origin_site, payload",
    "foreign_audit_entry": "*",
    "name_candidate": "*",
}


def state(db: Database) -> dict[str, Any]:
    out: dict[str, Any] = synced_rows(db)
    with db.read() as session:
        for table, columns in BOOKKEEPING.items():
            order = "seq" if "seq" in columns else "1, 2, 3"
            if table == "foreign_audit_entry":
                order = "site, seq"
            rows = session.execute(text(f"SELECT {columns} FROM {table} ORDER BY {order}"))
            out[table] = [tuple(r) for r in rows]
        # The chain: what it seals (each record's last digest), and in order the entries
        # that seal no row (one a package, one a login ...).
        walk = audit._walk_chain(session)
        assert not isinstance(walk, audit.VerifyResult), walk.message
        out["sealed"] = walk[2]
        out["audit_entry"] = [
            (e.site, e.actor, e.action, e.table_name, e.changes)
            for e in session.execute(select(AuditEntry).order_by(AuditEntry.seq)).scalars()
            if not e.row_hash and not batch_seals.is_batch_seal(e.record_id, "", e.changes)
        ]
    return out


def batch_seals_of(db: Database) -> list[int]:
    """How many rows each batch seal of the chain seals, in order."""
    with db.read() as session:
        entries = session.execute(select(AuditEntry).order_by(AuditEntry.seq)).scalars()
        return [len(batch_seals.sealed_rows(e.record_id, e.row_hash, e.changes)) for e in entries
                if batch_seals.is_batch_seal(e.record_id, e.row_hash, e.changes)]  # fmt: skip


def fill_post(post: Database, count: int = 7, prefix: str = "YUSUPOV") -> None:
    add_person(post, "KARIMOV")
    edited = add_person(post, "TOSHEV")
    with post.write(actor="ivanov") as session:
        person = session.get(Person, edited.id)
        person.given_names = "ALISHER"  # version 2: its history travels
    gone = add_person(post, "RAKHIMOV")
    with post.write(actor="ivanov") as session:
        session.get(Person, gone.id).deleted = True  # a tombstone
    people = [
        {"surname": f"{prefix}{n}", "given_names": "ÖKTAM", "name_key": f"{prefix.lower()}{n}",
         "birth_year": 1980 + n, "nationality": "UZB"}
        for n in range(count)
    ]  # fmt: skip
    # Texts COPY's format escapes (PostgreSQL), and one that spells its null.
    people[0]["given_names"] = "A\tB \\N\nC\r\\"
    people[1]["birth_place"] = "\\N"
    with post.write(actor="ivanov") as session:
        bulk.insert_records(session, Person, people)
        ids = session.execute(
            select(Person.id).where(Person.surname.like(f"{prefix}%")).order_by(Person.id)
        ).scalars()
        documents = [
            {"person_id": pid, "document_type": "P", "issuing_state": "UZB",
             "number": f"{prefix[:2]}{n:07d}", "expiry_date": date(2031, 5, 1)}
            for n, pid in enumerate(ids)
        ]  # fmt: skip
        bulk.insert_records(session, IdentityDocument, documents)


def hq_copy(hq: Database, tmp_path, name: str) -> Database:
    hq.dispose()
    path = tmp_path / f"{name}.sqlite3"
    shutil.copyfile(hq.path, path)
    return Database.open(path=path)


@pytest.fixture
def small_batches(monkeypatch):
    # Several batches per table: some all new (bulk), some not (row by row).
    monkeypatch.setattr(fast_apply, "BATCH", 4)


def count_bulk(monkeypatch) -> list[int]:
    """Counts the batches the bulk path wrote (so a test knows it ran)."""
    written: list[int] = []
    insert_new = fast_apply._insert_new

    def spy(*args):
        result = insert_new(*args)
        if result is not None:
            written.append(result.applied)
        return result

    monkeypatch.setattr(fast_apply, "_insert_new", spy)
    return written


def per_row(monkeypatch) -> None:
    monkeypatch.setattr(fast_apply, "_insert_new", lambda *args: None)


def format_1_export(db: Database, to: str, monkeypatch) -> bytes:
    with monkeypatch.context() as patch:
        patch.setattr(export_module, "FORMAT_VERSION", 1)
        patch.setattr(packages, "encode_body", body.encode_body_v1)
        return export(db, to)


@pytest.mark.usefixtures("row_path", "small_batches")
def test_bulk_and_per_row_merges_give_the_same_database(hq, post, tmp_path, monkeypatch):
    fill_post(post)
    first = export(post, HQ)
    other = hq_copy(hq, tmp_path, "hq-per-row")
    written = count_bulk(monkeypatch)
    try:
        bulk_report = import_(hq, first)
        assert len(written) >= 4  # persons and documents, in batches of 4
        with monkeypatch.context() as patch:
            per_row(patch)
            row_report = import_(other, first)
        assert bulk_report == row_report and bulk_report.applied > 10
        assert state(hq) == state(other)
        assert batch_seals_of(hq) == written and not batch_seals_of(other)
        # A second package: edits of records HQ holds (row by row) and new records (bulk).
        with post.write(actor="ivanov") as session:
            for person in session.execute(select(Person).where(Person.surname == "KARIMOV")):
                person[0].given_names = "BAKHTIYOR"
        fill_post(post, count=9, prefix="ALIEV")
        second = export(post, HQ)
        assert import_(hq, second).applied > 10
        with monkeypatch.context() as patch:
            per_row(patch)
            import_(other, second)
        assert state(hq) == state(other)
        for db in (hq, other):
            result = audit.verify_chain(db, actor=login(db))
            assert result.ok, result.message
    finally:
        other.dispose()


@pytest.mark.usefixtures("row_path")
def test_a_format_1_package_imports_as_a_format_2_one(hq, post, tmp_path, monkeypatch):
    fill_post(post)
    old = format_1_export(post, HQ, monkeypatch)
    assert envelope.read_addressing(old)[0] == 1
    with post.write(actor="admin") as session:  # the same package again, in format 2
        from borderdesk.store.tables import SyncPeer

        session.get(SyncPeer, HQ).sent_number -= 1
    new = export(post, HQ)
    assert envelope.read_addressing(new)[0] == envelope.FORMAT_VERSION == 2
    other = hq_copy(hq, tmp_path, "hq-format-1")
    try:
        assert import_(hq, new) == import_(other, old)
        assert state(hq) == state(other)
        result = audit.verify_chain(other, actor=login(other))
        assert result.ok, result.message
    finally:
        other.dispose()


def test_a_program_that_reads_format_1_refuses_format_2_in_one_line(hq, post, monkeypatch, english):
    add_person(post, "KARIMOV")
    data = export(post, HQ)
    before = state(hq)
    monkeypatch.setattr(envelope, "READABLE_FORMATS", frozenset({1}))
    with pytest.raises(PackageRefused) as refused:
        import_(hq, data)
    assert refused.value.code == "newer_format"
    assert "format 2" in refused.value.message and "\n" not in refused.value.message
    assert state(hq) == before


def test_a_format_no_program_wrote_is_refused(hq, post, english):
    add_person(post, "KARIMOV")
    data = bytearray(export(post, HQ))
    data[len(envelope.MAGIC) : len(envelope.MAGIC) + 2] = (0).to_bytes(2, "big")
    with pytest.raises(PackageRefused) as refused:
        import_(hq, bytes(data))
    assert refused.value.code == "unknown_format" and "\n" not in refused.value.message


def test_the_body_is_columnar_and_smaller_than_format_1(post, hq, monkeypatch):
    fill_post(post, count=200)
    old = format_1_export(post, HQ, monkeypatch)
    with post.write(actor="admin") as session:
        from borderdesk.store.tables import SyncPeer

        session.get(SyncPeer, HQ).sent_number -= 1
    new = export(post, HQ)
    assert len(new) < len(old)


@pytest.mark.parametrize(
    "document",
    [
        {"tables": [{"t": "person", "cols": ["id", "hlc"], "values": [["a"], []]}], "audit": {}},
        {
            "tables": [
                {"t": "person", "cols": ["id"], "values": [["a"]], "h": [[5, []]], "by": []}
            ],
            "audit": {"cols": [], "values": []},
        },  # fmt: skip
        {
            "tables": [
                {"t": "person", "cols": ["id", "id"], "values": [[1], [1]], "h": [], "by": []}
            ],
            "audit": {"cols": [], "values": []},
        },  # fmt: skip
        {"tables": "person", "audit": {"cols": [], "values": []}},
        [1, 2, 3],
    ],
)
def test_a_malformed_body_is_damaged(document):
    import orjson
    import zstandard

    data = zstandard.ZstdCompressor().compress(orjson.dumps(document))
    with pytest.raises(PackageRefused) as refused:
        body.decode_body(data, 2)
    assert refused.value.code == "damaged"


def test_a_body_round_trips_column_by_column():
    block = body.TableBlock(
        "person",
        body.Columns(["id", "hlc", "deleted"], [["a", "b"], ["1", "2"], [False, True]]),
        history={1: ["0", "2"]},
        editors={1: "ivanov"},
    )
    audit_columns = body.Columns(["seq", "at"], [[1], [datetime(2026, 1, 2, tzinfo=UTC)]])
    decoded = body.decode_body(body.encode_body(body.PackageBody([block], audit_columns)))
    assert decoded.blocks == [block]
    assert decoded.audit_columns.values == [[1], ["2026-01-02T00:00:00+00:00"]]
    assert decoded.all_records()[1] == {
        "t": "person", "row": {"id": "b", "hlc": "2", "deleted": True}, "h": ["0", "2"],
        "by": "ivanov",
    }  # fmt: skip


def test_the_bulk_path_sees_a_record_already_here(hq, post):
    # _any_here decides between the bulk path and row-by-row: one record of the batch
    # held here already is enough to send the whole batch row by row.
    person = add_person(post, "KARIMOV")
    import_(hq, export(post, HQ))
    table = Person.__table__
    others = [str(uuid.UUID(int=n)) for n in range(1, 2000)]
    with hq.read() as session:
        assert fast_apply._any_here(session, table, [*others, str(person.id)])
        assert fast_apply._any_here(session, table, [str(person.id)])
        assert not fast_apply._any_here(session, table, others)
