"""The strip under the Document check page: the check just recorded, its protocol
(Print, Ctrl+P) and, after a detention recorded without a case, the apprehension case
to open from it (Shift+F8: the same prefilled dialog as Detain, F8).

It outlives the page's clearing for the next person, so the officer can print the
protocol while the next person steps up.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from borderdesk.i18n import _
from borderdesk.services.access.permissions import Permission
from borderdesk.services.checks.records import CheckRecord
from borderdesk.services.people.history import decision_with_ground
from borderdesk.ui.dialogs.detain_case import DetainCaseDialog, DetentionSource
from borderdesk.ui.pages import PageContext
from borderdesk.ui.person_card import open_protocol
from borderdesk.ui.widgets import MessageLabel, on_retranslate


def set_button_text(button: QPushButton, text: str, key: QKeySequence) -> None:
    """``Admit  (F5)``. The shortcut is set after the text: ``setText`` replaces a button's
    shortcut with the text's mnemonic (none here), which would drop it."""
    button.setText(f"{text}  ({key.toString(QKeySequence.NativeText)})")
    button.setShortcut(key)


class LastCheckBar(QWidget):
    PRINT_KEY = QKeySequence(QKeySequence.Print)
    CASE_KEY = QKeySequence("Shift+F8")

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.record: CheckRecord | None = None
        self.case_number: str | None = None  # the case opened from this check
        self.dialog: DetainCaseDialog | None = None
        self.message = MessageLabel(self)
        self.message.setObjectName("recorded")
        self.problem = MessageLabel(self)
        self.print_button = QPushButton(self)
        self.print_button.setObjectName("print_protocol")
        self.print_button.clicked.connect(self.print_protocol)
        self.case_button = QPushButton(self)
        self.case_button.setObjectName("open_case")
        self.case_button.clicked.connect(self.open_case)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.message, 1)
        row.addWidget(self.problem, 1)
        row.addWidget(self.case_button)
        row.addWidget(self.print_button)
        on_retranslate(self)

    def retranslate(self) -> None:
        set_button_text(self.print_button, _("Print protocol"), self.PRINT_KEY)
        set_button_text(self.case_button, _("Open apprehension case"), self.CASE_KEY)
        self._show()

    def show_record(self, record: CheckRecord | None) -> None:
        self.record = record
        self.case_number = None
        self.problem.clear_message()
        self._show()

    def _show(self) -> None:
        record, case = self.record, self.case_number
        self.print_button.setVisible(record is not None)
        may_open = self.context.actor.can(Permission.manage_cases)
        detained = record is not None and record.decision == "detain"
        self.case_button.setVisible(detained and may_open and case is None)
        if record is None:
            self.message.clear_message()
            return
        person = record.person
        name = " ".join(p for p in (person.surname, person.given_names) if p)
        decision = decision_with_ground(record.decision, record.refusal_ground)
        text = _("Protocol {number}: {name} — {decision}.").format(
            number=record.protocol_number, name=name, decision=decision
        )
        if case:
            text += " " + _("Apprehension case {number} opened (Cases page).").format(number=case)
        self.message.show_message(text, MessageLabel.OK)

    def print_protocol(self) -> None:
        if self.record is not None:
            open_protocol(self, self.context, self.record.id, self.record.protocol_number)

    def open_case(self) -> DetainCaseDialog | None:
        """The apprehension case prefilled from the detain decision, for the officer to
        confirm (the requested state with the agreement that covers it)."""
        record = self.record
        if record is None or not self.case_button.isVisible():
            return None
        self.problem.clear_message()
        source = DetentionSource.of_record(record, self.context.site.timezone)
        dialog = DetainCaseDialog(self.context, source, self)
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.case_opened(dialog.case))
        self.dialog = dialog
        dialog.open()
        return dialog

    def case_opened(self, case) -> None:  # type: ignore[no-untyped-def]
        self.case_number = case.case_number
        self._show()
