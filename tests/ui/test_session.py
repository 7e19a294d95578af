"""File → Log out, File → Open database…, recent databases and the last used database."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import Qt

from borderdesk.cli.state import CliState
from borderdesk.services.site.sites import this_site
from borderdesk.ui import app as ui_app
from borderdesk.ui import preferences
from borderdesk.ui.session import GuiSession


@pytest.fixture
def sessions(db):
    """Makes the session under test; whatever windows it leaves open close at the end."""
    made: list[GuiSession] = []

    def make() -> GuiSession:
        made.append(GuiSession(db, this_site(db), idle_timeout_ms=0))
        return made[-1]

    yield make
    for session in made:
        for widget in (session.window, session.login):
            if widget is not None:
                widget.close()
                widget.deleteLater()


def _log_in(qtbot, session, type_text, username, password):
    login = session.login
    assert login is not None and login.isVisible()
    login.username.clear()
    type_text(login.username, username)
    type_text(login.password, password)
    qtbot.mouseClick(login.ok_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: session.window is not None and session.login is None, timeout=30000)
    return session.window


def test_log_out_shows_the_login_and_then_the_next_users_window(
    app, qtbot, db, sessions, login_as, type_text
):
    session = sessions()
    officer_window = session.open_window(login_as("ivanov"))
    assert "audit" not in officer_window.nav_keys()
    finished = []
    session.finished.connect(lambda: finished.append(True))

    officer_window.file_menu.actions()  # the menu holds the action the user clicks
    assert officer_window.logout_action in officer_window.file_menu.actions()
    officer_window.logout_action.trigger()

    assert session.login is not None and session.login.isVisible()
    assert not officer_window.isVisible()
    supervisor_window = _log_in(qtbot, session, type_text, "petrova", "super1")
    assert supervisor_window is not officer_window
    assert supervisor_window.isVisible()
    assert supervisor_window.context.actor.username == "petrova"
    assert "audit" in supervisor_window.nav_keys()
    assert finished == []  # the run goes on


def test_a_cancelled_login_after_log_out_ends_the_run(app, qtbot, db, sessions, login_as):
    session = sessions()
    session.open_window(login_as("ivanov"))
    finished = []
    session.finished.connect(lambda: finished.append(True))
    login = session.log_out()
    qtbot.mouseClick(login.buttons.button(login.buttons.StandardButton.Cancel), Qt.LeftButton)
    assert finished == [True]
    assert session.window is None


def test_closing_the_main_window_ends_the_run(app, qtbot, db, sessions, login_as):
    session = sessions()
    window = session.open_window(login_as("ivanov"))
    finished = []
    session.finished.connect(lambda: finished.append(True))
    window.quit_action.trigger()
    assert finished == [True]


def test_open_database_switches_to_the_chosen_file(
    app, qtbot, db, sessions, login_as, type_text, tmp_path, monkeypatch
):
    other = tmp_path / "other.sqlite3"
    shutil.copyfile(db.path, other)
    session = sessions()
    window = session.open_window(login_as("ivanov"))
    monkeypatch.setattr(window, "choose_database_file", lambda: other)
    window.open_db_action.trigger()

    new_window = _log_in(qtbot, session, type_text, "ivanov", "officer1")
    assert new_window.context.db.path.resolve() == other.resolve()
    assert preferences.last_database() == other.resolve()
    session.close_old_databases()
    session.db.dispose()


def test_recent_databases_lists_the_others_and_opens_one(
    app, qtbot, db, sessions, login_as, type_text, tmp_path
):
    other = tmp_path / "other.sqlite3"
    shutil.copyfile(db.path, other)
    preferences.remember_database(other)
    preferences.remember_database(db.path)
    session = sessions()
    window = session.open_window(login_as("ivanov"))

    window.fill_recent_menu()
    texts = [a.text() for a in window.recent_menu.actions()]
    assert texts == [str(other.resolve())]  # the open database is not offered again
    window.recent_menu.actions()[0].trigger()
    new_window = _log_in(qtbot, session, type_text, "ivanov", "officer1")
    assert new_window.context.db.path.resolve() == other.resolve()
    session.close_old_databases()
    session.db.dispose()


def test_a_database_that_does_not_open_is_reported_and_forgotten(
    app, qtbot, db, sessions, login_as, tmp_path, monkeypatch
):
    broken = tmp_path / "broken.sqlite3"
    broken.write_text("not a database")
    preferences.remember_database(broken)
    shown = []
    monkeypatch.setattr(
        "borderdesk.ui.session.QMessageBox.warning",
        lambda parent, title, text: shown.append(text),
    )
    session = sessions()
    window = session.open_window(login_as("ivanov"))
    assert session.switch_database(broken) is None
    assert len(shown) == 1
    assert session.window is window and window.isVisible()
    assert broken.resolve() not in preferences.recent_databases()


def _state(path, *, db_given: bool) -> CliState:
    return CliState(db_path=path, database_url=None, lang="ru", user=None, db_given=db_given)


def test_a_plain_start_uses_the_last_database(tmp_path, db):
    preferences.remember_database(db.path)
    state = _state(tmp_path / "default.sqlite3", db_given=False)
    ui_app.use_last_database(state)
    assert state.db_path == db.path.resolve()


def test_db_on_the_command_line_wins_over_the_last_database(tmp_path, db):
    preferences.remember_database(db.path)
    given = tmp_path / "given.sqlite3"
    state = _state(given, db_given=True)
    ui_app.use_last_database(state)
    assert state.db_path == given


def test_a_last_database_that_is_gone_is_not_used(tmp_path):
    gone = tmp_path / "gone.sqlite3"
    gone.write_text("")
    preferences.remember_database(gone)
    gone.unlink()
    default = tmp_path / "default.sqlite3"
    state = _state(default, db_given=False)
    ui_app.use_last_database(state)
    assert state.db_path == default
