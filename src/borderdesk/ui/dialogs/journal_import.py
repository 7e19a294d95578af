"""Import a legacy journal (supervisors): choose the file, see how its columns are read,
check it (a dry run), see the refused rows, then import off the GUI thread.

The import runs with a progress dialog whose Cancel rolls everything back: a
cancelled import imports nothing (``services.journal`` raises ``ImportCancelled``
inside its one transaction).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from borderdesk.i18n import N_, _, pgettext
from borderdesk.services.journal import (
    JournalImport,
    JournalPreview,
    RefusedCell,
    import_journal,
    journal_sheets,
    save_journal_report,
)
from borderdesk.services.journal import preview_journal as read_preview
from borderdesk.ui.models.row_table import Column, RowTableModel, row_table_view, sorting_proxy
from borderdesk.ui.operations import run_long_op, run_op
from borderdesk.ui.pages import PageContext
from borderdesk.ui.widgets import MessageLabel, on_retranslate


@dataclass(frozen=True)
class Listed:
    """A line of the table under the preview: a refused cell, or a remark on a row taken."""

    cell: RefusedCell
    remark: bool = False


REFUSED_COLUMNS: list[Column[Listed]] = [
    Column(N_("Row"), lambda item: item.cell.row, sort_key=lambda item: item.cell.row),
    Column(N_("Column"), lambda item: item.cell.column),
    Column(N_("Value"), lambda item: item.cell.value),
    Column(
        N_("Outcome"),
        lambda item: (
            pgettext("journal row", "remark") if item.remark else pgettext("journal row", "refused")
        ),
    ),
    # A remark is long: the whole of it in the tooltip.
    Column(N_("Reason"), lambda item: item.cell.reason, tooltip=lambda item: item.cell.reason),
]


def _preview_columns(preview: JournalPreview) -> list[Column[tuple[int, tuple[str, ...]]]]:
    """Row number, then one column per journal column headed by how it is read."""
    columns: list[Column[tuple[int, tuple[str, ...]]]] = [
        Column(N_("Row"), lambda r: r[0], sort_key=lambda r: r[0])
    ]
    for index, column in enumerate(preview.columns):
        # A heading read as a known column shows that column's name; others are ignored.
        title = f"{column.letter}: {column.label}" if column.label else f"{column.letter} (—)"
        columns.append(
            Column(
                title,
                lambda r, i=index: r[1][i] if i < len(r[1]) else "",
                header_tooltip_msgid=column.heading,
            )
        )
    return columns


class _PreviewModel(RowTableModel[Any]):
    """The preview's columns are the file's own: they change with each file or sheet."""

    def set_columns(self, columns: list[Column[Any]], rows: list[Any]) -> None:
        self.beginResetModel()
        self._columns = list(columns)
        self._rows = list(rows)
        self._broken.clear()
        self.endResetModel()


class JournalImportDialog(QDialog):
    #: An import wrote records: the main window's open pages reload.
    records_changed = Signal()

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("journal_import_dialog")
        self.context = context
        self.path: Path | None = None
        self.preview: JournalPreview | None = None
        self.outcome: JournalImport | None = None
        self._run_on: tuple[Path, str | None] | None = None  # the file and sheet of outcome
        self._finished: list[JournalImport] = []
        self.long_op: Any = None

        self.file_label = QLabel(self)
        self.file_edit = QLineEdit(self)
        self.file_edit.setObjectName("journal_file")
        self.file_edit.setReadOnly(True)
        self.choose_button = QPushButton(self)
        self.choose_button.setObjectName("choose_file")
        self.choose_button.clicked.connect(self.choose_file)
        self.sheet_box = QComboBox(self)
        self.sheet_box.setObjectName("sheet")
        self.sheet_box.hide()
        self.sheet_box.activated.connect(lambda _i: self.load_preview())
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_label)
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(self.sheet_box)
        file_row.addWidget(self.choose_button)

        self.preview_model = _PreviewModel([], parent=self)
        self.preview_proxy = sorting_proxy(self.preview_model, self)
        self.preview_table = row_table_view(self, self.preview_proxy, name="journal_preview")
        self.refused_model: RowTableModel[Listed] = RowTableModel(REFUSED_COLUMNS, parent=self)
        self.refused_table = row_table_view(
            self, sorting_proxy(self.refused_model, self), name="refused_rows"
        )
        self.refused_label = QLabel(self)
        self.summary = MessageLabel(self)
        self.summary.setObjectName("journal_summary")
        self.partial = QCheckBox(self)
        self.partial.setObjectName("partial")
        self.yearly = QCheckBox(self)
        self.yearly.setObjectName("yearly_numbers")
        self.report_button = QPushButton(self)
        self.report_button.setObjectName("save_report")
        self.report_button.clicked.connect(self.save_report)
        self.check_button = QPushButton(self)
        self.check_button.setObjectName("dry_run")
        self.check_button.clicked.connect(lambda: self.run(dry_run=True))
        self.import_button = QPushButton(self)
        self.import_button.setObjectName("import")
        self.import_button.clicked.connect(lambda: self.run(dry_run=False))
        self.close_button = QPushButton(self)
        self.close_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        options = QVBoxLayout()
        options.addWidget(self.partial)
        options.addWidget(self.yearly)
        buttons.addLayout(options)
        buttons.addStretch(1)
        for button in (
            self.report_button,
            self.check_button,
            self.import_button,
            self.close_button,
        ):
            buttons.addWidget(button)

        layout = QVBoxLayout(self)
        layout.addLayout(file_row)
        layout.addWidget(self.preview_table, 2)
        layout.addWidget(self.summary)
        layout.addWidget(self.refused_label)
        layout.addWidget(self.refused_table, 1)
        layout.addLayout(buttons)
        self.resize(1000, 640)
        self._enable()
        on_retranslate(self)

    def retranslate(self) -> None:
        self.setWindowTitle(_("Import journal"))
        self.file_label.setText(_("Journal:"))
        self.choose_button.setText(_("Choose…"))
        self.partial.setText(_("Import the good rows even if some are refused"))
        self.yearly.setText(_("The register starts its numbering again every year"))
        self.yearly.setToolTip(
            _(
                "A row is then known by its number and the year it was received in: "
                "No. 15 of 2019 and No. 15 of 2020 are two requests."
            )
        )
        self.report_button.setText(_("Save report…"))
        self.report_button.setToolTip(
            _("A copy of the journal with a column of reasons, to correct and import again.")
        )
        self.check_button.setText(_("Check (dry run)"))
        self.import_button.setText(_("Import"))
        self.close_button.setText(_("Close"))
        self.refused_label.setText(_("Refused rows and remarks"))

    def _enable(self) -> None:
        ready = self.preview is not None
        self.check_button.setEnabled(ready)
        self.import_button.setEnabled(ready)
        self.report_button.setEnabled(ready and self.outcome is not None)

    # ----------------------------------------------------------------- steps
    def choose_file(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, _("Choose a journal"), "", _("Journals (*.csv *.xlsx)")
        )
        if name:
            self.set_file(Path(name))

    def set_file(self, path: Path) -> None:
        self.path = path
        self.file_edit.setText(str(path))
        self.sheet_box.clear()
        self.sheet_box.hide()
        actor = self.context.actor
        run_op(
            self,
            lambda: journal_sheets(actor=actor, path=path),
            self.show_sheets,
            on_error=self.summary.show_error,
        )

    def show_sheets(self, sheets: tuple[str, ...]) -> None:
        self.sheet_box.addItems(list(sheets))
        self.sheet_box.setVisible(bool(sheets))
        self.load_preview()

    def sheet(self) -> str | None:
        return self.sheet_box.currentText() or None if self.sheet_box.count() else None

    def load_preview(self) -> None:
        if self.path is None:
            return
        path, sheet, actor = self.path, self.sheet(), self.context.actor
        self.preview = None
        self.outcome = None  # a report belongs to the file and sheet it was run on
        self.refused_model.set_rows([])
        self.preview_model.set_columns([], [])
        self._enable()
        run_op(
            self,
            lambda: read_preview(actor=actor, path=path, sheet=sheet),
            self.show_preview,
            on_error=self.summary.show_error,
        )

    def show_preview(self, preview: JournalPreview) -> None:
        self.preview = preview
        self.summary.show_message("")
        self.preview_model.set_columns(_preview_columns(preview), list(preview.rows))
        self._enable()

    def run(self, *, dry_run: bool) -> None:
        if self.path is None:
            return
        db, actor, path, sheet = self.context.db, self.context.actor, self.path, self.sheet()
        partial, yearly = self.partial.isChecked(), self.yearly.isChecked()

        finished: list[JournalImport] = []  # set on the worker: no widget is touched there
        self._finished = finished

        def work(progress: Any, is_cancelled: Any) -> JournalImport:
            outcome = import_journal(
                db,
                actor=actor,
                path=path,
                sheet=sheet,
                dry_run=dry_run,
                partial=partial,
                yearly_numbers=yearly,
                progress=lambda done, total: progress(done, total, ""),
                cancelled=is_cancelled,
            )
            finished.append(outcome)
            return outcome

        self.check_button.setEnabled(False)
        self.import_button.setEnabled(False)
        self.report_button.setEnabled(False)
        self._run_on = (path, sheet)
        self.long_op = run_long_op(
            self,
            work,
            title=_("Checking the journal…") if dry_run else _("Importing the journal…"),
            on_success=self.show_outcome,
            on_error=self._failed,
            on_cancelled=self._cancelled,
        )

    def _failed(self, exc: BaseException) -> None:
        self.summary.show_error(exc)
        self._enable()

    def _cancelled(self) -> None:
        if self._finished:  # Cancel came after the import had already finished
            self.show_outcome(self._finished[0])
            return
        self.summary.show_message(
            _("The import was cancelled: nothing was imported."), MessageLabel.INFO
        )
        self._enable()

    def show_outcome(self, outcome: JournalImport) -> None:
        self.outcome = outcome
        self.refused_model.set_rows(
            [Listed(cell) for cell in outcome.refused]
            + [Listed(cell, remark=True) for cell in outcome.remarks]
        )
        counts = _(
            "Rows: {rows}; imported: {imported}; updated: {updated}; unchanged: {unchanged}; "
            "duplicates: {duplicates}; refused: {refused}."
        ).format(
            rows=outcome.rows,
            imported=outcome.imported,
            updated=outcome.updated,
            unchanged=outcome.unchanged,
            duplicates=outcome.duplicates,
            refused=outcome.refused_rows,
        )
        if outcome.dry_run:
            text, kind = _("Dry run: nothing was written.") + " " + counts, MessageLabel.INFO
        elif outcome.written:
            text, kind = counts, MessageLabel.OK
        else:
            text = _("Refused rows: nothing was imported.") + " " + counts
            kind = MessageLabel.ERROR
        self.summary.show_message(text, kind)
        self._enable()
        if outcome.written and (outcome.imported or outcome.updated):
            self.records_changed.emit()

    # ----------------------------------------------------------------- report
    def choose_report_file(self) -> Path | None:
        """Ask where to save the report (a method of its own so tests can answer it)."""
        start = ""
        if self.path is not None:
            start = str(self.path.with_name(self.path.stem + "-report.xlsx"))
        name, _filter = QFileDialog.getSaveFileName(
            self, _("Save report"), start, _("Excel workbooks (*.xlsx)")
        )
        if not name:
            return None
        chosen = Path(name)
        return chosen if chosen.suffix.lower() == ".xlsx" else chosen.with_suffix(".xlsx")

    def save_report(self) -> None:
        """The copy of the journal with the reasons of the last dry run or import."""
        outcome, run_on = self.outcome, self._run_on
        if outcome is None or run_on is None:
            return
        target = self.choose_report_file()
        if target is None:
            return
        actor, (path, sheet) = self.context.actor, run_on
        self.report_button.setEnabled(False)
        run_op(
            self,
            lambda: save_journal_report(
                actor=actor, path=path, sheet=sheet, outcome=outcome, report=target
            ),
            self._report_saved,
            on_error=self._failed,
        )

    def _report_saved(self, outcome: JournalImport) -> None:
        self.summary.show_message(
            _("Report saved: {path}").format(path=outcome.report), MessageLabel.OK
        )
        self._enable()
