"""The op helper: work off the GUI thread, results and errors back on it, progress, cancel."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from borderdesk.errors import BorderDeskError
from borderdesk.ui import operations
from borderdesk.ui.operations import run_long_op, run_op


def test_result_arrives_on_the_gui_thread(app, qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    seen = {}

    def work():
        seen["worker"] = threading.current_thread()
        return 42

    run_op(parent, work, lambda value: seen.update(value=value, gui=threading.current_thread()))
    qtbot.waitUntil(lambda: "value" in seen)
    assert seen["value"] == 42
    assert seen["worker"] is not threading.main_thread()
    assert seen["gui"] is threading.main_thread()
    qtbot.waitUntil(operations.is_idle)


def test_errors_go_to_on_error_or_a_message_box(app, qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    errors = []

    def fail():
        raise BorderDeskError("Нет такого дела.")

    run_op(parent, fail, lambda _v: None, errors.append)
    qtbot.waitUntil(lambda: bool(errors))
    assert errors[0].message == "Нет такого дела."

    run_op(parent, fail, lambda _v: None)  # default: a non-blocking box with the message
    qtbot.waitUntil(lambda: parent.findChild(QMessageBox, "error_box") is not None)
    assert parent.findChild(QMessageBox, "error_box").text() == "Нет такого дела."


def test_a_bug_in_a_callback_does_not_reach_qt(app, qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    run_op(parent, lambda: 1, lambda _v: 1 / 0)
    qtbot.waitUntil(lambda: parent.findChild(QMessageBox, "error_box") is not None)
    assert "ZeroDivisionError" in parent.findChild(QMessageBox, "error_box").text()


def test_callback_of_a_closed_widget_is_dropped(app, qtbot):
    parent = QWidget()
    called = []
    release = threading.Event()
    run_op(parent, lambda: release.wait(5), called.append)
    parent.deleteLater()
    qtbot.wait(20)
    release.set()
    qtbot.waitUntil(operations.is_idle)
    assert called == []


def test_long_op_reports_progress_and_finishes(app, qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    results = []

    def work(progress, is_cancelled):
        for i in range(5):
            progress(i + 1, 5, f"{i + 1} of 5")
        return "done"

    op = run_long_op(parent, work, title="Import", on_success=results.append)
    qtbot.waitUntil(lambda: results == ["done"])
    assert not op.cancelled


def test_long_op_can_be_cancelled(app, qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    outcome = []
    started = threading.Event()

    def work(progress, is_cancelled):
        started.set()
        for _ in range(1000):  # at most 5 s, should the cancel never arrive
            if is_cancelled():
                break
            threading.Event().wait(0.005)
        return "partial"

    op = run_long_op(
        parent,
        work,
        title="Export",
        on_success=outcome.append,
        on_cancelled=lambda: outcome.append("cancelled"),
    )
    assert started.wait(5)
    qtbot.mouseClick(op.dialog.findChild(QPushButton), Qt.LeftButton)  # the Cancel button
    qtbot.waitUntil(lambda: outcome == ["cancelled"])
    assert op.cancelled


def test_synchronous_mode_runs_inline(app):
    operations.set_synchronous(True)
    try:
        seen = []
        run_op(None, lambda: "now", seen.append)
        assert seen == ["now"]
    finally:
        operations.set_synchronous(False)


def test_only_the_newest_reply_of_a_kind_is_delivered(qtbot):
    import threading

    from PySide6.QtWidgets import QWidget

    from borderdesk.ui.operations import is_idle, run_op

    parent = QWidget()
    qtbot.addWidget(parent)
    release_first = threading.Event()
    shown: list[str] = []

    def slow_old() -> str:
        release_first.wait(5)
        return "old"

    run_op(parent, slow_old, shown.append, latest="refresh")
    run_op(parent, lambda: "new", shown.append, latest="refresh")
    qtbot.waitUntil(lambda: shown == ["new"], timeout=30000)
    release_first.set()
    qtbot.waitUntil(is_idle, timeout=30000)
    assert shown == ["new"]
