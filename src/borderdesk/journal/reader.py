"""Reading a whole journal: layout, then every row checked, as a stream.

:func:`open_reader` gives a :class:`JournalReader` whose :meth:`~JournalReader.items`
yields, row by row, a :class:`JournalRow`, a :class:`RefusedRow` or a
:class:`Duplicate` — the caller (the import service) writes as it goes, so a
200 000-row file is never held in memory whole. Only each row's identity and a
hash of its content are kept, to tell a repeated row (a duplicate: counted, not
imported twice) from a register number used for two different requests (refused).

Cells merged down a column (one date of receipt for two rows) belong to every
row they cover, as the clerk meant.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from borderdesk.errors import InputError
from borderdesk.i18n import _
from borderdesk.journal.cells import CellValue, is_blank
from borderdesk.journal.guard import limits
from borderdesk.journal.header import JournalLayout, read_layout
from borderdesk.journal.rows import Duplicate, JournalRow, RefusedCell
from borderdesk.journal.sources import JournalSource, MergedRange, open_journal
from borderdesk.journal.validate import check_row

Progress = Callable[[int, int], None]  # (done, total) in the source's unit


@dataclass(frozen=True)
class RefusedRow:
    row: int
    cells: tuple[RefusedCell, ...]


JournalItem = JournalRow | RefusedRow | Duplicate


class MergedCells:
    """Cells merged down a column: each row they cover gets the first cell's value.

    Only the ranges around the current row are looked at, so a hostile sheet with
    one enormous merged range costs nothing per cell.
    """

    def __init__(self, merged: list[MergedRange], first_column: int) -> None:
        self.first_column = first_column
        # (first row, last row, column), 0-based, vertical ranges only, by first row.
        self.waiting = sorted((r0, r1, c0) for (r0, c0), (r1, _c1) in merged if r1 > r0)
        self.active: list[tuple[int, int, int, CellValue]] = []

    def fill(self, number: int, cells: list[CellValue]) -> list[CellValue]:
        r = number - 1
        while self.waiting and self.waiting[0][0] <= r:
            r0, r1, column = self.waiting.pop(0)
            index = column - self.first_column
            value = cells[index] if r0 == r and 0 <= index < len(cells) else None
            self.active.append((r0, r1, index, value))
        if not self.active:
            return cells
        self.active = [a for a in self.active if a[1] >= r]
        for r0, _r1, index, value in self.active:
            if r0 < r and 0 <= index < len(cells) and is_blank(cells[index]):
                cells[index] = value
        return cells


@dataclass
class JournalReader:
    source: JournalSource
    layout: JournalLayout
    today: date | None = None
    yearly_numbers: bool = False  # numbering restarts each year (see check_row)
    _seen: dict[str, tuple[int, int]] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.source.path.name

    def items(self, progress: Progress | None = None) -> Iterator[JournalItem]:
        """Every data row after the heading, in order; empty rows are skipped."""
        merged = MergedCells(self.source.merged, self.source.first_column)
        most = limits().max_rows
        for number, raw in self.source.rows():
            if number > most:
                raise InputError(
                    _("{name} has more than {limit} rows: split the journal.").format(
                        name=self.name, limit=most
                    ),
                    code="journal_too_large",
                )
            if progress is not None and number % 1000 == 0:
                progress(self.source.position(number), self.source.size)
            cells = merged.fill(number, raw)
            if all(is_blank(c) for c in cells):
                continue
            checked = check_row(
                number, cells, self.layout, today=self.today, yearly_numbers=self.yearly_numbers
            )
            if isinstance(checked, JournalRow):
                yield self._first_or_repeat(checked)
            else:
                yield RefusedRow(number, tuple(checked))
        if progress is not None:
            progress(self.source.size, self.source.size)

    def _first_or_repeat(self, row: JournalRow) -> JournalItem:
        content = hash(row.content())
        earlier = self._seen.get(row.identity)
        if earlier is None:
            self._seen[row.identity] = (row.row, content)
            return row
        if earlier[1] == content:
            return Duplicate(row.row, earlier[0])
        letter = self.layout.letter("no") if "no" in self.layout.positions else ""
        reason = _("the register number is used by row {row} for another request").format(
            row=earlier[0]
        )
        if not row.register_no:
            reason = _("the same person and date as row {row}, with other details").format(
                row=earlier[0]
            )
        return RefusedRow(row.row, (RefusedCell(row.row, letter, "no", row.register_no, reason),))

    def close(self) -> None:
        self.source.close()

    def __enter__(self) -> JournalReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_reader(
    path: Path,
    *,
    sheet: str | None = None,
    today: date | None = None,
    yearly_numbers: bool = False,
) -> JournalReader:
    """Open a journal and read its heading; :class:`InputError` when it cannot be read."""
    source = open_journal(Path(path), sheet=sheet)
    try:
        layout = read_layout(
            source.rows(),
            name=source.path.name,
            first_column=source.first_column,
            merged=source.merged,
        )
    except BaseException:
        source.close()
        raise
    return JournalReader(source=source, layout=layout, today=today, yearly_numbers=yearly_numbers)


@dataclass(frozen=True)
class JournalContent:
    """A whole journal read at once (previews, tests, small files)."""

    layout: JournalLayout
    rows: tuple[JournalRow, ...]
    refused: tuple[RefusedRow, ...]
    duplicates: tuple[Duplicate, ...]

    @property
    def refused_cells(self) -> list[RefusedCell]:
        return [cell for row in self.refused for cell in row.cells]


def read_journal(
    path: Path, *, sheet: str | None = None, today: date | None = None
) -> JournalContent:
    """Read and check a whole journal into memory."""
    rows: list[JournalRow] = []
    refused: list[RefusedRow] = []
    duplicates: list[Duplicate] = []
    with open_reader(path, sheet=sheet, today=today) as reader:
        for item in reader.items():
            if isinstance(item, JournalRow):
                rows.append(item)
            elif isinstance(item, RefusedRow):
                refused.append(item)
            else:
                duplicates.append(item)
        return JournalContent(reader.layout, tuple(rows), tuple(refused), tuple(duplicates))
