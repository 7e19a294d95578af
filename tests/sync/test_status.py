"""Status per peer and acknowledgements (pruning: test_pruning.py)."""

from __future__ import annotations

import pytest
from sync_sites import HQ, POST, add_person, export, import_

from borderdesk.domain.clock import utc_now
from borderdesk.sync import packages, status

pytestmark = pytest.mark.usefixtures("row_path")


def statuses(db):
    with db.read() as session:
        me = packages.local_site(session, db.site_code)
        return {s.code: s for s in status.peer_statuses(session, me)}


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
