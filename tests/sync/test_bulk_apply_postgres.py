"""The bulk merge with HQ on PostgreSQL (COPY): the same database as the per-row merge,
every synced table row by row, the change log, seals, chains and name index. Runs where
a server answers (BORDERDESK_TEST_PG_URL, or postgres@127.0.0.1:5432)."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.engine import make_url
from sync_sites import HQ, export, import_
from test_bulk_apply import count_bulk, fill_post, per_row, state

from borderdesk.services.access import audit
from borderdesk.store.database import Database
from borderdesk.store.tables import Person
from borderdesk.sync import fast_apply
from helpers import login


@pytest.fixture
def pg_twin(pg_hq, post_of, pg_url, pg_server):
    """A second HQ database, a copy of ``pg_hq`` as it is now."""
    import psycopg

    source = make_url(pg_url).database
    name = f"{source}_twin"
    pg_hq.dispose()
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{source}"')
    db = Database.open(url=make_url(pg_url).set(database=name).render_as_string(False))
    yield db
    db.dispose()
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_bulk_and_per_row_merges_give_the_same_database(pg_hq, post_of, pg_twin, monkeypatch):
    monkeypatch.setattr(fast_apply, "BATCH", 4)
    fill_post(post_of)
    first = export(post_of, HQ)
    written = count_bulk(monkeypatch)
    bulk_report = import_(pg_hq, first)
    assert len(written) >= 4  # persons and documents, in batches of 4, by COPY
    with monkeypatch.context() as patch:
        per_row(patch)
        assert import_(pg_twin, first) == bulk_report
    assert state(pg_hq) == state(pg_twin)
    with post_of.write(actor="ivanov") as session:
        for person in session.execute(select(Person).where(Person.surname == "KARIMOV")):
            person[0].given_names = "BAKHTIYOR"
    fill_post(post_of, count=9, prefix="ALIEV")
    second = export(post_of, HQ)
    import_(pg_hq, second)
    with monkeypatch.context() as patch:
        per_row(patch)
        import_(pg_twin, second)
    assert state(pg_hq) == state(pg_twin)
    for db in (pg_hq, pg_twin):
        result = audit.verify_chain(db, actor=login(db))
        assert result.ok, result.message


def test_bulk_writes_by_copy_keep_every_text_and_null(pg_hq):
    from borderdesk.store import bulk

    texts = ["A\tB", "\\N", "line\nbreak\r", "back\\slash", "", "ÖKTAM Әлия"]
    rows = [
        {"surname": f"S{n}", "name_key": f"s{n}", "nationality": "UZB", "given_names": t,
         "birth_year": None if n % 2 else 1980}
        for n, t in enumerate(texts)
    ]  # fmt: skip
    with pg_hq.write(actor="admin") as session:
        bulk.insert_records(session, Person, rows)
    with pg_hq.read() as session:
        stored = session.execute(
            select(Person.surname, Person.given_names, Person.birth_year).where(
                Person.surname.like("S%")
            )
        ).all()
    assert sorted(stored) == sorted((r["surname"], r["given_names"], r["birth_year"]) for r in rows)
    result = audit.verify_chain(pg_hq, actor=login(pg_hq))
    assert result.ok, result.message


def test_a_post_on_postgresql_sends_its_rows_and_audit_entries(pg_url, tmp_path):
    """Export on PostgreSQL (the driver's cursor, column by column): the rows and the
    post's audit entries (digests as hex) reach a SQLite HQ, whose copy of the post's
    chain verifies against its signed head."""
    from sync_sites import POST, introduce, make_site, synced_rows

    from helpers import make_database

    post = make_database(tmp_path, url=pg_url, site_code=POST, kind="post")
    hq = make_site(tmp_path, HQ, "hq")
    try:
        introduce(hq, post)
        fill_post(post)
        report = import_(hq, export(post, HQ))
        assert report.audit_entries > 10 and report.chain is not None and report.chain.ok
        tables = {"person", "identity_document"}
        assert synced_rows(hq, tables=tables) == synced_rows(post, tables=tables)
        result = audit.verify_chain(hq, actor=login(hq))
        assert result.ok, result.message
    finally:
        post.dispose()
        hq.dispose()
