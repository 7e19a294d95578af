"""HQ on PostgreSQL: payloads go by the same rule as on SQLite, and a package carrying a
stored date that is not a date is refused with nothing applied."""

from __future__ import annotations

import sqlite3
from contextlib import closing

import pytest
from sqlalchemy import func, select
from sync_sites import (
    HQ,
    POST,
    add_person,
    export,
    import_,
    introduce,
    kept_by_an_older_program,
    make_site,
    synced_rows,
)

from borderdesk.services.sync.pruning import prune_log
from borderdesk.store.tables import ChangeLogEntry, Person, WatchlistPerson
from borderdesk.sync import retention, unreadable_dates
from borderdesk.sync.refusals import PackageRefused
from helpers import login


def kept_payloads(db, table: str) -> int:
    with db.read() as session:
        stmt = select(func.count()).where(
            ChangeLogEntry.table_name == table, ChangeLogEntry.payload != ""
        )
        return session.execute(stmt).scalar_one()


def test_hq_on_postgresql_prunes_what_every_peer_holds(pg_hq, post_of, tmp_path):
    with pg_hq.write(actor="supervisor") as session:
        session.add(WatchlistPerson(surname="DZHURAEV", name_key="dzhuraev", reason="wanted"))
    kept_by_an_older_program(pg_hq)
    import_(post_of, export(pg_hq, POST))
    import_(pg_hq, export(post_of, HQ))
    newcomer = make_site(tmp_path, "POST-11", "post")
    try:
        result = prune_log(pg_hq, actor=login(pg_hq), compact=True)  # VACUUM on the server
        assert result.pruned > 0 and result.compacted and result.bytes_before is None
        with pg_hq.write(actor="admin", replaying=True) as session:
            assert retention.prune_payloads(session) == 0  # nothing left to free
        assert kept_payloads(pg_hq, "watchlist_person") == 0
        introduce(pg_hq, newcomer)  # after the pruning: still a full first package
        import_(newcomer, export(pg_hq, "POST-11"))
        tables = {"watchlist_person"}
        assert synced_rows(newcomer, tables=tables) == synced_rows(pg_hq, tables=tables)
    finally:
        newcomer.dispose()


def test_hq_on_postgresql_refuses_a_date_that_is_not_one(pg_hq, post_of, monkeypatch):
    person = add_person(post_of, "KARIMOV")
    with closing(sqlite3.connect(post_of.path)) as con, con:
        con.execute("update identity_document set expiry_date = 'yesterday'")
    monkeypatch.setattr(unreadable_dates, "check_export", lambda records, recipient: None)
    with pytest.raises(PackageRefused) as refused:
        import_(pg_hq, export(post_of, HQ))
    assert refused.value.code == "unreadable_date"
    with pg_hq.read() as session:
        assert session.get(Person, person.id) is None
