"""Watchlists (supervisors): import a CSV file, see how many entries each list holds, the
persons on the list with their category (``watchlist_entries_panel``) and when files
came in."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from borderdesk.i18n import N_, _
from borderdesk.services.people import watchlist_import
from borderdesk.services.people.watchlist_import import (
    DOCUMENTS,
    PERSONS,
    ImportRecord,
    WatchlistImport,
    WatchlistsSummary,
)
from borderdesk.ui.dates import datetime_text
from borderdesk.ui.models import RIGHT, Column, RowTableModel, sorting_proxy
from borderdesk.ui.models.row_table import row_table_view
from borderdesk.ui.operations import run_op
from borderdesk.ui.pages import Page, PageContext
from borderdesk.ui.pages.watchlist_entries_panel import WatchlistEntriesPanel
from borderdesk.ui.widgets import MessageLabel, on_retranslate

KIND_LABELS = {
    DOCUMENTS: N_("Invalid and wanted documents"),
    PERSONS: N_("Wanted persons"),
}


def kind_text(record: ImportRecord) -> str:
    return _(KIND_LABELS[record.kind]) if record.kind in KIND_LABELS else record.kind


class WatchlistsPage(Page):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        tz = context.site.timezone
        self.model: RowTableModel[ImportRecord] = RowTableModel(
            [
                Column(
                    N_("Imported at"), lambda r: datetime_text(r.at, tz), sort_key=lambda r: r.at
                ),
                Column(
                    N_("List"),
                    lambda r: _(KIND_LABELS[r.kind]) if r.kind in KIND_LABELS else r.kind,
                ),
                Column(N_("File"), lambda r: r.file),
                Column(N_("Added"), lambda r: r.added, align=RIGHT, sort_key=lambda r: r.added),
                Column(
                    N_("Updated"), lambda r: r.updated, align=RIGHT, sort_key=lambda r: r.updated
                ),
                Column(N_("By"), lambda r: r.actor),
            ],
            parent=self,
        )
        self.proxy = sorting_proxy(self.model, self)
        self.counts = QLabel(self)
        self.counts.setObjectName("counts")
        self.kind = QComboBox(self)
        self.kind.setObjectName("kind")
        for code in KIND_LABELS:
            self.kind.addItem("", code)
        self.import_button = QPushButton(self)
        self.import_button.setObjectName("import_csv")
        self.import_button.clicked.connect(self.import_file)
        self.message = MessageLabel(self)
        self.message.setObjectName("import_result")
        self.table = row_table_view(self, self.proxy, name="imports_table")
        self.entries = WatchlistEntriesPanel(context, self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("watchlist_tabs")
        self.tabs.addTab(self.entries, "")
        self.tabs.addTab(self.table, "")

        row = QHBoxLayout()
        row.addWidget(self.kind)
        row.addWidget(self.import_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.counts)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addWidget(self.tabs, 1)
        self.summary: WatchlistsSummary | None = None
        on_retranslate(self)

    def retranslate(self) -> None:
        for i in range(self.kind.count()):
            self.kind.setItemText(i, _(KIND_LABELS[self.kind.itemData(i)]))
        self.import_button.setText(_("Import CSV file…"))
        self.tabs.setTabText(0, _("Persons on the list"))
        self.tabs.setTabText(1, _("Imported files"))
        self._show_counts()

    def activated(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        context = self.context
        run_op(
            self,
            lambda: watchlist_import.watchlists_summary(context.db, actor=context.actor),
            self._show,
            self.message.show_error,
            latest="refresh",
        )
        self.entries.refresh()

    def _show(self, summary: WatchlistsSummary) -> None:
        self.summary = summary
        self.model.set_rows(list(summary.imports))
        self._show_counts()

    def _show_counts(self) -> None:
        s = self.summary
        if s is None:
            self.counts.setText(_("Loading…"))
            return
        self.counts.setText(
            _("Documents on the list: {documents}; wanted persons: {persons}.").format(
                documents=s.documents, persons=s.persons
            )
        )

    def choose_file(self) -> Path | None:
        """Ask for the CSV file (a method of its own so tests can answer it)."""
        name, _filter = QFileDialog.getOpenFileName(
            self, _("Import a watchlist"), "", _("CSV files (*.csv);;All files (*)")
        )
        return Path(name) if name else None

    def import_file(self) -> None:
        path = self.choose_file()
        if path is None:
            return
        context, kind = self.context, self.kind.currentData()
        self.import_button.setEnabled(False)
        self.message.show_message(_("Importing…"), MessageLabel.INFO)
        run_op(
            self,
            lambda: watchlist_import.import_csv(
                context.db, actor=context.actor, path=path, kind=kind
            ),
            self._imported,
            self._failed,
        )

    def _imported(self, result: WatchlistImport) -> None:
        self.import_button.setEnabled(True)
        self.message.show_message(
            _("Imported: {added} added, {updated} updated, {unchanged} unchanged.").format(
                added=result.added, updated=result.updated, unchanged=result.unchanged
            ),
            MessageLabel.OK,
        )
        self.refresh()

    def _failed(self, exc: BaseException) -> None:
        self.import_button.setEnabled(True)
        self.message.show_error(exc)
