"""The persons watchlist on the Watchlists page: its entries with their category in
words (wanted, entry ban), a category filter and a name filter, every column sortable.

At most ``ENTRIES_LIMIT`` entries are shown (the list may hold 100 000); the line
under the filters says how many matched.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from borderdesk.i18n import N_, _
from borderdesk.services.people import watchlist_entries
from borderdesk.services.people.watchlist_entries import (
    CATEGORY_LABELS,
    WantedPersonEntries,
    WantedPersonEntry,
    category_label,
)
from borderdesk.ui.dates import date_text
from borderdesk.ui.models import Column, RowTableModel, sorting_proxy
from borderdesk.ui.models.person_rows import birth_display
from borderdesk.ui.models.row_table import row_table_view
from borderdesk.ui.operations import run_op
from borderdesk.ui.pages import PageContext
from borderdesk.ui.person_card import fit_columns
from borderdesk.ui.widgets import MessageLabel, on_retranslate

ALL = ""


def entries_model(parent: QWidget) -> RowTableModel[WantedPersonEntry]:
    return RowTableModel(
        [
            Column(N_("Surname"), lambda e: e.surname),
            Column(N_("Given names"), lambda e: e.given_names),
            Column(
                N_("Date of birth"),
                lambda e: birth_display(e.birth_date),
                sort_key=lambda e: e.birth_date.iso_text() if e.birth_date else "",
            ),
            Column(N_("Nationality"), lambda e: e.nationality),
            Column(N_("Category"), lambda e: category_label(e.category)),
            Column(N_("Reason"), lambda e: e.reason),
            Column(N_("Source"), lambda e: e.source),
            Column(
                N_("Valid until"),
                lambda e: date_text(e.valid_until) if e.valid_until else "—",
                sort_key=lambda e: e.valid_until.isoformat() if e.valid_until else "",
            ),
        ],
        parent=parent,
    )


class WatchlistEntriesPanel(QWidget):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.result: WantedPersonEntries | None = None
        self.category = QComboBox(self)
        self.category.setObjectName("category_filter")
        self.category.addItem("", ALL)
        for code in CATEGORY_LABELS:
            self.category.addItem("", code)
        self.category.currentIndexChanged.connect(lambda _index: self.refresh())
        self.text = QLineEdit(self)
        self.text.setObjectName("entries_filter")
        self.text.setClearButtonEnabled(True)
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(250)  # one query per pause in typing
        self._typing.timeout.connect(self.refresh)
        self.text.textChanged.connect(lambda _text: self._typing.start())
        self.shown = QLabel(self)
        self.shown.setObjectName("entries_shown")
        self.message = MessageLabel(self)
        self.model = entries_model(self)
        self.proxy = sorting_proxy(self.model, self)
        self.table = row_table_view(self, self.proxy, name="entries_table")
        self.category_label = QLabel(self)
        self.category_label.setBuddy(self.category)
        row = QHBoxLayout()
        row.addWidget(self.category_label)
        row.addWidget(self.category)
        row.addWidget(self.text, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.shown)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        on_retranslate(self)

    def retranslate(self) -> None:
        self.category_label.setText(_("&Category"))
        for i in range(self.category.count()):
            code = self.category.itemData(i)
            self.category.setItemText(
                i, _("All categories") if code == ALL else category_label(code)
            )
        self.text.setPlaceholderText(_("Surname or given names contain…"))
        self._show_count()
        if self.result is not None:
            fit_columns(self.table)  # the words of another language have other widths

    def refresh(self) -> None:
        context, code, text = self.context, self.category.currentData(), self.text.text()
        run_op(
            self,
            lambda: watchlist_entries.wanted_person_entries(
                context.db, actor=context.actor, category=code or None, text=text
            ),
            self._show,
            self.message.show_error,
            latest="entries",
        )

    def _show(self, result: WantedPersonEntries) -> None:
        self.result = result
        self.message.clear_message()
        self.model.set_rows(list(result.entries))
        fit_columns(self.table)
        self._show_count()

    def _show_count(self) -> None:
        result = self.result
        if result is None:
            self.shown.setText(_("Loading…"))
            return
        counts = result.by_category
        self.shown.setText(
            _("On the persons list: wanted {wanted}, entry bans {bans}.").format(
                wanted=counts.get("wanted", 0), bans=counts.get("entry_ban", 0)
            )
            + " "
            + _("Entries shown: {shown} of {matching} matching.").format(
                shown=len(result.entries), matching=result.matching
            )
        )
