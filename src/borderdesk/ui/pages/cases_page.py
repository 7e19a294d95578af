"""Readmission cases: the table coloured by deadline, filters, a quick search, New case,
and the chosen case in full underneath (:mod:`borderdesk.ui.pages.case_detail`)."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from borderdesk.domain.case_schedule import step_label
from borderdesk.domain.case_workflow import CASE_KINDS, kind_label, status_label
from borderdesk.errors import BorderDeskError
from borderdesk.i18n import N_, _, ngettext
from borderdesk.services import cases
from borderdesk.services.access.permissions import Permission
from borderdesk.services.cases.rows import CaseRow
from borderdesk.services.site import reference
from borderdesk.services.site.reference import CaseChoices
from borderdesk.services.site.settings import settings
from borderdesk.ui.case_text import day_text, days_left_text, deadline_tone, state_text
from borderdesk.ui.dialogs.new_case import NewCaseDialog
from borderdesk.ui.models import RIGHT, Column, row_at, sorting_proxy
from borderdesk.ui.models.toned_table import TonedTableModel
from borderdesk.ui.operations import run_op
from borderdesk.ui.pages import Page, PageContext
from borderdesk.ui.pages.case_detail import CaseDetailView
from borderdesk.ui.pages.case_tables import plain_table
from borderdesk.ui.person_card import fit_columns
from borderdesk.ui.widgets import MessageLabel, on_retranslate

#: Rows fetched at most; the filters and the search narrow what is asked for.
LIMIT = 2000
STATUSES = (
    "registered",
    "under_examination",
    "accepted",
    "refused",
    "deemed_accepted",
    "transfer_scheduled",
    "transferred",
    "closed",
    "withdrawn",
)
ALL = ""
DAYS_LEFT_COLUMN = 4


def next_due_text(row: CaseRow) -> str:
    if row.next_due is None:
        return ""
    step = step_label(row.next_step) if row.next_step else ""
    return f"{day_text(row.next_due)} — {step}" if step else day_text(row.next_due)


def person_tooltip(row: CaseRow) -> str:
    parts = [row.person_name_latin, state_text(row.nationality)]
    return "\n".join(p for p in parts if p)


def days_left_number(row: CaseRow) -> str:
    """Days left as a number, 12, 0 or −3 (a true minus): the words go in the tooltip."""
    if row.days_left is None:
        return ""
    return f"−{-row.days_left}" if row.days_left < 0 else str(row.days_left)


def _far(row: CaseRow) -> float:
    """Sort key of the days left: cases with nothing due go last."""
    return row.days_left if row.days_left is not None else float("inf")


class CasesPage(Page):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.warn_days = settings().case_warn_days
        self.can_manage = context.actor.can(Permission.manage_cases)
        try:
            self.choices: CaseChoices | None = reference.case_choices(actor=context.actor)
        except BorderDeskError:
            self.choices = None
        warn = self.warn_days
        self.model: TonedTableModel[CaseRow] = TonedTableModel(
            [
                Column(N_("Case"), lambda r: r.case_number),
                Column(N_("Person"), lambda r: r.person_name, tooltip=person_tooltip),
                Column(N_("Status"), lambda r: r.status_label),
                Column(N_("Next deadline"), next_due_text, sort_key=lambda r: r.next_due),
                Column(
                    N_("Days left"),
                    days_left_number,
                    align=RIGHT,
                    tooltip=lambda r: days_left_text(r.days_left) or None,
                    sort_key=_far,
                    header_tooltip_msgid=N_(
                        "Days until the next deadline. Red: it has passed. Amber: it is close."
                    ),
                ),
                Column(
                    N_("From → to"),
                    lambda r: f"{r.requesting_state} → {r.requested_state}",
                    tooltip=lambda r: (
                        f"{state_text(r.requesting_state)} → {state_text(r.requested_state)}"
                    ),
                    header_tooltip_msgid=N_("The requesting state → the requested state"),
                ),
                Column(N_("Kind"), lambda r: r.kind_label),
            ],
            tone=lambda r: deadline_tone(r.days_left, warn),
            parent=self,
        )
        self.proxy = sorting_proxy(self.model, self)

        self.new_button = QPushButton(self)
        self.new_button.setObjectName("new_case")
        self.new_button.setVisible(self.can_manage)
        self.new_button.setEnabled(self.choices is not None)
        self.search_edit = QLineEdit(self)
        self.search_edit.setObjectName("case_search")
        self.search_edit.setClearButtonEnabled(True)
        self.refresh_button = QPushButton(self)
        self.refresh_button.setObjectName("refresh")
        self.kind_filter = self._combo("kind_filter", (ALL, *CASE_KINDS))
        self.status_filter = self._combo("status_filter", (ALL, "open", *STATUSES))
        self.status_filter.setCurrentIndex(1)  # open cases first: the day's work
        states = sorted(
            {*self.choices.member_states, *self.choices.partners, self.choices.home_state}
            if self.choices
            else set()
        )
        self.state_filter = self._combo("state_filter", (ALL, *states))
        self.due_filter = self._combo("due_filter", (ALL, "overdue", "soon"))
        self.filter_labels = [QLabel(self) for _i in range(4)]

        top = QHBoxLayout()
        top.addWidget(self.new_button)
        top.addSpacing(8)
        top.addWidget(self.search_edit, 1)
        top.addWidget(self.refresh_button)
        filters = QHBoxLayout()
        for label, combo in zip(
            self.filter_labels,
            (self.kind_filter, self.status_filter, self.state_filter, self.due_filter),
            strict=True,
        ):
            filters.addWidget(label)
            filters.addWidget(combo, 0 if combo is self.due_filter else 1)
            filters.addSpacing(6)
        self.due_filter.setSizeAdjustPolicy(QComboBox.AdjustToContents)

        self.message = MessageLabel(self)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("count")
        self.table = plain_table("cases_table", self)
        self.table.setModel(self.proxy)
        self.table.sortByColumn(DAYS_LEFT_COLUMN, Qt.AscendingOrder)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.detail = CaseDetailView(context, warn_days=warn, choices=self.choices, parent=self)
        self.detail.changed.connect(lambda case_id: self.refresh(select=case_id))

        upper = QWidget(self)
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.setSpacing(4)
        upper_layout.addWidget(self.table, 1)
        upper_layout.addWidget(self.count_label)
        self.splitter = QSplitter(Qt.Vertical, self)
        self.splitter.setObjectName("cases_splitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(upper)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([260, 390])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.message)
        layout.addWidget(self.splitter, 1)

        # The quick search asks the service once typing pauses.
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(300)
        self._search_timer.timeout.connect(self.refresh)
        self.search_edit.textChanged.connect(lambda _text: self._search_timer.start())
        self.search_edit.returnPressed.connect(self.refresh)
        for combo in (self.kind_filter, self.status_filter, self.state_filter, self.due_filter):
            combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.new_button.clicked.connect(self.new_case)
        self.refresh_button.clicked.connect(self._refresh_all)
        self.dialog: NewCaseDialog | None = None
        self._rows_shown = 0
        self._loaded = False  # until the first answer: "Loading…", not "0 cases"
        self._fitted = False
        self._pending_select: uuid.UUID | None = None
        on_retranslate(self)

    def _combo(self, name: str, values: tuple[str, ...]) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        for value in values:
            combo.addItem("", value)
        combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(8)
        return combo

    # ----------------------------------------------------------------- texts
    def retranslate(self) -> None:
        self.new_button.setText(_("New case…"))
        self.refresh_button.setText(_("Refresh"))
        self.search_edit.setPlaceholderText(_("Case number or name"))
        for label, text in zip(
            self.filter_labels, (_("Kind"), _("Status"), _("State"), _("Due")), strict=True
        ):
            label.setText(text)
        texts = {
            ALL: _("All"),
            "open": _("Open"),
            "overdue": _("Overdue"),
            "soon": _("Due within {n} days").format(n=self.warn_days),
        }
        self._label_items(self.kind_filter, lambda v: texts.get(v) or kind_label(v))
        self._label_items(self.status_filter, lambda v: texts.get(v) or status_label(v))
        self._label_items(self.state_filter, lambda v: texts.get(v) or state_text(v))
        self._label_items(self.due_filter, lambda v: texts[v])
        self._show_count()

    @staticmethod
    def _label_items(combo: QComboBox, text) -> None:  # type: ignore[no-untyped-def]
        for i in range(combo.count()):
            combo.setItemText(i, text(combo.itemData(i)))

    def activated(self) -> None:
        self.refresh()

    def records_changed(self) -> None:
        self._refresh_all()

    # ------------------------------------------------------------------ data
    def _refresh_all(self) -> None:
        self.refresh()
        self.detail.reload()

    def refresh(self, select: uuid.UUID | None = None) -> None:
        self._search_timer.stop()
        context = self.context
        selected = select or (self.selected().id if self.selected() else None)
        due = self.due_filter.currentData()
        query = {
            "kind": self.kind_filter.currentData() or None,
            "status": self.status_filter.currentData() or None,
            "state": self.state_filter.currentData() or None,
            "overdue": due == "overdue",
            "due_within": self.warn_days if due == "soon" else None,
            "text": self.search_edit.text().strip() or None,
        }
        run_op(
            self,
            lambda: cases.list_cases(context.db, actor=context.actor, limit=LIMIT, **query),
            lambda rows: self._show(rows, selected),
            self._failed,
            latest="refresh",
        )

    def _show(self, rows: list[CaseRow], selected: uuid.UUID | None) -> None:
        if self.message.kind == MessageLabel.ERROR:  # the list loads again: old errors go
            self.message.clear_message()
        self._pending_select = selected
        self.model.set_rows(rows)
        self._rows_shown = len(rows)
        self._loaded = True
        if not self._fitted and rows:
            fit_columns(self.table, widest=190, padding=24)  # every column in view
            self._fitted = True
        row_number = self._proxy_row(selected) if selected else None
        if row_number is not None:
            self.table.selectRow(row_number)
            self.table.scrollTo(self.proxy.index(row_number, 0))
        elif selected is not None and self.detail.case is not None:
            pass  # filtered out of the list: the detail keeps showing it
        self._pending_select = None
        self._show_count()

    def _proxy_row(self, case_id: uuid.UUID) -> int | None:
        for proxy_row in range(self.proxy.rowCount()):
            if row_at(self.proxy.index(proxy_row, 0)).id == case_id:
                return proxy_row
        return None

    def _failed(self, exc: BaseException) -> None:
        self._loaded = True
        self.message.show_error(exc)
        self._show_count()

    def _show_count(self) -> None:
        if not self._loaded:
            self.count_label.setText(_("Loading…"))
            return
        n = self._rows_shown
        text = ngettext("{n} case", "{n} cases", n).format(n=n)
        if n >= LIMIT:
            text = _("The first {n} cases; narrow the filters to see the rest.").format(n=n)
        self.count_label.setText(text)

    def selected(self) -> CaseRow | None:
        indexes = self.table.selectionModel().selectedRows()
        return row_at(indexes[0]) if indexes else None

    def _selection_changed(self) -> None:
        row = self.selected()
        if row is None:
            return
        shown = self.detail.case
        if self._pending_select == row.id and shown is not None and shown.id == row.id:
            return  # the list was refreshed after a step: the detail is already current
        self.detail.show_case(row.id)

    # --------------------------------------------------------------- actions
    def new_case(self) -> None:
        if self.choices is None:
            return
        self.message.clear_message()
        dialog = NewCaseDialog(self.context, self.choices, self)
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._opened(dialog.result))
        self.dialog = dialog
        dialog.open()

    def _opened(self, case) -> None:  # type: ignore[no-untyped-def]
        self.message.show_message(
            _("Case {number} opened.").format(number=case.case_number), MessageLabel.OK
        )
        self.detail.display(case)
        self.refresh(select=case.id)
