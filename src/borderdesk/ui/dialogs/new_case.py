"""New case: the kind, the person (MRZ lines or a search), who asks whom, and the day.

Which states the form offers follows the kind: an incoming request comes from an EU
member state to Russia; an apprehension or an outgoing application goes from Russia
to a state with its own agreement (Kazakhstan, Uzbekistan …). The service checks the
agreement's coverage and refuses, inline, what it does not cover.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from borderdesk.domain.case_workflow import CASE_KINDS, kind_label
from borderdesk.i18n import _
from borderdesk.services import cases
from borderdesk.services.access.permissions import Permission
from borderdesk.services.people import search
from borderdesk.services.people.search import PersonHit
from borderdesk.services.site.reference import CaseChoices
from borderdesk.ui.case_text import state_text
from borderdesk.ui.dialogs.service_dialog import ServiceDialog, date_edit
from borderdesk.ui.mrz_input import MrzField
from borderdesk.ui.operations import run_op
from borderdesk.ui.pages import PageContext
from borderdesk.ui.widgets import MessageLabel, on_retranslate

PERSON_ROLE = Qt.UserRole


def hit_text(hit: PersonHit) -> str:
    """One search result: name as written, birth date, nationality, first document."""
    name = " ".join(p for p in (hit.surname.upper(), hit.given_names) if p)
    parts = [name, hit.birth_date.display() if hit.birth_date else "", hit.nationality]
    if hit.documents:
        parts.append(hit.documents[0].number)
    return " · ".join(p for p in parts if p)


def fill_states(combo: QComboBox, codes: tuple[str, ...], current: str | None = None) -> None:
    """The states to choose from; none is chosen for the user unless there is only one
    (or ``current`` is among them): the first of a list (Belgium) is nobody's default."""
    combo.clear()
    for code in codes:
        combo.addItem(state_text(code), code)
    if current is not None and combo.findData(current) >= 0:
        combo.setCurrentIndex(combo.findData(current))
    else:
        combo.setCurrentIndex(0 if len(codes) == 1 else -1)


class NewCaseDialog(ServiceDialog):
    def __init__(
        self,
        context: PageContext,
        choices: CaseChoices,
        parent: QWidget | None = None,
        *,
        kind: str = "incoming",
    ) -> None:
        super().__init__(context, parent)
        self.setObjectName("new_case_dialog")
        self.choices = choices
        self.setMinimumWidth(680)

        self.kind = QComboBox(self)
        self.kind.setObjectName("kind")
        for value in CASE_KINDS:
            self.kind.addItem("", value)
        self.requesting = QComboBox(self)
        self.requesting.setObjectName("requesting")
        self.requested = QComboBox(self)
        self.requested.setObjectName("requested")
        self.received = date_edit(self, up_to_today=True)
        self.received.setObjectName("received")
        self.accelerated = QCheckBox(self)
        self.accelerated.setObjectName("accelerated")

        # The person: the document's MRZ, or someone already on record.
        self.person_tabs = QTabWidget(self)
        self.person_tabs.setObjectName("person_tabs")
        self.mrz = MrzField(self, visible_lines=3)
        self.mrz.setObjectName("mrz")
        search_page = QWidget(self)
        self.search_edit = QLineEdit(search_page)
        self.search_edit.setObjectName("person_search")
        self.search_edit.setClearButtonEnabled(True)
        self.search_button = QPushButton(search_page)
        self.search_button.setObjectName("search_person")
        self.search_results = QListWidget(search_page)
        self.search_results.setObjectName("search_results")
        self.search_results.setFixedHeight(96)
        self.search_message = MessageLabel(search_page)
        search_row = QHBoxLayout()
        search_row.addWidget(self.search_edit, 1)
        search_row.addWidget(self.search_button)
        search_layout = QVBoxLayout(search_page)
        search_layout.setContentsMargins(6, 6, 6, 6)
        search_layout.addLayout(search_row)
        search_layout.addWidget(self.search_results)
        search_layout.addWidget(self.search_message)
        mrz_page = QWidget(self)
        mrz_layout = QVBoxLayout(mrz_page)
        mrz_layout.setContentsMargins(6, 6, 6, 6)
        mrz_layout.addWidget(self.mrz)
        mrz_layout.addStretch(1)
        self.person_tabs.addTab(mrz_page, "")
        self.person_tabs.addTab(search_page, "")
        can_search = context.actor.can(Permission.search_persons)
        self.person_tabs.setTabEnabled(1, can_search)

        self.medical = QLineEdit(self)
        self.medical.setObjectName("medical_needs")
        self.escort = QCheckBox(self)
        self.escort.setObjectName("escort_needed")
        self.notes = QLineEdit(self)
        self.notes.setObjectName("notes")

        self.labels = {key: QLabel(self) for key in ("kind", "person", "from", "to", "day", "med")}
        self.labels["notes"] = QLabel(self)
        self.form.addRow(self.labels["kind"], self.kind)
        self.form.addRow(self.labels["person"], self.person_tabs)
        self.form.addRow(self.labels["from"], self.requesting)
        self.form.addRow(self.labels["to"], self.requested)
        self.form.addRow(self.labels["day"], self.received)
        self.form.addRow("", self.accelerated)
        self.form.addRow(self.labels["med"], self.medical)
        self.form.addRow("", self.escort)
        self.form.addRow(self.labels["notes"], self.notes)

        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.search_button.clicked.connect(self.find_person)
        self.search_edit.returnPressed.connect(self.find_person)
        self.kind.setCurrentIndex(max(self.kind.findData(kind), 0))
        on_retranslate(self)
        self._kind_changed()

    # ----------------------------------------------------------------- texts
    def retranslate(self) -> None:
        self.setWindowTitle(_("New case"))
        for i in range(self.kind.count()):
            self.kind.setItemText(i, kind_label(self.kind.itemData(i)))
        for combo in (self.requesting, self.requested):
            for i in range(combo.count()):
                combo.setItemText(i, state_text(combo.itemData(i)))
        self.labels["kind"].setText(_("Kind"))
        self.labels["person"].setText(_("Person"))
        for combo in (self.requesting, self.requested):
            combo.setPlaceholderText(_("Choose the state"))
        self.labels["from"].setText(_("Requesting state"))
        self.labels["to"].setText(_("Requested state"))
        self.labels["med"].setText(_("Medical needs"))
        self.labels["notes"].setText(_("Notes"))
        self.person_tabs.setTabText(0, _("MRZ of the document"))
        self.person_tabs.setTabText(1, _("Person on record"))
        self.mrz.set_placeholder(_("Scan or type the 2 or 3 lines of the machine-readable zone"))
        self.mrz.retranslate()
        self.search_edit.setPlaceholderText(_("Name, document number or date of birth"))
        self.search_button.setText(_("Search"))
        self.accelerated.setText(_("Accelerated procedure (apprehended in the border region)"))
        self.escort.setText(_("Escort needed"))
        self._day_label()

    def _day_label(self) -> None:
        kind = self.kind.currentData()
        text = {
            "incoming": _("Request received on"),
            "apprehension": _("Apprehended on"),
            "outgoing": _("Application submitted on"),
        }.get(kind, _("Date"))
        self.labels["day"].setText(text)

    def _kind_changed(self) -> None:
        kind = self.kind.currentData()
        home = self.choices.home_state
        if kind == "incoming":
            fill_states(self.requesting, self.choices.member_states, self.requesting.currentData())
            fill_states(self.requested, (home,))
        else:
            fill_states(self.requesting, (home,))
            fill_states(self.requested, self.choices.partners, self.requested.currentData())
        self.requesting.setEnabled(kind == "incoming")
        self.requested.setEnabled(kind != "incoming")
        self.accelerated.setEnabled(kind != "outgoing")
        if kind == "outgoing":
            self.accelerated.setChecked(False)
        self._day_label()

    # ----------------------------------------------------------------- person
    def find_person(self) -> None:
        text = self.search_edit.text().strip()
        if not text:
            return
        context = self.context
        self.search_message.clear_message()
        self.search_button.setEnabled(False)
        run_op(
            self,
            lambda: search.search(context.db, actor=context.actor, query=text, limit=20),
            self._show_hits,
            self._search_failed,
        )

    def _show_hits(self, hits: list[PersonHit]) -> None:
        self.search_button.setEnabled(True)
        self.search_results.clear()
        for hit in hits:
            item = QListWidgetItem(hit_text(hit))
            item.setData(PERSON_ROLE, str(hit.person_id))
            self.search_results.addItem(item)
        if hits:
            self.search_results.setCurrentRow(0)
        else:
            self.search_message.show_message(_("Nobody on record matches."), MessageLabel.INFO)

    def _search_failed(self, exc: BaseException) -> None:
        self.search_button.setEnabled(True)
        self.search_message.show_error(exc)

    def chosen_person(self) -> uuid.UUID | None:
        item = self.search_results.currentItem()
        return uuid.UUID(item.data(PERSON_ROLE)) if item is not None else None

    def mrz_lines(self) -> list[str]:
        return self.mrz.lines()

    # ----------------------------------------------------------------- submit
    def submit(self) -> None:
        by_search = self.person_tabs.currentIndex() == 1
        person_id = self.chosen_person() if by_search else None
        lines = [] if by_search else self.mrz_lines()
        if by_search and person_id is None:
            self.problem(_("Find the person and choose them in the list."))
            return
        if not by_search and not lines:
            self.problem(_("Scan or type the MRZ lines of the person's document."))
            return
        if self.requesting.currentData() is None:
            self.problem(_("Choose the requesting state."))
            return
        if self.requested.currentData() is None:
            self.problem(_("Choose the requested state."))
            return
        context = self.context
        values = {
            "kind": self.kind.currentData(),
            "requesting": self.requesting.currentData(),
            "requested": self.requested.currentData(),
            "received": self.received.date().toPython(),
            "accelerated": self.accelerated.isChecked(),
            "medical_needs": self.medical.text(),
            "escort_needed": self.escort.isChecked(),
            "notes": self.notes.text(),
        }
        self.run(
            lambda: cases.open_case(
                context.db,
                actor=context.actor,
                person_id=person_id,
                mrz_lines=lines or None,
                **values,
            )
        )
