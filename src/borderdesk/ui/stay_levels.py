"""How the centre's pages show a stay's time limit: the colour of its level, the words
for the days left, and a table model that tints one column by a row's level."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from borderdesk.i18n import _, ngettext
from borderdesk.ui.models import Column, RowTableModel
from borderdesk.ui.models.row_table import AnyIndex

#: ok: within the limit; near: the board warns; overdue: past the legal maximum.
LEVEL_COLOURS = {"ok": "#1b6e20", "near": "#a35a00", "overdue": "#b00020"}
LEVEL_TINTS = {"ok": "#e8f3e9", "near": "#fdf0dc", "overdue": "#fbe3e6"}
WARNING_COLOUR = "#b00020"


def level_colour(level: str) -> QColor | None:
    colour = LEVEL_COLOURS.get(level)
    return QColor(colour) if colour else None


def level_tint(level: str) -> QColor | None:
    colour = LEVEL_TINTS.get(level)
    return QColor(colour) if colour else None


def days_left_text(days_left: int | None) -> str:
    """ "12 days left", "last day", "3 days over"."""
    if days_left is None:
        return ""
    if days_left < 0:
        over = -days_left
        return ngettext("{n} day over", "{n} days over", over).format(n=over)
    if days_left == 0:
        return _("last day")
    return ngettext("{n} day left", "{n} days left", days_left).format(n=days_left)


def days_left_short(days_left: int | None) -> str:
    """The same, short enough for a bed tile: "12 left", "last day", "3 over"."""
    if days_left is None:
        return ""
    if days_left < 0:
        # TRANSLATORS: on a bed tile about 110 pixels wide: keep it very short, e.g. "+3 дн."
        return ngettext("{n} over", "{n} over", -days_left).format(n=-days_left)
    if days_left == 0:
        return _("last day")
    # TRANSLATORS: on a bed tile about 110 pixels wide: keep it very short, e.g. "ост. 12 дн."
    return ngettext("{n} left", "{n} left", days_left).format(n=days_left)


def day_text(days_in: int | None) -> str:
    """ "day 34" of the stay (the day of arrival is day 1)."""
    return "" if days_in is None else _("day {n}").format(n=days_in)


class TintedTableModel(RowTableModel[Any]):
    """A ``RowTableModel`` whose chosen columns take a text colour from the row."""

    def __init__(
        self,
        columns: Sequence[Column[Any]],
        *,
        colour: Callable[[Any], QColor | None],
        tinted_columns: Sequence[int],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(columns, parent=parent)
        self._colour = colour
        self._tinted = set(tinted_columns)

    def data(self, index: AnyIndex, role: int = Qt.DisplayRole):
        if (
            role in (Qt.ForegroundRole, Qt.FontRole)
            and index.isValid()
            and index.column() in self._tinted
            and index.row() < self.rowCount()
        ):
            try:
                colour = self._colour(self.row(index.row()))
            except Exception:  # a bad row greys out in the base class, never raises
                colour = None
            if colour is not None:
                if role == Qt.ForegroundRole:
                    return QBrush(colour)
                font = QFont()
                font.setBold(True)
                return font
        return super().data(index, role)
