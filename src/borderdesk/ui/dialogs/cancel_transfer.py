"""Call a planned transfer off, with the reason (the stay and the case stay as they are)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QLabel, QLineEdit, QWidget

from borderdesk.i18n import _
from borderdesk.services import transfers
from borderdesk.services.transfers import TransferRow
from borderdesk.ui.dates import date_text
from borderdesk.ui.dialogs.service_dialog import ServiceDialog
from borderdesk.ui.pages import PageContext
from borderdesk.ui.widgets import on_retranslate


class CancelTransferDialog(ServiceDialog):
    def __init__(
        self, context: PageContext, transfer: TransferRow, parent: QWidget | None = None
    ) -> None:
        super().__init__(context, parent)
        self.setObjectName("cancel_transfer_dialog")
        self.transfer = transfer
        self.result: TransferRow | None = None
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.reason_label = QLabel(self)
        self.reason = QLineEdit(self)
        self.reason.setObjectName("reason")
        self.form.addRow(self.summary)
        self.form.addRow(self.reason_label, self.reason)
        self.reason.textChanged.connect(lambda text: self.ok_button.setEnabled(bool(text.strip())))
        self.ok_button.setEnabled(False)
        on_retranslate(self)

    def retranslate(self) -> None:
        t = self.transfer
        self.setWindowTitle(_("Cancel transfer {number}").format(number=t.transfer_number))
        self.summary.setText(
            _("<b>{name}</b> to {state} on {date}.").format(
                name=t.person.display_name,
                state=t.destination_name,
                date=date_text(t.planned_date),
            )
        )
        self.reason_label.setText(_("Reason"))
        self.ok_button.setText(_("Cancel the transfer"))
        self.buttons.button(QDialogButtonBox.Cancel).setText(_("Keep it"))

    def submit(self) -> None:
        reason = self.reason.text().strip()
        if not reason:
            return
        context, transfer_id = self.context, self.transfer.id
        self.run(
            lambda: transfers.cancel_transfer(
                context.db, actor=context.actor, transfer_id=transfer_id, reason=reason
            )
        )
