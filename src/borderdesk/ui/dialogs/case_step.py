"""One step of a case's workflow (to a status, or asking to extend the reply time limit),
with its date and a note for the timeline."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPlainTextEdit

from borderdesk.domain.case_workflow import status_label
from borderdesk.i18n import _
from borderdesk.services import cases
from borderdesk.services.cases.rows import CaseDetail
from borderdesk.ui.dialogs.service_dialog import ServiceDialog, date_edit
from borderdesk.ui.pages import PageContext
from borderdesk.ui.widgets import on_retranslate

#: The pseudo-step of asking for the extended reply time limit.
EXTENSION = "extension"


class StepDialog(ServiceDialog):
    """OK moves the case to ``to_status`` (``cases.advance``) or, for :data:`EXTENSION`,
    asks to extend the reply time limit; ``result`` is the updated case."""

    def __init__(self, context: PageContext, case: CaseDetail, to_status: str, parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(context, parent)
        self.setObjectName("step_dialog")
        self.case = case
        self.to_status = to_status
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.on = date_edit(self, up_to_today=True)
        self.on.setObjectName("step_on")
        self.note = QPlainTextEdit(self)
        self.note.setObjectName("step_note")
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(70)
        self.on_label, self.note_label = QLabel(self), QLabel(self)
        self.form.addRow(self.intro)
        self.form.addRow(self.on_label, self.on)
        self.form.addRow(self.note_label, self.note)
        on_retranslate(self)

    def retranslate(self) -> None:
        number = self.case.case_number
        if self.to_status == EXTENSION:
            self.setWindowTitle(_("Extend the reply time limit"))
            self.intro.setText(
                _(
                    "Record the duly motivated request to extend the reply time limit of {number}."
                ).format(number=number)
            )
            self.note.setPlaceholderText(_("Why the extension is needed"))
        else:
            self.setWindowTitle(number)
            self.intro.setText(
                _("Move {number} from '{current}' to '{wanted}'.").format(
                    number=number,
                    current=status_label(self.case.status),
                    wanted=status_label(self.to_status),
                )
            )
            self.note.setPlaceholderText(
                _("Reason (required)") if self.to_status == "withdrawn" else _("Optional")
            )
        self.on_label.setText(_("Date"))
        self.note_label.setText(_("Note"))

    def submit(self) -> None:
        note = self.note.toPlainText().strip()
        if self.to_status == "withdrawn" and not note:
            self.problem(_("Say why the case is withdrawn."))
            return
        context, case_id, on = self.context, self.case.id, self.on.date().toPython()
        if self.to_status == EXTENSION:
            self.run(
                lambda: cases.request_extension(
                    context.db, actor=context.actor, case_id=case_id, note=note, on=on
                )
            )
            return
        to_status = self.to_status
        self.run(
            lambda: cases.advance(
                context.db,
                actor=context.actor,
                case_id=case_id,
                to_status=to_status,
                note=note,
                on=on,
            )
        )
