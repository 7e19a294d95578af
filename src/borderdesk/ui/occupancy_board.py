"""The occupancy board: one line per room, one tile per bed.

A tile shows the bed, its resident, the day of the stay and the days left, coloured
by the stay's level (ok, near the limit, overdue), and the resident's flags. The
board holds the ``RoomRow`` objects the service returned and nothing else.
"""

from __future__ import annotations

import html
import uuid
from dataclasses import dataclass

from PySide6.QtCore import QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QMouseEvent, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from borderdesk import i18n
from borderdesk.i18n import _, format_percent
from borderdesk.services.centre import BedRow, ResidentRow, RoomRow
from borderdesk.services.centre.rows import flag_label
from borderdesk.ui.stay_levels import (
    LEVEL_COLOURS,
    day_text,
    days_left_short,
    days_left_text,
    level_colour,
    level_tint,
)

TILE_HEIGHT = 74
FLAG_COLOUR = "#5b3a8c"
HEADER_WIDTH = 160  # "Несовершеннолетние 9" fits (it was cut off at 100)
TILE_MIN_WIDTH = 112


def room_title(room: RoomRow) -> str:
    """The room's name in the user's language when it is written "Русский / English"."""
    ru, sep, en = room.name.partition(" / ")
    if not sep:
        return room.name
    return ru.strip() if i18n.current_language() == "ru" else en.strip()


def bed_tooltip(bed: BedRow) -> str:
    if not bed.active:
        return _("Bed {bed}: out of use").format(bed=bed.label)
    if bed.free:
        return _("Bed {bed}: free").format(bed=bed.label)
    lines = [
        _("Bed {bed}: {name}").format(bed=bed.label, name=bed.occupant),
        f"{day_text(bed.days_in)} · {days_left_text(bed.days_left)}",
    ]
    if bed.flags:
        lines.append(", ".join(flag_label(f) for f in bed.flags))
    return "\n".join(lines)


@dataclass(frozen=True)
class Occupancy:
    rooms: list[RoomRow]
    residents: list[ResidentRow]

    @property
    def capacity(self) -> int:
        return sum(r.capacity for r in self.rooms)

    @property
    def occupied(self) -> int:
        return sum(r.occupied for r in self.rooms)

    def count(self, level: str) -> int:
        return sum(1 for r in self.residents if r.level == level)


def summary_text(occupancy: Occupancy) -> str:
    capacity, occupied = occupancy.capacity, occupancy.occupied
    share = format_percent(occupied / capacity if capacity else 0)
    parts = [
        _("<b>{occupied} of {capacity}</b> beds taken ({share})").format(
            occupied=occupied, capacity=capacity, share=share
        ),
        _("{n} free").format(n=max(capacity - occupied, 0)),
    ]
    near, overdue = occupancy.count("near"), occupancy.count("overdue")
    parts.append(
        f"<span style='color:{LEVEL_COLOURS['near']}'>"
        + _("{n} near the limit").format(n=near)
        + "</span>"
    )
    parts.append(
        f"<span style='color:{LEVEL_COLOURS['overdue']}'>"
        + _("{n} past the limit").format(n=overdue)
        + "</span>"
    )
    return " · ".join(parts)


def draw_fitted(painter: QPainter, rect: QRect, text: str, font: QFont) -> None:
    """Draw ``text`` left-aligned in ``rect``, smaller when it does not fit (to 75 %),
    elided when it still does not: the number of days must stay readable."""
    fitted = QFont(font)
    size = font.pointSizeF()
    while QFontMetrics(fitted).horizontalAdvance(text) > rect.width() and (
        fitted.pointSizeF() > size * 0.75
    ):
        fitted.setPointSizeF(fitted.pointSizeF() - 0.5)
    painter.setFont(fitted)
    shown = QFontMetrics(fitted).elidedText(text, Qt.ElideRight, rect.width())
    painter.drawText(rect, Qt.AlignLeft | Qt.AlignVCenter, shown)


class BedTile(QWidget):
    """One bed, painted: cheap to rebuild and the same in every style."""

    clicked = Signal(object)  # BedRow
    activated = Signal(object)  # BedRow (double click)
    menu_requested = Signal(object, QPoint)  # BedRow, global position

    def __init__(self, bed: BedRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bed = bed
        self.selected = False
        self.dimmed = False
        self.setFixedHeight(TILE_HEIGHT)
        self.setMinimumWidth(TILE_MIN_WIDTH)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)
        self.setCursor(Qt.PointingHandCursor if bed.stay_id else Qt.ArrowCursor)
        self.setObjectName(f"bed_{bed.label}")
        self.retranslate()

    def retranslate(self) -> None:
        self.setToolTip(bed_tooltip(self.bed))
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(140, TILE_HEIGHT)

    # --------------------------------------------------------------- mouse
    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt API
        if event.button() == Qt.LeftButton:
            self.clicked.emit(self.bed)
        elif event.button() == Qt.RightButton:
            self.clicked.emit(self.bed)
            self.menu_requested.emit(self.bed, event.globalPosition().toPoint())
        super().mousePressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt API
        if event.button() == Qt.LeftButton:
            self.activated.emit(self.bed)
        super().mouseDoubleClickEvent(event)

    # --------------------------------------------------------------- paint
    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt API
        bed, palette = self.bed, self.palette()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.Antialiasing)
        if self.dimmed:
            painter.setOpacity(0.3)
        box = QRect(self.rect()).adjusted(1, 1, -2, -2)
        text = palette.color(QPalette.Text)
        muted = palette.color(QPalette.Disabled, QPalette.Text)
        if not bed.active:
            painter.setPen(QPen(QColor("#b5b5b5"), 1))
            painter.setBrush(QColor("#ececec"))
            painter.drawRoundedRect(box, 4, 4)
            painter.setBrush(Qt.BDiagPattern)
        elif bed.free:
            painter.setPen(QPen(QColor("#a8a8a8"), 1, Qt.DashLine))
            painter.setBrush(palette.color(QPalette.Base))
            painter.drawRoundedRect(box, 4, 4)
        else:
            painter.setPen(QPen(QColor("#c4c4c4"), 1))
            painter.setBrush(level_tint(bed.level) or palette.color(QPalette.Base))
            painter.drawRoundedRect(box, 4, 4)
            bar = QRect(box.left(), box.top(), 5, box.height())
            painter.setPen(Qt.NoPen)
            painter.setBrush(level_colour(bed.level) or muted)
            painter.drawRoundedRect(bar, 2, 2)
        if self.selected:
            painter.setPen(QPen(palette.color(QPalette.Highlight), 3))
            painter.setBrush(Qt.NoBrush)
            painter.drawRoundedRect(box.adjusted(1, 1, -1, -1), 4, 4)

        inner = box.adjusted(11, 3, -6, -3)
        line = inner.height() // 4
        base = QFont(self.font())
        bold = QFont(base)
        bold.setBold(True)
        small = QFont(base)
        small.setPointSizeF(base.pointSizeF() * 0.85)
        rows = [QRect(inner.left(), inner.top() + i * line, inner.width(), line) for i in range(4)]
        left, right = Qt.AlignLeft | Qt.AlignVCenter, Qt.AlignRight | Qt.AlignVCenter

        # line 1: the bed, and the day of the stay
        painter.setFont(bold)
        painter.setPen(text if bed.active else muted)
        painter.drawText(rows[0], left, bed.bed)
        if not bed.active or bed.free:
            painter.setFont(base)
            painter.setPen(muted)
            painter.drawText(rows[1], left, _("free") if bed.active else _("out of use"))
            return
        painter.setFont(small)
        painter.setPen(muted)
        painter.drawText(rows[0], right, day_text(bed.days_in))
        # line 2: the resident
        painter.setFont(base)
        painter.setPen(text)
        painter.drawText(
            rows[1], left, QFontMetrics(base).elidedText(bed.occupant, Qt.ElideRight, inner.width())
        )
        # line 3: days left, coloured by level
        painter.setPen(level_colour(bed.level) or text)
        draw_fitted(painter, rows[2], days_left_short(bed.days_left), bold)
        # line 4: the flags
        if bed.flags:
            painter.setFont(small)
            painter.setPen(QColor(FLAG_COLOUR))
            flags = ", ".join(flag_label(f) for f in bed.flags)
            painter.drawText(
                rows[3], left, QFontMetrics(small).elidedText(flags, Qt.ElideRight, inner.width())
            )


class _RoomHeader(QLabel):
    def __init__(self, room: RoomRow, parent: QWidget) -> None:
        super().__init__(parent)
        self.room = room
        self.setFixedWidth(HEADER_WIDTH)
        self.setAlignment(Qt.AlignLeft | Qt.AlignVCenter)
        self.setToolTip(room.name)
        self.retranslate()

    def retranslate(self) -> None:
        room = self.room
        name = self.fontMetrics().elidedText(room_title(room), Qt.ElideRight, HEADER_WIDTH - 4)
        title = _("Room {code}").format(code=room.code)
        count = _("{occupied} of {capacity}").format(occupied=room.occupied, capacity=room.capacity)
        self.setText(f"<b>{html.escape(title)}</b><br>{html.escape(name)}<br>{count}")


class OccupancyBoard(QScrollArea):
    """Every room and bed; click a resident to select them, double-click to open the card."""

    stay_selected = Signal(object)  # uuid.UUID | None
    stay_activated = Signal(object)  # uuid.UUID
    menu_requested = Signal(object, QPoint)  # BedRow, global position

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("occupancy_board")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.NoFrame)
        self.rooms: list[RoomRow] = []
        self.tiles: dict[str, BedTile] = {}
        self._headers: list[_RoomHeader] = []
        self._selected: uuid.UUID | None = None
        self._filter = ""
        self._empty = QLabel()
        self._empty.setAlignment(Qt.AlignCenter)
        self.setWidget(QWidget())

    def set_rooms(self, rooms: list[RoomRow]) -> None:
        self.rooms = list(rooms)
        self.tiles = {}
        self._headers = []
        holder = QWidget()
        outer = QVBoxLayout(holder)
        outer.setContentsMargins(0, 0, 6, 0)
        grid = QGridLayout()
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(6)
        columns = max((len(r.beds) for r in rooms), default=0)
        for row, room in enumerate(rooms):
            header = _RoomHeader(room, holder)
            self._headers.append(header)
            grid.addWidget(header, row, 0)
            for column, bed in enumerate(room.beds, start=1):
                tile = BedTile(bed, holder)
                tile.clicked.connect(self._tile_clicked)
                tile.activated.connect(self._tile_activated)
                tile.menu_requested.connect(self.menu_requested)
                self.tiles[bed.label] = tile
                grid.addWidget(tile, row, column)
        for column in range(1, columns + 1):
            grid.setColumnStretch(column, 1)
        outer.addLayout(grid)
        if not rooms:
            self._empty = QLabel(_("No rooms are set up for this centre."), holder)
            self._empty.setAlignment(Qt.AlignCenter)
            outer.addWidget(self._empty)
        outer.addStretch(1)
        self.setWidget(holder)
        self._apply_selection()
        self._apply_filter()

    def retranslate(self) -> None:
        for header in self._headers:
            header.retranslate()
        for tile in self.tiles.values():
            tile.retranslate()
        if not self.rooms:
            self._empty.setText(_("No rooms are set up for this centre."))

    # ----------------------------------------------------------- selection
    def select_stay(self, stay_id: uuid.UUID | None) -> None:
        self._selected = stay_id
        self._apply_selection()

    def selected_stay(self) -> uuid.UUID | None:
        return self._selected

    def tile_of_stay(self, stay_id: uuid.UUID) -> BedTile | None:
        return next((t for t in self.tiles.values() if t.bed.stay_id == stay_id), None)

    def _apply_selection(self) -> None:
        for tile in self.tiles.values():
            chosen = self._selected is not None and tile.bed.stay_id == self._selected
            if chosen != tile.selected:
                tile.selected = chosen
                tile.update()
            if chosen:
                self.ensureWidgetVisible(tile, 0, 0)

    def _tile_clicked(self, bed: BedRow) -> None:
        self._selected = bed.stay_id
        self._apply_selection()
        self.stay_selected.emit(bed.stay_id)

    def _tile_activated(self, bed: BedRow) -> None:
        if bed.stay_id is not None:
            self.stay_activated.emit(bed.stay_id)

    # -------------------------------------------------------------- filter
    def set_filter(self, text: str) -> None:
        """Dim the beds whose label and resident do not contain ``text``."""
        self._filter = text.strip().casefold()
        self._apply_filter()

    def _apply_filter(self) -> None:
        for tile in self.tiles.values():
            bed = tile.bed
            haystack = f"{bed.label} {bed.occupant}".casefold()
            dimmed = bool(self._filter) and self._filter not in haystack
            if dimmed != tile.dimmed:
                tile.dimmed = dimmed
                tile.update()
