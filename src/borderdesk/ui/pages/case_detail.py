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

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from borderdesk.i18n import _
from borderdesk.services import cases
from borderdesk.services.access.permissions import Permission
from borderdesk.services.cases.rows import CaseDetail
from borderdesk.services.site.reference import CaseChoices
from borderdesk.ui.dates import site_today
from borderdesk.ui.models import sorting_proxy
from borderdesk.ui.operations import run_op
from borderdesk.ui.pages import PageContext
from borderdesk.ui.pages.case_actions import CaseActions
from borderdesk.ui.pages.case_heading import DeadlineBanner, summary_html
from borderdesk.ui.pages.case_tables import (
    due_dates_model,
    evidence_model,
    plain_table,
    timeline_model,
)
from borderdesk.ui.person_card import PersonCardView
from borderdesk.ui.widgets import MessageLabel, heading_font, on_retranslate


class CaseDetailView(CaseActions, QWidget):
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
        self.banner = DeadlineBanner(self)
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
        return self.case.today if self.case else site_today(self.context.site.timezone)

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
        self.message.show_error(exc)

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
        self.summary.setText(summary_html(case))
        self.banner.show_deadline(case, self.warn_days)
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
