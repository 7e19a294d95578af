"""Release from the centre (not a transfer): the reason, and the belongings returned
line by line. A line that does not come back in full needs an explanation: until it
is given the Release button stays disabled."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from borderdesk.i18n import _
from borderdesk.services import centre
from borderdesk.services.centre import StayDetail
from borderdesk.ui.dialogs.belongings_check import BelongingsCheck
from borderdesk.ui.dialogs.service_dialog import ServiceDialog
from borderdesk.ui.operations import run_op
from borderdesk.ui.pages import PageContext
from borderdesk.ui.widgets import on_retranslate


class ReleaseDialog(ServiceDialog):
    def __init__(self, context: PageContext, stay_id, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setObjectName("release_dialog")
        self.stay_id = stay_id
        self.stay: StayDetail | None = None
        self.result: StayDetail | None = None
        self.who = QLabel(self)
        self.who.setWordWrap(True)
        self.reason_label = QLabel(self)
        self.reason = QLineEdit(self)
        self.reason.setObjectName("reason")
        self.check = BelongingsCheck(self)
        self.form.addRow(self.who)
        self.form.addRow(self.reason_label, self.reason)
        self.form.addRow(self.check)
        self.reason.textChanged.connect(self._update)
        self.check.changed.connect(self._update)
        self.resize(720, 480)
        on_retranslate(self)
        self._update()
        run_op(
            self,
            lambda: centre.get_stay(context.db, actor=context.actor, stay_id=stay_id),
            self._loaded,
            self._failed,
        )

    def retranslate(self) -> None:
        self.setWindowTitle(_("Release from the centre"))
        self.reason_label.setText(_("Reason"))
        self.reason.setPlaceholderText(_("e.g. court order lifted, term expired"))
        self.ok_button.setText(_("Release"))
        self._show_who()

    def _loaded(self, stay: StayDetail) -> None:
        self.stay = stay
        self.check.set_belongings(stay.belongings)
        self._show_who()
        self._update()

    def _show_who(self) -> None:
        stay = self.stay
        if stay is None:
            self.who.setText(_("Loading…"))
            return
        self.who.setText(
            _("<b>{name}</b>, bed {bed}, stay {number}").format(
                name=stay.person.display_name, bed=stay.bed, number=stay.stay_number
            )
        )

    def _update(self) -> None:
        self.ok_button.setEnabled(
            self.stay is not None and bool(self.reason.text().strip()) and self.check.ready()
        )

    def _failed(self, exc: BaseException) -> None:
        super()._failed(exc)
        self._update()

    def submit(self) -> None:
        if not self.ok_button.isEnabled():
            return
        context, stay_id = self.context, self.stay_id
        reason = self.reason.text().strip()
        returned = self.check.return_lines()
        explanation = self.check.explanation_text() or None
        self.run(
            lambda: centre.release(
                context.db,
                actor=context.actor,
                stay_id=stay_id,
                reason=reason,
                returned=returned,
                explanation=explanation,
            )
        )
