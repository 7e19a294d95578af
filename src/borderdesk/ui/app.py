"""Starting the GUI: the QApplication, Qt's own translations, login, then the main window."""

from __future__ import annotations

import sys
from typing import Any

from PySide6.QtCore import QLibraryInfo, QLocale, QObject, QThreadPool, QTranslator
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from borderdesk import i18n
from borderdesk.errors import BorderDeskError
from borderdesk.i18n import _
from borderdesk.ui.widgets import language_bridge


class QtTranslations(QObject):
    """Qt's own strings (standard buttons, context menus, calendars) follow the UI language.

    Only ``qtbase_<lang>.qm`` shipped with Qt is loaded; our own texts go through gettext.
    """

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self._app = app
        self.translator: QTranslator | None = None
        language_bridge().changed.connect(self.apply)
        self.apply(i18n.current_language())

    @property
    def language(self) -> str:
        """The language of the installed Qt translator ("en": none installed)."""
        return self.translator.language() if self.translator is not None else "en"

    def apply(self, lang: str) -> None:
        if self.translator is not None:
            self._app.removeTranslator(self.translator)
            self.translator.deleteLater()
            self.translator = None
        QLocale.setDefault(QLocale(lang))
        if lang == "en":
            return
        translator = QTranslator(self)
        folder = QLibraryInfo.path(QLibraryInfo.TranslationsPath)
        if translator.load(f"qtbase_{lang}", folder):
            self._app.installTranslator(translator)
            self.translator = translator


_qt_translations: QtTranslations | None = None


def install_qt_translations(app: QApplication) -> QtTranslations:
    """Install (once per process) the translator that follows ``i18n.set_language``."""
    global _qt_translations
    if _qt_translations is None:
        _qt_translations = QtTranslations(app)
    return _qt_translations


def create_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv or sys.argv[:1])
    if _qt_translations is None:  # once per process: a new style re-polishes every widget
        app.setApplicationName("BorderDesk")
        app.setApplicationDisplayName("BorderDesk")
        app.setOrganizationName("BorderDesk")
        app.setStyle("Fusion")
        install_qt_translations(app)
    return app


def open_login_window(state: Any) -> Any:
    """The application and its login window, shown before the database is opened."""
    from borderdesk.ui import preferences
    from borderdesk.ui.login_dialog import LoginDialog

    app = create_application()
    # The language last chosen in the GUI, unless --lang or BORDERDESK_LANG says otherwise.
    saved = preferences.saved_language()
    if saved and not getattr(state, "lang_given", False):
        i18n.set_language(saved)
    language_bridge().changed.connect(preferences.save_language)
    login = LoginDialog(None, None)
    if getattr(state, "user", None):
        login.username.setText(state.user)
        login.password.setFocus()
    login.show()
    app.processEvents()
    return login


def use_last_database(state: Any) -> None:
    """Without --db or BORDERDESK_DB, open the database file last used in the GUI."""
    from borderdesk.ui import preferences

    if getattr(state, "db_given", False) or getattr(state, "database_url", None):
        return
    last = preferences.last_database()
    if last is not None:
        state.db_path = last


def run_gui(state: Any, *, last_database: bool = False) -> int:
    """Show the login window, open the database behind it, then the main window.

    ``state`` is the command line's ``CliState`` (database, language, --user);
    ``last_database``: a plain start, which opens the database last used in the GUI
    unless the command line or the environment names one.
    Returns the exit code of the event loop.
    """
    if last_database:
        use_last_database(state)
    login = open_login_window(state)
    app = create_application()  # the one open_login_window made
    # Importing the database layer is most of a cold start: the window is already up.
    from borderdesk.services.site.sites import this_site
    from borderdesk.ui.session import GuiSession, remember_database

    try:
        db = state.database()
        site = this_site(db)
    except BorderDeskError as exc:
        login.close()
        QMessageBox.critical(None, _("BorderDesk"), exc.message)
        return 1
    remember_database(db)
    login.set_database(db, site)
    accepted = login.exec() == QDialog.Accepted
    actor = login.actor
    login.deleteLater()
    if not accepted or actor is None:
        QThreadPool.globalInstance().waitForDone()
        return 0
    session = GuiSession(db, site)
    session.finished.connect(app.quit)
    session.open_window(actor)
    app.setQuitOnLastWindowClosed(False)  # between two windows none may be visible
    code = app.exec()
    app.setQuitOnLastWindowClosed(True)
    QThreadPool.globalInstance().waitForDone()
    # The database open at the end is the one the command line closes.
    state._database = session.db
    session.close_old_databases()
    return code
