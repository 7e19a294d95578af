"""Database fixtures for every layer's tests: a fresh, initialised database per test, its admin."""

from __future__ import annotations

import pytest

from borderdesk import i18n
from helpers import login, make_database, use_fast_password_hashing


@pytest.fixture(autouse=True)
def _fast_password_hashing(monkeypatch):
    use_fast_password_hashing(monkeypatch)


@pytest.fixture
def db(tmp_path):
    database = make_database(tmp_path)
    yield database
    database.dispose()


@pytest.fixture
def admin(db):
    return login(db)


@pytest.fixture
def english():
    """For tests that read a message's words (the default language is Russian)."""
    i18n.set_language("en")
