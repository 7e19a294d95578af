"""Running service calls off the GUI thread (Anki's ``CollectionOp`` / ``QueryOp`` habit).

``fn`` runs on a ``QThreadPool`` worker and must not touch widgets; its result or
error comes back through a signal, so ``on_success`` / ``on_error`` run on the GUI
thread. A callback whose parent widget has gone is dropped. No exception ever
escapes into Qt: without ``on_error``, ``widgets.report_error`` shows it (a
``BorderDeskError``'s message, or a logged unexpected error).

    run_op(self, lambda: users.list_users(db, actor=actor), self.model.set_rows)

Long work (imports, exports, reports) reports progress and can be cancelled:

    def work(progress, is_cancelled):
        for i, row in enumerate(rows):
            if is_cancelled():
                return None
            progress(i, len(rows), "")
            ...

    run_long_op(self, work, title=_("Importing…"), on_success=show_report)
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from borderdesk.i18n import _
from borderdesk.ui.widgets import report_error

Progress = Callable[[int, int, str], None]
ErrorHandler = Callable[[BaseException], None]

_synchronous = False
_running: set[_Relay] = set()


def set_synchronous(value: bool) -> None:
    """Run every op inline on the calling thread (for scripts; tests prefer waitUntil)."""
    global _synchronous
    _synchronous = value


def is_idle() -> bool:
    """No op is waiting for its result (``qtbot.waitUntil(operations.is_idle)``)."""
    return not _running


class _Relay(QObject):
    """Lives on the GUI thread; the worker emits, Qt queues, the slots call back."""

    succeeded = Signal(object)
    failed = Signal(object)
    progressed = Signal(int, int, str)

    def __init__(
        self,
        parent: QWidget | None,
        on_success: Callable[[Any], None],
        on_error: ErrorHandler | None,
    ) -> None:
        super().__init__()
        self._parent = parent
        self._has_parent = parent is not None
        self._on_success = on_success
        self._on_error = on_error
        self.on_finished: Callable[[], None] | None = None
        self.on_progress: Progress | None = None
        self.succeeded.connect(self._deliver_success, Qt.QueuedConnection)
        self.failed.connect(self._deliver_error, Qt.QueuedConnection)
        self.progressed.connect(self._deliver_progress, Qt.QueuedConnection)

    def _parent_gone(self) -> bool:
        return self._has_parent and not shiboken6.isValid(self._parent)

    def _finish(self) -> None:
        _running.discard(self)
        if self.on_finished is not None:
            self.on_finished()
        self.deleteLater()

    @Slot(object)
    def _deliver_success(self, result: object) -> None:
        try:
            if not self._parent_gone():
                self._call(self._on_success, result)
        finally:
            self._finish()

    @Slot(int, int, str)
    def _deliver_progress(self, value: int, total: int, text: str) -> None:
        if self.on_progress is not None and not self._parent_gone():
            self.on_progress(value, total, text)

    @Slot(object)
    def _deliver_error(self, exc: BaseException) -> None:
        try:
            if not self._parent_gone():
                self._call(self._on_error or self._report, exc)
        finally:
            self._finish()

    def _report(self, exc: BaseException) -> None:
        report_error(self._parent, exc)

    def _call(self, callback: Callable[[Any], None], value: object) -> None:
        try:
            callback(value)
        except Exception as exc:  # a bug in a callback must not reach Qt
            report_error(self._parent, exc)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._fn = fn
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._fn()
        except BaseException as exc:  # noqa: BLE001 - everything goes back to the GUI thread
            self._relay.failed.emit(exc)
        else:
            self._relay.succeeded.emit(result)


def run_op(
    parent: QWidget | None,
    fn: Callable[[], Any],
    on_success: Callable[[Any], None],
    on_error: ErrorHandler | None = None,
    *,
    latest: str | None = None,
) -> None:
    """Run ``fn()`` off the GUI thread, then ``on_success(result)`` or ``on_error(exc)``.

    With ``latest``, only the newest request of that name on ``parent`` is answered:
    replies can arrive out of order, and an older list must not overwrite a newer one.
    """
    if latest is not None and parent is not None:
        on_success, on_error = _newest_only(parent, latest, on_success, on_error)
    relay = _Relay(parent, on_success, on_error)
    _start(fn, relay)


def _newest_only(
    parent: QWidget, name: str, on_success: Callable[[Any], None], on_error: ErrorHandler | None
) -> tuple[Callable[[Any], None], ErrorHandler | None]:
    tickets: dict[str, int] = parent.__dict__.setdefault("_newest_request", {})
    ticket = tickets[name] = tickets.get(name, 0) + 1

    def success(result: Any) -> None:
        if tickets.get(name) == ticket:
            on_success(result)

    def error(exc: BaseException) -> None:
        if tickets.get(name) == ticket:
            (on_error or (lambda e: report_error(parent, e)))(exc)

    return success, error


def _start(fn: Callable[[], Any], relay: _Relay) -> None:
    _running.add(relay)
    if _synchronous:
        try:
            result = fn()
        except BaseException as exc:  # noqa: BLE001
            relay._deliver_error(exc)
        else:
            relay._deliver_success(result)
        return
    QThreadPool.globalInstance().start(_Job(fn, relay))


class LongOp:
    """A running long operation: its progress dialog and a way to cancel it."""

    def __init__(self, dialog: QProgressDialog, cancelled: threading.Event) -> None:
        self.dialog = dialog
        self._cancelled = cancelled

    def cancel(self) -> None:
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()


def run_long_op(
    parent: QWidget | None,
    fn: Callable[[Progress, Callable[[], bool]], Any],
    *,
    title: str,
    on_success: Callable[[Any], None],
    on_error: ErrorHandler | None = None,
    on_cancelled: Callable[[], None] | None = None,
) -> LongOp:
    """Run ``fn(progress, is_cancelled)`` with a progress dialog and a Cancel button.

    ``progress(done, total, text)`` may be called from the worker as often as it
    likes (``total`` 0 shows a busy bar). After Cancel, ``fn`` should return soon;
    then ``on_cancelled`` runs instead of ``on_success``, and an error raised
    because of the cancellation is not shown.
    """
    cancelled = threading.Event()
    dialog = QProgressDialog(title, _("Cancel"), 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModal)
    dialog.setMinimumDuration(400)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setValue(0)
    dialog.canceled.connect(cancelled.set)

    def done(result: object) -> None:
        if cancelled.is_set():
            if on_cancelled is not None:
                on_cancelled()
            return
        on_success(result)

    def failed(exc: BaseException) -> None:
        if cancelled.is_set():
            if on_cancelled is not None:
                on_cancelled()
            return
        (on_error or (lambda e: report_error(parent, e)))(exc)

    relay = _Relay(parent, done, failed)

    def show_progress(value: int, total: int, text: str) -> None:
        if not shiboken6.isValid(dialog) or cancelled.is_set():
            return
        if dialog.maximum() != total:
            dialog.setMaximum(max(total, 0))
        dialog.setValue(min(value, total) if total else 0)
        if text:
            dialog.setLabelText(text)

    def close_dialog() -> None:
        if shiboken6.isValid(dialog):
            dialog.canceled.disconnect(cancelled.set)  # closing emits canceled too
            dialog.close()
            dialog.deleteLater()

    relay.on_progress = show_progress
    relay.on_finished = close_dialog

    def progress(value: int, total: int, text: str = "") -> None:
        relay.progressed.emit(int(value), int(total), text)

    _start(lambda: fn(progress, cancelled.is_set), relay)
    return LongOp(dialog, cancelled)
