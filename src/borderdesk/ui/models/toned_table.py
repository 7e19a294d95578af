"""A row table whose rows carry a tone: overdue (red), due soon or unconfirmed (amber).

The tone is a property of the row (a function of the frozen row object), turned into
``BackgroundRole`` / ``ForegroundRole`` here, so views and delegates stay plain.

    model = TonedTableModel(COLUMNS, tone=lambda r: "overdue" if r.overdue else None)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush, QColor

from borderdesk.ui.models.row_table import AnyIndex, Column, RowTableModel

R = TypeVar("R")

OVERDUE = "overdue"
SOON = "soon"
UNCONFIRMED = "unconfirmed"

#: tone -> (background, text); the text colours keep a 4.5:1 contrast on their background.
#: (The tints are those of the centre's occupancy board, ``ui/stay_levels.py``.)
TONES: dict[str, tuple[str, str]] = {
    OVERDUE: ("#fbe3e6", "#9a0019"),
    SOON: ("#fdf0dc", "#7a4300"),
    UNCONFIRMED: ("#fdf0dc", "#7a4300"),
}
#: Text colours on the window background, for marks in labels and rich text.
AMBER_TEXT = "#a35a00"
RED_TEXT = "#b00020"


def tone_colours(tone: str | None) -> tuple[QColor, QColor] | None:
    if tone not in TONES:
        return None
    background, text = TONES[tone]
    return QColor(background), QColor(text)


class TonedTableModel(RowTableModel[R]):
    def __init__(
        self,
        columns: Sequence[Column[R]],
        *,
        tone: Callable[[R], str | None],
        cell_tone: Callable[[R, int], str | None] | None = None,
        muted: Callable[[R], bool] | None = None,
        parent: QObject | None = None,
    ) -> None:
        """``tone(row)`` colours the whole row; ``cell_tone(row, column)``, where it
        answers, one cell (e.g. an unconfirmed figure in an otherwise plain row)."""
        super().__init__(columns, muted=muted, parent=parent)
        self._tone = tone
        self._cell_tone = cell_tone

    def tone(self, row_number: int, column: int | None = None) -> str | None:
        try:
            row = self.row(row_number)
            if column is not None and self._cell_tone is not None:
                found = self._cell_tone(row, column)
                if found:
                    return found
            return self._tone(row)
        except Exception:  # a row that cannot say its tone is simply not toned
            return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole):
        # Headers stay left-aligned: a right-aligned title would sit under the sort arrow.
        if role == Qt.TextAlignmentRole and orientation == Qt.Horizontal:
            return int(Qt.AlignLeft | Qt.AlignVCenter)
        return super().headerData(section, orientation, role)

    def data(self, index: AnyIndex, role: int = Qt.DisplayRole):
        if (
            index.isValid()
            and index.row() < self.rowCount()
            and role in (Qt.BackgroundRole, Qt.ForegroundRole)
        ):
            colours = tone_colours(self.tone(index.row(), index.column()))
            if colours is not None:
                return QBrush(colours[0] if role == Qt.BackgroundRole else colours[1])
        return super().data(index, role)
