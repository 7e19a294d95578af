"""A person card: who the person is, their documents and their history.

    card = PersonCardView(context, parent)
    card.load(person_id)           # fetches ``persons.person_card`` off the GUI thread
    card.show_card(person_card)    # or show one already fetched; None empties it

A double-click on a check in the history opens its protocol.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

import borderdesk.services.cases  # noqa: F401 - registers cases in every person's history
from borderdesk.domain.clock import utc_now
from borderdesk.domain.names import to_latin
from borderdesk.i18n import N_, _
from borderdesk.services.checks import protocol_form as check_protocol
from borderdesk.services.people import persons
from borderdesk.services.people.history import HistoryEntry
from borderdesk.services.people.persons import DocumentRow, PersonCard, PersonRow
from borderdesk.ui.case_text import state_name
from borderdesk.ui.models import row_at, sorting_proxy
from borderdesk.ui.models.person_rows import birth_with_age, documents_model, history_model
from borderdesk.ui.operations import run_op
from borderdesk.ui.pages import PageContext
from borderdesk.ui.pdf_preview import show_pdf_preview
from borderdesk.ui.widgets import MessageLabel, heading_font, on_retranslate

SEXES = {"F": N_("female"), "M": N_("male"), "X": N_("unspecified")}


def name_as_written(person: PersonRow) -> str:
    return " ".join(part for part in (person.surname, person.given_names) if part)


def name_latin(person: PersonRow) -> str:
    return " ".join(part for part in (person.surname_latin, person.given_names_latin) if part)


def latin_of_written(person: PersonRow) -> str:
    """The Doc 9303 Latin of the name as written (what a new passport would print)."""
    return to_latin(name_as_written(person))


def expired(document: DocumentRow) -> bool:
    """Greyed in the card: a document past its expiry date."""
    return document.expiry_date is not None and document.expiry_date < utc_now().date()


def nationality_text(code: str) -> str:
    if not code:
        return "—"
    return f"{code} — {state_name(code)}"


def make_table(parent: QWidget, name: str) -> QTableView:
    table = QTableView(parent)
    table.setObjectName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectRows)
    table.setSelectionMode(QAbstractItemView.SingleSelection)
    table.setEditTriggers(QAbstractItemView.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.setSortingEnabled(True)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.Interactive)
    header.setStretchLastSection(True)
    header.setHighlightSections(False)
    return table


def fit_columns(table: QTableView, *, widest: int = 280, padding: int = 12) -> None:
    """Columns as wide as their contents (at most ``widest``), and all of them in view.

    Where the contents are wider than the table, the widest columns give way (their text
    is elided, whole in the tooltip) so that no column, the last one (the result) least
    of all, is pushed out of sight behind the scroll bar.
    """
    table.resizeColumnsToContents()
    count = table.model().columnCount()
    wanted = [min(table.columnWidth(c) + padding, widest) for c in range(count)]
    # A table not shown yet has no width of its own to share.
    available = table.viewport().width() if table.isVisible() else sum(wanted)
    for column, width in enumerate(shared_widths(wanted, available)):
        table.setColumnWidth(column, width)


def shared_widths(wanted: list[int], available: int, *, least: int = 48) -> list[int]:
    """Widths that fit ``available``: narrow columns keep theirs, wide ones share the rest."""
    if sum(wanted) <= available or not wanted:
        return list(wanted)
    widths = list(wanted)
    left, open_columns = available, sorted(range(len(wanted)), key=lambda c: wanted[c])
    while open_columns:
        share = left // len(open_columns)
        column = open_columns[0]
        if wanted[column] <= share:
            widths[column] = wanted[column]
            left -= wanted[column]
            open_columns.pop(0)
            continue
        for column in open_columns:
            widths[column] = max(share, least)
        break
    return widths


def open_protocol(parent: QWidget, context: PageContext, check_id: uuid.UUID, number: str) -> None:
    """Fetch a saved check's protocol and show it in the preview (then the print dialog)."""
    run_op(
        parent,
        lambda: check_protocol.check_protocol_pdf(
            context.db, actor=context.actor, check_id=check_id
        ),
        lambda pdf: show_pdf_preview(
            parent,
            pdf,
            title=_("Check protocol {number}").format(number=number),
            filename=f"{number}.pdf",
        ),
    )


class PersonCardView(QWidget):
    """Details, documents and history of one person."""

    loaded = Signal(object)  # the PersonCard shown, or None

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.card: PersonCard | None = None
        self._loading: uuid.UUID | None = None

        self.name = QLabel(self)
        self.name.setObjectName("card_name")
        self.name.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.name.setWordWrap(True)
        heading_font(self.name, scale=1.3)
        self.latin = QLabel(self)
        self.latin.setObjectName("card_latin")
        self.latin.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.message = MessageLabel(self)

        self.form = QFormLayout()
        self.form.setHorizontalSpacing(16)
        self.form.setVerticalSpacing(4)
        self.fields: dict[str, tuple[QLabel, QLabel]] = {}
        for key in ("birth", "sex", "nationality"):
            label, value = QLabel(self), QLabel(self)
            value.setTextInteractionFlags(Qt.TextSelectableByMouse)
            self.form.addRow(label, value)
            self.fields[key] = (label, value)

        self.documents = documents_model(self, muted=expired)
        self.documents_proxy = sorting_proxy(self.documents, self)
        self.documents_table = make_table(self, "card_documents")
        self.documents_table.setModel(self.documents_proxy)
        self.history = history_model(context.site.timezone, self)
        self.history_proxy = sorting_proxy(self.history, self)
        self.history_table = make_table(self, "card_history")
        self.history_table.setModel(self.history_proxy)
        self.history_table.sortByColumn(0, Qt.DescendingOrder)
        self.history_table.doubleClicked.connect(self._open_entry)
        self.documents_title, self.history_title = QLabel(self), QLabel(self)

        left = QVBoxLayout()
        left.addWidget(self.name)
        left.addWidget(self.latin)
        left.addLayout(self.form)
        left.addWidget(self.documents_title)
        left.addWidget(self.documents_table, 1)
        right = QVBoxLayout()
        right.addWidget(self.history_title)
        right.addWidget(self.history_table, 1)
        columns = QHBoxLayout()
        columns.setContentsMargins(0, 0, 0, 0)
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.message)
        layout.addLayout(columns, 1)
        on_retranslate(self)
        self.show_card(None)

    def retranslate(self) -> None:
        for key, text in (
            ("birth", _("Date of birth")),
            ("sex", _("Sex")),
            ("nationality", _("Nationality")),
        ):
            self.fields[key][0].setText(text)
        self.documents_title.setText(_("Documents"))
        self.history_title.setText(_("History (double-click a check for its protocol)"))
        self.show_card(self.card)

    # ------------------------------------------------------------------ data
    def load(self, person_id: uuid.UUID | None) -> None:
        """Show the card of ``person_id`` (fetched off the GUI thread); None empties it."""
        self._loading = person_id
        if person_id is None:
            self.show_card(None)
            return
        context = self.context
        run_op(
            self,
            lambda: persons.person_card(context.db, actor=context.actor, person_id=person_id),
            lambda card: self._loaded(person_id, card),
            lambda exc: self._failed(person_id, exc),
        )

    def _loaded(self, person_id: uuid.UUID, card: PersonCard) -> None:
        if person_id == self._loading:  # a later selection wins over an earlier answer
            self.show_card(card)

    def _failed(self, person_id: uuid.UUID, exc: BaseException) -> None:
        if person_id != self._loading:
            return
        self.show_card(None)
        self.message.show_error(exc)

    def show_card(self, card: PersonCard | None) -> None:
        changed = card is not self.card
        self.card = card
        self.message.clear_message()
        if card is None:
            self.name.setText(_("No person selected"))
            self.latin.setText("")
            for _label, value in self.fields.values():
                value.setText("")
            self.documents.set_rows([])
            self.history.set_rows([])
        else:
            person = card.person
            self.name.setText(name_as_written(person) or "—")
            latin = name_latin(person)
            self.latin.setText(latin if latin != name_as_written(person) else "")
            self.latin.setToolTip(_("Doc 9303: {latin}").format(latin=latin_of_written(person)))
            today = utc_now().date()
            self.fields["birth"][1].setText(birth_with_age(person.birth_date, today))
            self.fields["sex"][1].setText(_(SEXES[person.sex]) if person.sex in SEXES else "—")
            self.fields["nationality"][1].setText(nationality_text(person.nationality))
            if changed:
                self.documents.set_rows(card.documents)
                self.history.set_rows(card.history)
                fit_columns(self.documents_table)
                fit_columns(self.history_table)
        if changed:
            self.loaded.emit(card)

    def _open_entry(self, index) -> None:  # type: ignore[no-untyped-def]
        entry: HistoryEntry | None = row_at(index)
        if entry is not None and entry.kind == "check":
            open_protocol(self, self.context, entry.record_id, entry.reference)
