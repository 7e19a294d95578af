"""What a user can do with the case shown: record a workflow step, a decision, an
extension, evidence or a timeline entry, print the application, save a scan.

:class:`CaseActions` is mixed into :class:`~borderdesk.ui.pages.case_detail.CaseDetailView`,
which owns the buttons, the message line and the shown case, and provides ``display``,
``reload`` and ``_error``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QHBoxLayout, QPushButton, QTableView

from borderdesk.domain.case_schedule import WAITING_FOR_REPLY
from borderdesk.domain.case_workflow import status_label
from borderdesk.files import write_private_file
from borderdesk.i18n import _
from borderdesk.services import cases
from borderdesk.services.cases import application_form
from borderdesk.services.cases.rows import CaseDetail
from borderdesk.services.site.reference import CaseChoices
from borderdesk.ui.dialogs.case_event import EventDialog
from borderdesk.ui.dialogs.case_step import EXTENSION, StepDialog
from borderdesk.ui.dialogs.decision import DecisionDialog
from borderdesk.ui.dialogs.evidence import EvidenceDialog
from borderdesk.ui.models import row_at
from borderdesk.ui.operations import run_op
from borderdesk.ui.pages import PageContext
from borderdesk.ui.pdf_preview import show_pdf_preview
from borderdesk.ui.widgets import MessageLabel


def step_button_text(case: CaseDetail, status: str) -> str:
    """What the button for a workflow step says, in the user's words."""
    if status == "under_examination":
        if case.kind == "incoming":
            return _("Start examination…")
        return _("Application submitted…")
    return {
        "transfer_scheduled": _("Schedule transfer…"),
        "transferred": _("Transferred…"),
        "closed": _("Close case…"),
        "withdrawn": _("Withdraw…"),
    }.get(status, status_label(status))


class CaseActions:
    """The action buttons' behaviour for :class:`CaseDetailView` (see the module doc)."""

    context: PageContext
    case: CaseDetail | None
    choices: CaseChoices | None
    can_manage: bool
    dialog: QDialog | None
    message: MessageLabel
    step_buttons: dict[str, QPushButton]
    _steps_box: QHBoxLayout
    decision_button: QPushButton
    extension_button: QPushButton
    print_button: QPushButton
    save_scan_button: QPushButton
    evidence_table: QTableView

    def _build_actions(self, case: CaseDetail) -> None:
        for button in self.step_buttons.values():
            self._steps_box.removeWidget(button)
            button.hide()  # deleted later, by the event loop: gone from sight now
            button.deleteLater()
        self.step_buttons = {}
        if self.can_manage:
            for status in case.allowed_steps:
                if status in ("accepted", "refused"):
                    continue
                button = QPushButton(step_button_text(case, status), self)
                button.setObjectName(f"step_{status}")
                button.clicked.connect(lambda _c=False, s=status: self.take_step(s))
                self._steps_box.addWidget(button)
                self.step_buttons[status] = button
        waiting = case.status in WAITING_FOR_REPLY
        self.decision_button.setVisible(self.can_manage and waiting)
        reply_started = case.received_on if case.kind == "incoming" else case.submitted_on
        self.extension_button.setVisible(
            self.can_manage
            and waiting
            and case.procedure == "normal"
            and not case.extension_requested
            and reply_started is not None
        )

    # --------------------------------------------------------------- actions
    def _open(self, dialog: QDialog, on_done) -> None:  # type: ignore[no-untyped-def]
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: on_done(dialog.result))
        self.dialog = dialog
        dialog.open()

    def _stepped(self, case: CaseDetail, message: str) -> None:
        self.display(case)
        self.message.show_message(message, MessageLabel.OK)
        self.changed.emit(case.id)

    def _added(self, message: str) -> None:
        assert self.case is not None
        self.message.show_message(message, MessageLabel.OK)
        case_id = self.case.id
        self.reload()
        self.changed.emit(case_id)

    def take_step(self, status: str) -> None:
        if self.case is None:
            return
        self.message.clear_message()
        self._open(
            StepDialog(self.context, self.case, status, self),
            lambda case: self._stepped(
                case, _("The case is now {status}.").format(status=status_label(case.status))
            ),
        )

    def record_decision(self) -> None:
        if self.case is None:
            return
        self.message.clear_message()
        self._open(
            DecisionDialog(self.context, self.case, self),
            lambda case: self._stepped(
                case, _("Decision recorded: {status}.").format(status=status_label(case.status))
            ),
        )

    def request_extension(self) -> None:
        if self.case is None:
            return
        self.message.clear_message()
        self._open(
            StepDialog(self.context, self.case, EXTENSION, self),
            lambda case: self._stepped(case, _("The reply time limit is extended.")),
        )

    def add_evidence(self) -> None:
        if self.case is None:
            return
        self.message.clear_message()
        self._open(
            EvidenceDialog(self.context, self.case, self),
            lambda row: self._added(_("Evidence added: {type}.").format(type=row.evidence_type)),
        )

    def add_event(self) -> None:
        if self.case is None:
            return
        kinds = self.choices.event_kinds if self.choices else ("note",)
        self.message.clear_message()
        self._open(
            EventDialog(self.context, self.case, kinds, self),
            lambda row: self._added(_("Added to the timeline: {event}.").format(event=row.label)),
        )

    def print_application(self) -> None:
        case = self.case
        if case is None:
            return
        context = self.context
        self.print_button.setEnabled(False)

        def shown(pdf: bytes) -> None:
            self.print_button.setEnabled(True)
            show_pdf_preview(
                self,
                pdf,
                title=_("Readmission application {number}").format(number=case.case_number),
                filename=f"{case.case_number}-application.pdf",
            )

        def failed(exc: BaseException) -> None:
            self.print_button.setEnabled(True)
            self._error(exc)

        run_op(
            self,
            lambda: application_form.application_pdf(
                context.db, actor=context.actor, case_id=case.id
            ),
            shown,
            failed,
        )

    # ------------------------------------------------------------------ scans
    def selected_evidence(self):  # type: ignore[no-untyped-def]
        indexes = self.evidence_table.selectionModel().selectedRows()
        return row_at(indexes[0]) if indexes else None

    def _update_scan_button(self) -> None:
        row = self.selected_evidence()
        self.save_scan_button.setEnabled(row is not None and bool(row.scan_sha256))

    def save_scan(self) -> None:
        row = self.selected_evidence()
        if row is None or not row.scan_sha256:
            return
        context = self.context

        def save(found: tuple[str, bytes]) -> None:
            name, content = found
            path, _filter = QFileDialog.getSaveFileName(
                self, _("Save scan"), str(Path.home() / name)
            )
            if path:
                try:
                    write_private_file(path, content)
                except OSError as exc:
                    self.message.show_message(
                        _("Cannot write {path}: {reason}").format(path=path, reason=exc.strerror)
                    )

        run_op(
            self,
            lambda: cases.get_scan(context.db, actor=context.actor, evidence_id=row.id),
            save,
            self._error,
        )
