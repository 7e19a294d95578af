"""Status per peer, acknowledgements, and pruning what every peer has acknowledged."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sync_sites import HQ, POST, POST2, add_person, export, import_, introduce, make_site

from borderdesk.domain.clock import utc_now
from borderdesk.store.tables import ChangeLogEntry
from borderdesk.sync import packages, status

pytestmark = pytest.mark.usefixtures("row_path")


def statuses(db):
    with db.read() as session:
        me = packages.local_site(session, db.site_code)
        return {s.code: s for s in status.peer_statuses(session, me)}


def payloads(db) -> int:
    with db.read() as session:
        stmt = select(func.count()).where(ChangeLogEntry.payload != "")
        return session.execute(stmt).scalar_one()


def test_status_shows_sent_acknowledged_and_the_oldest_waiting_change(hq, post):
    initial = statuses(post)[HQ]  # the post's own site and administrator records
    add_person(post, "KARIMOV")
    waiting = statuses(post)[HQ]
    assert waiting.unacknowledged == initial.unacknowledged + 2
    assert waiting.oldest_unacknowledged == initial.oldest_unacknowledged <= utc_now()
    assert waiting.sent_number == 0
    import_(hq, export(post, HQ))
    sent = statuses(post)[HQ]
    assert (sent.sent_number, sent.acked_number) == (1, 0)
    assert sent.unacknowledged == waiting.unacknowledged  # sent, not yet acknowledged
    import_(post, export(hq, POST))
    acked = statuses(post)[HQ]
    assert (acked.acked_number, acked.unacknowledged, acked.oldest_unacknowledged) == (1, 0, None)
    assert statuses(hq)[POST].received_number == 1


def test_payloads_are_pruned_only_once_every_peer_has_acknowledged(hq, post, tmp_path):
    add_person(post, "KARIMOV")
    with post.write(actor="admin") as session:
        assert status.prune_acknowledged(session) == 0
    import_(hq, export(post, HQ))
    import_(post, export(hq, POST))
    full = payloads(post)
    with post.write(actor="admin") as session:
        assert status.prune_acknowledged(session) > 0
    assert payloads(post) < full
    # HQ keeps its own payloads until the second post acknowledges them too.
    other = make_site(tmp_path, POST2, "post")
    try:
        introduce(hq, other)
        from borderdesk.store.tables import WatchlistPerson

        with hq.write(actor="supervisor") as session:
            session.add(WatchlistPerson(surname="X", name_key="x", reason="wanted"))
        import_(post, export(hq, POST))
        import_(hq, export(post, HQ))
        with hq.write(actor="admin") as session:
            status.prune_acknowledged(session)
        with hq.read() as session:
            stmt = select(func.count()).where(
                ChangeLogEntry.table_name == "watchlist_person", ChangeLogEntry.payload != ""
            )
            assert session.execute(stmt).scalar_one() == 1
        # A peer added later still gets everything: packages are built from the rows.
        import_(other, export(hq, POST2))
        with other.read() as session:
            assert session.execute(select(WatchlistPerson.surname)).scalars().all() == ["X"]
    finally:
        other.dispose()


def test_import_reports_progress_in_batches(hq, post, monkeypatch):
    from borderdesk.sync import apply

    monkeypatch.setattr(apply, "BATCH", 3)
    for n in range(4):
        add_person(post, f"P{n}")
    seen: list[tuple[int, int]] = []
    with hq.write(actor="admin", replaying=True) as session:
        packages.import_package(
            session,
            export(post, HQ),
            me=HQ,
            now=utc_now(),
            progress=lambda done, total: seen.append((done, total)),
        )
    total = seen[-1][1]
    assert seen[-1][0] == total and len(seen) > 2
    assert [d for d, _t in seen] == sorted(d for d, _t in seen)
