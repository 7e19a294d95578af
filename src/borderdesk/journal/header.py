"""Finding the heading row and which column holds what.

The first non-empty row names the columns. Two things clerks do to that row are
understood: a title above it (a row of one cell, often merged across the sheet)
is skipped, and a heading merged over two rows (``Решение`` over the
sub-headings ``Решение`` and ``Дата решения``) is read as one band of rows, each
column taking the lowest heading written in it. Columns with unknown headings
are ignored (and listed, for the preview); a missing required column or a column
named twice stops the import at the heading row.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass

from borderdesk.errors import InputError
from borderdesk.i18n import _
from borderdesk.journal.cells import CellValue, column_letter, is_blank, shown
from borderdesk.journal.columns import Column, heading_key, vocabulary
from borderdesk.journal.sources import MergedRange

Rows = Iterator[tuple[int, list[CellValue]]]


@dataclass(frozen=True)
class JournalLayout:
    """Where the columns are: field -> 0-based index into a row's cells."""

    header_row: int  # the last row of the heading band, 1-based
    positions: dict[str, int]
    headings: dict[str, str]  # field -> the heading as written
    ignored: tuple[tuple[str, str], ...]  # (column letter, heading) not recognised
    first_column: int
    header_rows: int = 1  # how many sheet rows the heading spans (merged headings)

    def letter(self, field: str) -> str:
        return column_letter(self.first_column + self.positions[field])

    def heading_row(self) -> dict[int, str]:
        """Index into a row's cells -> the heading read for it (recognised or not)."""
        found = {index: self.headings[field] for field, index in self.positions.items()}
        for letter, heading in self.ignored:
            found[_column_index(letter) - self.first_column] = heading
        return found

    def columns(self) -> list[Column]:
        """The recognised columns, in the file's order."""
        words = vocabulary()
        return [words.column(f) for f in sorted(self.positions, key=self.positions.__getitem__)]


def _column_index(letter: str) -> int:
    index = 0
    for ch in letter:
        index = index * 26 + ord(ch) - ord("A") + 1
    return index - 1


def _is_title(cells: list[CellValue]) -> bool:
    """A row of one cell that names no column: a title (often merged across the sheet).

    It cannot be the heading: a heading names at least the three required columns.
    """
    filled = [c for c in cells if not is_blank(c)]
    return len(filled) == 1 and heading_key(shown(filled[0])) not in vocabulary().headings


def _band_depth(number: int, merged: list[MergedRange]) -> int:
    """How many sheet rows the heading spans (cells merged down from the heading row)."""
    depth = 1
    for (r0, _c0), (r1, _c1) in merged:
        if r0 == number - 1 and r1 > r0:
            depth = max(depth, r1 - r0 + 1)
    return depth


def _file_error(name: str, row: int, message: str) -> InputError:
    return InputError(
        _("{name}, row {row}: {problem}").format(name=name, row=row, problem=message),
        code="journal_header",
    )


def read_layout(
    rows: Rows, *, name: str, first_column: int = 0, merged: list[MergedRange] | None = None
) -> JournalLayout:
    """Consume the rows up to and including the heading; the columns found there."""
    merged = merged or []
    band: list[list[CellValue]] = []
    last = 0
    depth = 1
    for number, cells in rows:
        if not band:
            if all(is_blank(c) for c in cells) or _is_title(cells):
                continue
            depth = _band_depth(number, merged)
        band.append(cells)
        last = number
        if len(band) == depth:
            break
    if not band:
        raise InputError(
            _("{name}: no row names the columns of a journal.").format(name=name),
            code="journal_empty",
        )
    width = max(len(cells) for cells in band)
    headings: list[str] = []
    for index in range(width):
        written = [shown(cells[index]).strip() for cells in band if index < len(cells)]
        headings.append(next((w for w in reversed(written) if w), ""))
    layout = _layout(headings, name=name, row=last, first_column=first_column)
    return dataclasses.replace(layout, header_rows=len(band))


def _layout(headings: list[str], *, name: str, row: int, first_column: int) -> JournalLayout:
    known = vocabulary().headings
    positions: dict[str, int] = {}
    written: dict[str, str] = {}
    ignored: list[tuple[str, str]] = []
    for index, heading in enumerate(headings):
        if not heading:
            continue
        column = known.get(heading_key(heading))
        letter = column_letter(first_column + index)
        if column is None:
            ignored.append((letter, heading))
            continue
        if column.field in positions:
            raise _file_error(
                name,
                row,
                _("the column '{column}' is named twice ({first} and {second}).").format(
                    column=column.label(),
                    first=column_letter(first_column + positions[column.field]),
                    second=letter,
                ),
            )
        positions[column.field] = index
        written[column.field] = heading
    missing = [c for c in vocabulary().columns if c.required and c.field not in positions]
    if missing:
        raise _file_error(
            name,
            row,
            _("the required column '{column}' is missing; the row names: {found}.").format(
                column=missing[0].label(), found=", ".join(h for h in headings if h) or "-"
            ),
        )
    return JournalLayout(
        header_row=row,
        positions=positions,
        headings=written,
        ignored=tuple(ignored),
        first_column=first_column,
    )
