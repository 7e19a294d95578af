"""The resident card: one stay in full — the person, the legal basis with its maximum
stay and source, days in and left, cost so far, medical notes, flags, belongings."""

from __future__ import annotations

import uuid
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from borderdesk.domain.partial_date import display_text
from borderdesk.i18n import N_, _, format_amount
from borderdesk.services import centre, transfers
from borderdesk.services.centre import BelongingRow, DailyCost, StayDetail
from borderdesk.services.centre.rows import flag_label, stay_status_label
from borderdesk.ui.case_text import state_name, state_text
from borderdesk.ui.centre_printing import print_intake
from borderdesk.ui.dates import date_text, datetime_text
from borderdesk.ui.dialogs.belongings_check import received_text
from borderdesk.ui.models import RIGHT, Column, RowTableModel
from borderdesk.ui.models.person_rows import document_type_label
from borderdesk.ui.operations import run_op
from borderdesk.ui.pages import PageContext
from borderdesk.ui.stay_levels import days_left_text, level_colour
from borderdesk.ui.widgets import MessageLabel, heading_font, on_retranslate

SEX_LABELS = {"M": N_("male"), "F": N_("female")}


status_label = stay_status_label


def nationality_text(code: str) -> str:
    return state_text(code) or "—"


def money(value: Decimal, currency: str) -> str:
    return format_amount(value, currency)


def returned_text(row: BelongingRow) -> str:
    if row.is_cash:
        if row.returned_amount is None:
            return ""
        return format_amount(row.returned_amount, row.currency)
    return "" if row.returned_quantity is None else str(row.returned_quantity)


class _Facts(QGroupBox):
    """Label: value lines, rebuilt whole each time (they follow the language)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.form = QFormLayout(self)
        self.form.setHorizontalSpacing(16)
        self.form.setVerticalSpacing(5)
        self.form.setLabelAlignment(Qt.AlignLeft | Qt.AlignTop)
        # A long value (a legal basis, a source) goes under its label rather than being cut.
        self.form.setRowWrapPolicy(QFormLayout.WrapLongRows)
        self.form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)

    def show_facts(self, title: str, facts: list[tuple[str, str, str | None]]) -> None:
        self.setTitle(title)
        while self.form.rowCount():
            self.form.removeRow(0)
        for label, value, colour in facts:
            shown = QLabel(value or "—")
            shown.setWordWrap(True)
            shown.setTextInteractionFlags(Qt.TextSelectableByMouse)
            if colour:
                shown.setStyleSheet(f"color: {colour}; font-weight: 600;")
            self.form.addRow(QLabel(label), shown)


class ResidentCard(QDialog):
    def __init__(
        self, context: PageContext, stay_id: uuid.UUID, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("resident_card")
        self.context = context
        self.stay_id = stay_id
        self.stay: StayDetail | None = None
        self.cost: DailyCost | None = None
        self.heading = QLabel(self)
        heading_font(self.heading, scale=1.3)
        self.subheading = QLabel(self)
        self.person_box = _Facts(self)
        self.stay_box = _Facts(self)
        self.term_box = _Facts(self)
        self.needs_box = _Facts(self)
        self.belongings_title = QLabel(self)
        self.belongings: RowTableModel[BelongingRow] = RowTableModel(
            [
                Column(N_("No."), lambda r: r.line_no, align=RIGHT),
                Column(N_("Item"), lambda r: r.display_item),
                Column(N_("Description"), lambda r: r.description),
                Column(N_("Received"), received_text, align=RIGHT),
                Column(N_("Returned"), returned_text, align=RIGHT),
                Column(N_("Note"), lambda r: r.return_note),
            ],
            parent=self,
        )
        self.table = QTableView(self)
        self.table.setObjectName("card_belongings")
        self.table.setModel(self.belongings)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.Interactive)
        self.table.setMinimumHeight(90)
        self.message = MessageLabel(self)
        self.print_button = QPushButton(self)
        self.print_button.setObjectName("print_intake")
        self.print_button.setEnabled(False)
        self.print_button.clicked.connect(
            lambda: print_intake(self, context, stay_id, self.message.show_error)
        )
        self.buttons = QDialogButtonBox(QDialogButtonBox.Close, self)
        self.buttons.addButton(self.print_button, QDialogButtonBox.ActionRole)
        self.buttons.rejected.connect(self.reject)

        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.addWidget(self.person_box, 0, 0)
        grid.addWidget(self.term_box, 0, 1)
        grid.addWidget(self.stay_box, 1, 0)
        grid.addWidget(self.needs_box, 1, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.subheading)
        # The facts scroll (rather than being cut) when wrapped texts need more height.
        facts = QWidget(self)
        facts.setLayout(grid)
        scroll = QScrollArea(self)
        scroll.setObjectName("card_facts")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.NoFrame)
        scroll.setWidget(facts)
        layout.addWidget(scroll, 5)
        layout.addWidget(self.belongings_title)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(1000, 780)
        on_retranslate(self)
        run_op(self, self._load, self._loaded, self.message.show_error)

    def _load(self) -> tuple[StayDetail, DailyCost]:
        context = self.context
        stay = centre.get_stay(context.db, actor=context.actor, stay_id=self.stay_id)
        return stay, centre.daily_cost()

    def _loaded(self, result: tuple[StayDetail, DailyCost]) -> None:
        self.stay, self.cost = result
        self.belongings.set_rows(list(self.stay.belongings))
        self.table.resizeColumnsToContents()
        self.print_button.setEnabled(True)
        self.retranslate()

    # ----------------------------------------------------------------- show
    def retranslate(self) -> None:
        self.setWindowTitle(_("Resident card"))
        self.print_button.setText(_("Print intake protocol"))
        self.belongings_title.setText(_("Belongings (receipt at intake)"))
        stay = self.stay
        if stay is None:
            self.heading.setText(_("Loading…"))
            return
        tz = stay.site_timezone
        person, term, basis = stay.person, stay.term, stay.legal_basis
        self.heading.setText(person.display_name)
        self.subheading.setText(
            _("Stay {number} · {status} · bed {bed}").format(
                number=stay.stay_number, status=status_label(stay.status), bed=stay.bed or "—"
            )
        )
        latin = " ".join(p for p in (person.surname_latin, person.given_names_latin) if p)
        document = " ".join(
            p
            for p in (
                document_type_label(person.document_type) if person.document_type else "",
                person.document_number,
                f"({state_name(person.document_state)})" if person.document_state else "",
            )
            if p
        )
        self.person_box.show_facts(
            _("Person"),
            [
                (_("Name (Latin)"), latin, None),
                (_("Date of birth"), display_text(person.birth_date), None),
                (_("Sex"), _(SEX_LABELS[person.sex]) if person.sex in SEX_LABELS else "", None),
                (_("Nationality"), nationality_text(person.nationality), None),
                (_("Document"), document, None),
            ],
        )
        stay_facts: list[tuple[str, str, str | None]] = [
            (_("Arrived at"), datetime_text(stay.arrived_at, tz), None),
            (_("Arriving from"), stay.arriving_from, None),
            (_("Escorting officers"), "; ".join(stay.escort_officers), None),
            (_("Received by"), stay.received_by, None),
        ]
        if stay.ended_at is not None:
            stay_facts.append((_("Ended"), datetime_text(stay.ended_at, tz), None))
            stay_facts.append((_("Reason"), stay.end_reason, None))
            if stay.belongings_explanation:
                stay_facts.append((_("Belongings"), stay.belongings_explanation, None))
        if stay.alternative:
            alternative = transfers.alternative_label(stay.alternative)
            if stay.alternative_note:
                alternative += f": {stay.alternative_note}"
            stay_facts.append((_("Instead of a transfer"), alternative, None))
        self.stay_box.show_facts(_("Stay"), stay_facts)

        unconfirmed = "" if basis.verified else " " + _("(not confirmed)")
        colour = level_colour(term.level)
        per_day = money(self.cost.per_day, self.cost.currency) if self.cost is not None else "—"
        cost_source = stay.cost_source + (
            "" if self.cost is None or self.cost.verified else " " + _("(not confirmed)")
        )
        decision = [
            f"№ {stay.decision_number}" if stay.decision_number else "",
            date_text(stay.decision_date) if stay.decision_date else "",
        ]
        decision_row = (
            [(basis.decision(), " ".join(d for d in decision if d) or _("not recorded"), None)]
            if basis.decision_ru
            else []
        )
        self.term_box.show_facts(
            _("Term and cost"),
            [
                (_("Legal basis"), basis.title(), None),
                *decision_row,
                (
                    _("Maximum stay"),
                    _("{days} days").format(days=basis.max_days) + unconfirmed,
                    None,
                ),
                (_("Source"), basis.source, None),
                (
                    _("Day of stay"),
                    _("day {n} of {max}").format(n=term.days_in, max=term.max_days),
                    None,
                ),
                (
                    _("Days left"),
                    days_left_text(term.days_left) if stay.is_active else "—",
                    colour.name() if colour is not None and stay.is_active else None,
                ),
                (_("Last permitted day"), date_text(term.last_day), None),
                (
                    _("Cost so far"),
                    _("{total} ({per_day} a day)").format(
                        total=money(term.cost_so_far, term.currency), per_day=per_day
                    ),
                    None,
                ),
                (_("Cost source"), cost_source, None),
            ],
        )
        fit = {None: _("not examined yet"), True: _("yes"), False: _("no")}[stay.fit_to_travel]
        self.needs_box.show_facts(
            _("Medical notes and needs"),
            [
                (_("Fit to travel"), fit, "#b00020" if stay.fit_to_travel is False else None),
                (_("Medical needs"), stay.medical_needs, None),
                (_("Medication"), stay.medication, None),
                (_("Examined by"), stay.medical_examiner, None),
                (_("Flags"), ", ".join(flag_label(f) for f in stay.flags), "#5b3a8c"),
                (_("Languages"), stay.languages, None),
                (_("Note"), stay.note, None),
            ],
        )
