"""One GUI run: the main window of whoever is logged in, log out, another database.

Logging out or opening another database shows the login window again (before the old
main window closes, so the application does not quit on its last window); the next
user gets a main window of their own role. ``finished`` fires when a login window is
cancelled with no main window left, or the user closes the main window: the run
is over (the caller turns Qt's quit-on-last-window off, as windows change hands).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QThreadPool, Signal
from PySide6.QtWidgets import QMessageBox

from borderdesk.errors import BorderDeskError
from borderdesk.i18n import _
from borderdesk.services.access.permissions import Actor
from borderdesk.services.site.database import Database, open_database
from borderdesk.services.site.sites import SiteInfo, this_site
from borderdesk.ui import preferences
from borderdesk.ui.login_dialog import LoginDialog
from borderdesk.ui.main_window import MainWindow
from borderdesk.ui.pages import PageContext


def remember_database(db: Database) -> None:
    """A database file opened in the GUI opens again at the next plain start."""
    if db.path is not None:
        preferences.remember_database(Path(db.path))


class GuiSession(QObject):
    finished = Signal()
    #: A new main window is up (tests and the caller follow the current window).
    window_opened = Signal(object)

    def __init__(self, db: Database, site: SiteInfo, *, idle_timeout_ms: int | None = None) -> None:
        super().__init__()
        self.db = db
        self.site = site
        self.idle_timeout_ms = idle_timeout_ms
        self.window: MainWindow | None = None
        self.login: LoginDialog | None = None
        self._old_databases: list[Database] = []

    # ------------------------------------------------------------ windows
    def open_window(self, actor: Actor) -> MainWindow:
        window = MainWindow(
            PageContext(db=self.db, actor=actor, site=self.site),
            idle_timeout_ms=self.idle_timeout_ms,
        )
        window.logout_requested.connect(self.log_out)
        window.database_chosen.connect(self.switch_database)
        window.closed.connect(lambda: self._window_closed(window))
        self.window = window
        window.show()
        self.window_opened.emit(window)
        return window

    def show_login(self, username: str = "") -> LoginDialog:
        login = LoginDialog(self.db, self.site)
        login.username.setText(username)
        (login.password if username else login.username).setFocus()
        login.accepted.connect(lambda: self._logged_in(login))
        login.rejected.connect(lambda: self._login_cancelled(login))
        self.login = login
        login.show()
        return login

    def _logged_in(self, login: LoginDialog) -> None:
        self.login = None
        login.deleteLater()
        if login.actor is not None:
            self.open_window(login.actor)

    def _login_cancelled(self, login: LoginDialog) -> None:
        self.login = None
        login.deleteLater()
        if self.window is None:
            self.finished.emit()

    def _window_closed(self, window: MainWindow) -> None:
        if window is self.window:  # closed by the user, not by a log out or a switch
            self.window = None
            self.finished.emit()

    def _close_window(self) -> None:
        window, self.window = self.window, None
        if window is not None:
            window.close()
            window.deleteLater()

    # ------------------------------------------------------------ actions
    def log_out(self) -> LoginDialog:
        """Back to the login window; the next user gets their own main window."""
        login = self.show_login()
        self._close_window()
        return login

    def switch_database(self, path: Path) -> LoginDialog | None:
        """Open the database file at ``path`` and log in to it (the old one closes)."""
        try:
            db = open_database(url=None, path=path, must_exist=True)
            site = this_site(db)
        except BorderDeskError as exc:
            QMessageBox.warning(self.window, _("Open database"), exc.message)
            preferences.forget_database(path)
            return None
        remember_database(db)
        old = self.db
        self.db, self.site = db, site
        login = self.show_login()
        self._close_window()
        QThreadPool.globalInstance().waitForDone()
        self._old_databases.append(old)
        return login

    def close_old_databases(self) -> None:
        """Dispose the databases switched away from (the caller owns the current one)."""
        for db in self._old_databases:
            db.dispose()
        self._old_databases = []
