"""The clerk's copy: the journal as it was, with a column saying why each row was refused.

Written with xlsxwriter in constant-memory mode (row by row, as the journal is read
again), so a 200 000-row journal costs no more memory than a short one. Every text
is written as a string, never as a formula: a cell reading ``=HYPERLINK(...)`` in a
hostile journal stays text in the copy. The refused cells are shaded, so the clerk
can correct them in the copy and import it again: a value merged down several rows
is written into each of them, a heading merged over two rows becomes the one row of
headings as they were read (the rows keep their numbers).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from pathlib import Path

import xlsxwriter

from borderdesk.errors import InputError
from borderdesk.i18n import _
from borderdesk.journal.cells import CellValue, shown
from borderdesk.journal.header import JournalLayout
from borderdesk.journal.reader import MergedCells
from borderdesk.journal.rows import Duplicate, RefusedCell
from borderdesk.journal.sources import open_journal


def _reasons(refused: Iterable[RefusedCell], duplicates: Iterable[Duplicate]) -> dict[int, str]:
    by_row: dict[int, list[str]] = {}
    for cell in refused:
        where = f"{cell.column}: " if cell.column else ""
        by_row.setdefault(cell.row, []).append(where + cell.reason)
    for duplicate in duplicates:
        by_row.setdefault(duplicate.row, []).append(
            _("repeats row {row}").format(row=duplicate.repeats)
        )
    return {row: "; ".join(reasons) for row, reasons in by_row.items()}


def write_report(
    journal: Path,
    out: Path,
    *,
    sheet: str | None,
    layout: JournalLayout,
    refused: Iterable[RefusedCell],
    duplicates: Iterable[Duplicate] = (),
    remarks: Iterable[RefusedCell] = (),
) -> int:
    """Write ``out`` (XLSX); the number of rows that carry a reason.

    ``remarks`` (what the import decided on rows it took, such as a possible match not
    merged) go to a column of their own, after the reasons, unshaded.
    """
    refused = list(refused)
    reasons = _reasons(refused, duplicates)
    remarked: dict[int, list[str]] = {}
    for remark in remarks:
        remarked.setdefault(remark.row, []).append(remark.reason)
    marked = {(c.row, c.column) for c in refused if c.column}
    out = Path(out)
    try:
        book = xlsxwriter.Workbook(str(out), {"constant_memory": True})
    except OSError as exc:
        raise InputError(
            _("Cannot write {path}: {reason}").format(path=out, reason=exc.strerror)
        ) from None
    day = book.add_format({"num_format": "dd.mm.yyyy"})
    moment = book.add_format({"num_format": "dd.mm.yyyy hh:mm"})
    bad = book.add_format({"bg_color": "#F4CCCC"})
    bold = book.add_format({"bold": True, "text_wrap": True})
    with open_journal(journal, sheet=sheet) as source:
        ws = book.add_worksheet((source.sheet or journal.stem)[:31])
        width = 0
        merged = MergedCells(source.merged, source.first_column)  # the copy re-imports
        header_row = layout.header_row
        band = range(header_row - layout.header_rows + 1, header_row + 1)
        headings = layout.heading_row()
        for number, raw in source.rows():
            cells = merged.fill(number, raw) if number > header_row else raw
            if number in band:  # a heading merged over rows becomes one plain row
                cells = [
                    headings.get(i, "") if number == header_row else "" for i in range(len(cells))
                ]
            r = number - 1
            width = max(width, source.first_column + len(cells))
            for index, value in enumerate(cells):
                col = source.first_column + index
                letter = xlsxwriter.utility.xl_col_to_name(col)
                cell_format = bad if (number, letter) in marked else None
                _write(ws, r, col, value, cell_format, day, moment)
            reason_col = max(width, 1)
            if number == header_row:
                ws.write_string(r, reason_col, _("Reason refused"), bold)
                if remarked:
                    ws.write_string(r, reason_col + 1, _("Import remark"), bold)
            elif number in reasons:
                ws.write_string(r, reason_col, reasons[number], bad)
            if number != header_row and number in remarked:
                ws.write_string(r, reason_col + 1, "; ".join(remarked[number]))
        ws.set_column(max(width, 1), max(width, 1) + (1 if remarked else 0), 60)
    try:
        book.close()
    except (OSError, xlsxwriter.exceptions.FileCreateError) as exc:
        raise InputError(_("Cannot write {path}: {reason}").format(path=out, reason=exc)) from None
    return len(reasons)


def _write(
    ws: xlsxwriter.worksheet.Worksheet,
    r: int,
    col: int,
    value: CellValue,
    cell_format: xlsxwriter.format.Format | None,
    day: xlsxwriter.format.Format,
    moment: xlsxwriter.format.Format,
) -> None:
    if value is None or value == "":
        if cell_format is not None:
            ws.write_blank(r, col, None, cell_format)
        return
    if isinstance(value, datetime):
        ws.write_datetime(r, col, value, cell_format or moment)
    elif isinstance(value, date):
        ws.write_datetime(r, col, datetime.combine(value, time()), cell_format or day)
    elif isinstance(value, bool):
        ws.write_boolean(r, col, value, cell_format)
    elif isinstance(value, int | float):
        ws.write_number(r, col, value, cell_format)
    elif isinstance(value, time | timedelta):
        ws.write_string(r, col, shown(value), cell_format)
    else:
        ws.write_string(r, col, str(value), cell_format)
