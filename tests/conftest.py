"""Test-wide set-up: offscreen Qt, a fresh language per test, no shared database."""

from __future__ import annotations

import gettext
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("BORDERDESK_DB", None)
os.environ.pop("BORDERDESK_USER", None)
os.environ.pop("BORDERDESK_PASSWORD", None)
os.environ.pop("BORDERDESK_DATABASE_URL", None)

import pytest  # noqa: E402

from borderdesk import i18n  # noqa: E402

# One fixture module for every layer's tests (db, admin, english): tests/database_fixtures.py.
pytest_plugins = ["database_fixtures", "postgres_fixtures"]


@pytest.fixture(autouse=True)
def _relaxed_password_policy(monkeypatch):
    # Tests use short passwords; tests of the policy call helpers.strict_password_policy.
    from borderdesk.services.access import auth
    from helpers import relax_password_policy

    relax_password_policy(monkeypatch)
    # The growing delay after failed logins is measured in test_login_hardening, not slept.
    monkeypatch.setattr(auth, "pause", lambda seconds: None)


@pytest.fixture(autouse=True)
def _reset_language(monkeypatch):
    # main() run in-process points the stdlib gettext (click's texts) at our catalog through
    # LANGUAGE and the global text domain: undo both after each test.
    monkeypatch.delenv("LANGUAGE", raising=False)
    domain = gettext.textdomain()
    i18n.set_language("ru")
    yield
    i18n.set_language("ru")
    gettext.textdomain(domain)
