"""Test-wide set-up: offscreen Qt, a fresh language per test, no shared database, and a
home of its own per test (HOME and the XDG folders), so tests can run in parallel
(pytest-xdist, ``-n`` in pyproject.toml) and beside other people's runs: see tests/README.md."""

from __future__ import annotations

import gettext
import os

import platformdirs

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The compiled catalogs (i18n writes them aside and renames them in, so workers may share
# them) stay in the user's cache for the whole run: a fresh cache per test would make every
# CLI subprocess compile the .po again. Fixed here, before any test moves HOME.
os.environ.setdefault("XDG_CACHE_HOME", platformdirs.user_cache_dir())
os.environ.pop("BORDERDESK_DB", None)
os.environ.pop("BORDERDESK_USER", None)
os.environ.pop("BORDERDESK_PASSWORD", None)
os.environ.pop("BORDERDESK_DATABASE_URL", None)

import pytest  # noqa: E402

from borderdesk import i18n  # noqa: E402

# One fixture module for every layer's tests (db, admin, english): tests/database_fixtures.py.
pytest_plugins = ["database_fixtures", "postgres_fixtures"]


@pytest.fixture(autouse=True)
def _own_home(tmp_path_factory, monkeypatch):
    """HOME, XDG_CONFIG_HOME, XDG_DATA_HOME and XDG_STATE_HOME of this test alone: the
    default database, login throttling state, crash logs and Qt's settings (tests/ui
    conftest) never meet another test's or another worker's. Outside tmp_path, so a test
    that lists its tmp_path finds only what it made."""
    home = tmp_path_factory.mktemp("home", numbered=True)
    monkeypatch.setenv("HOME", str(home))
    for name, folder in (
        ("XDG_CONFIG_HOME", ".config"),
        ("XDG_DATA_HOME", ".local/share"),
        ("XDG_STATE_HOME", ".local/state"),
    ):
        monkeypatch.setenv(name, str(home / folder))
    return home


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


def pytest_collection_modifyitems(config, items):
    # Under --dist loadfile a worker takes one module at a time, in collection order: the
    # modules marked ``slow_module`` (minutes of fresh processes) start first, so none of
    # them is left running alone at the end. A stable sort: the rest keep their order.
    items.sort(key=lambda item: item.get_closest_marker("slow_module") is None)
