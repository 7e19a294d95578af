"""Walk the GUI as a user does: every page, tab and dialog a role can reach.

One walk serves two readers: the language test (tests/ui/test_russian_walk.py) reads
the text of every stop, ``tools/screenshot.py`` saves every stop as a PNG file. A stop
is handed to ``visit(where, widget)`` while it is shown; dialogs are closed (rejected)
after their visit, so the walk writes nothing to the database.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QTableView, QTabWidget, QWidget

from borderdesk.ui.main_window import MainWindow

#: ``visit(where, widget)``: ``where`` names the stop ("officer page check", …).
Visit = Callable[[str, QWidget], None]

#: Page methods that open a dialog (or a form preview) on the selected record.
DIALOG_OPENERS = (
    "new_case",
    "intake",
    "open_card",
    "move_bed",
    "release",
    "plan_transfer",
    "complete_transfer",
    "cancel_transfer",
    "add_user",
    "reset_password",
    "change_position",
    "print_intake",
    "print_handover",
    "preview",
)
#: Methods of a case's detail pane that open a dialog on the case.
CASE_OPENERS = (
    "record_decision",
    "request_extension",
    "add_evidence",
    "add_event",
    "print_application",
)
#: Window methods (menus) that open a dialog.
WINDOW_OPENERS = ("open_journal_import", "show_about")


def _dialog_ids() -> set[int]:
    return {id(w) for w in QApplication.topLevelWidgets() if isinstance(w, QDialog)}


def _new_dialogs(before: set[int]) -> list[QDialog]:
    return [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QDialog) and w.isVisible() and id(w) not in before
    ]


def select_first_rows(page: QWidget) -> None:
    """Select the first row of every visible table, so the record buttons are live."""
    tables = [page] if isinstance(page, QTableView) else []
    for table in [*tables, *page.findChildren(QTableView)]:
        model = table.model()
        if table.isVisible() and model is not None and model.rowCount():
            table.selectRow(0)


class Walker:
    """Takes one role's window through its pages, their tabs and their dialogs."""

    def __init__(
        self,
        settle: Callable[[], None],
        visit: Visit,
        *,
        prepare_page: Callable[[str, QWidget], None] | None = None,
    ) -> None:
        self.settle = settle
        self.visit = visit
        self.prepare_page = prepare_page
        self.dialogs: set[str] = set()
        self.failures: list[str] = []

    def through_dialog(self, open_it: Callable[[], object], where: str) -> None:
        """Open a dialog, visit whatever windows it shows, close them unchanged."""
        before = _dialog_ids()
        try:
            open_it()
        except Exception as exc:  # noqa: BLE001 - a failing opener is a finding, not a crash
            self.failures.append(f"{where}: opening failed: {exc}")
            return
        self.settle()
        for dialog in _new_dialogs(before):
            self.dialogs.add(dialog.objectName() or type(dialog).__name__)
            self.visit(f"{where} dialog {type(dialog).__name__}", dialog)
            self._through_tabs(dialog, f"{where} dialog {type(dialog).__name__}")
            dialog.reject()
            dialog.close()
        self.settle()

    def _through_tabs(self, widget: QWidget, where: str) -> None:
        """Visit each further tab of every visible tab widget, then go back to the first."""
        for tabs in widget.findChildren(QTabWidget):
            if not tabs.isVisible() or tabs.count() < 2:
                continue
            first = tabs.currentIndex()
            for index in range(tabs.count()):
                if index == first or not tabs.isTabEnabled(index):
                    continue
                tabs.setCurrentIndex(index)
                self.settle()
                select_first_rows(tabs.widget(index))  # a record chosen there stays chosen
                self.settle()
                name = tabs.tabText(index).replace("&", "")
                self.visit(f"{where} tab {index + 1} {name}", widget)
            tabs.setCurrentIndex(first)
            self.settle()

    def walk_window(self, window: MainWindow, role: str) -> None:
        """Every page of ``window`` (already shown), with its tabs and dialogs."""
        for key in window.nav_keys():
            page = window.show_page(key)
            self.settle()
            select_first_rows(page)
            self.settle()
            if self.prepare_page is not None:
                self.prepare_page(key, page)
                self.settle()
            where = f"{role} page {key}"
            self.visit(where, window)
            self._through_tabs(page, where)
            self.through_dialog(window.show_help, f"{role} {key}.help")
            for name in DIALOG_OPENERS:
                if hasattr(page, name):
                    self.through_dialog(getattr(page, name), f"{role} {key}.{name}")
                    select_first_rows(page)
                    self.settle()
            detail = getattr(page, "detail", None)
            if detail is not None and getattr(detail, "case", None) is not None:
                for name in CASE_OPENERS:
                    if hasattr(detail, name):
                        self.through_dialog(getattr(detail, name), f"{role} case.{name}")
                for status in list(getattr(detail, "step_buttons", ())):
                    self.through_dialog(
                        lambda s=status, d=detail: d.take_step(s), f"{role} step.{status}"
                    )
        for name in WINDOW_OPENERS:
            if hasattr(window, name):
                self.through_dialog(getattr(window, name), f"{role} {name}")


def type_mrz(page: QWidget, mrz: str) -> None:
    """Type a document's MRZ into the Check page's field, line by line, as a scanner does."""
    from PySide6.QtTest import QTest

    edit = page.mrz.edit  # type: ignore[attr-defined]
    for line in mrz.split("\n"):
        QTest.keyClicks(edit, line)
        QTest.keyClick(edit, Qt.Key_Return)


def typing_pages(mrz: str, query: str) -> Callable[[str, QWidget], None]:
    """A ``prepare_page`` that gives the pages with an input field something to show:
    the Check page a scanned document (assessed), the Search page a query (first hit
    chosen, so the person card is filled)."""

    def prepare(key: str, page: QWidget) -> None:
        if key == "check" and mrz:
            type_mrz(page, mrz)
            page.assess()  # type: ignore[attr-defined]
        elif key == "search" and query:
            page.query_edit.setText(query)  # type: ignore[attr-defined]
            page.run_search()  # type: ignore[attr-defined]

    return prepare
