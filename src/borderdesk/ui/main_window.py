"""The main window: pages the user's role allows on the left, the chosen page on the right."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from borderdesk import __version__, i18n
from borderdesk.errors import BorderDeskError
from borderdesk.i18n import _
from borderdesk.services.access import audit
from borderdesk.services.access.permissions import Permission, role_label
from borderdesk.ui.idle_lock import IdleLock
from borderdesk.ui.pages import Page, PageContext, PageSpec, pages_for
from borderdesk.ui.widgets import LANGUAGE_NAMES, MessageLabel, heading_font, on_retranslate

log = logging.getLogger(__name__)

KEY_ROLE = Qt.UserRole + 1
#: Pixels the status bar gives the site's name before shortening it.
SITE_WIDTH = 640

STYLE = """
#navigation { border: none; border-right: 1px solid palette(mid); background: palette(base);
              padding-top: 8px; font-size: 11pt; }
#navigation::item { padding: 9px 14px; border: none; }
#navigation::item:selected { background: palette(highlight); color: palette(highlighted-text); }
#page_title { padding-bottom: 6px; border-bottom: 1px solid palette(mid); }
#status_part { padding: 0 10px; }
"""


class PageFailed(Page):
    """Shown instead of a page whose construction failed: the reason, not a blank area."""

    def __init__(self, context: PageContext, message: str) -> None:
        super().__init__(context)
        label = MessageLabel(self)
        label.show_message(message)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addStretch(1)


class MainWindow(QMainWindow):
    #: File → Log out: the session shows the login window and closes this one.
    logout_requested = Signal()
    #: File → Open database… or a recent database: the path of the file to open.
    database_chosen = Signal(object)
    #: The window closed (File → Quit, the close button, the lock screen's Quit).
    closed = Signal()

    def __init__(self, context: PageContext, *, idle_timeout_ms: int | None = None) -> None:
        super().__init__()
        self.setObjectName("main_window")
        self.context = context
        self.specs: list[PageSpec] = pages_for(context.actor)
        self.pages: dict[str, Page] = {}
        self.setStyleSheet(STYLE)

        self.nav = QListWidget(self)
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(220)
        self.nav.setFrameShape(QFrame.NoFrame)
        for spec in self.specs:
            item = QListWidgetItem()
            item.setData(KEY_ROLE, spec.key)
            self.nav.addItem(item)

        self.title = QLabel(self)
        self.title.setObjectName("page_title")
        heading_font(self.title, scale=1.6)
        self.stack = QStackedWidget(self)
        right = QVBoxLayout()
        right.setContentsMargins(20, 14, 20, 12)
        right.setSpacing(12)
        # Shown to those who may verify the audit log when its head no longer holds.
        self.integrity_banner = MessageLabel(self)
        self.integrity_banner.setObjectName("integrity_banner")
        right.addWidget(self.integrity_banner)
        right.addWidget(self.title)
        right.addWidget(self.stack, 1)
        central = QWidget(self)
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.nav)
        row.addLayout(right, 1)
        self.setCentralWidget(central)

        self.site_status = QLabel(self)
        self.user_status = QLabel(self)
        self.role_status = QLabel(self)
        for part in (self.site_status, self.user_status, self.role_status):
            part.setObjectName("status_part")
            self.statusBar().addPermanentWidget(part)

        self._build_menus()
        self.idle_lock = IdleLock(self, context.db, context.actor, timeout_ms=idle_timeout_ms)
        self.nav.currentRowChanged.connect(self._row_changed)
        self.resize(1200, 760)
        on_retranslate(self)
        if self.specs:
            self.nav.setCurrentRow(0)

    # ----------------------------------------------------------------- menus
    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.lock_action = QAction(self)
        self.lock_action.setObjectName("action_lock")
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.triggered.connect(lambda: self.idle_lock.lock(manual=True))
        self.logout_action = QAction(self)
        self.logout_action.setObjectName("action_log_out")
        self.logout_action.setShortcut(QKeySequence("Ctrl+Shift+L"))
        self.logout_action.triggered.connect(self.logout_requested)
        self.open_db_action = QAction(self)
        self.open_db_action.setObjectName("action_open_database")
        self.open_db_action.setShortcut(QKeySequence.Open)
        self.open_db_action.triggered.connect(self.open_database_file)
        self.recent_menu = self.file_menu.addMenu("")
        self.recent_menu.setObjectName("menu_recent_databases")
        self.recent_menu.aboutToShow.connect(self.fill_recent_menu)
        self.quit_action = QAction(self)
        self.quit_action.setObjectName("action_quit")
        self.quit_action.setShortcut(QKeySequence.Quit)
        self.quit_action.triggered.connect(self.close)
        self.journal_action = QAction(self)
        self.journal_action.setObjectName("action_import_journal")
        self.journal_action.triggered.connect(self.open_journal_import)
        self.journal_action.setVisible(self.context.actor.can(Permission.import_journal))
        self.file_menu.addAction(self.journal_action)
        self.export_hq_action = QAction(self)
        self.export_hq_action.setObjectName("action_export_for_hq")
        self.export_hq_action.triggered.connect(self.export_for_hq)
        self.export_hq_action.setVisible(
            self.context.actor.can(Permission.sync) and self.context.site.kind != "hq"
        )
        self.file_menu.addAction(self.export_hq_action)
        self.file_menu.insertAction(self.recent_menu.menuAction(), self.open_db_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.lock_action)
        self.file_menu.addAction(self.logout_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)

        self.language_menu = bar.addMenu("")
        self.language_group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for code, name in LANGUAGE_NAMES.items():
            action = QAction(name, self)
            action.setObjectName(f"action_language_{code}")
            action.setCheckable(True)
            action.triggered.connect(lambda _checked=False, lang=code: i18n.set_language(lang))
            self.language_group.addAction(action)
            self.language_menu.addAction(action)
            self.language_actions[code] = action

        self.help_menu = bar.addMenu("")
        self.help_action = QAction(self)
        self.help_action.setObjectName("action_help")
        self.help_action.setShortcut(QKeySequence.HelpContents)  # F1
        self.help_action.triggered.connect(self.show_help)
        self.help_menu.addAction(self.help_action)
        self.about_action = QAction(self)
        self.about_action.setObjectName("action_about")
        self.about_action.triggered.connect(self.show_about)
        self.help_menu.addAction(self.about_action)

        # Alt+1… open the pages in the order of the list; Ctrl+F the search.
        self.page_actions: list[QAction] = []
        for row in range(min(len(self.specs), 9)):
            action = QAction(self)
            action.setShortcut(QKeySequence(f"Alt+{row + 1}"))
            action.triggered.connect(lambda _checked=False, r=row: self.nav.setCurrentRow(r))
            self.addAction(action)
            self.page_actions.append(action)
        self.find_action = QAction(self)
        self.find_action.setObjectName("action_find")
        self.find_action.setShortcut(QKeySequence.Find)
        self.find_action.triggered.connect(self.focus_search)
        self.addAction(self.find_action)

    def retranslate(self) -> None:
        site, actor = self.context.site, self.context.actor
        # The application's display name ("BorderDesk") is appended by Qt itself.
        self.setWindowTitle(site.name)
        self.file_menu.setTitle(_("&File"))
        self.journal_action.setText(_("&Import journal…"))
        self.export_hq_action.setText(_("&Export for HQ…"))
        self.open_db_action.setText(_("&Open database…"))
        self.recent_menu.setTitle(_("&Recent databases"))
        self.lock_action.setText(_("&Lock now"))
        self.logout_action.setText(_("Log &out"))
        self.quit_action.setText(_("&Quit"))
        self.language_menu.setTitle(_("&Language"))
        self.help_menu.setTitle(_("&Help"))
        self.about_action.setText(_("&About BorderDesk"))
        self.help_action.setText(_("Help on this &page"))
        self.find_action.setText(_("Search"))
        self.language_actions[i18n.current_language()].setChecked(True)
        for row, spec in enumerate(self.specs):
            self.nav.item(row).setText(_(spec.title_msgid))
        self._show_title()
        site_text = _("Site: {name} ({code})").format(name=site.name, code=site.code)
        # A long site name is shortened in the middle (the code stays); all of it on hover.
        self.site_status.setText(
            self.site_status.fontMetrics().elidedText(site_text, Qt.ElideMiddle, SITE_WIDTH)
        )
        self.site_status.setToolTip(site_text)
        if actor.full_name:
            user = _("User: {name} ({user})").format(name=actor.full_name, user=actor.username)
        else:
            user = _("User: {user}").format(user=actor.username)
        self.user_status.setText(user)
        self.role_status.setText(_("Role: {role}").format(role=role_label(actor.role)))
        self._show_integrity_alert()

    def _show_integrity_alert(self) -> None:
        alert = audit.integrity_alert(self.context.db, actor=self.context.actor)
        if alert:
            self.integrity_banner.show_message(alert)
        else:
            self.integrity_banner.clear_message()

    def _show_title(self) -> None:
        spec = self.current_spec()
        self.title.setText(_(spec.title_msgid) if spec else "")

    # ----------------------------------------------------------------- pages
    def current_spec(self) -> PageSpec | None:
        row = self.nav.currentRow()
        return self.specs[row] if 0 <= row < len(self.specs) else None

    def page(self, key: str) -> Page:
        """The page for ``key``, built on first use."""
        if key not in self.pages:
            spec = next(s for s in self.specs if s.key == key)
            try:
                page = spec.factory(self.context)
            except BorderDeskError as exc:
                page = PageFailed(self.context, exc.message)
            except Exception as exc:  # a broken page must not take the window down
                log.error("page %s failed to open", key, exc_info=exc)
                page = PageFailed(
                    self.context,
                    _("This page could not be opened ({kind}).").format(kind=type(exc).__name__),
                )
            page.setObjectName(f"page_{key}")
            self.pages[key] = page
            self.stack.addWidget(page)
        return self.pages[key]

    def show_page(self, key: str) -> Page:
        keys = [spec.key for spec in self.specs]
        self.nav.setCurrentRow(keys.index(key))
        return self.pages[key]

    def _row_changed(self, row: int) -> None:
        if not 0 <= row < len(self.specs):
            return
        page = self.page(self.specs[row].key)
        self.stack.setCurrentWidget(page)
        self._show_title()
        try:
            page.activated()
        except Exception as exc:
            log.error("page %s failed to refresh", self.specs[row].key, exc_info=exc)

    def records_changed(self) -> None:
        """Records were written outside the pages (a journal import): the open pages reload."""
        for key, page in self.pages.items():
            try:
                page.records_changed()
            except Exception as exc:
                log.error("page %s failed to reload", key, exc_info=exc)

    def nav_keys(self) -> list[str]:
        return [spec.key for spec in self.specs]

    # ----------------------------------------------------------------- databases
    def choose_database_file(self) -> Path | None:
        """Ask for a database file (a method of its own so tests can answer it)."""
        current = self.context.db.path
        start = str(Path(current).parent) if current else ""
        name, _filter = QFileDialog.getOpenFileName(
            self,
            _("Open database"),
            start,
            _("BorderDesk databases (*.sqlite3 *.db);;All files (*)"),
        )
        return Path(name) if name else None

    def open_database_file(self) -> None:
        path = self.choose_database_file()
        if path is not None:
            self.database_chosen.emit(path)

    def fill_recent_menu(self) -> None:
        from borderdesk.ui import preferences

        self.recent_menu.clear()
        current = Path(self.context.db.path).resolve() if self.context.db.path else None
        paths = [p for p in preferences.recent_databases() if p.resolve() != current]
        for path in paths:
            action = self.recent_menu.addAction(str(path))
            action.triggered.connect(lambda _checked=False, p=path: self.database_chosen.emit(p))
        if not paths:
            self.recent_menu.addAction(_("No other databases yet")).setEnabled(False)

    # ----------------------------------------------------------------- keys
    def focus_search(self) -> None:
        """Ctrl+F: the Search page with its query field ready for typing."""
        if "search" not in self.nav_keys():
            return
        page = self.show_page("search")
        field = getattr(page, "query_edit", None)
        if field is not None:
            field.setFocus(Qt.ShortcutFocusReason)
            field.selectAll()

    def show_help(self) -> QMessageBox:
        from borderdesk.ui.help_texts import page_help

        spec = self.current_spec()
        box = QMessageBox(self)
        box.setObjectName("help_box")
        box.setAttribute(Qt.WA_DeleteOnClose)
        box.setIcon(QMessageBox.Information)
        box.setWindowTitle(_("Help"))
        box.setText(f"<b>{_(spec.title_msgid)}</b>" if spec else "")
        box.setInformativeText(page_help(spec.key if spec else ""))
        box.open()
        return box

    # ----------------------------------------------------------------- other
    def open_journal_import(self) -> QDialog:
        from borderdesk.ui.dialogs.journal_import import JournalImportDialog

        dialog = JournalImportDialog(self.context, self)
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        dialog.records_changed.connect(self.records_changed)
        dialog.open()
        return dialog

    def choose_export_folder(self) -> Path | None:
        """Where File → Export for HQ writes (a method of its own so tests can answer it)."""
        from borderdesk.ui import sync_transfer

        return sync_transfer.choose_folder(self, _("Export the package for HQ to the folder"))

    def export_for_hq(self) -> None:
        """A package for every HQ this site exchanges with, into a folder the user picks."""
        from borderdesk.services import sync as sync_service
        from borderdesk.ui.operations import run_op

        db, actor = self.context.db, self.context.actor
        run_op(self, lambda: sync_service.sync_status(db, actor=actor), self._export_to_hq)

    def _export_to_hq(self, peers: list) -> None:  # type: ignore[type-arg]
        from borderdesk.ui import sync_transfer
        from borderdesk.ui.widgets import show_error

        codes = [p.code for p in peers if p.kind == "hq"]
        if not codes:
            show_error(
                self, _("This site has no HQ among its peers: an administrator adds its identity.")
            )
            return
        folder = self.choose_export_folder()
        if folder is None:
            return
        self.export_op = sync_transfer.start_export(
            self, self.context, codes, folder, on_done=self._exported_for_hq
        )

    def _exported_for_hq(self, batch: object) -> None:
        written = getattr(batch, "written", [])
        text = "\n".join(
            _("Package {number} for {site}: {records} records, in {path}").format(
                number=r.number, site=r.recipient, records=r.records, path=r.path
            )
            for r in written
        )
        self.last_export = batch
        self.statusBar().showMessage(text or _("No package was written."), 15000)

    def show_about(self) -> QMessageBox:
        box = QMessageBox(self)
        box.setObjectName("about_box")
        box.setAttribute(Qt.WA_DeleteOnClose)
        box.setWindowTitle(_("About BorderDesk"))
        box.setIcon(QMessageBox.Information)
        box.setText(f"<b>BorderDesk {__version__}</b>")
        box.setInformativeText(
            _(
                "Offline case management for readmission on the Russia–Kazakhstan border: "
                "document checks, readmission cases, the centre, onward transfers and "
                "monthly returns."
            )
            + "\n\n"
            + _("Database: {path}").format(path=self.context.db.describe())
        )
        box.open()
        return box

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        self.idle_lock.stop()
        super().closeEvent(event)
        if event.isAccepted():
            self.closed.emit()
