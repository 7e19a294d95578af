"""Fixtures: a fresh, initialised database per test (post POST-07, Asia/Yekaterinburg)."""

from __future__ import annotations

import pytest

from helpers import make_database, use_fast_password_hashing


@pytest.fixture(autouse=True)
def _fast_password_hashing(monkeypatch):
    use_fast_password_hashing(monkeypatch)


@pytest.fixture
def db(tmp_path):
    database = make_database(tmp_path)
    yield database
    database.dispose()
