"""Belongings returned line by line, against the intake receipt (release, handover).

Every line starts as returned in full; staff lower what did not come back. Any
difference needs an explanation: ``ready()`` says whether the stay may close, and
the service refuses a difference without one anyway.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from borderdesk.i18n import N_, _, format_amount
from borderdesk.services.centre import BelongingRow, ReturnLine
from borderdesk.ui.models.row_table import AnyIndex
from borderdesk.ui.widgets import language_bridge, on_retranslate

NUMBER, ITEM, DESCRIPTION, RECEIVED, RETURNED, NOTE = range(6)
HEADERS = (
    N_("No."),
    N_("Item"),
    N_("Description"),
    N_("Received"),
    N_("Returned"),
    N_("Note"),
)
SHORT_TINT = "#fbe3e6"


def _amount(text: str) -> Decimal | None:
    try:
        value = Decimal(str(text).replace(",", ".").replace(" ", "").replace("\u00a0", ""))
    except InvalidOperation:
        return None
    return value if value.is_finite() and value >= 0 else None


def received_text(row: BelongingRow) -> str:
    if row.is_cash:
        return format_amount(row.amount or 0, row.currency)
    return str(row.quantity)


@dataclass
class _Check:
    row: BelongingRow
    quantity: int
    amount: Decimal
    note: str = ""

    @property
    def returned_text(self) -> str:
        if self.row.is_cash:
            return format_amount(self.amount, self.row.currency)
        return str(self.quantity)

    @property
    def differs(self) -> bool:
        if self.row.is_cash:
            return self.amount != (self.row.amount or Decimal(0))
        return self.quantity != self.row.quantity


class ReturnCheckModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._checks: list[_Check] = []
        language_bridge().changed.connect(self._retranslate)

    def _retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Horizontal, 0, len(HEADERS) - 1)

    def set_belongings(self, rows: Sequence[BelongingRow]) -> None:
        self.beginResetModel()
        self._checks = [
            _Check(row=r, quantity=r.quantity, amount=r.amount or Decimal(0)) for r in rows
        ]
        self.endResetModel()

    def set_returned(self, row: int, value: int | str | Decimal) -> bool:
        return self.setData(self.index(row, RETURNED), value)

    def return_lines(self) -> list[ReturnLine]:
        return [
            ReturnLine(str(c.row.id), amount=c.amount, note=c.note.strip())
            if c.row.is_cash
            else ReturnLine(str(c.row.id), quantity=c.quantity, note=c.note.strip())
            for c in self._checks
        ]

    def discrepancies(self) -> list[str]:
        return [
            _("{item}: received {received}, returned {returned}").format(
                item=c.row.display_item, received=received_text(c.row), returned=c.returned_text
            )
            for c in self._checks
            if c.differs
        ]

    # ---------------------------------------------------------- Qt model API
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._checks)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole):  # noqa: N802
        if orientation == Qt.Horizontal and role == Qt.DisplayRole and 0 <= section < len(HEADERS):
            return _(HEADERS[section])
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.NoItemFlags
        base = Qt.ItemIsEnabled | Qt.ItemIsSelectable
        return base | Qt.ItemIsEditable if index.column() in (RETURNED, NOTE) else base

    def data(self, index: AnyIndex, role: int = Qt.DisplayRole):
        if not index.isValid() or index.row() >= len(self._checks):
            return None
        check, column = self._checks[index.row()], index.column()
        row = check.row
        if role == Qt.DisplayRole:
            return {
                NUMBER: str(row.line_no),
                ITEM: row.display_item,
                DESCRIPTION: row.description,
                RECEIVED: received_text(row),
                RETURNED: check.returned_text,
                NOTE: check.note,
            }[column]
        if role == Qt.EditRole:
            if column == RETURNED:
                return str(check.amount) if row.is_cash else check.quantity
            if column == NOTE:
                return check.note
        if role == Qt.BackgroundRole and check.differs:
            return QBrush(QColor(SHORT_TINT))
        if role == Qt.TextAlignmentRole and column in (NUMBER, RECEIVED, RETURNED):
            return int(Qt.AlignRight | Qt.AlignVCenter)
        if role == Qt.ToolTipRole and column == RETURNED:
            return _("Double-click to enter what is returned.")
        return None

    def setData(self, index: AnyIndex, value, role: int = Qt.EditRole) -> bool:  # noqa: N802
        if role != Qt.EditRole or not index.isValid():
            return False
        check = self._checks[index.row()]
        if index.column() == RETURNED:
            if check.row.is_cash:
                amount = _amount(str(value))
                if amount is None:
                    return False
                check.amount = amount
            else:
                try:
                    quantity = int(value)
                except (TypeError, ValueError):
                    return False
                if quantity < 0:
                    return False
                check.quantity = quantity
            self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), NOTE))
            return True
        if index.column() == NOTE:
            check.note = str(value)
            self.dataChanged.emit(index, index)
            return True
        return False


class BelongingsCheck(QWidget):
    """The return check: the table, what differs, and the explanation it needs."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ReturnCheckModel(self)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.table = QTableView(self)
        self.table.setObjectName("return_check")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setEditTriggers(
            QAbstractItemView.DoubleClicked
            | QAbstractItemView.EditKeyPressed
            | QAbstractItemView.AnyKeyPressed
        )
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        for column in (NUMBER, RECEIVED, RETURNED):
            header.setSectionResizeMode(column, QHeaderView.ResizeToContents)
        for column in (ITEM, DESCRIPTION, NOTE):
            header.setSectionResizeMode(column, QHeaderView.Stretch)
        self.differences = QLabel(self)
        self.differences.setObjectName("differences")
        self.differences.setWordWrap(True)
        self.differences.setStyleSheet("color: #b00020;")
        self.explanation_label = QLabel(self)
        self.explanation = QLineEdit(self)
        self.explanation.setObjectName("explanation")
        self.explanation_label.setBuddy(self.explanation)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.differences)
        layout.addWidget(self.explanation_label)
        layout.addWidget(self.explanation)
        self.model.dataChanged.connect(self._update)
        self.model.modelReset.connect(self._update)
        self.explanation.textChanged.connect(self._update)
        on_retranslate(self)

    def retranslate(self) -> None:
        self.explanation_label.setText(_("Explanation of the difference"))
        self.explanation.setPlaceholderText(_("Required when a line does not come back in full"))
        self._update()

    def set_belongings(self, rows: Sequence[BelongingRow]) -> None:
        self.model.set_belongings(rows)

    def return_lines(self) -> list[ReturnLine]:
        return self.model.return_lines()

    def explanation_text(self) -> str:
        return self.explanation.text().strip()

    def has_difference(self) -> bool:
        return bool(self.model.discrepancies())

    def ready(self) -> bool:
        """Whether the stay may close: everything came back, or the difference is explained."""
        return not self.has_difference() or bool(self.explanation_text())

    def _update(self) -> None:
        found = self.model.discrepancies()
        differs = bool(found)
        if self.model.rowCount() == 0:
            self.intro.setText(_("No belongings were received at intake."))
        else:
            self.intro.setText(
                _(
                    "Each line as received at intake. Where something does not come back in "
                    "full, double-click “Returned” and enter what does."
                )
            )
        self.differences.setText(
            _("Not returned in full: {lines}").format(lines="; ".join(found)) if differs else ""
        )
        self.differences.setVisible(differs)
        self.explanation_label.setVisible(differs)
        self.explanation.setVisible(differs)
        self.table.setVisible(self.model.rowCount() > 0)
        self.changed.emit()
