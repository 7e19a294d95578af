"""The findings of a document check: red for watchlist hits and failed checks, amber for
regime warnings, plain for notes. Each row is a service ``CheckFinding``, worded in the
user's language when shown (so a language switch rewords the open list).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush, QColor

from borderdesk.i18n import N_, _
from borderdesk.services.checks.findings import CRITICAL, INFO, WARNING, CheckFinding
from borderdesk.ui.models.row_table import AnyIndex, Column, RowTableModel

SEVERITY_LABELS = {CRITICAL: N_("Alert"), WARNING: N_("Warning"), INFO: N_("Note")}
SEVERITY_MARKS = {CRITICAL: "✖", WARNING: "▲", INFO: "ℹ"}
#: Background and text colour per severity (readable on light and dark palettes).
SEVERITY_COLOURS = {
    CRITICAL: ("#fbd5d5", "#8b0000"),
    WARNING: ("#ffe9b0", "#6b4a00"),
    INFO: (None, None),
}


def severity_label(severity: str) -> str:
    mark = SEVERITY_MARKS.get(severity, "")
    label = _(SEVERITY_LABELS[severity]) if severity in SEVERITY_LABELS else severity
    return f"{mark} {label}".strip()


class FindingsModel(RowTableModel[CheckFinding]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(
            [
                Column(N_("Severity"), lambda f: severity_label(f.severity)),
                Column(N_("Finding"), lambda f: f.message(), tooltip=lambda f: f.message()),
            ],
            parent=parent,
        )

    def data(self, index: AnyIndex, role: int = Qt.DisplayRole):
        if role in (Qt.BackgroundRole, Qt.ForegroundRole) and index.isValid():
            background, text = SEVERITY_COLOURS.get(self.row(index.row()).severity, (None, None))
            colour = background if role == Qt.BackgroundRole else text
            return QBrush(QColor(colour)) if colour else None
        return super().data(index, role)
