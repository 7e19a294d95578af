"""Complete a transfer: the handover as it happened (time, who received the person)
and the belongings handed over with them. The stay ends and the case is closed."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import QDateTimeEdit, QLabel, QLineEdit, QWidget

from borderdesk.i18n import _
from borderdesk.services import centre, transfers
from borderdesk.services.centre import StayDetail
from borderdesk.services.transfers import TransferRow
from borderdesk.ui.dates import date_text, show_dates_as_chosen
from borderdesk.ui.dialogs.belongings_check import BelongingsCheck
from borderdesk.ui.dialogs.service_dialog import ServiceDialog
from borderdesk.ui.operations import run_op
from borderdesk.ui.pages import PageContext
from borderdesk.ui.widgets import on_retranslate


class CompleteTransferDialog(ServiceDialog):
    def __init__(
        self, context: PageContext, transfer: TransferRow, parent: QWidget | None = None
    ) -> None:
        super().__init__(context, parent)
        self.setObjectName("complete_transfer_dialog")
        self.transfer = transfer
        self.result: TransferRow | None = None
        self.stay: StayDetail | None = None
        self.tz = ZoneInfo(context.site.timezone)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.at = QDateTimeEdit(self)
        self.at.setObjectName("handed_over_at")
        self.at.setCalendarPopup(True)
        show_dates_as_chosen(self.at)
        self.at.setDateTime(QDateTime(datetime.now(self.tz).replace(tzinfo=None, microsecond=0)))
        self.authority = QLineEdit(self)
        self.authority.setObjectName("receiving_authority")
        # The agreement's competent authority, as the printed handover protocol names it.
        self.authority.setText(transfers.receiving_authority(transfer))
        self.officer = QLineEdit(self)
        self.officer.setObjectName("receiving_officer")
        self.note = QLineEdit(self)
        self.note.setObjectName("handover_note")
        self.check = BelongingsCheck(self)
        self.labels = [QLabel(self) for _i in range(4)]
        self.form.addRow(self.summary)
        for label, field in zip(
            self.labels, (self.at, self.authority, self.officer, self.note), strict=True
        ):
            self.form.addRow(label, field)
        self.belongings_label = QLabel(self)
        self.form.addRow(self.belongings_label)
        self.form.addRow(self.check)
        self.check.changed.connect(self._update)
        self.resize(760, 560)
        on_retranslate(self)
        self._update()
        run_op(
            self,
            lambda: centre.get_stay(context.db, actor=context.actor, stay_id=transfer.stay_id),
            self._loaded,
            self._failed,
        )

    def retranslate(self) -> None:
        t = self.transfer
        self.setWindowTitle(_("Complete transfer {number}").format(number=t.transfer_number))
        self.summary.setText(
            _("<b>{name}</b> to {state} on {date} at {place}.").format(
                name=t.person.display_name,
                state=t.destination_name,
                date=date_text(t.planned_date),
                place=t.crossing_point,
            )
        )
        for label, text in zip(
            self.labels,
            (_("Handed over at"), _("Receiving authority"), _("Receiving officer"), _("Note")),
            strict=True,
        ):
            label.setText(text)
        self.authority.setPlaceholderText(_("e.g. the other side's border service"))
        self.officer.setPlaceholderText(_("Name and rank"))
        self.belongings_label.setText(_("<b>Belongings handed over with the person</b>"))
        self.ok_button.setText(_("Record handover"))

    def _loaded(self, stay: StayDetail) -> None:
        self.stay = stay
        self.check.set_belongings(stay.belongings)
        self._update()

    def _update(self) -> None:
        self.ok_button.setEnabled(self.stay is not None and self.check.ready())

    def _failed(self, exc: BaseException) -> None:
        super()._failed(exc)
        self._update()

    def handed_over_at(self) -> datetime:
        return self.at.dateTime().toPython().replace(tzinfo=self.tz)

    def submit(self) -> None:
        if not self.ok_button.isEnabled():
            return
        context, transfer_id = self.context, self.transfer.id
        kwargs = dict(
            at=self.handed_over_at(),
            receiving_authority=self.authority.text(),
            receiving_officer=self.officer.text(),
            note=self.note.text(),
            returned=self.check.return_lines(),
            explanation=self.check.explanation_text() or None,
        )
        self.run(
            lambda: transfers.complete_transfer(
                context.db, actor=context.actor, transfer_id=transfer_id, **kwargs
            )
        )
