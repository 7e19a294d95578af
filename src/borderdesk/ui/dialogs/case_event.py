"""A timeline entry that changes no status: a contact, a document sent, an interview …"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QPlainTextEdit

from borderdesk.domain.case_workflow import event_label
from borderdesk.i18n import _
from borderdesk.services import cases
from borderdesk.services.cases.rows import CaseDetail
from borderdesk.ui.dialogs.service_dialog import ServiceDialog, date_edit
from borderdesk.ui.pages import PageContext
from borderdesk.ui.widgets import on_retranslate


class EventDialog(ServiceDialog):
    """OK adds the event (``cases.add_event``); ``result`` is the new timeline row."""

    def __init__(
        self,
        context: PageContext,
        case: CaseDetail,
        kinds: tuple[str, ...],
        parent=None,  # type: ignore[no-untyped-def]
    ) -> None:
        super().__init__(context, parent)
        self.setObjectName("event_dialog")
        self.case = case
        self.kind = QComboBox(self)
        self.kind.setObjectName("event_kind")
        for kind in kinds:
            self.kind.addItem("", kind)
        self.on = date_edit(self, up_to_today=True)
        self.on.setObjectName("event_on")
        self.note = QPlainTextEdit(self)
        self.note.setObjectName("event_note")
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(80)
        self.kind_label, self.on_label, self.note_label = QLabel(self), QLabel(self), QLabel(self)
        self.form.addRow(self.kind_label, self.kind)
        self.form.addRow(self.on_label, self.on)
        self.form.addRow(self.note_label, self.note)
        on_retranslate(self)

    def retranslate(self) -> None:
        self.setWindowTitle(
            _("Add to the timeline of {number}").format(number=self.case.case_number)
        )
        for i in range(self.kind.count()):
            self.kind.setItemText(i, event_label(self.kind.itemData(i)))
        self.kind_label.setText(_("Event"))
        self.on_label.setText(_("Date"))
        self.note_label.setText(_("Note"))

    def submit(self) -> None:
        note = self.note.toPlainText().strip()
        if not note:
            self.problem(_("The event needs a note."))
            return
        context, case_id = self.context, self.case.id
        kind, on = self.kind.currentData(), self.on.date().toPython()
        self.run(
            lambda: cases.add_event(
                context.db, actor=context.actor, case_id=case_id, kind=kind, note=note, on=on
            )
        )
