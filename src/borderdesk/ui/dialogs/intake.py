"""Intake: who arrives (from a case, or the scanned document), when and from where,
which bed (the first suitable free one is suggested), the belongings receipt, the
medical screening, vulnerability, languages."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QDateTime, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from borderdesk.errors import PermissionDenied
from borderdesk.i18n import _
from borderdesk.services import cases, centre
from borderdesk.services.cases.rows import CaseRow
from borderdesk.services.centre import (
    DailyCost,
    LegalBasis,
    ResidentRow,
    RoomRow,
    StayDetail,
)
from borderdesk.ui.dialogs.belongings_editor import BelongingsEditor
from borderdesk.ui.dialogs.intake_needs import IntakeNeeds
from borderdesk.ui.dialogs.intake_person import IntakePerson, PersonSource
from borderdesk.ui.dialogs.service_dialog import ServiceDialog
from borderdesk.ui.occupancy_board import room_title
from borderdesk.ui.operations import run_op
from borderdesk.ui.pages import PageContext
from borderdesk.ui.widgets import MessageLabel, on_retranslate

SUGGEST_DELAY_MS = 250


def split_names(text: str) -> list[str]:
    """Escorting officers as typed: separated by semicolons or new lines."""
    return [name.strip() for name in re.split(r"[;\n]", text) if name.strip()]


def basis_text(basis: LegalBasis) -> str:
    return _("{title} — up to {days} days").format(title=basis.title(), days=basis.max_days)


def basis_source(basis: LegalBasis) -> str:
    text = _("Source: {source}").format(source=basis.source)
    if not basis.verified:
        text += "\n" + _("Not confirmed: check with the legal department.")
    return text


def with_note(field: QWidget, note: QLabel) -> QWidget:
    """A form field with a wrapped note under it (a wrapped label as a form row of its
    own gets far too much height from QFormLayout)."""
    holder = QWidget(field.parentWidget())
    layout = QVBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(4)
    layout.addWidget(field)
    layout.addWidget(note)
    return holder


@dataclass(frozen=True)
class IntakeChoices:
    rooms: list[RoomRow]
    cases: list[CaseRow]
    residents: list[ResidentRow]
    bases: tuple[LegalBasis, ...]
    cost: DailyCost


def load_choices(context: PageContext) -> IntakeChoices:
    db, actor = context.db, context.actor
    try:
        open_cases = cases.list_cases(db, actor=actor, status="open", limit=2000)
    except PermissionDenied:
        open_cases = []  # a role without the cases: the document is scanned instead
    return IntakeChoices(
        rooms=centre.list_rooms(db, actor=actor),
        cases=open_cases,
        residents=centre.list_residents(db, actor=actor),
        bases=centre.legal_bases(),
        cost=centre.daily_cost(),
    )


class IntakeDialog(ServiceDialog):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setObjectName("intake_dialog")
        self.result: StayDetail | None = None
        self.choices: IntakeChoices | None = None
        self._suggest_generation = 0
        self._bed_touched = False
        self.suggested_bed: str | None = None
        self.tz = ZoneInfo(context.site.timezone)

        self.tabs = QTabWidget(self)
        self.person = IntakePerson(self)
        self.person.changed.connect(self._person_changed)
        self.tabs.addTab(self.person, "")
        self.tabs.addTab(self._arrival_tab(), "")
        self.belongings = BelongingsEditor("RUB", self)
        self.tabs.addTab(self.belongings, "")
        self.needs = IntakeNeeds(self)
        self.needs.profile_changed.connect(self._person_changed)
        self.tabs.addTab(self.needs, "")
        self.form.addRow(self.tabs)
        self._suggest_timer = QTimer(self)
        self._suggest_timer.setSingleShot(True)
        self._suggest_timer.setInterval(SUGGEST_DELAY_MS)
        self._suggest_timer.timeout.connect(self.suggest)
        self.resize(1040, 640)  # the case list shows its status column whole
        self.ok_button.setEnabled(False)
        on_retranslate(self)
        run_op(self, lambda: load_choices(context), self._loaded, self._failed)

    # ------------------------------------------------------------------ build
    def _arrival_tab(self) -> QWidget:
        tab = QWidget(self)
        form = QFormLayout(tab)
        form.setVerticalSpacing(8)
        self.arrived = QDateTimeEdit(self)
        self.arrived.setObjectName("arrived_at")
        self.arrived.setCalendarPopup(True)
        self.arrived.setDateTime(QDateTime(datetime.now(self.tz).replace(tzinfo=None)))
        self.arriving_from = QLineEdit(self)
        self.arriving_from.setObjectName("arriving_from")
        self.escorts = QLineEdit(self)
        self.escorts.setObjectName("escorts")
        self.basis = QComboBox(self)
        self.basis.setObjectName("legal_basis")
        self.basis_info = QLabel(self)
        self.basis_info.setWordWrap(True)
        self.basis_info.setStyleSheet("color: palette(dark);")
        self.basis.currentIndexChanged.connect(self._show_basis)
        # The decision the basis rests on (a court decision): shown where the basis names one.
        self.decision_number = QLineEdit(self)
        self.decision_number.setObjectName("decision_number")
        self.decision_number.setMaxLength(64)
        self.decision_date = QDateEdit(self)
        self.decision_date.setObjectName("decision_date")
        self.decision_date.setCalendarPopup(True)
        self.decision_date.setMinimumDate(QDate(2000, 1, 1))
        self.decision_date.setDate(self.decision_date.minimumDate())  # "not known yet"
        self.decision_row = QWidget(self)
        decision_line = QHBoxLayout(self.decision_row)
        decision_line.setContentsMargins(0, 0, 0, 0)
        decision_line.addWidget(self.decision_number, 2)
        decision_line.addWidget(self.decision_date, 1)
        self.bed = QComboBox(self)
        self.bed.setObjectName("bed")
        self.bed.activated.connect(self._bed_chosen)
        self.bed_hint = MessageLabel(self)
        self.languages = QLineEdit(self)
        self.languages.setObjectName("languages")
        self.interpreter = QCheckBox(self)
        self.interpreter.setObjectName("interpreter_needed")
        self.note = QLineEdit(self)
        self.note.setObjectName("note")
        self.arrival_labels = [QLabel(self) for _i in range(9)]
        rows = (
            self.arrived,
            self.arriving_from,
            self.escorts,
            self.basis,
            self.decision_row,
            self.bed,
            self.languages,
            self.interpreter,
            self.note,
        )
        notes = {self.basis: self.basis_info, self.bed: self.bed_hint}
        for label, field in zip(self.arrival_labels, rows, strict=True):
            form.addRow(label, with_note(field, notes[field]) if field in notes else field)
        return tab

    def retranslate(self) -> None:
        self.setWindowTitle(_("Intake"))
        for i, title in enumerate(
            (_("Person"), _("Arrival and bed"), _("Belongings"), _("Medical and vulnerability"))
        ):
            self.tabs.setTabText(i, title)
        for label, text in zip(
            self.arrival_labels,
            (
                _("Arrived at"),
                _("Arriving from"),
                _("Escorting officers"),
                _("Legal basis"),
                _("Decision: number and date"),
                _("Bed"),
                _("Languages"),
                "",
                _("Note"),
            ),
            strict=True,
        ):
            label.setText(text)
        self.arriving_from.setPlaceholderText(_("e.g. an EU transfer, a border post"))
        self.escorts.setPlaceholderText(_("Names, separated by semicolons"))
        self.languages.setPlaceholderText(_("e.g. Uzbek, Russian"))
        self.interpreter.setText(_("Interpreter needed"))
        self.decision_number.setPlaceholderText(_("Number, e.g. 5-123/2026"))
        self.decision_date.setSpecialValueText(_("date not known yet"))
        if self.bed.count():
            self.bed.setItemText(0, _("First suitable free bed"))
        self.ok_button.setText(_("Take in"))
        if self.choices is not None:
            for i, basis in enumerate(self.choices.bases):
                self.basis.setItemText(i, basis_text(basis))
        self._show_basis()
        self._show_suggestion()

    # ------------------------------------------------------------------- data
    def _loaded(self, choices: IntakeChoices) -> None:
        self.choices = choices
        self.person.set_cases(choices.cases)
        self.belongings.cash_currency = choices.cost.currency
        self.basis.clear()
        for basis in choices.bases:
            self.basis.addItem(basis_text(basis), basis.code)
        self.bed.clear()
        self.bed.addItem(_("First suitable free bed"), None)
        for room in choices.rooms:
            for bed in room.beds:
                if bed.free:
                    self.bed.addItem(f"{bed.label} — {room_title(room)}", bed.label)
        self.needs.set_residents(choices.residents)
        self.ok_button.setEnabled(True)
        self._show_basis()
        self._person_changed()

    def _show_basis(self) -> None:
        if self.choices is None or self.basis.currentIndex() < 0:
            self.basis_info.setText("")
            return
        basis = self.choices.bases[self.basis.currentIndex()]
        self.basis_info.setText(basis_source(basis))
        needs_decision = bool(basis.decision_ru)
        self.decision_row.setVisible(needs_decision)
        self.arrival_labels[4].setVisible(needs_decision)
        if needs_decision:
            self.arrival_labels[4].setText(
                _("{decision}: number and date").format(decision=basis.decision())
            )

    # --------------------------------------------------------- bed suggestion
    def _person_changed(self) -> None:
        self._suggest_timer.start()

    def _bed_chosen(self, _index: int) -> None:
        self._bed_touched = True

    def suggest(self) -> None:
        """Ask the service for the first suitable free bed for this person and profile."""
        source = self.person.source()
        self._suggest_generation += 1
        generation = self._suggest_generation
        if source is None or self.choices is None:
            self.suggested_bed = None
            self._show_suggestion()
            return
        context, vulnerability = self.context, self.needs.vulnerability()

        def ask() -> str | None:
            return centre.suggest_bed(
                context.db,
                actor=context.actor,
                mrz_lines=list(source.mrz_lines) or None,
                person_id=source.person_id,
                vulnerability=vulnerability,
            )

        def answered(label: str | None) -> None:
            if generation != self._suggest_generation:
                return  # a newer question is on its way
            self.suggested_bed = label
            if not self._bed_touched:
                index = self.bed.findData(label) if label else 0
                self.bed.setCurrentIndex(max(index, 0))
            self._show_suggestion()

        def failed(exc: BaseException) -> None:
            if generation != self._suggest_generation:
                return
            self.suggested_bed = None
            self.bed_hint.show_error(exc)

        run_op(self, ask, answered, failed)

    def _show_suggestion(self) -> None:
        if self.person.source() is None:
            self.bed_hint.show_message(
                _("Choose the person first: the first suitable free bed is then suggested."),
                MessageLabel.INFO,
            )
        elif self.suggested_bed:
            self.bed_hint.show_message(
                _("Suggested: bed {bed}, the first suitable free one.").format(
                    bed=self.suggested_bed
                ),
                MessageLabel.OK,
            )
        elif self.choices is not None:
            self.bed_hint.show_message(
                _("No suitable bed is suggested: choose one yourself, or the centre is full."),
                MessageLabel.ERROR,
            )

    # ----------------------------------------------------------------- submit
    def arrived_at(self) -> datetime:
        local = self.arrived.dateTime().toPython()
        return local.replace(tzinfo=self.tz)

    def submit(self) -> None:
        if self.choices is None:
            return  # still loading, or loading failed (the reason is shown)
        source: PersonSource | None = self.person.source()
        if source is None:
            self.tabs.setCurrentIndex(0)
            self.problem(self.person.problem())
            return
        context = self.context
        basis = self.basis.currentData()
        bed = self.bed.currentData()
        kwargs = dict(
            bed=bed,
            arrived_at=self.arrived_at(),
            arriving_from=self.arriving_from.text(),
            escorts=split_names(self.escorts.text()),
            belongings=self.belongings.lines(),
            medical=self.needs.medical(),
            vulnerability=self.needs.vulnerability(),
            languages=self.languages.text(),
            interpreter_needed=self.interpreter.isChecked(),
            legal_basis=basis,
            note=self.note.text(),
        )
        if self.decision_row.isVisibleTo(self):
            kwargs["decision_number"] = self.decision_number.text()
            if self.decision_date.date() != self.decision_date.minimumDate():
                kwargs["decision_date"] = self.decision_date.date().toPython()
        if source.case_id is not None:
            kwargs["case_id"] = source.case_id
        else:
            kwargs["mrz_lines"] = list(source.mrz_lines)
        self.run(lambda: centre.intake(context.db, actor=context.actor, **kwargs))
