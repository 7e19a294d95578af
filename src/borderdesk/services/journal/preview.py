"""A look at a journal before importing it: its sheets, the columns recognised, first rows."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from borderdesk.journal import column_letter, open_reader, shown, vocabulary
from borderdesk.journal.sources import XLSX, open_journal
from borderdesk.services.access.permissions import Actor, Permission, require

PREVIEW_ROWS = 20


@dataclass(frozen=True)
class PreviewColumn:
    letter: str
    heading: str  # as written in the file
    label: str  # the column BorderDesk reads it as, in the user's language; "" if ignored


@dataclass(frozen=True)
class JournalPreview:
    file: str
    sheets: tuple[str, ...]  # an XLSX workbook's sheets; () for CSV
    sheet: str
    header_row: int
    columns: tuple[PreviewColumn, ...]
    rows: tuple[tuple[int, tuple[str, ...]], ...]  # (row number, cells as shown)


def journal_sheets(*, actor: Actor, path: Path | str) -> tuple[str, ...]:
    """An XLSX workbook's sheets, in order, once the file passed the zip guard; () for CSV."""
    require(actor, Permission.import_journal)
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        return ()
    import python_calamine

    with open_journal(path):  # the zip guard runs first
        pass
    return tuple(python_calamine.CalamineWorkbook.from_path(str(path)).sheet_names)


def preview_journal(
    *, actor: Actor, path: Path | str, sheet: str | None = None, rows: int = PREVIEW_ROWS
) -> JournalPreview:
    """The heading and the first ``rows`` rows; reading only, nothing is written."""
    require(actor, Permission.import_journal)
    path = Path(path)
    with open_reader(path, sheet=sheet) as reader:  # the zip guard runs first
        sheets: tuple[str, ...] = ()
        if reader.source.kind == XLSX:
            import python_calamine

            sheets = tuple(python_calamine.CalamineWorkbook.from_path(str(path)).sheet_names)
        layout = reader.layout
        by_index = {index: field for field, index in layout.positions.items()}
        headings = layout.heading_row()
        width = max([*headings, -1]) + 1
        columns = tuple(
            PreviewColumn(
                letter=column_letter(layout.first_column + index),
                heading=headings.get(index, ""),
                label=_label(by_index.get(index)),
            )
            for index in range(width)
        )
        first = tuple(
            (number, tuple(shown(c).strip() for c in cells[:width]))
            for number, cells in islice(
                ((n, c) for n, c in reader.source.rows() if any(shown(x).strip() for x in c)),
                rows,
            )
        )
        return JournalPreview(
            file=path.name,
            sheets=sheets,
            sheet=reader.source.sheet,
            header_row=layout.header_row,
            columns=columns,
            rows=first,
        )


def _label(field: str | None) -> str:
    return vocabulary().column(field).label() if field else ""
