"""PostgreSQL for the tests that run HQ on it: a fresh database per test on the server of
BORDERDESK_TEST_PG_URL (set by .ci/run, which starts the machine's PostgreSQL), or
postgres@127.0.0.1:5432. Where no server answers the tests skip; in CI one always does."""

from __future__ import annotations

import os
import uuid

import pytest
from sqlalchemy.engine import make_url

DEFAULT_SERVER = "postgresql://postgres@127.0.0.1:5432/postgres"


def _reachable(url: str) -> bool:
    try:
        import psycopg
    except ImportError:
        return False
    try:
        with psycopg.connect(url, connect_timeout=1):
            return True
    except psycopg.Error:
        return False


@pytest.fixture(scope="session")
def pg_server() -> str:
    url = os.environ.get("BORDERDESK_TEST_PG_URL") or DEFAULT_SERVER
    if not _reachable(url):
        pytest.skip(f"no PostgreSQL server at {make_url(url).render_as_string()}")
    return url


@pytest.fixture
def pg_url(pg_server):
    """A new, empty database on the server; dropped after the test."""
    import psycopg

    # Named for the xdist worker too ("gw0", or "main" without xdist): parallel workers,
    # and other people's runs on the same server, never share a database.
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    name = f"borderdesk_test_{worker}_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    # Plain postgresql:// on purpose: BorderDesk must pick the psycopg driver itself.
    yield make_url(pg_server).set(database=name).render_as_string(hide_password=False)
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
