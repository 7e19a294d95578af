"""Concurrent edits: the same winner everywhere, the other version queued, and a
supervisor's resolution travelling like any edit."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sync_sites import HQ, POST, export, import_, synced_rows

from borderdesk.store.tables import SyncConflict, WatchlistPerson
from borderdesk.sync import conflicts

pytestmark = pytest.mark.usefixtures("row_path")


def shared_entry(hq, post) -> WatchlistPerson:
    with hq.write(actor="supervisor") as session:
        entry = WatchlistPerson(surname="DZHURAEV", name_key="dzhuraev", reason="wanted")
        session.add(entry)
    import_(post, export(hq, POST))
    import_(hq, export(post, HQ))
    return entry


def edit(db, entry_id, actor: str, reason: str) -> None:
    with db.write(actor=actor) as session:
        session.get(WatchlistPerson, entry_id).reason = reason


def exchange(hq, post) -> None:
    to_hq, to_post = export(post, HQ), export(hq, POST)
    import_(hq, to_hq)
    import_(post, to_post)


def open_conflicts(db) -> list[SyncConflict]:
    with db.read() as session:
        stmt = select(SyncConflict).where(
            SyncConflict.status == "open", SyncConflict.kind == "concurrent"
        )
        return list(session.execute(stmt).scalars())


def test_concurrent_edits_converge_and_the_other_version_is_queued(hq, post):
    entry = shared_entry(hq, post)
    edit(post, entry.id, "petrov", "wanted: theft")
    edit(hq, entry.id, "sidorov", "wanted: fraud")  # later stamp: wins
    exchange(hq, post)
    assert synced_rows(hq, tables={"watchlist_person"}) == synced_rows(
        post, tables={"watchlist_person"}
    )
    with post.read() as session:
        assert session.get(WatchlistPerson, entry.id).reason == "wanted: fraud"
    for db in (hq, post):
        (conflict,) = open_conflicts(db)
        assert (conflict.winner_site, conflict.other_site) == (HQ, POST)
        assert '"wanted: theft"' in conflict.other_row
    (at_hq,) = open_conflicts(hq)
    assert (at_hq.winner_user, at_hq.other_user) == ("sidorov", "petrov")


def test_taking_the_other_version_is_an_edit_that_syncs(hq, post):
    entry = shared_entry(hq, post)
    edit(post, entry.id, "petrov", "wanted: theft")
    edit(hq, entry.id, "sidorov", "wanted: fraud")
    exchange(hq, post)
    (conflict,) = open_conflicts(hq)
    with hq.write(actor="supervisor") as session:
        conflicts.resolve(
            session, session.get(SyncConflict, conflict.id), keep="other", actor="supervisor"
        )
    exchange(hq, post)
    for db in (hq, post):
        with db.read() as session:
            assert session.get(WatchlistPerson, entry.id).reason == "wanted: theft"
    assert synced_rows(hq, tables={"watchlist_person"}) == synced_rows(
        post, tables={"watchlist_person"}
    )
    assert open_conflicts(hq) == []


def test_an_edit_made_on_top_of_the_other_sites_is_no_conflict(hq, post):
    entry = shared_entry(hq, post)
    edit(hq, entry.id, "sidorov", "wanted: fraud")
    import_(post, export(hq, POST))
    edit(post, entry.id, "petrov", "wanted: fraud, armed")
    exchange(hq, post)
    assert open_conflicts(hq) == [] and open_conflicts(post) == []
    with hq.read() as session:
        assert session.get(WatchlistPerson, entry.id).reason == "wanted: fraud, armed"


def test_conflicts_list_shows_both_versions_differences(hq, post):
    entry = shared_entry(hq, post)
    edit(post, entry.id, "petrov", "A")
    edit(hq, entry.id, "sidorov", "B")
    exchange(hq, post)
    with hq.read() as session:
        (row,) = [c for c in conflicts.list_conflicts(session) if c.kind == "concurrent"]
    assert row.differences == {"reason": ["B", "A"]}


@pytest.mark.parametrize("keep", ["winner", "other"])
def test_a_resolution_closes_the_conflict_at_the_other_site_too(hq, post, keep):
    entry = shared_entry(hq, post)
    edit(post, entry.id, "petrov", "wanted: theft")
    edit(hq, entry.id, "sidorov", "wanted: fraud")
    exchange(hq, post)
    assert len(open_conflicts(post)) == 1
    (conflict,) = open_conflicts(hq)
    with hq.write(actor="supervisor") as session:
        conflicts.resolve(
            session, session.get(SyncConflict, conflict.id), keep=keep, actor="supervisor"
        )
    import_(post, export(hq, POST))
    assert open_conflicts(post) == []
    with post.read() as session:
        stmt = select(SyncConflict).where(SyncConflict.kind == "concurrent")
        (closed,) = session.execute(stmt).scalars()
        assert (closed.status, closed.resolved_by) == (conflicts.RESOLVED_ELSEWHERE, HQ)
        kept = "wanted: theft" if keep == "other" else "wanted: fraud"
        assert session.get(WatchlistPerson, entry.id).reason == kept
    exchange(hq, post)  # the next round brings no new conflict either way
    assert open_conflicts(hq) == [] and open_conflicts(post) == []
    assert synced_rows(hq, tables={"watchlist_person"}) == synced_rows(
        post, tables={"watchlist_person"}
    )


def test_a_later_edit_without_a_resolution_leaves_the_conflict_open(hq, post):
    entry = shared_entry(hq, post)
    edit(post, entry.id, "petrov", "wanted: theft")
    edit(hq, entry.id, "sidorov", "wanted: fraud")
    exchange(hq, post)
    edit(hq, entry.id, "sidorov", "wanted: fraud, armed")
    import_(post, export(hq, POST))
    assert len(open_conflicts(post)) == 1
