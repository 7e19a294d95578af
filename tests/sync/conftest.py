"""Fixtures: an HQ and a post, each a fresh database, that know each other as peers."""

from __future__ import annotations

import pytest
from sync_sites import HQ, POST, introduce, make_site

from helpers import make_database, use_fast_password_hashing


@pytest.fixture(autouse=True)
def _fast_password_hashing(monkeypatch):
    use_fast_password_hashing(monkeypatch)


@pytest.fixture
def hq(tmp_path):
    database = make_site(tmp_path, HQ, "hq")
    yield database
    database.dispose()


@pytest.fixture
def post(tmp_path, hq):
    database = make_site(tmp_path, POST, "post")
    introduce(hq, database)
    yield database
    database.dispose()


@pytest.fixture
def english():
    """For tests that read a message's words (the default language is Russian)."""
    from borderdesk import i18n

    i18n.set_language("en")


@pytest.fixture(params=["stored", "typed"])
def row_path(request, monkeypatch):
    """Run a test on SQLite's stored-form bulk path and on the typed path other
    databases (PostgreSQL at HQ) take."""
    if request.param == "typed":
        from borderdesk.sync import storage

        monkeypatch.setattr(storage, "uses_storage_form", lambda session: False)
    return request.param


# HQ on PostgreSQL and a SQLite post that trust each other (the *_postgres modules).
@pytest.fixture
def pg_hq(pg_url, tmp_path):
    db = make_database(tmp_path, url=pg_url, site_code=HQ, kind="hq")
    yield db
    db.dispose()


@pytest.fixture
def post_of(pg_hq, tmp_path):
    db = make_site(tmp_path, POST, "post")
    introduce(pg_hq, db)
    yield db
    db.dispose()
