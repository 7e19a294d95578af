"""Plan an onward transfer: the resident, the destination and date, checked live
against the agreements. Green where an agreement obliges the destination to take the
person back; red with the reason where none does — then planning is off and staff
record what they do instead (consular travel document, voluntary departure)."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import timedelta

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from borderdesk.domain.reference import agreement_name
from borderdesk.errors import BorderDeskError
from borderdesk.i18n import _
from borderdesk.services import centre, transfers
from borderdesk.services.centre import ResidentRow
from borderdesk.services.site import reference
from borderdesk.services.transfers import ALTERNATIVES, TransferRow
from borderdesk.ui.dates import site_today
from borderdesk.ui.dialogs.intake import split_names, with_note
from borderdesk.ui.dialogs.resident_card import nationality_text
from borderdesk.ui.dialogs.service_dialog import ServiceDialog, date_edit
from borderdesk.ui.operations import run_op
from borderdesk.ui.pages import PageContext
from borderdesk.ui.widgets import MessageLabel, on_retranslate

CHECK_DELAY_MS = 300
_CODE = re.compile(r"^\s*([A-Za-z]{3})\b")


@dataclass(frozen=True)
class PlanChoices:
    residents: list[ResidentRow]
    partners: tuple[str, ...]
    crossing_points: tuple[str, ...]


def load_choices(context: PageContext) -> PlanChoices:
    db, actor = context.db, context.actor
    residents = centre.list_residents(db, actor=actor)
    try:
        partners = reference.case_choices(actor=actor).partners
    except BorderDeskError:
        partners = ()
    known = transfers.list_transfers(db, actor=actor)
    points = tuple(dict.fromkeys(t.crossing_point for t in known if t.crossing_point))
    return PlanChoices(sorted(residents, key=lambda r: r.person.display_name), partners, points)


def destination_code(text: str) -> str:
    """ "KAZ — Kazakhstan" or "kaz" -> "KAZ"; anything else as typed."""
    found = _CODE.match(text)
    return found.group(1).upper() if found else text.strip().upper()


def destination_text(code: str) -> str:
    """ "KAZ — Kazakhstan": the code first, as it is typed."""
    name = nationality_text(code).removesuffix(f"({code})").strip()
    return code if not name or name == code else f"{code} — {name}"


class PlanTransferDialog(ServiceDialog):
    def __init__(
        self,
        context: PageContext,
        stay_id: uuid.UUID | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(context, parent)
        self.setObjectName("plan_transfer_dialog")
        self.result: TransferRow | None = None
        self.choices: PlanChoices | None = None
        self.wanted_stay = stay_id
        self.applies = False
        self._generation = 0

        self.resident = QComboBox(self)
        self.resident.setObjectName("resident")
        self.destination = QComboBox(self)
        self.destination.setObjectName("destination")
        self.destination.setEditable(True)
        self.date = date_edit(self, site_today(context.site.timezone) + timedelta(days=3))
        self.date.setObjectName("planned_date")
        self.verdict = MessageLabel(self)
        self.verdict.setObjectName("verdict")
        self.crossing_point = QComboBox(self)
        self.crossing_point.setObjectName("crossing_point")
        self.crossing_point.setEditable(True)
        self.transport = QLineEdit(self)
        self.transport.setObjectName("transport")
        self.escorts = QLineEdit(self)
        self.escorts.setObjectName("escorts")
        self.labels = [QLabel(self) for _i in range(6)]
        fields = (
            self.resident,
            self.destination,
            self.date,
            self.crossing_point,
            self.transport,
            self.escorts,
        )
        for label, field in zip(self.labels, fields, strict=True):
            self.form.addRow(label, with_note(field, self.verdict) if field is self.date else field)

        self.instead = QGroupBox(self)
        self.instead.setObjectName("alternative")
        instead_form = QFormLayout(self.instead)
        self.alternative = QComboBox(self)
        self.alternative.setObjectName("alternative_kind")
        for kind in ALTERNATIVES:
            self.alternative.addItem("", kind)
        self.alternative_note = QLineEdit(self)
        self.alternative_note.setObjectName("alternative_note")
        self.record_button = QPushButton(self)
        self.record_button.setObjectName("record_alternative")
        self.recorded = MessageLabel(self)
        self.instead_intro = QLabel(self)
        self.instead_intro.setWordWrap(True)
        self.alternative_label, self.note_label = QLabel(self), QLabel(self)
        instead_form.addRow(self.instead_intro)
        instead_form.addRow(self.alternative_label, self.alternative)
        instead_form.addRow(self.note_label, self.alternative_note)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.record_button)
        instead_form.addRow(row)
        instead_form.addRow(self.recorded)
        self.instead.hide()
        self.form.addRow(self.instead)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(CHECK_DELAY_MS)
        self._timer.timeout.connect(self.check)
        self.resident.currentIndexChanged.connect(self._resident_changed)
        self.destination.currentTextChanged.connect(lambda _t: self._changed())
        self.date.dateChanged.connect(lambda _d: self._changed())
        self.record_button.clicked.connect(self.record_alternative)
        self.setMinimumWidth(600)
        self.ok_button.setEnabled(False)
        on_retranslate(self)
        run_op(self, lambda: load_choices(context), self._loaded, self._failed)

    def retranslate(self) -> None:
        self.setWindowTitle(_("Plan transfer"))
        for label, text in zip(
            self.labels,
            (
                _("Resident"),
                _("Destination"),
                _("Date"),
                _("Crossing point"),
                _("Transport"),
                _("Escorting officers"),
            ),
            strict=True,
        ):
            label.setText(text)
        self.crossing_point.lineEdit().setPlaceholderText(
            _("Left empty: the one the agreement names")
        )
        self.transport.setPlaceholderText(_("e.g. service vehicle, registration"))
        self.escorts.setPlaceholderText(_("Names, separated by semicolons"))
        self.ok_button.setText(_("Plan transfer"))
        self.instead.setTitle(_("Instead of a transfer"))
        self.instead_intro.setText(
            _(
                "No agreement obliges this state to take the person back. "
                "Record what is done instead."
            )
        )
        self.alternative_label.setText(_("Way out"))
        self.note_label.setText(_("Note"))
        self.alternative_note.setPlaceholderText(_("e.g. request sent to the embassy"))
        self.record_button.setText(_("Record alternative"))
        for i in range(self.alternative.count()):
            self.alternative.setItemText(
                i, transfers.alternative_label(self.alternative.itemData(i))
            )
        self._fill_destinations()
        if self.choices is not None:
            self._changed()  # the verdict comes from the service, in the language of the moment

    # ------------------------------------------------------------------- data
    def _loaded(self, choices: PlanChoices) -> None:
        self.choices = choices
        self.resident.blockSignals(True)
        self.resident.clear()
        for r in choices.residents:
            self.resident.addItem(
                f"{r.person.display_name} · {r.person.nationality} · {r.bed}", r.stay_id
            )
        wanted = next(
            (i for i, r in enumerate(choices.residents) if r.stay_id == self.wanted_stay), 0
        )
        self.resident.setCurrentIndex(wanted)
        self.resident.blockSignals(False)
        for point in choices.crossing_points:
            self.crossing_point.addItem(point)
        self.crossing_point.setCurrentIndex(-1)
        if not choices.residents:
            self.problem(_("Nobody is in the centre."))
        self._resident_changed()

    def selected_resident(self) -> ResidentRow | None:
        if self.choices is None or self.resident.currentIndex() < 0:
            return None
        return self.choices.residents[self.resident.currentIndex()]

    def _fill_destinations(self, *, keep: bool = True) -> None:
        """The resident's own state first, then every state Russia has an agreement with."""
        resident = self.selected_resident()
        partners = self.choices.partners if self.choices else ()
        codes = [resident.person.nationality] if resident and resident.person.nationality else []
        codes += [c for c in partners if c not in codes]
        current = self.destination_value() if keep and self.destination.count() else ""
        self.destination.blockSignals(True)
        self.destination.clear()
        for code in codes:
            self.destination.addItem(destination_text(code), code)
        index = self.destination.findData(current) if current else 0
        self.destination.setCurrentIndex(max(index, 0))
        self.destination.blockSignals(False)

    def _resident_changed(self) -> None:
        self._fill_destinations(keep=False)
        self.recorded.clear_message()
        self._changed()

    def destination_value(self) -> str:
        index = self.destination.currentIndex()
        if index >= 0 and self.destination.itemText(index) == self.destination.currentText():
            return str(self.destination.itemData(index))
        return destination_code(self.destination.currentText())

    # ------------------------------------------------------------ live check
    def _changed(self) -> None:
        self.applies = False
        self.ok_button.setEnabled(False)
        self._timer.start()

    def check(self) -> None:
        """Ask whether an agreement obliges the destination (shown green or red)."""
        self._generation += 1
        generation = self._generation
        resident, destination = self.selected_resident(), self.destination_value()
        if resident is None or not destination:
            self.verdict.clear_message()
            self.instead.hide()
            return
        context, on = self.context, self.date.date().toPython()
        self.verdict.show_message(_("Checking the agreements…"), MessageLabel.INFO)

        def ask():
            return transfers.check_destination(
                context.db,
                actor=context.actor,
                stay_id=resident.stay_id,
                destination=destination,
                on=on,
            )

        def answered(answer) -> None:  # domain Explanation
            if generation != self._generation:
                return
            self.applies = bool(answer.applies)
            text = answer.reason
            if answer.applies and answer.agreement:
                text = _("Agreement {agreement} applies. {reason}").format(
                    agreement=agreement_name(answer.agreement), reason=answer.reason
                )
            if answer.unverified:
                text += " " + _("(Part of this rule is not confirmed.)")
            self.verdict.show_message(text, MessageLabel.OK if self.applies else MessageLabel.ERROR)
            self.instead.setVisible(not self.applies)
            self.ok_button.setEnabled(self.applies)
            self.adjustSize()

        def failed(exc: BaseException) -> None:
            if generation != self._generation:
                return
            self.applies = False
            self.ok_button.setEnabled(False)
            self.instead.hide()
            self.verdict.show_error(exc)

        run_op(self, ask, answered, failed)

    # ---------------------------------------------------------------- actions
    def submit(self) -> None:
        resident = self.selected_resident()
        if resident is None or not self.applies:
            return
        context = self.context
        kwargs = dict(
            stay_id=resident.stay_id,
            destination=self.destination_value(),
            date=self.date.date().toPython(),
            crossing_point=self.crossing_point.currentText().strip(),
            escorts=split_names(self.escorts.text()),
            transport=self.transport.text().strip(),
        )
        self.run(lambda: transfers.plan_transfer(context.db, actor=context.actor, **kwargs))

    def _failed(self, exc: BaseException) -> None:
        super()._failed(exc)
        self.ok_button.setEnabled(self.applies)

    def record_alternative(self) -> None:
        resident = self.selected_resident()
        if resident is None:
            return
        context, kind = self.context, self.alternative.currentData()
        note = self.alternative_note.text()
        self.record_button.setEnabled(False)

        def done(_stay) -> None:
            self.record_button.setEnabled(True)
            self.recorded.show_message(
                _("Recorded for {name}: {way}.").format(
                    name=resident.person.display_name, way=transfers.alternative_label(kind)
                ),
                MessageLabel.OK,
            )

        def failed(exc: BaseException) -> None:
            self.record_button.setEnabled(True)
            self.recorded.show_error(exc)

        run_op(
            self,
            lambda: transfers.record_alternative(
                context.db, actor=context.actor, stay_id=resident.stay_id, kind=kind, note=note
            ),
            done,
            failed,
        )
