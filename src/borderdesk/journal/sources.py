"""The cells of a journal file, row by row, as the spreadsheet numbers them.

CSV: UTF-8 with or without a byte-order mark, ``;`` or ``,`` (whichever the first
non-empty line uses more), read as a stream; row numbers count records as a
spreadsheet shows them (an empty line is a row too). XLSX: the first sheet or a
named one, read with python-calamine after :func:`guard.check_xlsx_archive`.
calamine is a Rust reader: about ten times faster than openpyxl on a large sheet,
it hands dates over as ``date`` / ``datetime`` (numbers stay numbers, text stays
text) and never evaluates a formula — a formula cell gives the value Excel saved.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from borderdesk.errors import InputError
from borderdesk.i18n import _
from borderdesk.journal.cells import CellValue
from borderdesk.journal.guard import check_file_size, check_xlsx_archive

CSV, XLSX = "csv", "xlsx"
# A cell range merged in the sheet: ((first row, first column), (last row, last column)),
# 0-based sheet positions as calamine gives them.
MergedRange = tuple[tuple[int, int], tuple[int, int]]


@dataclass
class JournalSource:
    """An open journal file: where its rows come from and how far reading has got."""

    path: Path
    kind: str
    sheet: str  # "" for CSV
    first_column: int  # 0-based sheet column of the first cell of every row
    size: int  # CSV: bytes; XLSX: rows
    merged: list[MergedRange] = field(default_factory=list)
    _rows: Iterator[tuple[int, list[CellValue]]] | None = None
    _stream: IO[str] | None = None

    def rows(self) -> Iterator[tuple[int, list[CellValue]]]:
        """(1-based row number as the spreadsheet shows it, the row's cells)."""
        assert self._rows is not None
        return self._rows

    def position(self, row: int) -> int:
        """How far reading has got at ``row``, in the unit of :attr:`size` (progress bars)."""
        if self._stream is not None:
            return min(self._stream.buffer.tell(), self.size)  # type: ignore[attr-defined]
        return min(row, self.size)

    def close(self) -> None:
        if self._stream is not None:
            self._stream.close()

    def __enter__(self) -> JournalSource:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_journal(path: Path, *, sheet: str | None = None) -> JournalSource:
    """Open a ``.csv`` or ``.xlsx`` journal; :class:`InputError` for anything else."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        if sheet:
            raise InputError(
                _("--sheet is for XLSX workbooks; {name} is CSV.").format(name=path.name)
            )
        return _open_csv(path)
    if suffix == ".xlsx":
        return _open_xlsx(path, sheet)
    raise InputError(
        _("{name}: a journal is a .csv or .xlsx file.").format(name=path.name),
        code="journal_kind",
    )


def _delimiter(path: Path) -> str:
    with path.open(encoding="utf-8-sig", errors="replace", newline="") as fh:
        for line in fh:
            if line.strip():
                return ";" if line.count(";") > line.count(",") else ","
    return ","


def _csv_rows(path: Path, stream: IO[str], delimiter: str) -> Iterator[tuple[int, list[CellValue]]]:
    reader = csv.reader(stream, delimiter=delimiter)
    number = 0
    try:
        for record in reader:
            number += 1
            yield number, list(record)
    except UnicodeDecodeError:
        raise InputError(
            _("{name}, row {row}: the file is not UTF-8 text; save it as CSV UTF-8.").format(
                name=path.name, row=number + 1
            ),
            code="journal_encoding",
        ) from None
    except csv.Error as exc:
        raise InputError(
            _("{name}, row {row}: the CSV cannot be read ({reason}).").format(
                name=path.name, row=number + 1, reason=exc
            ),
            code="journal_csv",
        ) from None


def _open_csv(path: Path) -> JournalSource:
    size = check_file_size(path)
    delimiter = _delimiter(path)
    stream = path.open(encoding="utf-8-sig", newline="")
    source = JournalSource(path=path, kind=CSV, sheet="", first_column=0, size=size)
    source._stream = stream
    source._rows = _csv_rows(path, stream, delimiter)
    return source


def _open_xlsx(path: Path, sheet: str | None) -> JournalSource:
    import python_calamine

    check_xlsx_archive(path)
    try:
        workbook = python_calamine.CalamineWorkbook.from_path(str(path))
        names = list(workbook.sheet_names)
        if sheet is None:
            if not names:
                raise InputError(_("{name} has no sheet.").format(name=path.name))
            sheet = names[0]
        elif sheet not in names:
            raise InputError(
                _("{name} has no sheet '{sheet}'; its sheets: {sheets}.").format(
                    name=path.name, sheet=sheet, sheets=", ".join(names)
                ),
                code="journal_sheet",
            )
        data = workbook.get_sheet_by_name(sheet)
        merged = list(data.merged_cell_ranges or [])
        start = data.start or (0, 0)
        height = data.height
    except python_calamine.CalamineError as exc:
        raise InputError(
            _("{name} cannot be read as a workbook ({reason}).").format(name=path.name, reason=exc),
            code="journal_not_xlsx",
        ) from None

    def rows() -> Iterator[tuple[int, list[CellValue]]]:
        # calamine pads the rows above the used range, so the index is the sheet row.
        for index, cells in enumerate(data.iter_rows()):
            yield index + 1, list(cells)

    return JournalSource(
        path=path,
        kind=XLSX,
        sheet=sheet,
        first_column=start[1],
        size=start[0] + height,
        merged=merged,
        _rows=rows(),
    )
