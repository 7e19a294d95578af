"""A bulk import seals each batch of new rows with one audit entry (``store.batch_seals``):
``audit verify`` reads each row's digest from it, so an imported row changed behind the
program's back is found and an altered batch entry breaks the chain; ``audit
seal-legacy`` counts those rows as sealed; the audit list shows how many rows an entry
seals rather than their digests."""

from __future__ import annotations

import sqlite3
import uuid

import pytest
from sqlalchemy import select
from sync_sites import HQ, POST, export, import_

from borderdesk.services.access import audit
from borderdesk.services.access.legacy_seals import seal_legacy_rows
from borderdesk.store import audit_head, batch_seals
from borderdesk.store.tables import AuditEntry, WatchlistPerson
from borderdesk.sync import fast_apply
from helpers import login


@pytest.fixture
def watchlist_at_post(hq, post, monkeypatch) -> list[str]:
    """Ten wanted persons listed at HQ, imported by the post in bulk batches of four."""
    monkeypatch.setattr(fast_apply, "BATCH", 4)
    with hq.write(actor="supervisor") as session:
        entries = [
            WatchlistPerson(surname=f"DZHURAEV{n}", name_key=f"dzhuraev{n}", reason="wanted")
            for n in range(10)
        ]
        session.add_all(entries)
    ids = [str(entry.id) for entry in entries]
    import_(post, export(hq, POST))
    return ids


def _batch_entries(db) -> list[AuditEntry]:
    with db.read() as session:
        entries = session.execute(select(AuditEntry).order_by(AuditEntry.seq)).scalars()
        return [e for e in entries if batch_seals.is_batch_seal(e.record_id, e.row_hash, e.changes)]


def test_each_batch_is_sealed_by_one_entry_and_the_chain_verifies(post, watchlist_at_post):
    batches = [e for e in _batch_entries(post) if e.table_name == "watchlist_person"]
    assert [len(batch_seals.sealed_rows(None, "", e.changes)) for e in batches] == [4, 4, 2]
    assert {e.action for e in batches} == {"watchlist_person.sync"}
    sealed = {k for e in batches for k in batch_seals.sealed_rows(None, "", e.changes)}
    assert sealed == set(watchlist_at_post)
    with post.read() as session:  # no entry of its own for any of them
        own = select(AuditEntry).where(AuditEntry.record_id == uuid.UUID(watchlist_at_post[0]))
        assert session.execute(own).first() is None
    result = audit.verify_chain(post, actor=login(post))
    assert result.ok, result.message


def test_an_imported_row_changed_behind_the_programs_back_is_found(
    post, watchlist_at_post, english
):
    with sqlite3.connect(post.path) as raw:
        raw.execute(
            "UPDATE watchlist_person SET reason = 'released' WHERE id = ?",
            (uuid.UUID(watchlist_at_post[5]).hex,),
        )
    result = audit.verify_chain(post, actor=login(post))
    assert not result.ok
    assert f"record {watchlist_at_post[5]} in watchlist_person" in result.message
    assert "changed outside BorderDesk" in result.message


def test_an_altered_batch_entry_breaks_the_chain(post, watchlist_at_post, english):
    entry = _batch_entries(post)[0]
    forged = entry.changes.replace(entry.changes[-66:-2], "0" * 64)  # its last digest
    assert forged != entry.changes
    with sqlite3.connect(post.path) as raw:  # the append-only trigger out of the way first
        for (name,) in raw.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_entry'"
        ).fetchall():
            raw.execute(f'DROP TRIGGER "{name}"')
        raw.execute("UPDATE audit_entry SET changes = ? WHERE seq = ?", (forged, entry.seq))
    result = audit.verify_chain(post, actor=login(post))
    assert not result.ok and result.broken_seq == entry.seq
    assert f"entry {entry.seq} was altered" in result.message


def test_rows_a_batch_seals_are_not_sealed_again_as_legacy(post, watchlist_at_post):
    with sqlite3.connect(post.path) as raw:
        raw.execute(
            "INSERT OR REPLACE INTO local_setting (key, value) VALUES (?, '1')",
            (audit_head.LEGACY_ROWS_KEY,),
        )
    assert seal_legacy_rows(post, actor=login(post)) == 0
    assert audit.verify_chain(post, actor=login(post)).ok


def test_the_list_says_how_many_rows_an_entry_seals(post, watchlist_at_post):
    rows = audit.list_entries(post, actor=login(post), where=audit.AuditFilter(action=".sync"))
    sealing = [r for r in rows if r.table_name == "watchlist_person"]
    assert sorted(r.sealed for r in sealing) == [2, 4, 4]
    assert all(r.changes == {"sealed_rows": r.sealed} and not r.record_id for r in sealing)


def test_the_list_shows_an_entry_whose_changes_do_not_read(post, hq):
    with sqlite3.connect(post.path) as raw:  # a bad value already stored
        seq = raw.execute("SELECT max(seq) FROM audit_entry").fetchone()[0]
        for (name,) in raw.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_entry'"
        ).fetchall():
            raw.execute(f'DROP TRIGGER "{name}"')
        raw.execute("UPDATE audit_entry SET changes = '{\"sealed_rows\": [' WHERE seq = ?", (seq,))
    rows = audit.list_entries(post, actor=login(post))
    (bad,) = [r for r in rows if r.seq == seq]
    assert bad.sealed == 0 and bad.changes == {"?": '{"sealed_rows": ['}


@pytest.mark.parametrize(
    ("record_id", "row_hash", "changes", "expected"),
    [
        (None, "", '{"sealed_rows":{"a":"b","c":7}}', {"a": "b"}),
        (None, "", '{"sealed_rows":[1]}', {}),
        (None, "", '{"sealed_rows":', {}),
        (None, "", '{"surname":["A","B"]}', {}),
        (None, "ab" * 32, '{"sealed_rows":{"a":"b"}}', {}),
        (uuid.uuid4(), "", '{"sealed_rows":{"a":"b"}}', {}),
        (None, "", None, {}),
    ],
)
def test_only_a_batch_seal_reads_as_one(record_id, row_hash, changes, expected):
    assert batch_seals.sealed_rows(record_id, row_hash, changes) == expected


def test_hq_seals_a_posts_new_rows_by_batch_too(hq, post):
    from sync_sites import add_person

    people = [add_person(post, f"KARIMOV{n}") for n in range(3)]
    import_(hq, export(post, HQ))
    sealed = {k for e in _batch_entries(hq) for k in batch_seals.sealed_rows(None, "", e.changes)}
    assert {str(p.id) for p in people} <= sealed
    assert audit.verify_chain(hq, actor=login(hq)).ok


def test_an_entry_seals_at_most_so_many_rows(post, monkeypatch):
    from borderdesk.store import tracking

    monkeypatch.setattr(batch_seals, "ROWS_PER_ENTRY", 3)
    ids = [str(uuid.uuid4()) for _ in range(7)]
    with post.write(actor="admin", replaying=True) as session:
        tracking.append_batch_seal(
            session, actor="admin", site=post.site_code, action="person.sync",
            table_name="person", record_ids=ids, digests=[f"{n:064x}" for n in range(7)],
        )  # fmt: skip
    batches = [e for e in _batch_entries(post) if e.table_name == "person"]
    assert [sorted(batch_seals.sealed_rows(None, "", e.changes)) for e in batches] == [
        sorted(ids[:3]),
        sorted(ids[3:6]),
        ids[6:],
    ]
    # Seals of rows that are not there: verify says so (and not that the chain broke).
    result = audit.verify_chain(post, actor=login(post))
    assert result.broken_seq is None


def test_hq_names_the_sites_editor_of_a_record_it_sealed_by_batch(hq, post):
    """A record new at HQ has no entry of its own there: the last editor a package
    names for it (``by``) is the one the post's chain names, not nobody."""
    from sync_sites import add_person

    from borderdesk.store.tables import Person
    from borderdesk.sync import export as export_module

    person = add_person(post, "KARIMOV")
    with post.write(actor="petrov") as session:
        session.get(Person, person.id).given_names = "BAKHTIYOR"  # version 2
    import_(hq, export(post, HQ))
    with hq.read() as session:
        assert export_module._editors(session, [person.id]) == {str(person.id): "petrov"}
        own = select(AuditEntry).where(AuditEntry.record_id == person.id)
        assert session.execute(own).first() is None  # sealed by its batch
