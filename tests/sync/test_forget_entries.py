"""The change log lets go of an entry its record's row says all of, once every peer has
it (``retention.forget_entries``), and nothing a peer needs goes with it: a peer added
later still gets every record, and the stamps a record had stay in its history (the
log's keep-stamp triggers), so an edit after the letting go is no conflict anywhere."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sync_sites import (
    HQ,
    POST,
    POST2,
    add_person,
    export,
    import_,
    introduce,
    make_site,
    synced_rows,
)

from borderdesk.domain.clock import utc_now
from borderdesk.store.tables import ChangeLogEntry, Person, WatchlistPerson
from borderdesk.sync import retention

pytestmark = pytest.mark.usefixtures("row_path")


def let_go(db) -> int:
    """What an import lets go of; how many entries went."""
    with db.write(actor="admin", replaying=True) as session:
        retention.prune_payloads(session)
        retention.purge_tombstones(session, now=utc_now())
        return retention.forget_entries(session)


def entries(db, record_id) -> list[str]:
    with db.read() as session:
        stmt = select(ChangeLogEntry.hlc).where(ChangeLogEntry.record_id == record_id)
        return sorted(session.execute(stmt).scalars())


def log_size(db) -> int:
    with db.read() as session:
        return session.execute(select(func.count()).select_from(ChangeLogEntry)).scalar_one()


def both_ways(hq, post) -> None:
    import_(hq, export(post, HQ))
    import_(post, export(hq, POST))  # carries HQ's acknowledgement


def test_entries_go_only_once_every_peer_holds_them(hq, post):
    first, second = add_person(post, "KARIMOV"), add_person(post, "RAKHIMOV")
    let_go(post)  # HQ has nothing yet (the post forgets HQ's site row: HQ wrote it)
    assert entries(post, first.id)
    import_(hq, export(post, HQ))
    let_go(post)  # HQ has them, but the post does not know yet
    assert entries(post, first.id)
    import_(post, export(hq, POST))  # carries HQ's acknowledgement
    before = log_size(post)
    assert let_go(post) > 0
    assert entries(post, first.id) == entries(post, second.id) == []
    assert log_size(post) < before
    with post.read() as session:  # the rows stay, with their stamps
        assert session.get(Person, first.id).hlc and session.get(Person, second.id).hlc


def test_a_lone_site_forgets_nothing(tmp_path):
    lone = make_site(tmp_path, POST2, "post")
    try:
        add_person(lone, "KARIMOV")
        before = log_size(lone)
        assert let_go(lone) == 0 and log_size(lone) == before
    finally:
        lone.dispose()


def test_an_edit_after_forgetting_keeps_the_old_stamp_and_is_no_conflict(hq, post):
    person = add_person(post, "KARIMOV")
    both_ways(hq, post)
    let_go(post)
    assert entries(post, person.id) == []
    with post.read() as session:
        old = session.get(Person, person.id).hlc
    with post.write(actor="ivanov") as session:
        session.get(Person, person.id).birth_place = "TASHKENT"
    with post.read() as session:
        new = session.get(Person, person.id).hlc
    assert entries(post, person.id) == sorted([old, new])  # the trigger wrote the old back
    # HQ forgot its entry of the person too (the post wrote it: it needs nothing back).
    let_go(hq)
    report = import_(hq, export(post, HQ))
    assert report.conflicts == 0
    with hq.read() as session:
        assert session.get(Person, person.id).birth_place == "TASHKENT"
    assert old in entries(hq, person.id)  # the stamp HQ's row left is in its history


def test_an_imported_edit_after_forgetting_is_no_conflict_at_the_next_site(hq, post, tmp_path):
    """HQ relays: an entry both posts hold is forgotten at HQ and at the posts; an edit at
    HQ then reaches both posts as an update, not as a conflict."""
    other = make_site(tmp_path, POST2, "post")
    try:
        introduce(hq, other)
        with hq.write(actor="supervisor") as session:
            entry = WatchlistPerson(surname="DZHURAEV", name_key="dzhuraev", reason="wanted")
            session.add(entry)
        with hq.write(actor="supervisor") as session:  # the log's newest entry stays
            session.add(WatchlistPerson(surname="TOKHIROV", name_key="tokhirov", reason="wanted"))
        for site in (post, other):
            import_(site, export(hq, site.site_code))
            import_(hq, export(site, HQ))
        for site in (hq, post, other):
            let_go(site)
        assert entries(hq, entry.id) == []  # both posts hold it
        with hq.write(actor="supervisor") as session:
            session.get(WatchlistPerson, entry.id).reason = "wanted: fraud"
        for site in (post, other):
            report = import_(site, export(hq, site.site_code))
            assert report.conflicts == 0
            with site.read() as session:
                assert session.get(WatchlistPerson, entry.id).reason == "wanted: fraud"
    finally:
        other.dispose()


def test_a_peer_added_after_forgetting_gets_everything(hq, post, tmp_path):
    add_person(post, "KARIMOV")
    add_person(post, "RAKHIMOV")
    both_ways(hq, post)
    let_go(post)
    forgotten = log_size(post)
    newcomer = make_site(tmp_path, "HQ-NEW", "hq")
    try:
        introduce(post, newcomer)  # the post writes its rows' entries back first
        assert log_size(post) > forgotten
        import_(newcomer, export(post, "HQ-NEW"))
        tables = {"person", "identity_document"}
        assert synced_rows(newcomer, tables=tables) == synced_rows(post, tables=tables)
        assert len(synced_rows(newcomer, tables=tables)["person"]) == 2
        # HQ still holds everything: nothing it has comes again, nothing went.
        report = import_(hq, export(post, HQ))
        assert report.applied == 0
    finally:
        newcomer.dispose()


def test_forgetting_keeping_and_restoring_on_postgresql(pg_hq, post_of, tmp_path):
    """HQ on PostgreSQL: it forgets what both sides hold, its trigger keeps the stamp an
    edit leaves, and a site added later gets every record."""
    hq, post = pg_hq, post_of
    with hq.write(actor="supervisor") as session:
        first = WatchlistPerson(surname="DZHURAEV", name_key="dzhuraev", reason="wanted")
        session.add(first)
    with hq.write(actor="supervisor") as session:
        session.add(WatchlistPerson(surname="TOKHIROV", name_key="tokhirov", reason="wanted"))
    import_(post, export(hq, POST))
    import_(hq, export(post, HQ))
    assert let_go(hq) > 0
    assert entries(hq, first.id) == []
    with hq.read() as session:
        old = session.get(WatchlistPerson, first.id).hlc
    with hq.write(actor="supervisor") as session:
        session.get(WatchlistPerson, first.id).reason = "wanted: fraud"
    assert old in entries(hq, first.id)
    assert import_(post, export(hq, POST)).conflicts == 0
    newcomer = make_site(tmp_path, POST2, "post")
    try:
        introduce(hq, newcomer)
        import_(newcomer, export(hq, POST2))
        tables = {"watchlist_person"}
        assert synced_rows(newcomer, tables=tables) == synced_rows(hq, tables=tables)
    finally:
        newcomer.dispose()
