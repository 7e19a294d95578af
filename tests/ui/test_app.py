"""run_gui as the command line calls it: a bad database, a cancelled login, a full start."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication, QDialog

from borderdesk.cli.state import CliState
from borderdesk.services.access import auth
from borderdesk.ui import app as ui_app
from borderdesk.ui import preferences
from borderdesk.ui.login_dialog import LoginDialog
from borderdesk.ui.main_window import MainWindow


def _state(path: Path, user: str | None = None) -> CliState:
    return CliState(db_path=path, database_url=None, lang="ru", user=user)


def test_a_missing_database_is_reported_and_exits_1(app, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(
        ui_app.QMessageBox, "critical", lambda parent, title, text: shown.append(text)
    )
    state = _state(tmp_path / "nowhere.sqlite3")
    assert ui_app.run_gui(state) == 1
    assert len(shown) == 1 and "nowhere.sqlite3" in shown[0]


def test_cancelled_login_exits_0(app, db, monkeypatch):
    seen = []

    def cancel(dialog):
        seen.append(dialog.username.text())
        return QDialog.Rejected

    monkeypatch.setattr(LoginDialog, "exec", cancel)
    state = _state(db.path, user="ivanov")
    try:
        assert ui_app.run_gui(state) == 0
    finally:
        state.close()
    assert seen == ["ivanov"]  # --user fills in the name


def test_login_opens_the_main_window(app, db, monkeypatch):
    def log_in(dialog):
        dialog.actor = auth.login(dialog.db, username="petrova", password="super1")
        return QDialog.Accepted

    windows = []

    def event_loop():
        windows.extend(
            w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
        )
        for window in windows:
            window.close()
        return 0

    monkeypatch.setattr(LoginDialog, "exec", log_in)
    monkeypatch.setattr(app, "exec", event_loop)
    state = _state(db.path)
    try:
        assert ui_app.run_gui(state) == 0
    finally:
        state.close()
    assert len(windows) == 1
    assert windows[0].context.actor.username == "petrova"
    assert "audit" in windows[0].nav_keys() and "users" not in windows[0].nav_keys()
    windows[0].deleteLater()
    # The next plain start opens this database again.
    assert preferences.last_database() == db.path.resolve()


def test_the_gui_starts_in_the_language_last_chosen(app, db, monkeypatch):
    from borderdesk import i18n
    from borderdesk.ui import preferences

    monkeypatch.setattr(LoginDialog, "exec", lambda dialog: QDialog.Rejected)
    state = _state(db.path)
    try:
        assert ui_app.run_gui(state) == 0
        i18n.set_language("en")  # the user switches in the GUI: remembered
        assert preferences.saved_language() == "en"
        i18n.set_language("ru")
        preferences.save_language("en")
        assert ui_app.run_gui(state) == 0
        assert i18n.current_language() == "en"
        # --lang (or BORDERDESK_LANG) on the command line wins over the saved choice.
        i18n.set_language("ru")
        state.lang_given = True
        assert ui_app.run_gui(state) == 0
        assert i18n.current_language() == "ru"
    finally:
        state.close()
