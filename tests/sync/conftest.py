"""Fixtures: an HQ and a post, each a fresh database, that know each other as peers."""

from __future__ import annotations

import pytest

from borderdesk.domain.clock import utc_now
from borderdesk.store.database import Database
from borderdesk.sync import packages, peers
from helpers import make_database, use_fast_password_hashing

HQ = "HQ-ORB"
POST = "POST-07"
POST2 = "POST-09"


@pytest.fixture(autouse=True)
def _fast_password_hashing(monkeypatch):
    use_fast_password_hashing(monkeypatch)


def make_site(tmp_path, code: str, kind: str) -> Database:
    return make_database(tmp_path, f"{code}.sqlite3", site_code=code, kind=kind)


def identity(db: Database) -> dict:
    with db.read() as session:
        return peers.identity_of(session, db.site_code or "")


def introduce(a: Database, b: Database) -> None:
    """Each administrator adds the other's identity file."""
    ida, idb = identity(a), identity(b)
    with a.write(actor="admin") as session:
        peers.add_peer(session, idb, me=a.site_code or "", now=utc_now())
    with b.write(actor="admin") as session:
        peers.add_peer(session, ida, me=b.site_code or "", now=utc_now())


def export(db: Database, to: str) -> bytes:
    with db.write(actor="admin") as session:
        return packages.make_package(session, me=db.site_code or "", to=to, now=utc_now()).data


def import_(db: Database, data: bytes) -> packages.ImportReport:
    with db.write(actor="admin", replaying=True) as session:
        return packages.import_package(session, data, me=db.site_code or "", now=utc_now())


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
