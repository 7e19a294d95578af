"""Tombstones go once every peer has them and the retention has passed; until then a
peer that has not acknowledged a deletion still receives it."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select
from sync_sites import HQ, POST, POST2, add_person, export, import_, introduce, make_site

from borderdesk.domain.clock import utc_now
from borderdesk.store.tables import ChangeLogEntry, IdentityDocument, Person, WatchlistPerson
from borderdesk.sync import retention

LATER = timedelta(days=retention.tombstone_days() + 1)


def purge(db, *, after: timedelta) -> int:
    with db.write(actor="admin", replaying=True) as session:
        return retention.purge_tombstones(session, now=utc_now() + after)


def log_entries(db, record_id) -> int:
    with db.read() as session:
        stmt = select(func.count()).where(ChangeLogEntry.record_id == record_id)
        return session.execute(stmt).scalar_one()


def delete_person(db, person_id) -> None:
    with db.write(actor="ivanov") as session:
        for document in session.execute(
            select(IdentityDocument).where(IdentityDocument.person_id == person_id)
        ).scalars():
            document.deleted = True
        session.get(Person, person_id).deleted = True


def test_an_acknowledged_tombstone_goes_after_the_retention(hq, post):
    kept = add_person(post, "RAKHIMOV")
    gone = add_person(post, "KARIMOV")
    delete_person(post, gone.id)
    assert purge(post, after=LATER) == 0  # HQ has not acknowledged the deletion yet
    import_(hq, export(post, HQ))
    import_(post, export(hq, POST))  # carries HQ's acknowledgement
    assert purge(post, after=timedelta(0)) == 0  # acknowledged, but deleted just now
    assert purge(post, after=LATER) == 2  # the person and the document
    with post.read() as session:
        assert session.get(Person, gone.id) is None and session.get(Person, kept.id)
    assert log_entries(post, gone.id) == 0 and log_entries(post, kept.id) > 0
    with hq.read() as session:  # HQ keeps the tombstone: the second post may lack it
        assert session.get(Person, gone.id).deleted


def test_a_peer_that_has_not_acknowledged_still_gets_the_deletion(hq, post, tmp_path):
    other = make_site(tmp_path, POST2, "post")
    try:
        introduce(hq, other)
        with hq.write(actor="supervisor") as session:
            entry = WatchlistPerson(surname="DZHURAEV", name_key="dzhuraev", reason="wanted")
            session.add(entry)
        for site in (post, other):
            import_(site, export(hq, site.site_code))
        with hq.write(actor="supervisor") as session:
            session.get(WatchlistPerson, entry.id).deleted = True
        import_(post, export(hq, POST))
        import_(hq, export(post, HQ))  # the first post acknowledges the deletion
        with hq.write(actor="admin", replaying=True) as session:
            retention.prune_payloads(session)
        assert purge(hq, after=LATER) == 0  # the second post has not
        import_(other, export(hq, POST2))
        with other.read() as session:
            assert session.get(WatchlistPerson, entry.id).deleted
        import_(hq, export(other, HQ))
        assert purge(hq, after=LATER) == 1  # now every peer has it
        with hq.read() as session:
            assert session.get(WatchlistPerson, entry.id) is None
    finally:
        other.dispose()


def test_at_a_post_tombstones_written_by_hq_go_after_the_retention(hq, post):
    """The post's only peer is HQ, the author: HQ needs nothing of them from the post."""
    with hq.write(actor="supervisor") as session:
        entry = WatchlistPerson(surname="DZHURAEV", name_key="dzhuraev", reason="wanted")
        session.add(entry)
    import_(post, export(hq, POST))
    with hq.write(actor="supervisor") as session:
        session.get(WatchlistPerson, entry.id).deleted = True
    import_(post, export(hq, POST))
    with post.read() as session:
        assert session.get(WatchlistPerson, entry.id).deleted
    own = add_person(post, "KARIMOV")
    delete_person(post, own.id)  # the post's own: HQ has not acknowledged it
    assert purge(post, after=timedelta(0)) == 0  # within the retention
    assert purge(post, after=LATER) == 1  # HQ's tombstone only
    with post.read() as session:
        assert session.get(WatchlistPerson, entry.id) is None
        assert session.get(Person, own.id).deleted
    assert log_entries(post, entry.id) == 0
    # HQ sends it again until the post acknowledges it: it comes back as a tombstone only
    import_(post, export(hq, POST))
    with post.read() as session:
        assert session.get(WatchlistPerson, entry.id).deleted
    import_(hq, export(post, HQ))  # the acknowledgement
    assert purge(post, after=LATER) == 1
    import_(post, export(hq, POST))  # acknowledged: nothing brings it back
    with post.read() as session:
        assert session.get(WatchlistPerson, entry.id) is None


def test_a_tombstone_a_peer_sent_us_is_one_it_needs_no_more(hq, post, tmp_path):
    """A second post's deletion, passed on by HQ: HQ has it, so the first post may purge."""
    other = make_site(tmp_path, POST2, "post")
    try:
        introduce(hq, other)
        with hq.write(actor="supervisor") as session:
            entry = WatchlistPerson(surname="DZHURAEV", name_key="dzhuraev", reason="wanted")
            session.add(entry)
        import_(other, export(hq, POST2))
        with other.write(actor="petrov") as session:
            session.get(WatchlistPerson, entry.id).deleted = True
        import_(hq, export(other, HQ))
        import_(post, export(hq, POST))
        with post.read() as session:
            assert session.get(WatchlistPerson, entry.id).deleted
        with post.read() as session:
            assert retention.held_by_every_peer(session).get(POST2)  # HQ sent it
        assert purge(post, after=LATER) == 1
    finally:
        other.dispose()
