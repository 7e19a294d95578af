"""The reply to a readmission application: accepted, or refused with its reason."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLabel, QPlainTextEdit, QRadioButton

from borderdesk.i18n import _
from borderdesk.services import cases
from borderdesk.services.cases.rows import CaseDetail
from borderdesk.ui.case_text import state_name
from borderdesk.ui.dialogs.service_dialog import ServiceDialog, date_edit
from borderdesk.ui.pages import PageContext
from borderdesk.ui.widgets import on_retranslate


class DecisionDialog(ServiceDialog):
    """OK records the decision (``cases.decide``); ``result`` is the updated case."""

    def __init__(self, context: PageContext, case: CaseDetail, parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(context, parent)
        self.setObjectName("decision_dialog")
        self.case = case
        self.accept_choice = QRadioButton(self)
        self.accept_choice.setObjectName("accept")
        self.refuse_choice = QRadioButton(self)
        self.refuse_choice.setObjectName("refuse")
        self.choice = QButtonGroup(self)
        self.choice.addButton(self.accept_choice)
        self.choice.addButton(self.refuse_choice)
        self.accept_choice.setChecked(True)
        choices = QHBoxLayout()
        choices.addWidget(self.accept_choice)
        choices.addWidget(self.refuse_choice)
        choices.addStretch(1)
        self.reason = QPlainTextEdit(self)
        self.reason.setObjectName("reason")
        self.reason.setTabChangesFocus(True)
        self.reason.setFixedHeight(80)
        self.on = date_edit(self, up_to_today=True)
        self.on.setObjectName("decided_on")
        start = case.received_on if case.kind == "incoming" else case.submitted_on
        if start is not None:
            self.on.setMinimumDate(QDate(start))
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.decision_label, self.reason_label, self.on_label = (
            QLabel(self),
            QLabel(self),
            QLabel(self),
        )
        self.form.addRow(self.intro)
        self.form.addRow(self.decision_label, choices)
        self.form.addRow(self.reason_label, self.reason)
        self.form.addRow(self.on_label, self.on)
        on_retranslate(self)

    def retranslate(self) -> None:
        self.setWindowTitle(_("Decision on {number}").format(number=self.case.case_number))
        self.intro.setText(
            _("The reply of {state} to the application.").format(
                state=state_name(self.case.requested_state)
            )
        )
        self.decision_label.setText(_("Decision"))
        self.accept_choice.setText(_("Accepted"))
        self.refuse_choice.setText(_("Refused"))
        self.reason_label.setText(_("Reason"))
        self.reason.setPlaceholderText(_("Required for a refusal"))
        self.on_label.setText(_("Reply dated"))

    def submit(self) -> None:
        accept = self.accept_choice.isChecked()
        reason = self.reason.toPlainText().strip()
        if not accept and not reason:
            self.problem(_("A refusal needs its reason."))
            return
        context, case_id, on = self.context, self.case.id, self.on.date().toPython()
        self.run(
            lambda: cases.decide(
                context.db,
                actor=context.actor,
                case_id=case_id,
                accept=accept,
                reason=reason,
                on=on,
            )
        )
