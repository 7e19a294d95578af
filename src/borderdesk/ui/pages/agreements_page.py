"""The readmission agreements on file (read-only): who each covers from when, its time
limits with their sources, its evidence lists and its implementing protocols.

Every figure not yet checked against the agreement's own text is marked "unconfirmed",
in amber, as the reference data asks.
"""

from __future__ import annotations

from datetime import date
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from borderdesk.domain.agreements import Agreement, AgreementBook, CoverageRule
from borderdesk.i18n import N_, _
from borderdesk.services.site import reference
from borderdesk.ui.case_text import day_text, state_name, state_text, unconfirmed_html
from borderdesk.ui.models import Column, row_at, sorting_proxy
from borderdesk.ui.models.toned_table import UNCONFIRMED, TonedTableModel
from borderdesk.ui.operations import run_op
from borderdesk.ui.pages import Page, PageContext
from borderdesk.ui.pages.case_tables import plain_table
from borderdesk.ui.widgets import MessageLabel, on_retranslate

SIGNED_COLUMN, IN_FORCE_COLUMN = 3, 4
_COVERAGE_LABELS = {
    "own_nationals": N_("own nationals of the requested party"),
    "former_nationals_without_other_nationality": N_(
        "former nationals without another nationality"
    ),
    "stateless": N_("stateless persons"),
    "third_country_nationals": N_("third-country nationals"),
}
_TABLE = 'cellspacing="0" cellpadding="4" width="99%" style="border-collapse:collapse"'
_HEAD = 'style="background:#eef2f7; text-align:left"'


def _para(text: str) -> str:
    return "<p>" + escape(text) + "</p>"


def _bold(text: str) -> str:
    return "<b>" + escape(text) + "</b>"


def marked(text: str, verified: bool) -> str:
    """``text`` (already HTML), followed by the amber mark when it is unconfirmed."""
    return text if verified else f"{text} ({unconfirmed_html()})"


def dated(value: date | None, verified: bool = True) -> str:
    return marked(escape(day_text(value)) if value else "—", verified)


def parties_text(agreement: Agreement) -> str:
    return ", ".join(state_text(p) for p in agreement.parties)


def date_cell(value: date, verified: bool) -> str:
    text = day_text(value)
    return text if verified else text + " (" + _("unconfirmed") + ")"


def _rows(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    head = "".join(f"<th {_HEAD}>{escape(h)}</th>" for h in header)
    body = "".join(
        "<tr>"
        + "".join(f'<td style="border-bottom:1px solid #dde3ea">{c}</td>' for c in row)
        + "</tr>"
        for row in rows
    )
    return f"<table {_TABLE}><tr>{head}</tr>{body}</table>"


def _items(values: tuple[str, ...]) -> str:
    if not values:
        return escape(_("none on file"))
    items = "".join(f"<li>{escape(v)}</li>" for v in values)
    return f'<ul style="margin-left:0; -qt-list-indent:1">{items}</ul>'


def coverage_html(agreement: Agreement) -> str:
    """Who the agreement covers from when; a source only where it is not the agreement's."""
    coverage = agreement.coverage
    own_sources = "; ".join(agreement.sources)
    rows = []
    for key, label in _COVERAGE_LABELS.items():
        rule: CoverageRule | None = getattr(coverage, key)
        if rule is None:
            continue
        since = (
            escape(_("from {day}").format(day=day_text(rule.since)))
            if rule.since
            else escape(_("not covered"))
        )
        source = "" if rule.source == own_sources else escape(rule.source)
        rows.append((escape(_(label)), marked(since, rule.verified), source))
    if all(not row[2] for row in rows):
        html = _rows((_("Who"), _("Covered")), [row[:2] for row in rows])
    else:
        html = _rows((_("Who"), _("Covered"), _("Source")), rows)
    if coverage.third_country_transitional:
        html += (
            "<p>"
            + escape(
                _("Before that date, third-country nationals only if they are {who}.").format(
                    who=coverage.third_country_transitional
                )
            )
            + "</p>"
        )
    if coverage.third_country_conditions:
        html += _para(_("Third-country nationals and stateless persons, when they:"))
        html += _items(coverage.third_country_conditions)
    if coverage.excluded:
        html += "<p>" + escape(_("Excluded: {what}.").format(what="; ".join(coverage.excluded)))
        html += "</p>"
    return html


def source_html(source: str, verified: bool) -> str:
    return "<p>" + marked(escape(_("Source: {source}").format(source=source)), verified) + "</p>"


def time_limits_html(agreement: Agreement) -> str:
    """Each figure with its source: the block's once above, a figure's own beside it."""
    limits = agreement.time_limits
    if limits is None:
        return _para(_("No time limits are on file for this agreement."))
    rows = []
    for limit in limits:
        what = escape(reference.time_limit_text(limit.step, limit.days, limit.kind, limit.months))
        own = "" if limit.source == limits.source else escape(limit.source)
        rows.append((marked(what, limit.verified), own))
    html = source_html(limits.source, limits.verified)
    if any(row[1] for row in rows):
        html += _rows((_("Time limit"), _("Source")), rows)
    else:
        html += _rows((_("Time limit"),), [row[:1] for row in rows])
    silence = (
        _("No reply within the time limit counts as acceptance.")
        if limits.silence_means_consent
        else _("No reply within the time limit does not count as acceptance.")
    )
    return html + f"<p>{marked(escape(silence), limits.silence_means_consent_verified)}</p>"


def evidence_html(agreement: Agreement) -> str:
    """Proof and presumption of nationality and of transit, side by side."""
    evidence = agreement.evidence
    if evidence is None:
        return _para(_("No lists of evidence are on file for this agreement."))
    rows = [
        (
            _bold(_("Proof")),
            _items(evidence.nationality_proof),
            _items(evidence.transit_proof),
        ),
        (
            _bold(_("Presumption")),
            _items(evidence.nationality_presumption),
            _items(evidence.transit_presumption),
        ),
    ]
    return source_html(evidence.source, evidence.verified) + _rows(
        ("", _("of nationality"), _("of transit")), rows
    )


def protocols_html(agreement: Agreement) -> str:
    if not agreement.protocols:
        return _para(_("No implementing protocols are on file."))
    rows = []
    for protocol in agreement.protocols:
        changes = []
        if not protocol.reply_extension:
            changes.append(escape(_("the reply time limit cannot be extended")))
        for limit in protocol.overrides:
            text = escape(
                reference.time_limit_text(limit.step, limit.days, limit.kind, limit.months)
            )
            changes.append(marked(text, limit.verified))
        if protocol.crossing_points:
            changes.append(
                escape(
                    _("crossing points: {points}").format(
                        points="; ".join(protocol.crossing_points)
                    )
                )
            )
        rows.append(
            (
                escape(state_text(protocol.state)),
                dated(protocol.signed, protocol.verified),
                dated(protocol.in_force),
                "<br>".join(changes) or "—",
            )
        )
    return _rows((_("Member state"), _("Signed"), _("In force"), _("What it changes")), rows)


def agreement_html(agreement: Agreement) -> str:
    facts = [
        escape(_("Parties: {parties}").format(parties=parties_text(agreement))),
        escape(_("Signed")) + ": " + dated(agreement.signed, agreement.signed_verified),
        escape(_("In force")) + ": " + dated(agreement.in_force, agreement.in_force_verified),
    ]
    if agreement.applied_from:
        facts.append(escape(_("Applied from")) + ": " + dated(agreement.applied_from))
    if agreement.not_applicable_to:
        names = ", ".join(state_text(s) for s in agreement.not_applicable_to)
        facts.append(escape(_("Does not apply to {states}").format(states=names)))
    for item in agreement.participation:
        facts.append(
            marked(
                escape(
                    _("Applies to {state} from {day}").format(
                        state=state_name(item.state), day=day_text(item.since)
                    )
                ),
                item.verified,
            )
        )
    sections = [
        f"<h2>{escape(agreement.short_name())} — {escape(agreement.title())}</h2>",
        "<p>" + "<br>".join(facts) + "</p>",
    ]
    if agreement.sources:
        sections.append("<p>" + _bold(_("Sources")) + "</p>" + _items(agreement.sources))
    for title, body in (
        (_("Who is covered"), coverage_html(agreement)),
        (_("Time limits"), time_limits_html(agreement)),
        (_("Means of evidence"), evidence_html(agreement)),
        (_("Implementing protocols"), protocols_html(agreement)),
    ):
        sections.append(f"<h3>{escape(title)}</h3>{body}")
    if agreement.costs and (
        agreement.costs.requesting_party_pays or agreement.costs.requested_party_pays
    ):
        costs = agreement.costs
        lines = []
        if costs.requesting_party_pays:
            lines.append(
                _("The requesting party pays: {what}.").format(what=costs.requesting_party_pays)
            )
        if costs.requested_party_pays:
            lines.append(
                _("The requested party pays: {what}.").format(what=costs.requested_party_pays)
            )
        sections.append(
            "<h3>"
            + escape(_("Costs"))
            + "</h3><p>"
            + marked("<br>".join(escape(line) for line in lines), costs.verified)
            + "</p>"
        )
    return "".join(sections)


class AgreementsPage(Page):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)

        def cell_tone(agreement: Agreement, column: int) -> str | None:
            if column == SIGNED_COLUMN and not agreement.signed_verified:
                return UNCONFIRMED
            if column == IN_FORCE_COLUMN and not agreement.in_force_verified:
                return UNCONFIRMED
            return None

        self.model: TonedTableModel[Agreement] = TonedTableModel(
            [
                Column(N_("Agreement"), lambda a: a.short_name()),
                Column(N_("Title"), lambda a: a.title(), tooltip=lambda a: a.title()),
                Column(N_("Parties"), parties_text),
                Column(
                    N_("Signed"),
                    lambda a: date_cell(a.signed, a.signed_verified),
                    sort_key=lambda a: a.signed,
                ),
                Column(
                    N_("In force"),
                    lambda a: date_cell(a.in_force, a.in_force_verified),
                    sort_key=lambda a: a.in_force,
                ),
            ],
            tone=lambda _a: None,
            cell_tone=cell_tone,
            parent=self,
        )
        self.proxy = sorting_proxy(self.model, self)
        self.table = plain_table("agreements_table", self)
        self.table.setModel(self.proxy)
        self.table.selectionModel().selectionChanged.connect(self._show_selected)
        self.text = QTextBrowser(self)
        self.text.setObjectName("agreement_text")
        self.text.setOpenExternalLinks(False)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.message = MessageLabel(self)
        splitter = QSplitter(Qt.Vertical, self)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.table)
        splitter.addWidget(self.text)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 4)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.note)
        layout.addWidget(self.message)
        layout.addWidget(splitter, 1)
        self.book: AgreementBook | None = None
        on_retranslate(self)

    def retranslate(self) -> None:
        self.note.setText(
            _(
                "The agreements as BorderDesk applies them. Figures marked unconfirmed are the "
                "best available reading and have not yet been checked against the agreement's "
                "text."
            )
        )
        self._show_selected()

    def activated(self) -> None:
        if self.book is not None:
            return
        actor = self.context.actor
        run_op(self, lambda: reference.agreement_book(actor=actor), self._loaded, self._failed)

    def _loaded(self, book: AgreementBook) -> None:
        self.book = book
        self.model.set_rows(list(book))
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        for column in range(self.model.columnCount()):
            header.setSectionResizeMode(
                column, QHeaderView.Stretch if column == 1 else QHeaderView.ResizeToContents
            )
        if self.proxy.rowCount():
            self.table.selectRow(0)

    def _failed(self, exc: BaseException) -> None:
        self.message.show_error(exc)

    def selected(self) -> Agreement | None:
        indexes = self.table.selectionModel().selectedRows()
        return row_at(indexes[0]) if indexes else None

    def _show_selected(self) -> None:
        agreement = self.selected()
        self.text.setHtml(agreement_html(agreement) if agreement else "")
