"""GUI fixtures: a fresh site database per test, users of every role, a main window."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QSettings, QStandardPaths, Qt, QThreadPool
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from borderdesk.services.access import auth
from borderdesk.services.site.sites import this_site
from borderdesk.store.database import Database
from borderdesk.ui import operations
from borderdesk.ui.app import create_application
from borderdesk.ui.main_window import MainWindow
from borderdesk.ui.pages import PageContext
from helpers import (
    ADMIN_PASSWORD,
    add_user,
    make_database,
    relax_password_policy,
    use_fast_password_hashing,
)

PASSWORDS = {"admin": ADMIN_PASSWORD, "ivanov": "officer1", "petrova": "super1"}


@pytest.fixture
def app(qapp):
    """The session's QApplication, set up as ``run_gui`` sets it up (style, Qt translator)."""
    return create_application()


@pytest.fixture(autouse=True)
def _own_gui_preferences(_own_home):
    """GUI preferences start empty in every test and live in this test's own home.

    Qt's test location alone (~/.qttest) is one file for every test, every xdist worker
    and everyone's runs on the machine; and QSettings works out its folder only once per
    process, so a new HOME is not enough: the folder is set per test with ``setPath``.
    """
    QStandardPaths.setTestModeEnabled(True)
    folder = str(_own_home / ".qttest" / "config")
    for kind in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(kind, QSettings.Scope.UserScope, folder)
    QSettings("BorderDesk", "BorderDesk").clear()
    yield
    QSettings("BorderDesk", "BorderDesk").clear()


@pytest.fixture(autouse=True)
def _fast_password_hashing(monkeypatch):
    use_fast_password_hashing(monkeypatch)


@pytest.fixture(scope="session")
def template_db(tmp_path_factory) -> Path:
    """One initialised site with an officer and a supervisor, built once per session."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        use_fast_password_hashing(monkeypatch)
        relax_password_policy(monkeypatch)  # session-scoped: the autouse override is not on yet
        database = make_database(tmp_path_factory.mktemp("template"), "t.sqlite3")
        admin = auth.login(database, username="admin", password=PASSWORDS["admin"])
        add_user(
            database,
            admin,
            "ivanov",
            "officer",
            password=PASSWORDS["ivanov"],
            full_name="Иванов Пётр",
        )
        add_user(
            database,
            admin,
            "petrova",
            "supervisor",
            password=PASSWORDS["petrova"],
            full_name="Петрова Анна",
        )
    database.dispose()  # the last connection closing folds the WAL into the file
    assert database.path is not None
    return database.path


@pytest.fixture
def db(tmp_path, template_db):
    """A fresh database per test: a copy of the template in this test's tmp_path."""
    path = tmp_path / "t.sqlite3"
    shutil.copyfile(template_db, path)
    database = Database.open(path=path)
    yield database
    # Nothing may still be talking to the database when it goes.
    QThreadPool.globalInstance().waitForDone(5000)
    database.dispose()


@pytest.fixture
def login_as(db):
    def login(username: str):
        return auth.login(db, username=username, password=PASSWORDS[username])

    return login


@pytest.fixture
def make_window(app, qtbot, db, login_as):
    """A main window for a user; the idle lock is off unless a test sets a timeout."""

    def make(username: str = "admin", *, idle_timeout_ms: int = 0) -> MainWindow:
        context = PageContext(db=db, actor=login_as(username), site=this_site(db))
        window = MainWindow(context, idle_timeout_ms=idle_timeout_ms)
        qtbot.addWidget(window)
        window.show()
        return window

    return make


@pytest.fixture
def wait_idle(qtbot):
    """Wait until every op started so far has delivered its result.

    The limit only stops a hang (it returns as soon as the ops are done): 5 s ran out
    under two xdist workers beside other people's work on a 2-core machine.
    """

    def wait() -> None:
        qtbot.waitUntil(operations.is_idle, timeout=30_000)

    return wait


@pytest.fixture
def type_text():
    """Type any text, Cyrillic included (QTest's keyClicks only knows ASCII keys)."""

    def type_into(widget, text: str) -> None:
        for char in text:
            for kind in (QEvent.KeyPress, QEvent.KeyRelease):
                event = QKeyEvent(kind, Qt.Key_unknown, Qt.NoModifier, char)
                QApplication.sendEvent(widget, event)

    return type_into
