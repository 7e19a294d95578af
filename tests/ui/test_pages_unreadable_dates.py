"""Every page of the main window opens on a demo database whose every date and time
column holds text that is not a date ('yesterday', '', '2024-13-45', a number): each
role walks its pages and the records' detail views, nothing crashes, no error box opens,
and the bad values show as «unreadable: …»."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QApplication, QDialog, QTableView, QWidget
from text_walk import visible_texts

from borderdesk import i18n
from borderdesk.services.access import auth
from borderdesk.services.demo.builder import DEMO_PASSWORD
from borderdesk.services.site.sites import this_site
from borderdesk.store.database import Database
from borderdesk.ui.main_window import MainWindow
from borderdesk.ui.pages import PageContext
from garbage_dates import poison_dates

# The pages the issue names, each reached by at least one role below.
PAGES = {"check", "cases", "centre", "transfers", "search", "watchlists", "audit", "returns"}
OPENERS = ("open_card", "print_intake", "print_handover")


@pytest.fixture(scope="module")
def poisoned_template(tmp_path_factory) -> Path:
    from helpers import build_demo_file

    path = build_demo_file(
        tmp_path_factory.mktemp("unreadable") / "demo.sqlite3", persons=40, seed=11
    )
    # The users keep readable dates on one row each way: logins must still work either way.
    poison_dates(path)
    return path


@pytest.fixture
def poisoned_db(tmp_path, poisoned_template):
    path = tmp_path / "demo.sqlite3"
    shutil.copyfile(poisoned_template, path)
    database = Database.open(path=path)
    yield database
    QThreadPool.globalInstance().waitForDone(5000)
    database.dispose()


def _settle(wait_idle) -> None:
    wait_idle()
    QApplication.processEvents()
    wait_idle()


def _error_boxes() -> list[str]:
    return [
        w.text()
        for w in QApplication.topLevelWidgets()
        if w.objectName() == "error_box" and w.isVisible()
    ]


def _cells(root: QWidget) -> list[str]:
    """What the tables show (their display texts), first rows only."""
    out: list[str] = []
    for table in root.findChildren(QTableView):
        model = table.model()
        if model is None:
            continue
        for row in range(min(model.rowCount(), 20)):
            for column in range(model.columnCount()):
                value = model.index(row, column).data()
                if isinstance(value, str):
                    out.append(value)
    return out


def _close_new_dialogs(before: set[int]) -> list[QWidget]:
    new = [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QDialog) and w.isVisible() and id(w) not in before
    ]
    for dialog in new:
        dialog.reject()
        dialog.close()
    return new


@pytest.mark.parametrize("role", ["officer", "centre", "supervisor", "admin"])
def test_every_page_opens_on_unreadable_dates(role, poisoned_db, app, qtbot, wait_idle, caplog):
    i18n.set_language("en")
    caplog.set_level(logging.ERROR)
    actor = auth.login(poisoned_db, username=role, password=DEMO_PASSWORD)
    context = PageContext(db=poisoned_db, actor=actor, site=this_site(poisoned_db))
    window = MainWindow(context, idle_timeout_ms=0)
    qtbot.addWidget(window)
    window.show()
    texts: list[str] = []
    for key in window.nav_keys():
        page = window.show_page(key)
        _settle(wait_idle)
        for table in page.findChildren(QTableView):
            if table.isVisible() and table.model() is not None and table.model().rowCount():
                table.selectRow(0)
        _settle(wait_idle)
        for name in OPENERS:
            if hasattr(page, name):
                before = {id(w) for w in QApplication.topLevelWidgets()}
                getattr(page, name)()
                _settle(wait_idle)
                for dialog in _close_new_dialogs(before):
                    texts.extend(t.text for t in visible_texts(dialog))
                    texts.extend(_cells(dialog))
        texts.extend(t.text for t in visible_texts(window))
        texts.extend(_cells(window))
        assert _error_boxes() == [], f"{role} {key}: {_error_boxes()}"
        unexpected = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
        assert unexpected == [], f"{role} {key}: {unexpected}"
    assert any("unreadable: '" in text for text in texts), f"{role}: no value shown as such"
    window.close()


def test_the_walk_reaches_every_page_the_issue_names(poisoned_db, app, qtbot):
    keys: set[str] = set()
    for role in ("officer", "centre", "supervisor", "admin"):
        actor = auth.login(poisoned_db, username=role, password=DEMO_PASSWORD)
        window = MainWindow(
            PageContext(db=poisoned_db, actor=actor, site=this_site(poisoned_db)),
            idle_timeout_ms=0,
        )
        qtbot.addWidget(window)
        keys |= set(window.nav_keys())
        window.close()
    assert PAGES | {"sync"} <= keys, sorted(keys)
