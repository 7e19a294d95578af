"""The tables of one case: its due dates, its evidence, its timeline (thin row models)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from borderdesk.domain.case_schedule import DueDate
from borderdesk.domain.case_workflow import status_label
from borderdesk.i18n import N_, _
from borderdesk.services.cases.rows import EventRow, EvidenceRow
from borderdesk.ui.case_text import day_text, deadline_tone, period_text
from borderdesk.ui.dates import datetime_text
from borderdesk.ui.dialogs.evidence import kind_text, subject_text
from borderdesk.ui.models import Column, RowTableModel
from borderdesk.ui.models.toned_table import UNCONFIRMED, TonedTableModel

_DUE_STATES = {
    "met": N_("met"),
    "late": N_("met late"),
    "lapsed": N_("no reply: deemed accepted"),
    "overdue": N_("overdue"),
    "pending": N_("pending"),
}

RULE_COLUMN = 5


def due_state_text(item: DueDate, today: date) -> str:
    if item.superseded:
        return _("replaced by the extension")
    state = item.state(today)
    text = _(_DUE_STATES[state]) if state in _DUE_STATES else state
    if item.met_on is not None and state in ("met", "late"):
        text = f"{text}, {day_text(item.met_on)}"
    return text


def rule_text(item: DueDate) -> str:
    return item.rule + ", " + _("unconfirmed") if item.unverified else item.rule


def due_dates_model(
    today: Callable[[], date], warn_days: int, parent: QObject
) -> TonedTableModel[DueDate]:
    """Every computed time limit with the rule that produced it; ``today`` is the case's."""

    def tone(item: DueDate) -> str | None:
        if item.superseded or item.met_on is not None or item.lapsed:
            return None
        return deadline_tone((item.due - today()).days, warn_days)

    def cell_tone(item: DueDate, column: int) -> str | None:
        return UNCONFIRMED if column == RULE_COLUMN and item.unverified else None

    return TonedTableModel(
        [
            Column(N_("Step"), lambda d: d.label),
            Column(N_("Counted from"), lambda d: day_text(d.start), sort_key=lambda d: d.start),
            Column(N_("Time limit"), lambda d: period_text(d.days, d.day_kind)),
            Column(N_("Due"), lambda d: day_text(d.due), sort_key=lambda d: d.due),
            Column(N_("Status"), lambda d: due_state_text(d, today())),
            Column(N_("Rule"), rule_text, tooltip=rule_text),
        ],
        tone=tone,
        cell_tone=cell_tone,
        muted=lambda d: d.superseded,
        parent=parent,
    )


def scan_text(row: EvidenceRow) -> str:
    if not row.scan_sha256:
        return ""
    return f"{row.scan_filename} ({max(1, round(row.scan_size / 1024))} KB)"


def evidence_model(tz: str, parent: QObject) -> RowTableModel[EvidenceRow]:
    def type_text(row: EvidenceRow) -> str:
        return row.evidence_type if row.listed else row.evidence_type + " (" + _("not listed") + ")"

    return RowTableModel(
        [
            Column(N_("Kind"), lambda r: kind_text(r.kind)),
            Column(N_("Of"), lambda r: subject_text(r.subject)),
            Column(N_("Type"), type_text, tooltip=type_text),
            Column(N_("Description"), lambda r: r.description, tooltip=lambda r: r.description),
            Column(N_("Scan"), scan_text, tooltip=lambda r: r.scan_sha256 or None),
            Column(
                N_("Added"),
                lambda r: datetime_text(r.added_at, tz),
                sort_key=lambda r: r.added_at,
            ),
        ],
        parent=parent,
    )


def status_change_text(row: EventRow) -> str:
    if row.to_status is None:
        return ""
    if row.from_status is None:
        return status_label(row.to_status)
    return f"{status_label(row.from_status)} → {status_label(row.to_status)}"


def timeline_model(tz: str, parent: QObject) -> RowTableModel[EventRow]:
    def when(row: EventRow) -> str:
        return datetime_text(row.at, tz)

    def when_tooltip(row: EventRow) -> str | None:
        if row.effective_on is None or row.effective_on == row.at.date():
            return None
        return _("Takes effect on {day}").format(day=day_text(row.effective_on))

    return RowTableModel(
        [
            Column(N_("Time"), when, tooltip=when_tooltip, sort_key=lambda r: r.at),
            Column(N_("Author"), lambda r: r.author),
            Column(N_("Event"), lambda r: r.label),
            Column(N_("Status"), status_change_text),
            Column(N_("Note"), lambda r: r.note, tooltip=lambda r: r.note or None),
        ],
        parent=parent,
    )


def plain_table(name: str, parent: QWidget) -> QTableView:
    """A read-only, row-selecting, sortable table like every other in the application."""
    table = QTableView(parent)
    table.setObjectName(name)
    table.setSortingEnabled(True)
    table.setSelectionBehavior(QAbstractItemView.SelectRows)
    table.setSelectionMode(QAbstractItemView.SingleSelection)
    table.setEditTriggers(QAbstractItemView.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.Interactive)
    header.setStretchLastSection(True)
    header.setHighlightSections(False)
    return table
