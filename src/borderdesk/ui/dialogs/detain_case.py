"""Detain (F8): the new apprehension case, prefilled from the check, confirmed by the officer.

The person, the document, the check's day and the site come from the check and are
shown, not typed. The officer chooses the requested state; beside it the dialog says
which agreement covers this person for that state and as what, or why none does (the
words ``cases.open_case`` would refuse with). A state no agreement covers cannot be
chosen, and OK is refused with the reason. Nothing is recorded until the officer
presses OK ("Detain and open case"); "Detain without a case" records the decision
alone (the case can be opened later from the strip under the page).

Opened from an assessed check (``source.outcome``), OK records the detention and then
opens the case; opened from a recorded check (``source.check_id``) it opens the case.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from borderdesk.domain.local_time import local_date
from borderdesk.errors import BorderDeskError
from borderdesk.i18n import _, format_date
from borderdesk.services import cases, checks
from borderdesk.services.cases import ApprehensionChoices, StateCoverage
from borderdesk.services.checks import CheckOutcome
from borderdesk.services.checks.records import CheckRecord
from borderdesk.services.people.persons import PersonRow
from borderdesk.ui.case_text import state_text
from borderdesk.ui.operations import run_op
from borderdesk.ui.pages import PageContext
from borderdesk.ui.widgets import MessageLabel, on_retranslate

STATE_ROLE = Qt.UserRole


@dataclass(frozen=True)
class DetentionSource:
    """What the case is prefilled from: the check, recorded or about to be."""

    person: PersonRow
    document: str  # "P RUS 751234567"
    day: date  # the check's day at the site
    site: str
    note: str
    outcome: CheckOutcome | None = None  # assessed, not recorded: OK records it first
    check_id: uuid.UUID | None = None  # recorded already

    @classmethod
    def of_outcome(cls, outcome: CheckOutcome, timezone: str, note: str) -> DetentionSource:
        doc = outcome.document
        return cls(
            person=outcome.person,
            document=f"{doc.document_type} {doc.issuing_state} {doc.document_number}",
            day=local_date(outcome.checked_at, timezone),
            site=outcome.site,
            note=note,
            outcome=outcome,
        )

    @classmethod
    def of_record(cls, record: CheckRecord, timezone: str) -> DetentionSource:
        travel = record.document("travel")
        document = (
            f"{travel.document_type} {travel.issuing_state} {travel.number}" if travel else "—"
        )
        return cls(
            person=record.person,
            document=document,
            day=local_date(record.checked_at, timezone),
            site=record.site,
            note=record.note,
            check_id=record.id,
        )


class DetainCaseDialog(QDialog):
    def __init__(
        self, context: PageContext, source: DetentionSource, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("detain_case_dialog")
        self.setMinimumWidth(760)
        self.context = context
        self.source = source
        self.choices: ApprehensionChoices | None = None
        self.recorded: CheckOutcome | None = None  # the detention, once recorded here
        self.check_id: uuid.UUID | None = source.check_id
        self.case: Any = None  # the case opened (CaseDetail)
        self._busy = False

        self.facts = {key: QLabel(self) for key in ("person", "document", "day", "site")}
        for key, label in self.facts.items():
            label.setObjectName(f"check_{key}")
            label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.requested = QComboBox(self)
        self.requested.setObjectName("requested")
        self.requested.setModel(QStandardItemModel(self.requested))
        self.requested.setMinimumWidth(300)
        self.requested.setSizeAdjustPolicy(QComboBox.AdjustToContents)
        self.explanation = QLabel(self)
        self.explanation.setObjectName("coverage_explanation")
        self.explanation.setWordWrap(True)
        self.explanation.setMinimumWidth(380)
        self.explanation.setAlignment(Qt.AlignTop | Qt.AlignLeft)
        # Room for an agreement's title and its reason (a form row would cut them).
        self.explanation.setMinimumHeight(self.explanation.fontMetrics().lineSpacing() * 8)
        self.explanation.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.MinimumExpanding)
        self.accelerated = QCheckBox(self)
        self.accelerated.setObjectName("accelerated")
        self.notes = QLineEdit(source.note, self)
        self.notes.setObjectName("notes")
        self.message = MessageLabel(self)

        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        self.detain_only = QPushButton(self)
        self.detain_only.setObjectName("detain_without_case")
        self.buttons.addButton(self.detain_only, QDialogButtonBox.ActionRole)
        self.detain_only.setVisible(source.outcome is not None)  # after addButton shows it
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.detain_only.clicked.connect(self.record_detention_only)

        self.labels = {key: QLabel(self) for key in (*self.facts, "requested", "notes")}
        form = QFormLayout()
        form.setVerticalSpacing(8)
        for key, label in self.facts.items():
            form.addRow(self.labels[key], label)
        beside = QHBoxLayout()
        beside.addWidget(self.requested, 0, Qt.AlignTop)
        beside.addWidget(self.explanation, 1)
        form.addRow(self.labels["requested"], beside)
        form.addRow("", self.accelerated)
        form.addRow(self.labels["notes"], self.notes)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

        self.requested.currentIndexChanged.connect(lambda *_args: self._state_changed())
        on_retranslate(self)
        self._load_choices()

    @property
    def ok_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.Ok)

    # ----------------------------------------------------------------- texts
    def retranslate(self) -> None:
        self.setWindowTitle(_("Detain: new apprehension case"))
        p = self.source.person
        name = " ".join(x for x in (p.surname, p.given_names) if x)
        self.facts["person"].setText(
            _("{name}, born {birth}, {nationality}").format(
                name=name,
                birth=p.birth_date.display() if p.birth_date else "—",
                nationality=p.nationality,
            )
        )
        self.facts["document"].setText(self.source.document)
        self.facts["day"].setText(format_date(self.source.day))
        site = self.context.site
        self.facts["site"].setText(
            f"{site.name} ({site.code})" if site.code == self.source.site else self.source.site
        )
        self.labels["person"].setText(_("Person"))
        self.labels["document"].setText(_("Document"))
        self.labels["day"].setText(_("Apprehended on"))
        self.labels["site"].setText(_("Site"))
        self.labels["requested"].setText(_("Requested state"))
        self.labels["notes"].setText(_("Notes"))
        self.accelerated.setText(_("Accelerated procedure (apprehended in the border region)"))
        self.ok_button.setText(
            _("Detain and open case") if self.check_id is None else _("Open case")
        )
        self.detain_only.setText(_("Detain without a case"))
        self._fill_states()

    # ---------------------------------------------------------------- states
    def _load_choices(self) -> None:
        context, source = self.context, self.source
        self.ok_button.setEnabled(False)
        self.explanation.setText(_("Looking up the agreements…"))
        run_op(
            self,
            lambda: cases.apprehension_choices(
                actor=context.actor, nationality=source.person.nationality, on=source.day
            ),
            self._choices_loaded,
            self.message.show_error,
        )

    def _choices_loaded(self, choices: ApprehensionChoices) -> None:
        self.choices = choices
        self._fill_states()
        if choices.suggested is not None:
            self.requested.setCurrentIndex(self.requested.findData(choices.suggested))
        self._state_changed()

    def _fill_states(self) -> None:
        if self.choices is None:
            return
        current = self.requested.currentData()
        model = self.requested.model()
        assert isinstance(model, QStandardItemModel)
        self.requested.blockSignals(True)
        model.clear()
        for state in self.choices.states:
            text = state_text(state.state)
            if not state.covered:
                text = _("{state} — not covered").format(state=text)
            item = QStandardItem(text)
            item.setData(state.state, STATE_ROLE)
            if not state.covered:
                item.setFlags(item.flags() & ~Qt.ItemIsEnabled & ~Qt.ItemIsSelectable)
            model.appendRow(item)
        if current is not None and self.requested.findData(current) >= 0:
            self.requested.setCurrentIndex(self.requested.findData(current))
        self.requested.blockSignals(False)
        self._state_changed()

    def chosen(self) -> StateCoverage | None:
        if self.choices is None:
            return None
        return self.choices.of(self.requested.currentData() or "")

    def _state_changed(self) -> None:
        chosen = self.chosen()
        if chosen is None:
            return
        if chosen.covered:
            text = _("{agreement}: {reason}").format(
                agreement=chosen.agreement_title or chosen.agreement, reason=chosen.reason
            )
            if chosen.unverified:
                text += " " + _("(not yet confirmed)")
            self.message.clear_message()
        else:
            text = chosen.reason
            self.message.show_message(
                _("No agreement covers this person for {state}: no case can be filed.").format(
                    state=state_text(chosen.state)
                )
            )
        self.explanation.setText(text)
        self.accelerated.setEnabled(chosen.covered and chosen.accelerated)
        self.accelerated.setChecked(chosen.covered and chosen.accelerated)
        self.ok_button.setEnabled(chosen.covered and not self._busy)

    # ----------------------------------------------------------------- submit
    def submit(self) -> None:
        chosen = self.chosen()
        if chosen is None or not chosen.covered:
            reason = chosen.reason if chosen else _("Choose the requested state.")
            self.message.show_message(reason)
            return
        context, outcome, check_id = self.context, self.source.outcome, self.check_id
        requested, accelerated = chosen.state, self.accelerated.isChecked()
        notes, check_note = self.notes.text(), self.source.note

        def work() -> tuple[CheckOutcome | None, uuid.UUID, Any, BorderDeskError | None]:
            recorded, cid = None, check_id
            if cid is None:
                assert outcome is not None
                recorded = checks.record_decision(
                    context.db,
                    actor=context.actor,
                    outcome=outcome,
                    decision="detain",
                    note=check_note,
                )
                assert recorded.check is not None
                cid = recorded.check.id
            try:
                case = cases.open_apprehension_from_check(
                    context.db,
                    actor=context.actor,
                    check_id=cid,
                    requested=requested,
                    accelerated=accelerated,
                    notes=notes,
                )
            except BorderDeskError as exc:  # the detention stands; the case can be retried
                return recorded, cid, None, exc
            return recorded, cid, case, None

        self._set_busy(True)
        run_op(self, work, self._filed, self._failed)

    def record_detention_only(self) -> None:
        outcome, context = self.source.outcome, self.context
        if outcome is None or self.check_id is not None:
            return
        self._set_busy(True)
        run_op(
            self,
            lambda: checks.record_decision(
                context.db,
                actor=context.actor,
                outcome=outcome,
                decision="detain",
                note=self.source.note,
            ),
            self._detained_only,
            self._failed,
        )

    def _detained_only(self, recorded: CheckOutcome) -> None:
        self._set_busy(False)
        self.recorded = recorded
        self.accept()

    def _filed(self, result: tuple[Any, uuid.UUID, Any, BorderDeskError | None]) -> None:
        recorded, check_id, case, problem = result
        self._set_busy(False)
        self.recorded = recorded or self.recorded
        self.check_id = check_id
        if problem is not None:
            # The detention is recorded: OK now only opens the case, never a second check.
            self.detain_only.hide()
            self.ok_button.setText(_("Open case"))
            self.message.show_message(
                _("The detention is recorded; the case was not opened: {reason}").format(
                    reason=problem.message
                )
            )
            return
        self.case = case
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.message.show_error(exc)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        chosen = self.chosen()
        self.ok_button.setEnabled(not busy and chosen is not None and chosen.covered)
        self.detain_only.setEnabled(not busy)
