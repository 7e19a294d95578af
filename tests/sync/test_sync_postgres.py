"""Sync with HQ on PostgreSQL: apply, merge and idempotence as on SQLite, and two
importers of the same package at once applying it once. Runs where a server answers
(BORDERDESK_TEST_PG_URL, or postgres@127.0.0.1:5432)."""

from __future__ import annotations

import threading
import time
from contextlib import contextmanager

import pytest
from sqlalchemy import select, text
from sync_sites import HQ, POST, add_person, export, import_, synced_rows

from borderdesk.services.access import audit
from borderdesk.store.database import Database
from borderdesk.store.tables import Person, SyncConflict, WatchlistPerson
from borderdesk.sync.refusals import PackageRefused
from helpers import login


def persons(db) -> list[tuple]:
    with db.read() as session:
        stmt = select(Person.id, Person.surname, Person.hlc, Person.version).order_by(Person.id)
        return [tuple(r) for r in session.execute(stmt)]


def test_apply_and_idempotence_on_postgresql(pg_hq, post_of):
    add_person(post_of, "KARIMOV")
    add_person(post_of, "RAKHIMOV")
    package = export(post_of, HQ)
    first = import_(pg_hq, package)
    assert first.applied >= 4  # two persons, two documents (and the post's site)
    before = synced_rows(pg_hq)
    with pytest.raises(PackageRefused) as again:
        import_(pg_hq, package)
    assert again.value.code == "replayed"
    assert synced_rows(pg_hq) == before
    assert persons(pg_hq) == persons(post_of)
    # And back: HQ's package applies at the post and changes nothing it already has.
    import_(post_of, export(pg_hq, POST))
    assert persons(pg_hq) == persons(post_of)
    # Chains and row seals hold at both sites (imported rows sealed as written, on PG).
    assert first.chain is not None and first.chain.ok, first.chain
    for db in (pg_hq, post_of):
        result = audit.verify_chain(db, actor=login(db))
        assert result.ok, result.message


def test_concurrent_edits_merge_the_same_way_on_postgresql(pg_hq, post_of):
    with pg_hq.write(actor="supervisor") as session:
        entry = WatchlistPerson(surname="DZHURAEV", name_key="dzhuraev", reason="wanted")
        session.add(entry)
    import_(post_of, export(pg_hq, POST))
    import_(pg_hq, export(post_of, HQ))
    with post_of.write(actor="petrov") as session:
        session.get(WatchlistPerson, entry.id).reason = "wanted: theft"
    with pg_hq.write(actor="sidorov") as session:
        session.get(WatchlistPerson, entry.id).reason = "wanted: fraud"
    to_hq, to_post = export(post_of, HQ), export(pg_hq, POST)
    import_(pg_hq, to_hq)
    import_(post_of, to_post)
    for db in (pg_hq, post_of):
        with db.read() as session:
            assert session.get(WatchlistPerson, entry.id).reason == "wanted: fraud"
            (conflict,) = session.execute(select(SyncConflict)).scalars()
            assert (conflict.winner_site, conflict.other_site) == (HQ, POST)


def test_two_importers_of_one_package_apply_it_once(pg_hq, post_of, pg_url):
    for n in range(50):
        add_person(post_of, f"KARIMOV{n}")
    package = export(post_of, HQ)
    second = Database.open(url=pg_url)
    outcomes: list[object] = []
    start = threading.Barrier(2)

    def importer(db: Database) -> None:
        start.wait()
        try:
            outcomes.append(import_(db, package).applied)
        except PackageRefused as refused:
            outcomes.append(refused.code)
        except BaseException as exc:  # pragma: no cover - reported below
            outcomes.append(exc)

    threads = [threading.Thread(target=importer, args=(d,)) for d in (pg_hq, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    second.dispose()
    applied = [o for o in outcomes if isinstance(o, int)]
    assert len(applied) == 1 and applied[0] >= 100, outcomes
    assert [o for o in outcomes if not isinstance(o, int)] == ["replayed"], outcomes
    assert len(persons(pg_hq)) == 50
    assert persons(pg_hq) == persons(post_of)


@contextmanager
def stalled_writer(pg_url, monkeypatch, surname: str):
    """A second HQ client that stamps a watchlist entry, then stalls before committing
    it until the block ends (the commit of a transaction that took its stamp early)."""
    from borderdesk.store import tracking

    late = Database.open(url=pg_url)
    stamped, finish = threading.Event(), threading.Event()
    real_append = tracking.append_audit
    slow: list[threading.Thread] = []

    def stalling_append(session, **kwargs):
        if threading.current_thread() in slow and not stamped.is_set():
            stamped.set()  # the record has its stamp; the commit comes later
            finish.wait(30)
        return real_append(session, **kwargs)

    monkeypatch.setattr(tracking, "append_audit", stalling_append)

    def slow_writer() -> None:
        with late.write(actor="supervisor") as session:
            session.add(WatchlistPerson(surname=surname, name_key=surname.lower(), reason="x"))

    slow.append(threading.Thread(target=slow_writer))
    slow[0].start()
    assert stamped.wait(30)
    try:
        yield
    finally:
        finish.set()
        slow[0].join(30)
        late.dispose()


def test_export_waits_for_a_writer_that_commits_a_lower_stamp_late(
    pg_hq, post_of, pg_url, monkeypatch
):
    """Two HQ clients: the first stamps its change, then stalls before it commits; the
    second stamps later and commits first. An export in between must not move the
    watermark past the first one's stamp (its change would never be sent): it waits."""
    exported: list[bytes] = []
    exporter = threading.Thread(target=lambda: exported.append(export(pg_hq, POST)))
    with stalled_writer(pg_url, monkeypatch, "RANNIY"):
        time.sleep(0.05)  # a later millisecond: a higher stamp
        with pg_hq.write(actor="supervisor") as session:
            session.add(WatchlistPerson(surname="POZDNIY", name_key="pozdniy", reason="x"))
        exporter.start()
        waited = waiting_for_the_barrier(pg_hq, 1)
    exporter.join(30)
    with pg_hq.read() as session:
        stamps = dict(session.execute(select(WatchlistPerson.surname, WatchlistPerson.hlc)).all())
    assert stamps["RANNIY"] < stamps["POZDNIY"]  # committed out of stamp order
    import_(post_of, exported[0])
    import_(pg_hq, export(post_of, HQ))  # the post acknowledges what it got
    import_(post_of, export(pg_hq, POST))
    with post_of.read() as session:
        names = sorted(session.execute(select(WatchlistPerson.surname)).scalars())
    assert names == ["POZDNIY", "RANNIY"]
    assert waited  # the export waited for the writer in flight


def waiting_for_the_barrier(db: Database, count: int) -> bool:
    """Whether ``count`` sessions wait for the writers' lock (within 30 s)."""
    stmt = text("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")
    for _n in range(300):
        with db.read() as session:
            if session.execute(stmt).scalar_one() >= count:
                return True
        time.sleep(0.1)
    return False


def test_two_exports_waiting_for_a_writer_do_not_deadlock(pg_hq, post_of, pg_url, monkeypatch):
    """Both exports begin their transactions before either asks for the barrier."""
    from borderdesk.store import write_barrier
    from borderdesk.sync import export as export_module

    second = Database.open(url=pg_url)
    outcomes: list[object] = []
    both_begun = threading.Barrier(2)
    real_safe_point = write_barrier.safe_point

    def safe_point_after_both(session):
        both_begun.wait(30)
        return real_safe_point(session)

    monkeypatch.setattr(export_module.write_barrier, "safe_point", safe_point_after_both)

    def exporter(db: Database) -> None:
        try:
            outcomes.append(len(export(db, POST)))
        except BaseException as exc:  # pragma: no cover - reported below
            outcomes.append(exc)

    threads = [threading.Thread(target=exporter, args=(d,)) for d in (pg_hq, second)]
    with stalled_writer(pg_url, monkeypatch, "RANNIY"):
        for thread in threads:
            thread.start()
        assert waiting_for_the_barrier(pg_hq, 2)
    for thread in threads:
        thread.join(30)
    second.dispose()
    assert len(outcomes) == 2 and all(isinstance(o, int) for o in outcomes), outcomes
