"""The centre's occupancy, read only (supervisors): the board and its summary, no actions."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from borderdesk.services import centre
from borderdesk.ui.occupancy_board import Occupancy, OccupancyBoard, summary_text
from borderdesk.ui.operations import run_op
from borderdesk.ui.pages import Page, PageContext
from borderdesk.ui.widgets import MessageLabel, on_retranslate


class OccupancyPage(Page):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.summary = QLabel(self)
        self.summary.setObjectName("occupancy_summary")
        self.summary.setTextFormat(Qt.RichText)
        self.board = OccupancyBoard(self)
        self.message = MessageLabel(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.message)
        layout.addWidget(self.board, 1)
        self.occupancy: Occupancy | None = None
        on_retranslate(self)

    def retranslate(self) -> None:
        self.board.retranslate()
        if self.occupancy is not None:
            self.summary.setText(summary_text(self.occupancy))

    def activated(self) -> None:
        context = self.context
        run_op(
            self,
            lambda: Occupancy(
                centre.list_rooms(context.db, actor=context.actor),
                centre.list_residents(context.db, actor=context.actor),
            ),
            self._show,
            self.message.show_error,
            latest="refresh",
        )

    def _show(self, occupancy: Occupancy) -> None:
        self.occupancy = occupancy
        self.board.set_rooms(occupancy.rooms)
        self.summary.setText(summary_text(occupancy))
