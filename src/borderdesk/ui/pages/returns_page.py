"""The monthly return (supervisors, administrators): a month and sites, the totals with
last month and the change, a PDF preview, printing and the CSV/XLSX exports.

Printing goes through the system print dialog and prints the PDF's own pages (the same
file the preview and the export show), not a picture of the page on screen.

Computing and rendering run off the GUI thread (``ui.operations``); the table shows the
same computed return the files are made from.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtWidgets import (
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from borderdesk.domain.returns import MonthlyReturn, ReturnMonth
from borderdesk.domain.returns.indicators import indicator, indicator_label
from borderdesk.domain.returns.table import Figure, Value
from borderdesk.i18n import (
    N_,
    _,
    current_language,
    format_month,
    format_number,
    format_percent,
    ngettext,
)
from borderdesk.services import returns
from borderdesk.ui.dates import date_text, datetime_text
from borderdesk.ui.models import RIGHT, Column, RowTableModel, sorting_proxy
from borderdesk.ui.models.row_table import row_table_view
from borderdesk.ui.operations import run_op
from borderdesk.ui.pages import Page, PageContext
from borderdesk.ui.pdf_preview import choose_printer, print_pdf, show_pdf_preview
from borderdesk.ui.widgets import MessageLabel, on_retranslate


@dataclass(frozen=True)
class FigureRow:
    """One total of the return, as the table shows it."""

    order: int
    code: str
    figure: Figure

    @property
    def name(self) -> str:
        found = indicator_label(self.code)
        return found.ru if current_language() == "ru" else found.en


def value_text(code: str, value: Value) -> str:
    if value is None:
        return "—"
    if indicator(code).kind == "share":
        return format_percent(float(value))
    return format_number(value)


def change_text(row: FigureRow) -> str:
    change = row.figure.change
    if change is None:
        return "—"
    sign = "+" if change > 0 else ""
    return sign + value_text(row.code, change)


def total_rows(ret: MonthlyReturn) -> list[FigureRow]:
    totals = [f for f in ret.figures if not f.breakdown]
    return [FigureRow(i, f.indicator, f) for i, f in enumerate(totals)]


def package_lines(ret: MonthlyReturn) -> list[str]:
    """For each site whose data came by sync, when its newest package was made (what the
    PDF's cover says), so a missing package shows before anything is printed."""
    lines = []
    for site in ret.sites:
        if not site.synced:
            continue
        if site.newest_package is None:
            lines.append(_("{site}: no package received").format(site=site.code))
        else:
            when = datetime_text(site.newest_package, site.timezone)
            lines.append(_("{site}: newest package of {when}").format(site=site.code, when=when))
    return lines


class ReturnsPage(Page):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.model: RowTableModel[FigureRow] = RowTableModel(
            [
                Column(N_("Indicator"), lambda r: r.name, sort_key=lambda r: r.order),
                Column(
                    N_("This month"),
                    lambda r: value_text(r.code, r.figure.value),
                    align=RIGHT,
                    sort_key=lambda r: r.figure.value or 0,
                ),
                Column(
                    N_("Previous month"),
                    lambda r: value_text(r.code, r.figure.previous),
                    align=RIGHT,
                    sort_key=lambda r: r.figure.previous or 0,
                ),
                Column(N_("Change"), change_text, align=RIGHT),
            ],
            parent=self,
        )
        self.proxy = sorting_proxy(self.model, self)
        self.month_label = QLabel(self)
        self.month_edit = QDateEdit(QDate.currentDate(), self)
        self.month_edit.setObjectName("month")
        self.month_edit.setDisplayFormat("MM.yyyy")
        self.sites_label = QLabel(self)
        self.sites_list = QListWidget(self)
        self.sites_list.setObjectName("sites")
        self.sites_list.setMaximumHeight(90)
        self.show_button = QPushButton(self)
        self.show_button.setObjectName("show_return")
        self.show_button.setDefault(True)
        self.preview_button = QPushButton(self)
        self.preview_button.setObjectName("preview_pdf")
        self.print_button = QPushButton(self)
        self.print_button.setObjectName("print_return")
        self.csv_button = QPushButton(self)
        self.csv_button.setObjectName("export_csv")
        self.xlsx_button = QPushButton(self)
        self.xlsx_button.setObjectName("export_xlsx")
        self.table = row_table_view(self, self.proxy, name="return_table")
        self.message = MessageLabel(self)
        self.scope_label = QLabel(self)
        self.scope_label.setObjectName("scope")

        top = QHBoxLayout()
        top.addWidget(self.month_label)
        top.addWidget(self.month_edit)
        top.addWidget(self.sites_label)
        top.addWidget(self.sites_list, 1)
        top.addWidget(self.show_button, 0, Qt.AlignmentFlag.AlignTop)
        exports = QHBoxLayout()
        exports.addWidget(self.scope_label, 1)
        for button in (self.preview_button, self.print_button, self.csv_button, self.xlsx_button):
            exports.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(exports)
        layout.addWidget(self.message)

        self.show_button.clicked.connect(self.refresh)
        self.preview_button.clicked.connect(self.preview)
        self.print_button.clicked.connect(self.print_return)
        self.csv_button.clicked.connect(lambda: self.export(".csv"))
        self.xlsx_button.clicked.connect(lambda: self.export(".xlsx"))
        self.current: MonthlyReturn | None = None
        self._sites_loaded = False
        self._set_file_buttons()
        on_retranslate(self)

    def retranslate(self) -> None:
        self.month_label.setText(_("Month"))
        self.sites_label.setText(_("Sites"))
        self.show_button.setText(_("Show"))
        self.preview_button.setText(_("Preview PDF…"))
        self.print_button.setText(_("Print…"))
        self.csv_button.setText(_("Export CSV…"))
        self.xlsx_button.setText(_("Export XLSX…"))
        self.month_edit.setLocale(QLocale())
        self._show_scope()

    def activated(self) -> None:
        if not self._sites_loaded:
            context = self.context
            run_op(
                self,
                lambda: returns.return_sites(context.db, actor=context.actor),
                self._show_sites,
                self.message.show_error,
            )

    def records_changed(self) -> None:
        if self._sites_loaded:  # the figures shown count the imported cases too
            self.refresh()

    # ------------------------------------------------------------------ choices
    def _show_sites(self, codes: tuple[str, ...]) -> None:
        here = self.context.site
        self.sites_list.clear()
        for code in codes:
            item = QListWidgetItem(code, self.sites_list)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            chosen = here.kind == "hq" or code == here.code
            item.setCheckState(Qt.CheckState.Checked if chosen else Qt.CheckState.Unchecked)
        self._sites_loaded = True
        self.refresh()

    def chosen_month(self) -> ReturnMonth:
        day = self.month_edit.date()
        return ReturnMonth(day.year(), day.month())

    def chosen_sites(self) -> list[str]:
        items = (self.sites_list.item(i) for i in range(self.sites_list.count()))
        return [i.text() for i in items if i.checkState() == Qt.CheckState.Checked]

    # ------------------------------------------------------------------ work
    def refresh(self) -> None:
        context, month, sites = self.context, self.chosen_month(), self.chosen_sites()
        self.show_button.setEnabled(False)
        self.message.clear_message()
        run_op(
            self,
            lambda: returns.monthly_return(
                context.db, actor=context.actor, month=month, sites=sites
            ),
            self._show,
            self._failed,
            latest="refresh",
        )

    def _show(self, ret: MonthlyReturn) -> None:
        self.show_button.setEnabled(True)
        self.current = ret
        self.model.set_rows(total_rows(ret))
        # Every column as wide as its header and figures ("Предыдущий месяц" was cut off).
        for column in range(self.model.columnCount() - 1):
            self.table.resizeColumnToContents(column)
        self._set_file_buttons()
        self._show_scope()

    def _failed(self, exc: BaseException) -> None:
        self.show_button.setEnabled(True)
        self._set_file_buttons()
        self.message.show_error(exc)

    def _set_file_buttons(self) -> None:
        for button in (self.preview_button, self.print_button, self.csv_button, self.xlsx_button):
            button.setEnabled(self.current is not None)

    def _show_scope(self) -> None:
        ret = self.current
        if ret is None:
            self.scope_label.setText("")
            return
        self.scope_label.setText(
            _("{month} compared with {previous}; sites: {sites}; counted up to {day}.").format(
                month=format_month(ret.month.first_day),
                previous=format_month(ret.previous_month.first_day),
                sites=", ".join(ret.site_codes),
                day=date_text(ret.as_of),
            )
            + "".join(f"\n{line}" for line in package_lines(ret))
        )

    def _signed_by(self) -> str:
        actor = self.context.actor
        return actor.full_name or actor.username

    def preview(self) -> None:
        # The same renderer as the CLI's file: the PDF carries the signed audit head.
        ret, db, actor = self.current, self.context.db, self.context.actor
        if ret is None:
            return
        title = _("Monthly return {month}").format(month=format_month(ret.month.first_day))
        filename = f"return-{ret.month}.pdf"
        run_op(
            self,
            lambda: returns.marked_return(db, actor=actor, ret=ret, suffix=".pdf"),
            lambda pdf: show_pdf_preview(self, pdf, title=title, filename=filename),
            self.message.show_error,
        )

    def print_return(self) -> None:
        """The system print dialog first; then the PDF is made off the GUI thread and
        its pages printed."""
        ret, db, actor = self.current, self.context.db, self.context.actor
        if ret is None:
            return
        printer = choose_printer(self)
        if printer is None:
            return

        def printed(pdf: bytes) -> None:
            pages = print_pdf(pdf, printer)
            self.message.show_message(
                ngettext(
                    "{count} page sent to the printer {printer}.",
                    "{count} pages sent to the printer {printer}.",
                    pages,
                ).format(count=pages, printer=printer.printerName() or printer.outputFileName()),
                MessageLabel.OK,
            )

        run_op(
            self,
            lambda: returns.marked_return(db, actor=actor, ret=ret, suffix=".pdf"),
            printed,
            self.message.show_error,
        )

    def export(self, suffix: str) -> None:
        ret, signed_by = self.current, self._signed_by()
        if ret is None:
            return
        kinds = {".csv": _("CSV files (*.csv)"), ".xlsx": _("Excel workbooks (*.xlsx)")}
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Export the return"), f"return-{ret.month}{suffix}", kinds[suffix]
        )
        if not path:
            return
        out = Path(path)
        if out.suffix.lower() != suffix:
            out = out.with_name(out.name + suffix)
        run_op(
            self,
            lambda: returns.write_return_file(ret, out, signed_by=signed_by),
            lambda _none: self.message.show_message(
                _("Written to {path}").format(path=out), MessageLabel.OK
            ),
            self.message.show_error,
        )
