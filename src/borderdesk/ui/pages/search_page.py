"""Search (officers, centre staff, supervisors): one box for a name in any script or
spelling, a document number or a date of birth; the results best first; the card of the
selected person. The search runs off the GUI thread as you type (after a short pause)
or at once on Enter; an answer to an older query is dropped.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QSplitter, QVBoxLayout, QWidget

from borderdesk.i18n import N_, _, format_number, ngettext
from borderdesk.services.people import search
from borderdesk.services.people.search import PersonHit
from borderdesk.ui.models import RIGHT, Column, RowTableModel, row_at, sorting_proxy
from borderdesk.ui.models.person_rows import birth_display
from borderdesk.ui.operations import run_op
from borderdesk.ui.pages import Page, PageContext
from borderdesk.ui.person_card import PersonCardView, fit_columns, make_table
from borderdesk.ui.widgets import MessageLabel, heading_font, on_retranslate

DEBOUNCE_MS = 250
LIMIT = 50


def _documents(hit: PersonHit) -> str:
    return ", ".join(f"{d.issuing_state} {d.number}" for d in hit.documents)


def _latin(hit: PersonHit) -> str:
    return " ".join(p for p in (hit.surname_latin, hit.given_names_latin) if p)


COLUMNS: list[Column[PersonHit]] = [
    Column(N_("Surname"), lambda h: h.surname),
    Column(N_("Given names"), lambda h: h.given_names),
    Column(N_("Latin"), _latin),
    Column(N_("Date of birth"), lambda h: birth_display(h.birth_date)),
    Column(N_("Nationality"), lambda h: h.nationality),
    Column(N_("Documents"), _documents, tooltip=_documents),
    Column(
        N_("Score"),
        lambda h: format_number(h.score),
        align=RIGHT,
        sort_key=lambda h: h.score,
        header_tooltip_msgid=N_("How well the person fits the query, 100 at best"),
    ),
]


class SearchPage(Page):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.query_edit = QLineEdit(self)
        self.query_edit.setObjectName("search_query")
        self.query_edit.setClearButtonEnabled(True)
        font = self.query_edit.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.query_edit.setFont(font)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("count")
        self.message = MessageLabel(self)

        self.model: RowTableModel[PersonHit] = RowTableModel(COLUMNS, parent=self)
        self.proxy = sorting_proxy(self.model, self)
        self.table = make_table(self, "search_results")
        self.table.setModel(self.proxy)
        self.table.sortByColumn(len(COLUMNS) - 1, Qt.DescendingOrder)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.card = PersonCardView(context, self)
        self.card.setObjectName("person_card")
        self.card_title = QLabel(self)
        heading_font(self.card_title, scale=1.1)
        card_box = QWidget(self)
        card_layout = QVBoxLayout(card_box)
        card_layout.setContentsMargins(0, 8, 0, 0)
        card_layout.addWidget(self.card_title)
        card_layout.addWidget(self.card, 1)

        self.splitter = QSplitter(Qt.Vertical, self)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(card_box)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)

        top = QHBoxLayout()
        top.addWidget(self.query_edit, 1)
        top.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(self.splitter, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.run_search)
        self.query_edit.textEdited.connect(lambda _text: self._timer.start())
        self.query_edit.returnPressed.connect(self.run_search)
        self._generation = 0
        self._searched: str | None = None
        self._found: int | None = None
        on_retranslate(self)

    def retranslate(self) -> None:
        self.query_edit.setPlaceholderText(
            _("Name in any script or spelling, document number, or date of birth (17.05.1980)")
        )
        self.card_title.setText(_("Person card"))
        self._show_count()

    def activated(self) -> None:
        self.query_edit.setFocus()
        self.query_edit.selectAll()

    def records_changed(self) -> None:
        """Search again: the import may have added persons the query finds."""
        if self.query_edit.text().strip():
            self.run_search()

    # ---------------------------------------------------------------- search
    def run_search(self) -> None:
        """Search for the box's text now (Enter, or the pause after typing)."""
        self._timer.stop()
        query = self.query_edit.text().strip()
        self._generation += 1
        generation, context = self._generation, self.context
        if not query:
            self._searched = None
            self._show(generation, [])
            return
        self._searched = query
        run_op(
            self,
            lambda: search.search(context.db, actor=context.actor, query=query, limit=LIMIT),
            lambda hits: self._show(generation, hits),
            lambda exc: self._failed(generation, exc),
        )

    def _show(self, generation: int, hits: list[PersonHit]) -> None:
        if generation != self._generation:
            return  # the box changed since: a newer answer is coming
        self.message.clear_message()
        # A new answer is ranked by relevance, whatever column the last one was sorted by.
        self.table.sortByColumn(len(COLUMNS) - 1, Qt.DescendingOrder)
        self.model.set_rows(hits)
        self._found = len(hits) if self._searched else None
        self._show_count()
        if hits:
            fit_columns(self.table)
            self.table.selectRow(0)
        else:
            self.card.load(None)

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        self.model.set_rows([])
        self.card.load(None)
        self._found = None
        self._show_count()
        self.message.show_error(exc)

    def _show_count(self) -> None:
        if self._found is None:
            self.count_label.setText("")
        elif self._found == 0:
            self.count_label.setText(_("No one found"))
        else:
            text = ngettext("{n} person", "{n} persons", self._found).format(n=self._found)
            self.count_label.setText(text)

    def _current_changed(self, current, _previous) -> None:  # type: ignore[no-untyped-def]
        hit: PersonHit | None = row_at(current)
        self.card.load(hit.person_id if hit is not None else None)

    def selected(self) -> PersonHit | None:
        return row_at(self.table.currentIndex())
