"""A thin table model over a list of immutable rows (frozen dataclasses from services).

The model caches the rows a service returned and nothing else; ``data()`` is a
switch on the role. A row whose getter raises is shown greyed with a tooltip
saying why: one bad record never takes the table (or Qt) down with it.

    COLUMNS = [
        Column(N_("User name"), lambda r: r.username),
        Column(N_("Created"), lambda r: fmt(r.created_at), sort_key=lambda r: r.created_at),
    ]
    model = RowTableModel(COLUMNS, muted=lambda r: r.disabled)
    view.setModel(sorting_proxy(model))
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QTableView,
    QWidget,
)

from borderdesk.domain.safe_text import shown_safely
from borderdesk.i18n import _
from borderdesk.ui.widgets import language_bridge

log = logging.getLogger(__name__)

R = TypeVar("R")

LEFT = Qt.AlignLeft | Qt.AlignVCenter
RIGHT = Qt.AlignRight | Qt.AlignVCenter
CENTRE = Qt.AlignCenter

#: The role the sorting proxy sorts by (a column's ``sort_key``, else its text).
SORT_ROLE = Qt.UserRole + 1
#: The row object itself, for views that need more than the text.
ROW_ROLE = Qt.UserRole + 2

AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column(Generic[R]):
    """One column: its header (an untranslated msgid), how to show a row, how to sort it."""

    title_msgid: str
    getter: Callable[[R], object]
    align: Qt.AlignmentFlag = LEFT
    tooltip: Callable[[R], str | None] | None = None
    sort_key: Callable[[R], Any] | None = None
    header_tooltip_msgid: str = ""


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "✓" if value else ""
    return str(value)


def _comparable(value: Any) -> Any:
    # Qt compares QVariants: keep None sortable and datetimes as numbers.
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.timestamp()
    return value


class RowTableModel(QAbstractTableModel, Generic[R]):
    def __init__(
        self,
        columns: Sequence[Column[R]],
        *,
        muted: Callable[[R], bool] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._rows: list[R] = []
        self._muted = muted
        self._broken: dict[int, str | None] = {}
        language_bridge().changed.connect(self.retranslate)

    # ------------------------------------------------------------------ rows
    def set_rows(self, rows: Sequence[R]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._broken.clear()
        self.endResetModel()

    def rows(self) -> list[R]:
        return list(self._rows)

    def row(self, row: int) -> R:
        return self._rows[row]

    def retranslate(self) -> None:
        """Headers and any translated cell text (role names, yes/no) follow the language."""
        self.headerDataChanged.emit(Qt.Horizontal, 0, max(len(self._columns) - 1, 0))
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, len(self._columns) - 1)
            )

    # ------------------------------------------------------------ Qt model API
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole):
        if orientation != Qt.Horizontal or not 0 <= section < len(self._columns):
            return None
        column = self._columns[section]
        if role == Qt.DisplayRole:
            return _(column.title_msgid)
        if role == Qt.ToolTipRole and column.header_tooltip_msgid:
            return _(column.header_tooltip_msgid)
        if role == Qt.TextAlignmentRole:
            return int(column.align)
        return None

    def data(self, index: AnyIndex, role: int = Qt.DisplayRole):
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        column = self._columns[index.column()]
        try:
            if role == Qt.DisplayRole:
                # Stored or synced text may carry direction overrides: shown, never obeyed.
                return shown_safely(_text(column.getter(row)), keep_lines=True)
            if role == SORT_ROLE:
                key = column.sort_key(row) if column.sort_key else _text(column.getter(row))
                return _comparable(key)
            if role == Qt.ToolTipRole:
                problem = self._problem(index.row())
                if problem:
                    return _("This record cannot be shown in full: {error}").format(error=problem)
                return column.tooltip(row) if column.tooltip else None
            if role == Qt.TextAlignmentRole:
                return int(column.align)
            if role == Qt.ForegroundRole:
                muted = self._problem(index.row()) is not None or (
                    self._muted is not None and self._muted(row)
                )
                return _muted_brush() if muted else None
            if role == ROW_ROLE:
                return row
        except Exception as exc:  # a bad row greys out; it never raises into Qt
            self._broken[index.row()] = f"{type(exc).__name__}: {exc}"
            if role == Qt.DisplayRole:
                return "—"
            if role == Qt.ForegroundRole:
                return _muted_brush()
            if role == SORT_ROLE:
                return ""
        return None

    def _problem(self, row_number: int) -> str | None:
        """Why a row cannot render (None when every column renders), cached per row."""
        if row_number not in self._broken:
            problem = None
            row = self._rows[row_number]
            for column in self._columns:
                try:
                    column.getter(row)
                except Exception as exc:
                    problem = f"{type(exc).__name__}: {exc}"
                    # The log gets the kind only: a message may quote the stored value.
                    log.warning("row %d cannot render: %s", row_number, type(exc).__name__)
                    break
            self._broken[row_number] = problem
        return self._broken[row_number]


def _muted_brush() -> QBrush:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app.palette().brush(QPalette.Disabled, QPalette.Text)
    return QBrush(QColor("#888888"))


def sorting_proxy(
    model: RowTableModel[Any], parent: QObject | None = None
) -> QSortFilterProxyModel:
    """A proxy that sorts by each column's ``sort_key`` and filters on every column's text.

    Give it the view's page as ``parent``, never the model itself: PySide6 6.12 crashes
    when the garbage collector frees a proxy that is a child of its own source model.
    """
    proxy = QSortFilterProxyModel(parent)
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    proxy.setFilterCaseSensitivity(Qt.CaseInsensitive)
    proxy.setFilterKeyColumn(-1)
    proxy.setSortCaseSensitivity(Qt.CaseInsensitive)
    return proxy


def row_at(index: QModelIndex) -> Any:
    """The row object behind an index of the model or of any proxy over it."""
    return index.data(ROW_ROLE) if index.isValid() else None


def row_table_view(
    parent: QWidget,
    proxy: QSortFilterProxyModel,
    *,
    name: str,
    order: Qt.SortOrder = Qt.SortOrder.AscendingOrder,
    single_selection: bool = True,
) -> QTableView:
    """A read-only, sortable table of whole rows, the way every list page shows one."""
    table = QTableView(parent)
    table.setObjectName(name)
    table.setModel(proxy)
    table.setSortingEnabled(True)
    table.sortByColumn(0, order)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    if single_selection:
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    header.setHighlightSections(False)
    return table
