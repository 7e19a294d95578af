"""The top of a case: the summary of who and under which agreement, and the banner with
the next deadline and the rule that produced it."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from borderdesk.domain.case_workflow import procedure_label, status_label
from borderdesk.domain.reference import agreement_name
from borderdesk.i18n import _
from borderdesk.services.cases.rows import CaseDetail
from borderdesk.ui.case_text import (
    category_text,
    days_left_text,
    deadline_tone,
    state_text,
    unconfirmed_html,
)
from borderdesk.ui.dates import date_text
from borderdesk.ui.models.toned_table import OVERDUE, RED_TEXT, SOON, TONES

_BANNER_STYLE = "QLabel#deadline_banner {{ background: {bg}; border: 1px solid {border}; \
border-radius: 4px; padding: 8px 10px; color: {fg}; }}"
_NEUTRAL = ("#eef2f7", "#1f2d3d")


def banner_html(case: CaseDetail) -> tuple[str, str | None]:
    """The next deadline with its rule (unconfirmed in amber), and its tone."""
    item = case.next_due
    if item is None:
        if case.schedule_problems:
            return escape(" ".join(case.schedule_problems)), None
        return escape(
            _("No deadline is running: the case is {status}.").format(
                status=status_label(case.status)
            )
        ), None
    days_left = (item.due - case.today).days
    text = _("{step} due {due}: {rule}").format(
        step=item.label, due=date_text(item.due), rule=item.rule
    )
    html = f"<b>{escape(days_left_text(days_left))}</b> — {escape(text[:1].upper() + text[1:])}"
    if item.unverified:
        html += ", " + unconfirmed_html()
    return html, days_left


def summary_html(case: CaseDetail) -> str:
    """Kind, status, agreement and procedure, the two states, and whether the agreement covers
    the person (refused in red, unconfirmed in amber)."""
    parts = [
        case.kind_label,
        f"<b>{escape(case.status_label)}</b>",
        f"{escape(agreement_name(case.agreement_id))}, {escape(procedure_label(case.procedure))}",
        f"{escape(state_text(case.requesting_state))} → {escape(state_text(case.requested_state))}",
    ]
    if case.category:
        parts.append(escape(category_text(case.category)))
    line = " · ".join(parts)
    coverage = escape(case.coverage.reason)
    if not case.coverage.applies:
        coverage = f'<span style="color:{RED_TEXT}">{coverage}</span>'
    if case.coverage.unverified:
        coverage += " (" + unconfirmed_html() + ")"
    if case.decision_reason:
        coverage += "<br>" + escape(_("Reason given: {reason}").format(reason=case.decision_reason))
    return f"{line}<br>{coverage}"


class DeadlineBanner(QLabel):
    """The next deadline in a coloured box: red once overdue, amber when near."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("deadline_banner")
        self.setWordWrap(True)
        self.setTextFormat(Qt.RichText)
        self.setTextInteractionFlags(Qt.TextSelectableByMouse)

    def show_deadline(self, case: CaseDetail, warn_days: int) -> None:
        html, days_left = banner_html(case)
        tone = deadline_tone(days_left, warn_days)
        bg, fg = TONES[tone] if tone in (OVERDUE, SOON) else _NEUTRAL
        border = fg if tone else "#c5d0dc"
        self.setStyleSheet(_BANNER_STYLE.format(bg=bg, fg=fg, border=border))
        self.setText(html)
        self.setProperty("tone", tone or "")
