"""The change log keeps no copy of a row (nothing reads one: packages are built from the
rows). The copies an older BorderDesk kept (its payloads) go once no peer needs the
change (one rule with the tombstones: ``retention.held_by_every_peer``); a peer that
lags, or one added after the pruning, still gets every record in full."""

from __future__ import annotations

import json
import os
import subprocess
import sys

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
    kept_by_an_older_program,
    make_site,
    synced_rows,
)

from borderdesk.services.access.permissions import issue_actor
from borderdesk.services.sync import import_package
from borderdesk.store.tables import ChangeLogEntry, SyncPeer, WatchlistPerson
from borderdesk.store.tables.users import Role
from borderdesk.sync import retention
from helpers import ADMIN_PASSWORD, ADMIN_USER

pytestmark = pytest.mark.usefixtures("row_path")
POST3 = "POST-11"


def let_go(db) -> int:
    with db.write(actor="admin", replaying=True) as session:
        return retention.prune_payloads(session)


def payloads(db, table: str | None = None) -> int:
    """Change-log entries that still carry their payload (of ``table``)."""
    with db.read() as session:
        stmt = select(func.count()).where(ChangeLogEntry.payload != "")
        if table is not None:
            stmt = stmt.where(ChangeLogEntry.table_name == table)
        return session.execute(stmt).scalar_one()


def list_person(db, surname: str) -> WatchlistPerson:
    with db.write(actor="supervisor") as session:
        entry = WatchlistPerson(surname=surname, name_key=surname.lower(), reason="wanted")
        session.add(entry)
    return entry


def watchlist(db) -> list[tuple]:
    return synced_rows(db, tables={"watchlist_person"})["watchlist_person"]


def test_a_write_keeps_no_copy_of_its_row(hq, post):
    add_person(post, "KARIMOV")
    import_(hq, export(post, HQ))
    assert payloads(post) == payloads(hq) == 0
    with post.read() as session:  # the entries themselves are there
        stmt = select(func.count()).where(ChangeLogEntry.table_name == "person")
        assert session.execute(stmt).scalar_one() == 1


def test_payloads_go_only_once_every_peer_has_acknowledged(hq, post):
    add_person(post, "KARIMOV")
    kept_by_an_older_program(post)
    assert let_go(post) == 0  # HQ has not acknowledged it
    import_(hq, export(post, HQ))
    assert let_go(post) == 0  # HQ has it, but the post does not know yet
    import_(post, export(hq, POST))  # carries HQ's acknowledgement
    full = payloads(post)
    assert let_go(post) > 0
    assert payloads(post) < full
    assert payloads(post, "person") == payloads(post, "identity_document") == 0
    # The entries stay: they name the records and keep the stamps conflicts are judged by.
    with post.read() as session:
        stmt = select(func.count()).where(ChangeLogEntry.table_name == "person")
        assert session.execute(stmt).scalar_one() == 1


def test_a_lagging_site_still_gets_everything_after_hq_prunes(hq, post, tmp_path):
    """Three sites: HQ prunes what both posts hold, keeps what the lagging one lacks, and
    the lagging post's next package brings every record as HQ holds it."""
    lagging = make_site(tmp_path, POST2, "post")
    try:
        introduce(hq, lagging)
        first = list_person(hq, "DZHURAEV")
        for site in (post, lagging):  # both posts get the first entry and acknowledge it
            import_(site, export(hq, site.site_code))
            import_(hq, export(site, HQ))
        second = list_person(hq, "TOKHIROV")
        with hq.write(actor="supervisor") as session:
            session.get(WatchlistPerson, first.id).reason = "wanted: fraud"
        import_(post, export(hq, POST))
        import_(hq, export(post, HQ))  # the first post has both; the second lags behind
        kept_by_an_older_program(hq)
        assert payloads(hq, "watchlist_person") == 3
        assert let_go(hq) > 0
        # Only the first entry's insert, which both posts hold, lost its payload.
        with hq.read() as session:
            kept = session.execute(
                select(ChangeLogEntry.record_id).where(
                    ChangeLogEntry.table_name == "watchlist_person", ChangeLogEntry.payload != ""
                )
            ).scalars()
            assert sorted(kept) == sorted([first.id, second.id])
        import_(lagging, export(hq, POST2))
        assert watchlist(lagging) == watchlist(hq)
        with lagging.read() as session:
            assert session.get(WatchlistPerson, first.id).reason == "wanted: fraud"
        import_(hq, export(lagging, HQ))  # now every peer holds everything
        let_go(hq)
        assert payloads(hq, "watchlist_person") == 0
    finally:
        lagging.dispose()


def test_a_peer_added_after_pruning_gets_a_full_snapshot(hq, post, tmp_path):
    """Decided: the log's entries stay, so a new peer's first package carries every record
    routed to it, however long ago its payload went."""
    list_person(hq, "DZHURAEV")
    list_person(hq, "TOKHIROV")
    kept_by_an_older_program(hq)
    import_(post, export(hq, POST))
    import_(hq, export(post, HQ))
    assert let_go(hq) > 0
    assert payloads(hq, "watchlist_person") == 0
    newcomer = make_site(tmp_path, POST3, "post")
    try:
        introduce(hq, newcomer)
        import_(newcomer, export(hq, POST3))
        assert len(watchlist(newcomer)) == 2
        assert watchlist(newcomer) == watchlist(hq)
    finally:
        newcomer.dispose()


def test_packages_never_read_the_payloads(hq, post):
    """Even a payload that is not the row (an older program's, damaged): the next
    package is the same rows."""
    add_person(post, "KARIMOV")
    kept_by_an_older_program(post)
    import_(hq, export(post, HQ))
    tables = {"person", "identity_document"}
    assert synced_rows(hq, tables=tables) == synced_rows(post, tables=tables)


def test_a_damaged_acknowledgement_frees_nothing(hq, post):
    add_person(post, "KARIMOV")
    kept_by_an_older_program(post)
    import_(hq, export(post, HQ))
    with post.write(actor="admin", replaying=True) as session:
        peer = session.get(SyncPeer, HQ)
        peer.acked_upto = "{not json"
    assert let_go(post) == 0


def test_an_import_that_acknowledges_prunes(hq, post):
    add_person(post, "KARIMOV")
    kept_by_an_older_program(post)
    import_(hq, export(post, HQ))
    path = post.path.with_name("from-hq.bdsync")
    path.write_bytes(export(hq, POST))
    actor = issue_actor("admin", Role.admin, POST)
    result = import_package(post, actor=actor, path=path)
    assert result.pruned > 0 and payloads(post, "person") == 0


def test_sync_prune_from_the_command_line(hq, post):
    """A fresh process: ``sync prune --compact --json`` frees and shrinks; text in Russian."""
    for n in range(40):
        add_person(post, f"KARIMOV{n}")
    import_(hq, export(post, HQ))
    import_(post, export(hq, POST))  # HQ's acknowledgement (this helper prunes nothing)
    kept_by_an_older_program(post)
    assert payloads(post, "person") == 40
    post.dispose()
    env = {
        **os.environ,
        "BORDERDESK_DB": str(post.path),
        "BORDERDESK_USER": ADMIN_USER,
        "BORDERDESK_PASSWORD": ADMIN_PASSWORD,
        "BORDERDESK_LANG": "en",
    }
    done = subprocess.run(
        [sys.executable, "-m", "borderdesk", "sync", "prune", "--compact", "--json"],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    result = json.loads(done.stdout)
    assert result["pruned"] > 80 and result["compacted"] is True
    assert result["bytes_after"] < result["bytes_before"]
    assert payloads(post, "person") == payloads(post, "identity_document") == 0
    again = subprocess.run(
        [sys.executable, "-m", "borderdesk", "sync", "prune"],
        capture_output=True, text=True, env={**env, "BORDERDESK_LANG": "ru"}, timeout=120,
    )  # fmt: skip
    assert again.returncode == 0, again.stderr
    assert "журнале изменений" in again.stdout and ": 0" in again.stdout
    assert len(again.stdout.strip().splitlines()) == 1
    helped = subprocess.run(
        [sys.executable, "-m", "borderdesk", "sync", "prune", "--help"],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    assert "--compact" in helped.stdout and "tombstones" in helped.stdout
