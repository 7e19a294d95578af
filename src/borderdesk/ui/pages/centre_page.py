"""The centre (centre staff): the occupancy board, the residents, and the day's work —
intake, the resident card, moving beds, release, planning a transfer, printing."""

from __future__ import annotations

import uuid

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from borderdesk.i18n import N_, _
from borderdesk.services import centre
from borderdesk.services.access.permissions import Permission
from borderdesk.services.centre import ResidentRow, StayDetail
from borderdesk.services.centre.rows import flag_label
from borderdesk.ui.centre_printing import print_intake
from borderdesk.ui.dates import date_text, datetime_text
from borderdesk.ui.models import RIGHT, Column, row_at, sorting_proxy
from borderdesk.ui.models.row_table import row_table_view
from borderdesk.ui.occupancy_board import Occupancy, OccupancyBoard, summary_text
from borderdesk.ui.operations import run_op
from borderdesk.ui.pages import Page, PageContext
from borderdesk.ui.stay_levels import LEVEL_COLOURS, TintedTableModel, days_left_text, level_colour
from borderdesk.ui.widgets import MessageLabel, on_retranslate

DAYS_LEFT_COLUMN = 6


def load_occupancy(context: PageContext) -> Occupancy:
    db, actor = context.db, context.actor
    rooms = centre.list_rooms(db, actor=actor)
    if not rooms and context.site.kind == "centre":
        rooms = centre.ensure_default_rooms(db, actor=actor)  # a new centre's first day
    return Occupancy(rooms, centre.list_residents(db, actor=actor))


class CentrePage(Page):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        tz = context.site.timezone
        self.occupancy: Occupancy | None = None
        self.selected_stay: uuid.UUID | None = None
        self.dialog: QDialog | None = None
        self._fitted = False

        self.model = TintedTableModel(
            [
                Column(N_("Bed"), lambda r: r.bed),
                Column(N_("Name"), lambda r: r.person.display_name),
                Column(N_("Nationality"), lambda r: r.person.nationality),
                Column(N_("Stay"), lambda r: r.stay_number),
                Column(
                    N_("Arrived"),
                    lambda r: datetime_text(r.arrived_at, tz),
                    sort_key=lambda r: r.arrived_at,
                ),
                Column(
                    N_("Days in"), lambda r: r.days_in, align=RIGHT, sort_key=lambda r: r.days_in
                ),
                Column(
                    N_("Days left"),
                    lambda r: days_left_text(r.days_left),
                    align=RIGHT,
                    sort_key=lambda r: r.days_left,
                ),
                Column(
                    N_("Last day"), lambda r: date_text(r.last_day), sort_key=lambda r: r.last_day
                ),
                Column(N_("Flags"), lambda r: ", ".join(flag_label(f) for f in r.flags)),
            ],
            colour=lambda r: level_colour(r.level),
            tinted_columns=[DAYS_LEFT_COLUMN],
            parent=self,
        )
        self.proxy = sorting_proxy(self.model, self)

        self.intake_button = QPushButton(self)
        self.intake_button.setObjectName("intake")
        self.card_button = QPushButton(self)
        self.card_button.setObjectName("resident_card")
        self.move_button = QPushButton(self)
        self.move_button.setObjectName("move_bed")
        self.release_button = QPushButton(self)
        self.release_button.setObjectName("release")
        self.plan_button = QPushButton(self)
        self.plan_button.setObjectName("plan_transfer")
        self.plan_button.setVisible(context.actor.can(Permission.plan_transfers))
        self.print_button = QPushButton(self)
        self.print_button.setObjectName("print_intake")
        self.refresh_button = QPushButton(self)
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setObjectName("filter")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setMaximumWidth(180)
        self.summary = QLabel(self)
        self.summary.setObjectName("summary")
        self.summary.setTextFormat(Qt.RichText)
        top = QHBoxLayout()
        top.addWidget(self.intake_button)
        top.addSpacing(12)
        top.addWidget(self.summary)
        top.addStretch(1)
        top.addWidget(self.filter_edit)
        top.addWidget(self.refresh_button)
        # What can be done with the selected resident (their own row: Russian labels are long).
        actions = QHBoxLayout()
        for button in (
            self.card_button,
            self.move_button,
            self.release_button,
            self.plan_button,
            self.print_button,
        ):
            actions.addWidget(button)
        actions.addStretch(1)
        self.legend = QLabel(self)
        self.legend.setTextFormat(Qt.RichText)
        self.legend.setContentsMargins(0, 0, 4, 2)
        self.message = MessageLabel(self)

        self.board = OccupancyBoard(self)
        self.table = row_table_view(
            self, self.proxy, name="residents_table", order=Qt.AscendingOrder
        )
        self.table.setContextMenuPolicy(Qt.CustomContextMenu)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("centre_tabs")
        self.tabs.addTab(self.board, "")
        self.tabs.addTab(self.table, "")
        self.tabs.setCornerWidget(self.legend, Qt.TopRightCorner)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(actions)
        layout.addWidget(self.message)
        layout.addWidget(self.tabs, 1)

        self.intake_button.clicked.connect(self.intake)
        self.card_button.clicked.connect(self.open_card)
        self.move_button.clicked.connect(self.move_bed)
        self.release_button.clicked.connect(self.release)
        self.plan_button.clicked.connect(self.plan_transfer)
        self.print_button.clicked.connect(self.print_intake)
        self.refresh_button.clicked.connect(lambda: self.refresh())
        self.filter_edit.textChanged.connect(self.proxy.setFilterFixedString)
        self.filter_edit.textChanged.connect(self.board.set_filter)
        self.board.stay_selected.connect(self._board_selected)
        self.board.stay_activated.connect(lambda stay_id: self.open_card())
        self.board.menu_requested.connect(lambda _bed, pos: self._menu(pos))
        self.table.selectionModel().selectionChanged.connect(self._table_selected)
        self.table.doubleClicked.connect(lambda _index: self.open_card())
        self.table.customContextMenuRequested.connect(
            lambda pos: self._menu(self.table.viewport().mapToGlobal(pos))
        )
        on_retranslate(self)
        self._update_buttons()

    def retranslate(self) -> None:
        self.intake_button.setText(_("Intake…"))
        self.card_button.setText(_("Resident card"))
        self.move_button.setText(_("Move bed…"))
        self.release_button.setText(_("Release…"))
        self.plan_button.setText(_("Plan transfer…"))
        self.print_button.setText(_("Print intake protocol"))
        self.refresh_button.setText(_("Refresh"))
        self.filter_edit.setPlaceholderText(_("Find: name or bed"))
        self.tabs.setTabText(0, _("Occupancy board"))
        self.tabs.setTabText(1, _("Residents"))
        self.legend.setText(
            " ".join(
                f"<span style='color:{LEVEL_COLOURS[level]}'>■</span> {text}"
                for level, text in (
                    ("ok", _("within the limit")),
                    ("near", _("near the limit")),
                    ("overdue", _("past the limit")),
                )
            )
        )
        self.board.retranslate()
        self._show_summary()

    def activated(self) -> None:
        self.refresh()

    # ------------------------------------------------------------------- data
    def refresh(self, select: uuid.UUID | None = None) -> None:
        context = self.context
        wanted = select or self.selected_stay
        self.refresh_button.setEnabled(False)
        run_op(
            self,
            lambda: load_occupancy(context),
            lambda o: self._show(o, wanted),
            self._failed,
            latest="refresh",
        )

    def _show(self, occupancy: Occupancy, select: uuid.UUID | None) -> None:
        self.refresh_button.setEnabled(True)
        self.occupancy = occupancy
        self.board.set_rooms(occupancy.rooms)
        self.model.set_rows(occupancy.residents)
        if not self._fitted and occupancy.residents:
            self.table.resizeColumnsToContents()
            self._fitted = True
        in_centre = {r.stay_id for r in occupancy.residents}
        self._select(select if select in in_centre else None)
        self._show_summary()

    def _show_summary(self) -> None:
        self.summary.setText(summary_text(self.occupancy) if self.occupancy else "")

    def _failed(self, exc: BaseException) -> None:
        self.refresh_button.setEnabled(True)
        self._update_buttons()
        self.message.show_error(exc)

    # -------------------------------------------------------------- selection
    def selected(self) -> ResidentRow | None:
        if self.selected_stay is None:
            return None
        return next((r for r in self.model.rows() if r.stay_id == self.selected_stay), None)

    def _select(self, stay_id: uuid.UUID | None) -> None:
        self.selected_stay = stay_id
        self.board.select_stay(stay_id)
        selection = self.table.selectionModel()
        selection.blockSignals(True)
        self.table.clearSelection()
        for proxy_row in range(self.proxy.rowCount()):
            if stay_id is not None and row_at(self.proxy.index(proxy_row, 0)).stay_id == stay_id:
                self.table.selectRow(proxy_row)
                break
        selection.blockSignals(False)
        self.table.viewport().update()
        self._update_buttons()

    def select_stay(self, stay_id: uuid.UUID | None) -> None:
        self._select(stay_id)

    def _board_selected(self, stay_id: uuid.UUID | None) -> None:
        self._select(stay_id)

    def _table_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        self._select(row_at(rows[0]).stay_id if rows else None)

    def _update_buttons(self) -> None:
        chosen = self.selected() is not None
        for button in (
            self.card_button,
            self.move_button,
            self.release_button,
            self.plan_button,
            self.print_button,
        ):
            button.setEnabled(chosen)

    def _menu(self, position: QPoint) -> None:
        if self.selected() is None:
            return
        menu = QMenu(self)
        menu.setAttribute(Qt.WA_DeleteOnClose)
        for button in (
            self.card_button,
            self.move_button,
            self.release_button,
            self.plan_button,
            self.print_button,
        ):
            if button is not self.plan_button or self.context.actor.can(Permission.plan_transfers):
                menu.addAction(button.text(), button.click)
        menu.popup(position)

    # ---------------------------------------------------------------- actions
    def _open(self, dialog: QDialog, on_done=None) -> None:  # type: ignore[no-untyped-def]
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        if on_done is not None:
            dialog.accepted.connect(lambda: on_done(dialog.result))
        self.dialog = dialog
        dialog.open()

    def intake(self) -> None:
        from borderdesk.ui.dialogs.intake import IntakeDialog

        self.message.clear_message()
        self._open(IntakeDialog(self.context, self), self._taken_in)

    def _taken_in(self, stay: StayDetail) -> None:
        self.message.show_message(
            _("{name} taken in: bed {bed}, stay {number}.").format(
                name=stay.person.display_name, bed=stay.bed, number=stay.stay_number
            ),
            MessageLabel.OK,
        )
        self.refresh(select=stay.id)

    def open_card(self) -> None:
        from borderdesk.ui.dialogs.resident_card import ResidentCard

        row = self.selected()
        if row is not None:
            self._open(ResidentCard(self.context, row.stay_id, self))

    def move_bed(self) -> None:
        from borderdesk.ui.dialogs.move_bed import MoveBedDialog

        row = self.selected()
        if row is None:
            return
        self.message.clear_message()
        dialog = MoveBedDialog(
            self.context,
            row.stay_id,
            name=row.person.display_name,
            current_bed=row.bed,
            parent=self,
        )
        self._open(dialog, self._moved)

    def _moved(self, stay: StayDetail) -> None:
        self.message.show_message(
            _("{name} moved to bed {bed}.").format(name=stay.person.display_name, bed=stay.bed),
            MessageLabel.OK,
        )
        self.refresh(select=stay.id)

    def release(self) -> None:
        from borderdesk.ui.dialogs.release import ReleaseDialog

        row = self.selected()
        if row is None:
            return
        self.message.clear_message()
        self._open(ReleaseDialog(self.context, row.stay_id, self), self._released)

    def _released(self, stay: StayDetail) -> None:
        self.message.show_message(
            _("{name} released (stay {number}).").format(
                name=stay.person.display_name, number=stay.stay_number
            ),
            MessageLabel.OK,
        )
        self.refresh()

    def plan_transfer(self) -> None:
        from borderdesk.ui.dialogs.plan_transfer import PlanTransferDialog

        row = self.selected()
        self.message.clear_message()
        dialog = PlanTransferDialog(self.context, row.stay_id if row else None, self)
        self._open(dialog, self._planned)

    def _planned(self, transfer) -> None:  # type: ignore[no-untyped-def]
        self.message.show_message(
            _("Transfer {number} planned for {date}: see the Transfers page.").format(
                number=transfer.transfer_number, date=date_text(transfer.planned_date)
            ),
            MessageLabel.OK,
        )
        self.refresh()

    def print_intake(self) -> None:
        row = self.selected()
        if row is not None:
            self.message.clear_message()
            print_intake(self, self.context, row.stay_id, self._failed)
