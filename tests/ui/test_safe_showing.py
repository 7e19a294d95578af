"""ui/safe_showing.py: the application-wide filter shows stored names safely in window
titles, labels, tooltips, message boxes and the status bar (``<U+202E>``, never obeyed)."""

from __future__ import annotations

import sqlite3
from contextlib import closing

from PySide6.QtCore import QEvent, QPoint
from PySide6.QtGui import QHelpEvent, QStandardItem, QStandardItemModel, QStatusTipEvent
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QTableView,
    QToolTip,
    QWidget,
)

from borderdesk.ui import safe_showing

SPOOF = "Ali\u202egnp.exe"  # shows as "Aliexe.png" where the override is obeyed
SHOWN = "Ali<U+202E>gnp.exe"


def test_the_start_up_installs_the_filter_once(app):
    from borderdesk.ui.app import create_application

    assert safe_showing._installed is not None
    assert create_application() is app
    assert safe_showing.install_safe_showing(app) is safe_showing._installed


def test_a_window_title_is_shown_safely(app, qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    window.setWindowTitle(f"Case of {SPOOF}\u200b")
    assert window.windowTitle() == f"Case of {SHOWN}<U+200B>"
    window.setWindowTitle("Иванов Пётр")  # ordinary text stays as it is
    assert window.windowTitle() == "Иванов Пётр"


def test_labels_and_buttons_are_shown_safely_before_they_paint(app, qtbot):
    holder = QWidget()
    qtbot.addWidget(holder)
    label = QLabel(f"Scan: {SPOOF}\nsecond line\x1b[2J", holder)
    button = QPushButton(f"Open {SPOOF}", holder)
    button.move(0, 40)
    holder.show()
    qtbot.waitExposed(holder)
    holder.grab()  # paints every child, as the screen does (offscreen tests paint nothing)
    assert label.text() == f"Scan: {SHOWN}\nsecond line<U+001B>[2J"  # the line break stays
    assert button.text() == f"Open {SHOWN}"
    label.setText(f"later: {SPOOF}")  # a text set after the first paint too
    holder.grab()
    assert label.text() == f"later: {SHOWN}"


def test_a_widgets_tooltip_is_shown_safely(app, qtbot):
    widget = QLabel("x")
    qtbot.addWidget(widget)
    widget.setToolTip(f"File: {SPOOF}")
    widget.show()
    qtbot.waitExposed(widget)
    event = QHelpEvent(QEvent.Type.ToolTip, QPoint(2, 2), widget.mapToGlobal(QPoint(2, 2)))
    QApplication.sendEvent(widget, event)
    assert widget.toolTip() == f"File: {SHOWN}"
    qtbot.waitUntil(lambda: QToolTip.text() == f"File: {SHOWN}", timeout=5000)
    QToolTip.hideText()


def test_a_cells_tooltip_in_an_item_view_is_shown_safely(app, qtbot):
    model = QStandardItemModel(1, 1)
    item = QStandardItem("scan")
    item.setToolTip(f"Evidence scan {SPOOF}")
    model.setItem(0, 0, item)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.show()
    qtbot.waitExposed(view)
    centre = view.visualRect(model.index(0, 0)).center()
    viewport = view.viewport()
    event = QHelpEvent(QEvent.Type.ToolTip, centre, viewport.mapToGlobal(centre))
    QApplication.sendEvent(viewport, event)
    qtbot.waitUntil(lambda: QToolTip.text() == f"Evidence scan {SHOWN}", timeout=5000)
    assert item.toolTip() == f"Evidence scan {SPOOF}"  # the data itself is left alone
    QToolTip.hideText()


def test_a_message_box_is_shown_safely(app, qtbot):
    box = QMessageBox(
        QMessageBox.Icon.Warning, f"Delete {SPOOF}?", f"The scan {SPOOF} will be removed."
    )
    qtbot.addWidget(box)
    box.setInformativeText(f"Reason: {SPOOF}")
    box.setDetailedText(f"line one\n{SPOOF}")
    box.show()
    qtbot.waitExposed(box)
    assert box.windowTitle() == f"Delete {SHOWN}?"
    assert box.text() == f"The scan {SHOWN} will be removed."
    assert box.informativeText() == f"Reason: {SHOWN}"
    assert box.detailedText() == f"line one\n{SHOWN}"
    box.close()


def test_the_status_bar_shows_messages_and_tips_safely(app, qtbot):
    window = QMainWindow()
    qtbot.addWidget(window)
    child = QLabel("x")
    window.setCentralWidget(child)
    window.show()
    qtbot.waitExposed(window)
    bar = window.statusBar()
    bar.showMessage(f"Package written to /media/usb/{SPOOF}", 15000)
    bar.grab()
    assert bar.currentMessage() == f"Package written to /media/usb/{SHOWN}"
    QApplication.sendEvent(child, QStatusTipEvent(f"Open {SPOOF}"))
    assert bar.currentMessage() == f"Open {SHOWN}"


def test_the_main_window_title_from_a_hand_edited_site_name(make_window, db, qtbot):
    """The site's name is stored data: the main window's title shows it safely."""
    site_code = db.site_code
    db.dispose()
    with closing(sqlite3.connect(db.path)) as con, con:
        con.execute("update site set name = ? where code = ?", (f"Пост {SPOOF}", site_code))
    window = make_window("admin")
    qtbot.waitExposed(window)
    assert window.windowTitle().startswith(f"Пост {SHOWN}")
    assert "\u202e" not in window.windowTitle()
