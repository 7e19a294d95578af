"""Starting the GUI: the QApplication, Qt's own translations, login, then the main window."""

from __future__ import annotations

import sys
import time
from typing import Any

from PySide6.QtCore import QEventLoop, QLibraryInfo, QLocale, QObject, QThreadPool, QTranslator
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from borderdesk import i18n
from borderdesk.errors import BorderDeskError
from borderdesk.i18n import _, pgettext
from borderdesk.ui.qt_libraries import missing_libraries_message
from borderdesk.ui.safe_showing import install_safe_showing
from borderdesk.ui.widgets import language_bridge


class QtOwnTexts(QTranslator):
    """Qt's catalog, with the few texts it leaves in Latin letters put into our words.

    qtbase_ru keeps the standard button "OK" in Latin letters; a Russian form says «ОК».
    """

    def translate(  # noqa: D102 - Qt API
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        if context == "QPlatformTheme" and source in ("OK", "&OK"):
            return pgettext("standard button", "OK")
        return super().translate(context, source, disambiguation, n)


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
        translator = QtOwnTexts(self)
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
    # Stored names with direction overrides or controls are shown, never obeyed, in every
    # title, label, tooltip, message box and the status bar (ui/safe_showing.py).
    install_safe_showing(app)
    return app


def open_login_window(state: Any) -> Any:
    """The application and its login window, shown before the database is opened."""
    from borderdesk.ui import preferences
    from borderdesk.ui.login_dialog import LoginDialog

    create_application()
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
    paint_now(login)
    return login


def paint_now(window: QWidget, *, timeout_ms: int = 400) -> None:
    """Paint ``window`` before the heavy work behind it starts.

    One ``processEvents()`` after ``show()`` is not enough on X11: the window is exposed
    by the server a little later, and a window that is mapped but never painted stays
    black until the event loop runs again (seconds, while the database layer loads).
    """
    app = QApplication.instance()
    if app is None:
        return
    app.processEvents()
    handle = window.windowHandle()
    deadline = time.monotonic() + timeout_ms / 1000
    while handle is not None and not handle.isExposed() and time.monotonic() < deadline:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
    window.repaint()
    app.processEvents()


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
    problem = missing_libraries_message()
    if problem is not None:  # Qt would abort with its own English message (exit 134)
        print(problem, file=sys.stderr)
        return 1
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
