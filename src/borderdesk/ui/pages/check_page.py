"""Document check (officers): scan, verdict, decision, protocol, next person.

The MRZ field runs the check by itself once it holds a whole MRZ (a wedge scan or the
last character typed); the verdict comes from ``checks.assess``, which writes nothing.
The keys (also in the page's F1 help):

* F5 Admit: records at once (on a red verdict it asks first);
* F6 Refuse entry: asks for the legal ground (``RefusalGroundDialog``), then records;
* F8 Detain: opens the new apprehension case prefilled from the check
  (``DetainCaseDialog``): the officer chooses the requested state an agreement covers
  and confirms; the detention and the case are recorded together (or the detention
  alone, "Detain without a case");
* Esc: next person; Ctrl+P: print the last protocol; Shift+F8: open the case of a
  detention recorded without one.

After a decision the page clears for the next person and keeps the last protocol at hand.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from borderdesk.i18n import N_, _
from borderdesk.services import checks
from borderdesk.services.access.permissions import Permission
from borderdesk.services.checks import CheckOutcome
from borderdesk.services.checks.findings import ALERT, CAUTION, CLEAR
from borderdesk.services.checks.records import CheckRecord
from borderdesk.ui.check_decisions import DecisionDialogs
from borderdesk.ui.check_details import DocumentDetails
from borderdesk.ui.last_check import LastCheckBar, set_button_text
from borderdesk.ui.models import row_at, sorting_proxy
from borderdesk.ui.models.findings import FindingsModel
from borderdesk.ui.models.person_rows import history_model
from borderdesk.ui.mrz_input import MrzField, is_complete
from borderdesk.ui.operations import run_op
from borderdesk.ui.pages import Page, PageContext
from borderdesk.ui.person_card import fit_columns, make_table, open_protocol
from borderdesk.ui.widgets import MessageLabel, on_retranslate

DECISION_KEYS = {
    "admit": QKeySequence("F5"),
    "refuse": QKeySequence("F6"),
    "detain": QKeySequence("F8"),
}
DECISION_ACTIONS = {"admit": N_("Admit"), "refuse": N_("Refuse entry"), "detain": N_("Detain")}
VERDICT_TEXTS = {
    ALERT: N_("ALERT: stop and examine"),
    CAUTION: N_("WARNING: examine the findings"),
    CLEAR: N_("CLEAR: nothing found"),
}
IDLE, WAITING, CHECKING, UNREADABLE = "idle", "waiting", "checking", "unreadable"
BANNER_STYLES = {
    ALERT: "background:#c62828; color:white;",
    CAUTION: "background:#f9a825; color:#1a1a1a;",
    CLEAR: "background:#2e7d32; color:white;",
    UNREADABLE: "background:#6d4c41; color:white;",
}
BANNER_IDLE = "background:palette(midlight); color:palette(text);"

Key = tuple[tuple[str, ...], tuple[str, ...], str]


class CheckPage(DecisionDialogs, Page):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.outcome: CheckOutcome | None = None
        self.verdict = IDLE  # alert | warning | clear, or idle | waiting | checking | unreadable
        self._shown_key: Key | None = None
        self._requested_key: Key | None = None
        self._generation = 0
        self._recording = False
        self._build()
        on_retranslate(self)
        self._show_outcome(None)

    # ----------------------------------------------------------------- layout
    def _build(self) -> None:
        self.mrz_label, self.visa_label = QLabel(self), QLabel(self)
        self.mrz = MrzField(self, visible_lines=3)
        self.mrz.setObjectName("mrz")
        self.visa = MrzField(self, visible_lines=2)
        self.visa.setObjectName("visa_mrz")
        self.mrz_label.setBuddy(self.mrz.edit)
        self.visa_label.setBuddy(self.visa.edit)
        self.entry_radio, self.exit_radio = QRadioButton(self), QRadioButton(self)
        self.entry_radio.setChecked(True)
        self.directions = QButtonGroup(self)
        self.directions.addButton(self.entry_radio)
        self.directions.addButton(self.exit_radio)
        self.clear_button = QPushButton(self)
        self.clear_button.setObjectName("new_check")
        self.input_message = MessageLabel(self)
        self.details = DocumentDetails(self)

        # The visa field opens on demand (Alt+V): most people at this border need none.
        self.visa_check = QCheckBox(self)
        self.visa_check.setObjectName("visa_presented")
        self.visa_check.toggled.connect(self._show_visa_field)
        self.visa_label.hide()
        self.visa.hide()

        direction_row = QHBoxLayout()
        direction_row.addWidget(self.entry_radio)
        direction_row.addWidget(self.exit_radio)
        direction_row.addSpacing(12)
        direction_row.addWidget(self.visa_check)
        direction_row.addStretch(1)
        direction_row.addWidget(self.clear_button)
        left = QVBoxLayout()
        left.setSpacing(6)
        for widget in (self.mrz_label, self.mrz, self.input_message):
            left.addWidget(widget)
        left.addLayout(direction_row)
        left.addWidget(self.visa_label)
        left.addWidget(self.visa)
        left.addWidget(self.details)
        left.addStretch(1)
        self.left_column = QWidget(self)
        self.left_column.setLayout(left)
        left.setContentsMargins(0, 0, 0, 0)
        self.left_column.setFixedWidth(self.mrz.edit.minimumWidth() + 24)
        for label in (self.mrz_label, self.visa_label):
            label.setWordWrap(True)

        self.banner = QLabel(self)
        self.banner.setObjectName("verdict_banner")
        self.banner.setAlignment(Qt.AlignCenter)
        self.banner.setWordWrap(True)
        self.banner.setMinimumHeight(56)
        font = self.banner.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.banner.setFont(font)
        self.findings = FindingsModel(self)
        self.findings_table = self._findings_table()
        self.history = history_model(self.context.site.timezone, self)
        self.history_proxy = sorting_proxy(self.history, self)
        self.history_table = make_table(self, "check_history")
        self.history_table.setModel(self.history_proxy)
        self.history_table.sortByColumn(0, Qt.DescendingOrder)
        self.history_table.doubleClicked.connect(self._open_history_entry)
        self.findings_label, self.history_label = QLabel(self), QLabel(self)
        right = QVBoxLayout()
        right.setSpacing(6)
        right.addWidget(self.banner)
        right.addWidget(self.findings_label)
        right.addWidget(self.findings_table, 1)
        right.addWidget(self.history_label)
        right.addWidget(self.history_table, 1)

        columns = QHBoxLayout()
        columns.setSpacing(16)
        columns.addWidget(self.left_column, 0)
        columns.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(columns, 1)
        layout.addWidget(self._decision_box())
        bottom = QHBoxLayout()
        bottom.addWidget(self.decision_message, 1)
        bottom.addWidget(self.last, 1)
        layout.addLayout(bottom)

        self.mrz.edited.connect(self._input_changed)
        self.visa.edited.connect(self._input_changed)
        self.directions.buttonToggled.connect(lambda *_args: self._input_changed())
        self.clear_button.clicked.connect(self.new_check)
        self._assess_timer = QTimer(self)
        self._assess_timer.setSingleShot(True)
        self._assess_timer.setInterval(0)  # once per burst of scanner keystrokes
        self._assess_timer.timeout.connect(self.assess)

    def _findings_table(self) -> QTableView:
        table = QTableView(self)
        table.setObjectName("findings_table")
        table.setModel(self.findings)
        table.setSelectionMode(QAbstractItemView.NoSelection)
        table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        table.setFocusPolicy(Qt.NoFocus)
        table.setWordWrap(True)
        table.verticalHeader().hide()
        table.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.Stretch)
        header.setHighlightSections(False)
        header.sectionResized.connect(lambda *_args: table.resizeRowsToContents())
        return table

    def _decision_box(self) -> QGroupBox:
        self.decision_group = QGroupBox(self)
        self.note_label = QLabel(self)
        self.note = QLineEdit(self)
        self.note.setObjectName("note")
        self.note.setMaxLength(checks.NOTE_LIMIT)
        self.note_label.setBuddy(self.note)
        self.decision_buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout(self.decision_group)
        row.addWidget(self.note_label)
        row.addWidget(self.note, 1)
        for decision in DECISION_KEYS:
            button = QPushButton(self)
            button.setObjectName(f"decide_{decision}")
            button.setMinimumHeight(34)
            button.clicked.connect(lambda _checked=False, d=decision: self.decide(d))
            row.addWidget(button)
            self.decision_buttons[decision] = button
        self.decision_message = MessageLabel(self)
        self.last = LastCheckBar(self.context, self)
        return self.decision_group

    def retranslate(self) -> None:
        self.mrz_label.setText(_("&Document MRZ (scan or type; the check runs by itself)"))
        self.mrz.set_placeholder(_("Scan the document, or type its two or three MRZ lines"))
        self.visa_label.setText(_("Visa MRZ"))
        self.visa_check.setText(_("&Visa presented"))
        self.visa.set_placeholder(_("Scan the visa"))
        self.entry_radio.setText(_("Entry"))
        self.exit_radio.setText(_("Exit"))
        self.findings_label.setText(_("Findings"))
        self._show_history_title()
        self.decision_group.setTitle(_("Decision"))
        self.note_label.setText(_("&Note"))
        self.note.setPlaceholderText(_("Optional: what you saw, what the person said"))
        set_button_text(self.clear_button, _("Next person"), QKeySequence(Qt.Key_Escape))
        for decision, button in self.decision_buttons.items():
            set_button_text(button, _(DECISION_ACTIONS[decision]), DECISION_KEYS[decision])
        self.mrz.retranslate()
        self.visa.retranslate()
        self._show_banner()

    def activated(self) -> None:
        self.mrz.setFocus()

    @property
    def last_check(self) -> CheckRecord | None:
        """The check recorded last on this page (its protocol stays at hand)."""
        return self.last.record

    # ------------------------------------------------------------------ input
    def _show_visa_field(self, shown: bool) -> None:
        self.visa_label.setVisible(shown)
        self.visa.setVisible(shown)
        if shown:
            self.visa.setFocus()
        else:
            self.visa.clear()
            self.mrz.setFocus()

    def direction(self) -> str:
        return "exit" if self.exit_radio.isChecked() else "entry"

    def current_key(self) -> Key | None:
        """What a check would be run on now: a whole MRZ, a whole visa or none, the direction."""
        document = self.mrz.lines()
        if not is_complete(document):
            return None
        visa = self.visa.lines()
        return tuple(document), tuple(visa) if is_complete(visa) else (), self.direction()

    def _input_changed(self) -> None:
        key = self.current_key()
        if key != self._shown_key and self.outcome is not None:
            self._show_outcome(None)
        if key is None:
            self._requested_key = None
            self._generation += 1  # an answer for an earlier input is no longer wanted
            self._set_verdict(WAITING if not self.mrz.is_empty() else IDLE)
            self.input_message.clear_message()
        elif key != self._requested_key:
            self._assess_timer.start()
        self._update_decisions()

    def assess(self) -> None:
        """Run the check on the fields as they are (writes nothing)."""
        key = self.current_key()
        if key is None:
            return
        self._requested_key = key
        self._generation += 1
        generation, context = self._generation, self.context
        document, visa, direction = key
        self.input_message.clear_message()
        self._set_verdict(CHECKING)
        run_op(
            self,
            lambda: checks.assess(
                context.db,
                actor=context.actor,
                mrz_lines=list(document),
                visa_lines=list(visa) or None,
                direction=direction,
            ),
            lambda outcome: self._assessed(generation, key, outcome),
            lambda exc: self._assess_failed(generation, exc),
        )

    def _assessed(self, generation: int, key: Key, outcome: CheckOutcome) -> None:
        if generation != self._generation:
            return
        self._shown_key = key
        self._show_outcome(outcome)

    def _assess_failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        self._show_outcome(None)
        self._set_verdict(UNREADABLE)
        self.input_message.show_error(exc)

    # ----------------------------------------------------------------- output
    def _show_outcome(self, outcome: CheckOutcome | None) -> None:
        self.outcome = outcome
        if outcome is None:
            self._shown_key = None
        self.details.show_outcome(outcome)
        self.findings.set_rows(outcome.findings if outcome else [])
        self.findings_table.resizeRowsToContents()
        self.history.set_rows(outcome.history if outcome else [])
        self._show_history_title()
        if outcome is not None:
            fit_columns(self.history_table)
            self._set_verdict(outcome.verdict)
        self._update_decisions()

    def _show_history_title(self) -> None:
        if self.outcome is None:
            self.history_label.setText(_("Earlier checks and cases"))
        else:
            count = len(self.outcome.history)
            self.history_label.setText(_("Earlier checks and cases ({n})").format(n=count))

    def _set_verdict(self, verdict: str) -> None:
        self.verdict = verdict
        self._show_banner()

    def _show_banner(self) -> None:
        texts = {
            IDLE: _("Scan a document"),
            WAITING: _("Waiting for the rest of the MRZ…"),
            CHECKING: _("Checking…"),
            UNREADABLE: _("The MRZ cannot be read: see the message under the field"),
        }
        verdict = self.verdict
        text = _(VERDICT_TEXTS[verdict]) if verdict in VERDICT_TEXTS else texts[verdict]
        style = BANNER_STYLES.get(self.verdict, BANNER_IDLE)
        self.banner.setStyleSheet(f"QLabel {{ {style} border-radius: 6px; padding: 8px 14px; }}")
        self.banner.setText(text)

    def _update_decisions(self) -> None:
        ready = (
            self.outcome is not None
            and not self._recording
            and self._shown_key == self.current_key()
            and (self.visa.is_empty() or self.visa.is_complete())
        )
        for button in self.decision_buttons.values():
            button.setEnabled(ready)

    # --------------------------------------------------------------- decision
    def decide(self, decision: str) -> None:
        """Record the check with ``decision`` (Admit on a red verdict asks first)."""
        if not self.decision_buttons[decision].isEnabled() or self.outcome is None:
            return
        if decision == "admit" and self.outcome.verdict == ALERT:
            self._confirm_admit()
            return
        if decision == "refuse":
            self._ask_ground()
            return
        if decision == "detain" and self.context.actor.can(Permission.manage_cases):
            self._open_detain_dialog()
            return
        self._record(decision)

    def _record(self, decision: str, ground: str | None = None) -> None:
        outcome, context, note = self.outcome, self.context, self.note.text()
        if outcome is None:
            return
        self._recording = True
        self._update_decisions()
        self.decision_message.clear_message()
        run_op(
            self,
            lambda: checks.record_decision(
                context.db,
                actor=context.actor,
                outcome=outcome,
                decision=decision,
                note=note,
                ground=ground,
            ),
            self._recorded,
            self._record_failed,
        )

    def _recorded(self, outcome: CheckOutcome) -> None:
        self._recording = False
        self.last.show_record(outcome.check)
        self.new_check()

    def _record_failed(self, exc: BaseException) -> None:
        self._recording = False
        self._update_decisions()
        self.decision_message.show_error(exc)

    def new_check(self) -> None:
        """Clear the page for the next person; the last protocol stays at hand."""
        self._generation += 1
        self._requested_key = None
        self._assess_timer.stop()
        self.mrz.clear()
        self.visa.clear()
        self.visa_check.setChecked(False)
        self.note.clear()
        self.input_message.clear_message()
        self.decision_message.clear_message()
        self._show_outcome(None)
        self._set_verdict(IDLE)
        self.mrz.setFocus()

    def _open_history_entry(self, index) -> None:  # type: ignore[no-untyped-def]
        entry = row_at(index)
        if entry is not None and entry.kind == "check":
            open_protocol(self, self.context, entry.record_id, entry.reference)
