"""Onward transfers (centre staff): planned handovers by date and crossing point, with
their status, case, notice due and warnings; plan, complete, cancel, print."""

from __future__ import annotations

import uuid
from datetime import date
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from borderdesk.domain.reference import agreement_name
from borderdesk.i18n import N_, _, ngettext
from borderdesk.services import transfers
from borderdesk.services.cases.rows import status_label as case_status_label
from borderdesk.services.centre.rows import transfer_status_label
from borderdesk.services.transfers import TransferRow
from borderdesk.ui.case_text import category_text
from borderdesk.ui.centre_printing import print_handover
from borderdesk.ui.dates import date_text, datetime_text
from borderdesk.ui.models import Column, row_at, sorting_proxy
from borderdesk.ui.models.row_table import row_table_view
from borderdesk.ui.operations import run_op
from borderdesk.ui.pages import Page, PageContext
from borderdesk.ui.stay_levels import WARNING_COLOUR, TintedTableModel
from borderdesk.ui.widgets import MessageLabel, on_retranslate

STATUS_FILTERS = ("planned", "completed", "cancelled", None)
STATUS_COLUMN = 4
WARNINGS_COLUMN = 6


transfer_status = transfer_status_label


def notice_text(row: TransferRow) -> str:
    if row.notice_due is None:
        return "—"
    text = date_text(row.notice_due)
    return f"{text} *" if row.notice_unverified else text


def warning_colour(row: TransferRow) -> QColor | None:
    return QColor(WARNING_COLOUR) if row.warnings else None


def day_and_place(row: TransferRow) -> str:
    """The sort key that keeps a day's transfers together by crossing point."""
    return f"{row.planned_date.isoformat()} {row.crossing_point} {row.transfer_number}"


def details_html(row: TransferRow, tz: str) -> str:
    """Everything about one transfer, for the pane under the table."""

    def line(label: str, value: str) -> str:
        return f"<b>{escape(label)}:</b> {escape(value or '—')}"

    head = _("{number}: {name} to {state}").format(
        number=row.transfer_number, name=row.person.display_name, state=row.destination_name
    )
    agreement = agreement_name(row.agreement_id)
    if row.category:
        agreement += f" ({category_text(row.category)})"
    notice = date_text(row.notice_due) if row.notice_due else ""
    if row.notice_rule:
        notice = f"{notice} ({row.notice_rule})" if notice else row.notice_rule
    if row.notice_unverified:
        notice += " " + _("(not confirmed)")
    case = row.case_number
    if row.case_status:
        case += f" — {case_status_label(row.case_status)}"
    lines = [
        f"<b>{escape(head)}</b>",
        line(_("Agreement"), agreement) + " &nbsp; " + line(_("Case"), case),
        line(_("Escorting officers"), "; ".join(row.escort_officers))
        + " &nbsp; "
        + line(_("Transport"), row.transport),
        line(_("Notice to the other side due"), notice),
    ]
    if row.completed_at is not None:
        received = ", ".join(p for p in (row.receiving_authority, row.receiving_officer) if p)
        lines.append(
            line(_("Handed over"), datetime_text(row.completed_at, tz))
            + " &nbsp; "
            + line(_("Received by"), received)
        )
    if row.cancel_reason:
        lines.append(line(_("Cancelled"), row.cancel_reason))
    for warning in row.warnings:
        lines.append(f"<span style='color:{WARNING_COLOUR}'>⚠ {escape(warning)}</span>")
    return "<br>".join(lines)


class TransfersPage(Page):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.dialog: QDialog | None = None
        self._fitted = False
        self._rows_shown = 0
        self._loaded = False
        self.model = TintedTableModel(
            [
                Column(
                    N_("Date"),
                    lambda r: date_text(r.planned_date),
                    sort_key=day_and_place,
                ),
                Column(N_("Crossing point"), lambda r: r.crossing_point),
                Column(N_("Person"), lambda r: r.person.display_name),
                Column(
                    N_("Destination"),
                    lambda r: r.destination_name,
                    tooltip=lambda r: agreement_name(r.agreement_id),
                ),
                Column(
                    N_("Status"),
                    lambda r: transfer_status(r.status),
                    tooltip=lambda r: "\n".join(r.warnings) or None,
                ),
                Column(
                    N_("Notice due"),
                    notice_text,
                    sort_key=lambda r: r.notice_due or date.max,
                    tooltip=lambda r: r.notice_rule or None,
                ),
                Column(
                    N_("Warnings"),
                    lambda r: " ".join(r.warnings),
                    tooltip=lambda r: "\n".join(r.warnings) or None,
                ),
                Column(N_("Case"), lambda r: r.case_number),
            ],
            colour=warning_colour,
            tinted_columns=[STATUS_COLUMN, WARNINGS_COLUMN],
            parent=self,
        )
        self.proxy = sorting_proxy(self.model, self)

        self.plan_button = QPushButton(self)
        self.plan_button.setObjectName("plan_transfer")
        self.complete_button = QPushButton(self)
        self.complete_button.setObjectName("complete_transfer")
        self.cancel_button = QPushButton(self)
        self.cancel_button.setObjectName("cancel_transfer")
        self.print_button = QPushButton(self)
        self.print_button.setObjectName("print_handover")
        self.status_label = QLabel(self)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("count")
        self.status = QComboBox(self)
        self.status.setObjectName("status_filter")
        for status in STATUS_FILTERS:
            self.status.addItem("", status)
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setMaximumWidth(180)
        self.filter_edit.textChanged.connect(self.proxy.setFilterFixedString)
        self.refresh_button = QPushButton(self)
        buttons = QHBoxLayout()
        for button in (
            self.plan_button,
            self.complete_button,
            self.cancel_button,
            self.print_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.refresh_button)
        filters = QHBoxLayout()
        filters.addWidget(self.status_label)
        filters.addWidget(self.status)
        filters.addWidget(self.filter_edit)
        filters.addStretch(1)
        filters.addWidget(self.count_label)

        self.message = MessageLabel(self)
        self.table = row_table_view(
            self, self.proxy, name="transfers_table", order=Qt.AscendingOrder
        )
        self.details = QLabel(self)
        self.details.setObjectName("details")
        self.details.setTextFormat(Qt.RichText)
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.details.setAlignment(Qt.AlignLeft | Qt.AlignTop)
        self.details.setFrameShape(QFrame.StyledPanel)
        self.details.setMargin(8)
        self.details.setMinimumHeight(96)
        self.notice_hint = QLabel(self)

        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.notice_hint)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addLayout(filters)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.details)
        layout.addLayout(bottom)

        self.plan_button.clicked.connect(lambda: self.plan_transfer())
        self.complete_button.clicked.connect(self.complete_transfer)
        self.cancel_button.clicked.connect(self.cancel_transfer)
        self.print_button.clicked.connect(self.print_handover)
        self.refresh_button.clicked.connect(lambda: self.refresh())
        self.status.currentIndexChanged.connect(lambda _i: self.refresh())
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(lambda _index: self.print_handover())
        on_retranslate(self)
        self._update_buttons()

    def retranslate(self) -> None:
        self.plan_button.setText(_("Plan transfer…"))
        self.complete_button.setText(_("Complete transfer…"))
        self.cancel_button.setText(_("Cancel transfer…"))
        self.print_button.setText(_("Print handover protocol"))
        self.refresh_button.setText(_("Refresh"))
        self.status_label.setText(_("Show"))
        self.filter_edit.setPlaceholderText(_("Filter"))
        for i, status in enumerate(STATUS_FILTERS):
            self.status.setItemText(i, transfer_status(status) if status else _("all"))
        self.notice_hint.setText(_("* notice period not confirmed"))
        self._show_count()
        self._update_buttons()
        if self._loaded:
            self.refresh()  # warnings come from the service, in the language of the moment

    def activated(self) -> None:
        self.refresh()

    # ------------------------------------------------------------------- data
    def refresh(self, select: uuid.UUID | None = None) -> None:
        context, status = self.context, self.status.currentData()
        chosen = self.selected()
        wanted = select or (chosen.id if chosen else None)
        self.refresh_button.setEnabled(False)
        run_op(
            self,
            lambda: transfers.list_transfers(context.db, actor=context.actor, status=status),
            lambda rows: self._show(rows, wanted),
            self._failed,
            latest="refresh",
        )

    def _show(self, rows: list[TransferRow], select: uuid.UUID | None) -> None:
        self.refresh_button.setEnabled(True)
        self._loaded = True
        self.model.set_rows(rows)
        self._rows_shown = len(rows)
        if not self._fitted and rows:
            self.table.resizeColumnsToContents()
            for column in range(self.model.columnCount() - 1):
                # 280: a crossing point ("МАПП «Илецк» – «Ташкентская»") is read whole.
                self.table.setColumnWidth(column, min(self.table.columnWidth(column) + 8, 280))
            self._fitted = True
        if select is not None:
            for proxy_row in range(self.proxy.rowCount()):
                if row_at(self.proxy.index(proxy_row, 0)).id == select:
                    self.table.selectRow(proxy_row)
                    break
        self._show_count()
        self._update_buttons()

    def _show_count(self) -> None:
        n = self._rows_shown
        self.count_label.setText(ngettext("{n} transfer", "{n} transfers", n).format(n=n))

    def _failed(self, exc: BaseException) -> None:
        self.refresh_button.setEnabled(True)
        self._update_buttons()
        self.message.show_error(exc)

    def selected(self) -> TransferRow | None:
        rows = self.table.selectionModel().selectedRows()
        return row_at(rows[0]) if rows else None

    def select_transfer(self, transfer_id: uuid.UUID) -> None:
        for proxy_row in range(self.proxy.rowCount()):
            if row_at(self.proxy.index(proxy_row, 0)).id == transfer_id:
                self.table.selectRow(proxy_row)
                return

    def _update_buttons(self) -> None:
        row = self.selected()
        if row is None:
            self.details.setText(_("Select a transfer to see its details."))
        else:
            self.details.setText(details_html(row, self.context.site.timezone))
        planned = row is not None and row.status == "planned"
        self.complete_button.setEnabled(planned)
        self.cancel_button.setEnabled(planned)
        self.print_button.setEnabled(row is not None and row.status != "cancelled")

    # ---------------------------------------------------------------- actions
    def _open(self, dialog: QDialog, on_done) -> None:  # type: ignore[no-untyped-def]
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: on_done(dialog.result))
        self.dialog = dialog
        self.message.clear_message()
        dialog.open()

    def plan_transfer(self, stay_id: uuid.UUID | None = None) -> None:
        from borderdesk.ui.dialogs.plan_transfer import PlanTransferDialog

        self._open(PlanTransferDialog(self.context, stay_id or None, self), self._planned)

    def _planned(self, row: TransferRow) -> None:
        self.message.show_message(
            _("Transfer {number} planned: {name} to {state} on {date}.").format(
                number=row.transfer_number,
                name=row.person.display_name,
                state=row.destination_name,
                date=date_text(row.planned_date),
            ),
            MessageLabel.OK,
        )
        self.refresh(select=row.id)

    def complete_transfer(self) -> None:
        from borderdesk.ui.dialogs.complete_transfer import CompleteTransferDialog

        row = self.selected()
        if row is not None and row.status == "planned":
            self._open(CompleteTransferDialog(self.context, row, self), self._completed)

    def _completed(self, row: TransferRow) -> None:
        self.message.show_message(
            _(
                "Transfer {number} completed: {name} handed over. Print the handover protocol."
            ).format(number=row.transfer_number, name=row.person.display_name),
            MessageLabel.OK,
        )
        if self.status.currentData() == "planned":
            self.status.blockSignals(True)
            self.status.setCurrentIndex(STATUS_FILTERS.index(None))
            self.status.blockSignals(False)
        self.refresh(select=row.id)

    def cancel_transfer(self) -> None:
        from borderdesk.ui.dialogs.cancel_transfer import CancelTransferDialog

        row = self.selected()
        if row is not None and row.status == "planned":
            self._open(CancelTransferDialog(self.context, row, self), self._cancelled)

    def _cancelled(self, row: TransferRow) -> None:
        self.message.show_message(
            _("Transfer {number} cancelled.").format(number=row.transfer_number), MessageLabel.OK
        )
        self.refresh()

    def print_handover(self) -> None:
        row = self.selected()
        if row is not None and row.status != "cancelled":
            self.message.clear_message()
            print_handover(self, self.context, row.id, self._failed)
