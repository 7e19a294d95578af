"""Move a resident to another free bed (the service checks that the room suits them)."""

from __future__ import annotations

import uuid

from PySide6.QtWidgets import QComboBox, QLabel, QWidget

from borderdesk.i18n import _
from borderdesk.services import centre
from borderdesk.services.centre import RoomRow, StayDetail
from borderdesk.ui.dialogs.service_dialog import ServiceDialog
from borderdesk.ui.occupancy_board import room_title
from borderdesk.ui.operations import run_op
from borderdesk.ui.pages import PageContext
from borderdesk.ui.widgets import on_retranslate


class MoveBedDialog(ServiceDialog):
    def __init__(
        self,
        context: PageContext,
        stay_id: uuid.UUID,
        *,
        name: str,
        current_bed: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(context, parent)
        self.setObjectName("move_bed_dialog")
        self.stay_id = stay_id
        self.name = name
        self.current_bed = current_bed
        self.result: StayDetail | None = None
        self.who = QLabel(self)
        self.who.setWordWrap(True)
        self.bed_label = QLabel(self)
        self.bed = QComboBox(self)
        self.bed.setObjectName("bed")
        self.form.addRow(self.who)
        self.form.addRow(self.bed_label, self.bed)
        self.ok_button.setEnabled(False)
        on_retranslate(self)
        run_op(
            self,
            lambda: centre.list_rooms(context.db, actor=context.actor),
            self._loaded,
            self._failed,
        )

    def retranslate(self) -> None:
        self.setWindowTitle(_("Move to another bed"))
        self.who.setText(
            _("<b>{name}</b>, now in bed {bed}.").format(name=self.name, bed=self.current_bed)
        )
        self.bed_label.setText(_("New bed"))
        self.ok_button.setText(_("Move"))

    def _loaded(self, rooms: list[RoomRow]) -> None:
        self.bed.clear()
        for room in rooms:
            for bed in room.beds:
                if bed.free:
                    self.bed.addItem(f"{bed.label} — {room_title(room)}", bed.label)
        if self.bed.count():
            self.ok_button.setEnabled(True)
        else:
            self.problem(_("No bed is free."))

    def submit(self) -> None:
        bed = self.bed.currentData()
        if not bed:
            return
        context, stay_id = self.context, self.stay_id
        self.run(lambda: centre.move_bed(context.db, actor=context.actor, stay_id=stay_id, bed=bed))
