"""A form whose OK runs one service call off the GUI thread.

Errors (``BorderDeskError.message``) stay inline under the form and the dialog stays
open; on success ``result`` holds what the service returned and the dialog accepts.
Open it with ``open()`` (never ``exec()``) so tests and the event loop keep going.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from borderdesk.ui.dates import show_dates_as_chosen, site_qdate_today
from borderdesk.ui.operations import run_op
from borderdesk.ui.pages import PageContext
from borderdesk.ui.widgets import MessageLabel


def date_edit(
    parent: QWidget,
    value: date | None = None,
    *,
    up_to_today: bool = False,
    tz: str | None = None,
) -> QDateEdit:
    """A date field with a calendar, showing ``value`` (the site's today by default);
    ``up_to_today`` for the day something happened (the services refuse days to come).

    ``tz`` is the site's zone; by default the dialog's own (a ``ServiceDialog`` parent).
    """
    context = getattr(parent, "context", None)
    zone = tz or (context.site.timezone if context is not None else "UTC")
    today = site_qdate_today(zone)
    edit = QDateEdit(QDate(value) if value else today, parent)
    edit.setCalendarPopup(True)
    show_dates_as_chosen(edit)
    if up_to_today:
        edit.setMaximumDate(today)
    return edit


class ServiceDialog(QDialog):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.result: Any = None
        self.form = QFormLayout()
        self.form.setVerticalSpacing(8)
        self.message = MessageLabel(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.layout_ = QVBoxLayout(self)
        self.layout_.addLayout(self.form)
        self.layout_.addWidget(self.message)
        self.layout_.addWidget(self.buttons)
        self.setMinimumWidth(460)

    @property
    def ok_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.Ok)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self.fit_to_contents()

    def fit_to_contents(self) -> None:
        """Never narrower or shorter than the contents need.

        A dialog given a minimum width of its own no longer takes its layout's minimum
        (Qt's rule), so a wide field (the MRZ) was cut off at the right and a message that
        appeared squeezed the fields; this grows the window to what the layout needs.
        """
        layout = self.layout_
        layout.activate()
        self.setMinimumWidth(max(self.minimumWidth(), layout.minimumSize().width()))
        width = max(self.width(), layout.sizeHint().width())
        height = (
            layout.totalHeightForWidth(width)
            if layout.hasHeightForWidth()
            else layout.totalSizeHint().height()
        )
        if width > self.width() or height > self.height():
            self.resize(width, max(height, self.height()))

    def submit(self) -> None:
        raise NotImplementedError

    def problem(self, text: str) -> None:
        """A mistake found before any service call."""
        self.message.show_message(text)
        self.fit_to_contents()

    def run(self, fn: Callable[[], Any]) -> None:
        """Run ``fn`` off the GUI thread; accept with its result, or show its error."""
        self.message.clear_message()
        self.ok_button.setEnabled(False)
        run_op(self, fn, self._succeeded, self._failed)

    def _succeeded(self, result: Any) -> None:
        self.result = result
        self.ok_button.setEnabled(True)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.ok_button.setEnabled(True)
        self.message.show_error(exc)
        self.fit_to_contents()
