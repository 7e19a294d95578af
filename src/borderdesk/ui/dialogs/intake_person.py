"""Who is taken in: the person of an open case, or a document scanned or typed (MRZ)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QRadioButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from borderdesk.i18n import N_, _
from borderdesk.services.cases.rows import CaseRow
from borderdesk.ui.models import Column, RowTableModel, row_at, sorting_proxy
from borderdesk.ui.mrz_input import MrzField
from borderdesk.ui.widgets import on_retranslate

#: Case kinds a person arrives at the centre with.
INTAKE_KINDS = ("incoming", "apprehension")


@dataclass(frozen=True)
class PersonSource:
    """What the intake service is given: exactly one of the two."""

    case_id: uuid.UUID | None = None
    person_id: uuid.UUID | None = None  # the case's person (for the bed suggestion)
    mrz_lines: tuple[str, ...] = ()


class IntakePerson(QWidget):
    """Two ways in: pick a case from the list, or scan or type the document's MRZ."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.from_case = QRadioButton(self)
        self.from_case.setObjectName("from_case")
        self.from_mrz = QRadioButton(self)
        self.from_mrz.setObjectName("from_mrz")
        self.from_case.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.from_case)
        group.addButton(self.from_mrz)

        self.cases: RowTableModel[CaseRow] = RowTableModel(
            [
                Column(N_("Case"), lambda r: r.case_number),
                Column(
                    N_("Person"), lambda r: r.person_name, tooltip=lambda r: r.person_name_latin
                ),
                Column(N_("Nationality"), lambda r: r.nationality),
                Column(N_("Kind"), lambda r: r.kind_label),
                Column(N_("Status"), lambda r: r.status_label),
            ],
            parent=self,
        )
        self.proxy = sorting_proxy(self.cases, self)
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setObjectName("case_filter")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self.proxy.setFilterFixedString)
        self.table = QTableView(self)
        self.table.setObjectName("intake_cases")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.Interactive)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self.changed.emit())
        self.no_cases = QLabel(self)
        self.no_cases.setWordWrap(True)
        case_page = QWidget(self)
        case_layout = QVBoxLayout(case_page)
        case_layout.setContentsMargins(0, 0, 0, 0)
        case_layout.addWidget(self.filter_edit)
        case_layout.addWidget(self.table, 1)
        case_layout.addWidget(self.no_cases)

        self.mrz = MrzField(self, visible_lines=3)
        self.mrz.setObjectName("mrz")
        self.mrz.edited.connect(self.changed)
        self.mrz_hint = QLabel(self)
        self.mrz_hint.setWordWrap(True)
        mrz_page = QWidget(self)
        mrz_layout = QVBoxLayout(mrz_page)
        mrz_layout.setContentsMargins(0, 0, 0, 0)
        mrz_layout.addWidget(self.mrz)
        mrz_layout.addWidget(self.mrz_hint)
        mrz_layout.addStretch(1)

        self.stack = QStackedWidget(self)
        self.stack.addWidget(case_page)
        self.stack.addWidget(mrz_page)
        choice = QHBoxLayout()
        choice.addWidget(self.from_case)
        choice.addWidget(self.from_mrz)
        choice.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(choice)
        layout.addWidget(self.stack, 1)
        self.from_case.toggled.connect(self._switch)
        on_retranslate(self)

    def retranslate(self) -> None:
        self.from_case.setText(_("From a case"))
        self.from_mrz.setText(_("Scan or type the document (MRZ)"))
        self.filter_edit.setPlaceholderText(_("Filter: case number or name"))
        self.mrz.set_placeholder(_("Scan the document, or type its two or three MRZ lines"))
        self.mrz.retranslate()
        self.mrz_hint.setText(
            _(
                "The person is found by the document, or by name and date of birth, "
                "or recorded anew."
            )
        )
        self.no_cases.setText(
            _("No open case to take a person in from: scan or type the document instead.")
        )

    def set_cases(self, rows: list[CaseRow]) -> None:
        self.cases.set_rows([r for r in rows if r.kind in INTAKE_KINDS])
        self.table.resizeColumnsToContents()
        empty = self.cases.rowCount() == 0
        self.no_cases.setVisible(empty)
        if empty and self.mrz.is_empty():
            self.from_mrz.setChecked(True)

    def select_case(self, case_id: uuid.UUID) -> bool:
        for proxy_row in range(self.proxy.rowCount()):
            if row_at(self.proxy.index(proxy_row, 0)).id == case_id:
                self.from_case.setChecked(True)
                self.table.selectRow(proxy_row)
                return True
        return False

    def selected_case(self) -> CaseRow | None:
        rows = self.table.selectionModel().selectedRows()
        return row_at(rows[0]) if rows else None

    def mrz_lines(self) -> tuple[str, ...]:
        """The scanned lines once they make a whole MRZ (by length), else none."""
        return tuple(self.mrz.lines()) if self.mrz.is_complete() else ()

    def source(self) -> PersonSource | None:
        """What was chosen, or None while nothing is."""
        if self.from_case.isChecked():
            case = self.selected_case()
            return PersonSource(case_id=case.id, person_id=case.person_id) if case else None
        lines = self.mrz_lines()
        return PersonSource(mrz_lines=lines) if lines else None

    def problem(self) -> str:
        if self.from_case.isChecked():
            return _("Choose the case the person comes with.")
        if self.mrz.is_empty():
            return _("Scan the document or type its MRZ lines.")
        return _("The MRZ is not complete: check the lines.")

    def _switch(self) -> None:
        self.stack.setCurrentIndex(0 if self.from_case.isChecked() else 1)
        if self.from_mrz.isChecked():
            self.mrz.setFocus()
        self.changed.emit()
