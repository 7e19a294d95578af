"""One readmission case: who, under which agreement, the next deadline with the rule that
produced it, the workflow steps allowed now, and the due dates, person, evidence and
timeline in tabs.

    detail = CaseDetailView(context, warn_days=7, parent=page)
    detail.show_case(case_id)       # fetched off the GUI thread
    detail.changed.connect(...)     # a step was recorded: the list should refresh
"""

from __future__ import annotations

import uuid
from datetime import date
from html import escape
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from borderdesk.domain.case_schedule import WAITING_FOR_REPLY
from borderdesk.domain.case_workflow import procedure_label, status_label
from borderdesk.errors import BorderDeskError
from borderdesk.i18n import _, format_date
from borderdesk.services import application_form, cases
from borderdesk.services.case_rows import CaseDetail
from borderdesk.services.permissions import Permission
from borderdesk.services.reference import CaseChoices
from borderdesk.ui.case_text import days_left_text, deadline_tone, state_text, unconfirmed_html
from borderdesk.ui.dialogs.case_event import EventDialog
from borderdesk.ui.dialogs.case_step import EXTENSION, StepDialog
from borderdesk.ui.dialogs.decision import DecisionDialog
from borderdesk.ui.dialogs.evidence import EvidenceDialog
from borderdesk.ui.models import row_at, sorting_proxy
from borderdesk.ui.models.toned_table import OVERDUE, RED_TEXT, SOON, TONES
from borderdesk.ui.operations import report_error, run_op
from borderdesk.ui.pages import PageContext
from borderdesk.ui.pages.case_tables import (
    due_dates_model,
    evidence_model,
    plain_table,
    timeline_model,
)
from borderdesk.ui.pdf_preview import show_pdf_preview
from borderdesk.ui.person_card import PersonCardView
from borderdesk.ui.widgets import MessageLabel, heading_font, on_retranslate

_CATEGORIES = {
    "own_national": lambda: _("own national"),
    "third_country": lambda: _("third-country national"),
    "stateless": lambda: _("stateless person"),
}
_BANNER_STYLE = "QLabel#deadline_banner {{ background: {bg}; border: 1px solid {border}; \
border-radius: 4px; padding: 8px 10px; color: {fg}; }}"
_NEUTRAL = ("#eef2f7", "#1f2d3d")


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


def banner_html(case: CaseDetail) -> tuple[str, str | None]:
    """The next deadline with its rule (unconfirmed in amber), and its tone."""
    item = case.next_due
    if item is None:
        if case.schedule_problems:
            return escape(" ".join(case.schedule_problems)), None
        return escape(
            _("No deadline is running: the case is {status}.").format(
                status=status_label(case.status)
            )
        ), None
    days_left = (item.due - case.today).days
    text = _("{step} due {due}: {rule}").format(
        step=item.label, due=format_date(item.due), rule=item.rule
    )
    html = f"<b>{escape(days_left_text(days_left))}</b> — {escape(text[:1].upper() + text[1:])}"
    if item.unverified:
        html += ", " + unconfirmed_html()
    return html, days_left


class CaseDetailView(QWidget):
    #: A step was recorded on this case (its id): lists showing it should refresh.
    changed = Signal(object)

    def __init__(
        self,
        context: PageContext,
        *,
        warn_days: int,
        choices: CaseChoices | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("case_detail")
        self.context = context
        self.warn_days = warn_days
        self.choices = choices
        self.case: CaseDetail | None = None
        self.dialog: QDialog | None = None
        self._loading: uuid.UUID | None = None
        self.can_manage = context.actor.can(Permission.manage_cases)
        tz = context.site.timezone

        self.placeholder = QLabel(self)
        self.placeholder.setAlignment(Qt.AlignCenter)
        self.placeholder.setObjectName("no_case")
        self.title = QLabel(self)
        self.title.setObjectName("case_title")
        self.title.setTextInteractionFlags(Qt.TextSelectableByMouse)
        heading_font(self.title, scale=1.25)
        self.summary = QLabel(self)
        self.summary.setObjectName("case_summary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.RichText)
        self.banner = QLabel(self)
        self.banner.setObjectName("deadline_banner")
        self.banner.setWordWrap(True)
        self.banner.setTextFormat(Qt.RichText)
        self.banner.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.message = MessageLabel(self)

        self.actions = QHBoxLayout()
        self.actions.setSpacing(6)
        self.step_buttons: dict[str, QPushButton] = {}
        self.decision_button = self._button("record_decision", self.record_decision)
        self.extension_button = self._button("request_extension", self.request_extension)
        self.print_button = self._button("print_application", self.print_application)
        self._steps_box = QHBoxLayout()
        self._steps_box.setSpacing(6)
        self.actions.addLayout(self._steps_box)
        self.actions.addWidget(self.decision_button)
        self.actions.addWidget(self.extension_button)
        self.actions.addStretch(1)
        self.actions.addWidget(self.print_button)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("case_tabs")
        self.due_model = due_dates_model(self._today, warn_days, self)
        self.due_table = plain_table("due_dates", self)
        self.due_table.setModel(sorting_proxy(self.due_model, self))
        self.due_table.sortByColumn(1, Qt.AscendingOrder)
        self.person_card = PersonCardView(context, self)
        self.evidence_model = evidence_model(tz, self)
        self.evidence_table = plain_table("evidence", self)
        self.evidence_proxy = sorting_proxy(self.evidence_model, self)
        self.evidence_table.setModel(self.evidence_proxy)
        self.evidence_table.sortByColumn(5, Qt.AscendingOrder)
        self.add_evidence_button = self._button("add_evidence", self.add_evidence)
        self.save_scan_button = self._button("save_scan", self.save_scan)
        self.evidence_table.selectionModel().selectionChanged.connect(self._update_scan_button)
        self.timeline_model = timeline_model(tz, self)
        self.timeline_table = plain_table("timeline", self)
        self.timeline_table.setModel(sorting_proxy(self.timeline_model, self))
        self.timeline_table.sortByColumn(0, Qt.DescendingOrder)
        self.add_event_button = self._button("add_event", self.add_event)
        self.tabs.addTab(self.due_table, "")
        self.tabs.addTab(self.person_card, "")
        self.tabs.addTab(
            self._with_buttons(
                self.evidence_table, self.add_evidence_button, self.save_scan_button
            ),
            "",
        )
        self.tabs.addTab(self._with_buttons(self.timeline_table, self.add_event_button), "")
        for button in (
            self.decision_button,
            self.extension_button,
            self.add_evidence_button,
            self.add_event_button,
        ):
            button.setVisible(self.can_manage)

        content = QWidget(self)
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addWidget(self.banner)
        layout.addLayout(self.actions)
        layout.addWidget(self.message)
        layout.addWidget(self.tabs, 1)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.placeholder)
        self.stack.addWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)
        on_retranslate(self)

    def _button(self, name: str, slot) -> QPushButton:  # type: ignore[no-untyped-def]
        button = QPushButton(self)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    def _with_buttons(self, table: QTableView, *buttons: QPushButton) -> QWidget:
        holder = QWidget(self)
        row = QHBoxLayout()
        for button in buttons:
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(holder)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(row)
        layout.addWidget(table, 1)
        return holder

    def _today(self) -> date:
        """The day the shown case was computed for (its "today")."""
        return self.case.today if self.case else date.today()

    # ----------------------------------------------------------------- texts
    def retranslate(self) -> None:
        self.placeholder.setText(_("Choose a case in the list to see its deadlines and history."))
        self.decision_button.setText(_("Record decision…"))
        self.extension_button.setText(_("Request extension…"))
        self.print_button.setText(_("Print application"))
        self.add_evidence_button.setText(_("Add evidence…"))
        self.save_scan_button.setText(_("Save scan…"))
        self.add_event_button.setText(_("Add to timeline…"))
        self.display(self.case)
        self.reload()  # the rule and coverage texts come from the services in a language

    def _tab_titles(self) -> None:
        case = self.case
        counts = (
            len(case.due_dates) if case else 0,
            None,
            len(case.evidence) if case else 0,
            len(case.timeline) if case else 0,
        )
        titles = (_("Deadlines"), _("Person"), _("Evidence"), _("Timeline"))
        for i, (title, count) in enumerate(zip(titles, counts, strict=True)):
            self.tabs.setTabText(i, f"{title} ({count})" if count else title)

    # ------------------------------------------------------------------ data
    def show_case(self, case_id: uuid.UUID | None) -> None:
        """Fetch and show a case; None shows the placeholder."""
        self._loading = case_id
        if case_id is None:
            self.display(None)
            return
        context = self.context
        run_op(
            self,
            lambda: cases.get_case(context.db, actor=context.actor, case_id=case_id),
            lambda case: self._loaded(case_id, case),
            lambda exc: self._load_failed(case_id, exc),
        )

    def reload(self) -> None:
        if self.case is not None:
            self.show_case(self.case.id)

    def _loaded(self, case_id: uuid.UUID, case: CaseDetail) -> None:
        if case_id == self._loading:  # a later selection wins over an earlier answer
            self.display(case)

    def _load_failed(self, case_id: uuid.UUID, exc: BaseException) -> None:
        if case_id == self._loading:
            self.display(None)
            self._error(exc)

    def _error(self, exc: BaseException) -> None:
        if isinstance(exc, BorderDeskError):
            self.message.show_message(exc.message)
        else:
            report_error(self, exc)

    def display(self, case: CaseDetail | None) -> None:
        """Show a case already fetched (None: the placeholder)."""
        previous = self.case
        self.case = case
        self._tab_titles()
        if case is None:
            self.stack.setCurrentIndex(0)
            self.person_card.load(None)
            return
        self.stack.setCurrentIndex(1)
        if previous is None or previous.id != case.id:
            self.message.clear_message()
        person = case.person
        self.title.setText(f"{case.case_number} — {person.name or person.name_latin}")
        self.summary.setText(self._summary_html(case))
        html, days_left = banner_html(case)
        tone = deadline_tone(days_left, self.warn_days)
        bg, fg = TONES[tone] if tone in (OVERDUE, SOON) else _NEUTRAL
        border = fg if tone else "#c5d0dc"
        self.banner.setStyleSheet(_BANNER_STYLE.format(bg=bg, fg=fg, border=border))
        self.banner.setText(html)
        self.banner.setProperty("tone", tone or "")
        self._build_actions(case)
        self.due_model.set_rows(case.due_dates)
        self.evidence_model.set_rows(case.evidence)
        self.timeline_model.set_rows(case.timeline)
        for table in (self.due_table, self.evidence_table, self.timeline_table):
            table.resizeColumnsToContents()
            for column in range(table.model().columnCount() - 1):
                table.setColumnWidth(column, min(table.columnWidth(column) + 12, 240))
        if previous is None or previous.person.id != person.id:
            self.person_card.load(person.id)
        self._update_scan_button()

    def _summary_html(self, case: CaseDetail) -> str:
        parts = [
            case.kind_label,
            f"<b>{escape(case.status_label)}</b>",
            f"{escape(case.agreement_id)}, {escape(procedure_label(case.procedure))}",
            f"{escape(state_text(case.requesting_state))} → "
            f"{escape(state_text(case.requested_state))}",
        ]
        if case.category in _CATEGORIES:
            parts.append(escape(_CATEGORIES[case.category]()))
        line = " · ".join(parts)
        coverage = escape(case.coverage.reason)
        if not case.coverage.applies:
            coverage = f'<span style="color:{RED_TEXT}">{coverage}</span>'
        if case.coverage.unverified:
            coverage += " (" + unconfirmed_html() + ")"
        if case.decision_reason:
            coverage += "<br>" + escape(
                _("Reason given: {reason}").format(reason=case.decision_reason)
            )
        return f"{line}<br>{coverage}"

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
                    Path(path).write_bytes(content)
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
