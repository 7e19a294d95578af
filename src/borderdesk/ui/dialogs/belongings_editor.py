"""The belongings receipt as it is filled in at intake: items (what, how many, a
description) and cash by currency. The model is edited in place and hands the
service plain ``BelongingLine`` objects; the service checks every line."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from borderdesk.i18n import N_, _, format_amount
from borderdesk.services.centre import BelongingLine
from borderdesk.ui.models.row_table import AnyIndex
from borderdesk.ui.widgets import language_bridge, on_retranslate

ITEM, QUANTITY, DESCRIPTION, CURRENCY, AMOUNT = range(5)
HEADERS = (N_("Item"), N_("Quantity"), N_("Description"), N_("Currency"), N_("Amount"))


@dataclass
class _Line:
    item: str = ""
    quantity: int = 1
    description: str = ""
    currency: str = ""  # set: a cash line
    amount: str = ""

    @property
    def is_cash(self) -> bool:
        return bool(self.currency)

    @property
    def blank(self) -> bool:
        return not (self.item.strip() or self.description.strip() or self.amount.strip())


def _amount(text: str) -> Decimal | None:
    try:
        return Decimal(text.replace(",", ".").replace(" ", "").replace("\u00a0", ""))
    except InvalidOperation:
        return None


class BelongingsModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lines: list[_Line] = []
        language_bridge().changed.connect(self._retranslate)

    def _retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Horizontal, 0, len(HEADERS) - 1)

    # -------------------------------------------------------------- editing
    def add_item(self, item: str = "", quantity: int = 1, description: str = "") -> int:
        return self._append(_Line(item=item, quantity=quantity, description=description))

    def add_cash(self, currency: str, amount: str = "") -> int:
        return self._append(_Line(currency=currency.upper(), amount=amount))

    def _append(self, line: _Line) -> int:
        row = len(self._lines)
        self.beginInsertRows(QModelIndex(), row, row)
        self._lines.append(line)
        self.endInsertRows()
        return row

    def remove(self, row: int) -> None:
        if 0 <= row < len(self._lines):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._lines[row]
            self.endRemoveRows()

    def lines(self) -> list[BelongingLine]:
        """The receipt for the service (untouched blank lines left out)."""
        result = []
        for line in self._lines:
            if line.blank:
                continue
            if line.is_cash:
                result.append(
                    BelongingLine(
                        line.item.strip(),
                        description=line.description.strip(),
                        currency=line.currency,
                        amount=line.amount.strip() or None,
                    )
                )
            else:
                result.append(
                    BelongingLine(line.item.strip(), line.quantity, line.description.strip())
                )
        return result

    def cash_totals(self) -> dict[str, Decimal]:
        totals: dict[str, Decimal] = {}
        for line in self._lines:
            value = _amount(line.amount) if line.is_cash else None
            if value is not None and value.is_finite():
                totals[line.currency] = totals.get(line.currency, Decimal(0)) + value
        return totals

    # ---------------------------------------------------------- Qt model API
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole):  # noqa: N802
        if orientation == Qt.Horizontal and role == Qt.DisplayRole and 0 <= section < len(HEADERS):
            return _(HEADERS[section])
        return None

    def _editable(self, line: _Line, column: int) -> bool:
        if line.is_cash:
            return column in (ITEM, DESCRIPTION, CURRENCY, AMOUNT)
        return column in (ITEM, QUANTITY, DESCRIPTION)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.NoItemFlags
        base = Qt.ItemIsEnabled | Qt.ItemIsSelectable
        if self._editable(self._lines[index.row()], index.column()):
            return base | Qt.ItemIsEditable
        return base

    def data(self, index: AnyIndex, role: int = Qt.DisplayRole):
        if not index.isValid() or index.row() >= len(self._lines):
            return None
        line, column = self._lines[index.row()], index.column()
        if role in (Qt.DisplayRole, Qt.EditRole):
            if column == ITEM:
                if role == Qt.DisplayRole and line.is_cash and not line.item:
                    return _("Cash")
                return line.item
            if column == QUANTITY:
                return "" if line.is_cash else line.quantity
            if column == DESCRIPTION:
                return line.description
            if column == CURRENCY:
                return line.currency
            if column == AMOUNT:
                return line.amount
        if role == Qt.TextAlignmentRole and column in (QUANTITY, AMOUNT):
            return int(Qt.AlignRight | Qt.AlignVCenter)
        return None

    def setData(self, index: AnyIndex, value, role: int = Qt.EditRole) -> bool:  # noqa: N802
        if role != Qt.EditRole or not index.isValid():
            return False
        line, column = self._lines[index.row()], index.column()
        if not self._editable(line, column):
            return False
        if column == ITEM:
            line.item = str(value)
        elif column == QUANTITY:
            try:
                line.quantity = max(1, int(value))
            except (TypeError, ValueError):
                return False
        elif column == DESCRIPTION:
            line.description = str(value)
        elif column == CURRENCY:
            code = str(value).strip().upper()
            if not code:
                return False
            line.currency = code
        elif column == AMOUNT:
            line.amount = str(value).strip()
        self.dataChanged.emit(index, index)
        return True


class BelongingsEditor(QWidget):
    """The receipt table with Add item, Add cash and Remove line."""

    def __init__(self, cash_currency: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cash_currency = cash_currency
        self.model = BelongingsModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("belongings_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.DoubleClicked
            | QAbstractItemView.EditKeyPressed
            | QAbstractItemView.AnyKeyPressed
        )
        self.table.verticalHeader().setVisible(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(ITEM, QHeaderView.Stretch)
        header.setSectionResizeMode(DESCRIPTION, QHeaderView.Stretch)
        for column in (QUANTITY, CURRENCY, AMOUNT):
            header.setSectionResizeMode(column, QHeaderView.ResizeToContents)
        self.add_item_button = QPushButton(self)
        self.add_item_button.setObjectName("add_item")
        self.add_cash_button = QPushButton(self)
        self.add_cash_button.setObjectName("add_cash")
        self.remove_button = QPushButton(self)
        self.remove_button.setObjectName("remove_line")
        self.totals = QLabel(self)
        self.totals.setObjectName("cash_totals")
        buttons = QHBoxLayout()
        for button in (self.add_item_button, self.add_cash_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.totals)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.add_item_button.clicked.connect(self._add_item)
        self.add_cash_button.clicked.connect(self._add_cash)
        self.remove_button.clicked.connect(self._remove)
        self.model.dataChanged.connect(self._show_totals)
        self.model.rowsInserted.connect(self._show_totals)
        self.model.rowsRemoved.connect(self._show_totals)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        on_retranslate(self)
        self._update_buttons()

    def retranslate(self) -> None:
        self.add_item_button.setText(_("Add item"))
        self.add_cash_button.setText(_("Add cash"))
        self.remove_button.setText(_("Remove line"))
        self.table.setToolTip(_("Double-click a cell to edit it."))
        self._show_totals()

    def lines(self) -> list[BelongingLine]:
        return self.model.lines()

    def _add_item(self) -> None:
        self._edit(self.model.add_item(), ITEM)

    def _add_cash(self) -> None:
        self._edit(self.model.add_cash(self.cash_currency), AMOUNT)

    def _edit(self, row: int, column: int) -> None:
        index = self.model.index(row, column)
        self.table.setCurrentIndex(index)
        self.table.edit(index)

    def _remove(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.model.remove(rows[0].row())

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(self.table.selectionModel().hasSelection())

    def _show_totals(self) -> None:
        totals = self.model.cash_totals()
        if not totals:
            self.totals.setText("")
            return
        amounts = ", ".join(
            format_amount(value, currency) for currency, value in sorted(totals.items())
        )
        self.totals.setText(_("Cash: {amounts}").format(amounts=amounts))
