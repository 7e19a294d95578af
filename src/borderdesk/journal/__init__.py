"""Legacy journal files (CSV / XLSX registers of incoming readmission requests).

Reads and checks a journal: :func:`open_reader` streams typed rows and row errors,
:func:`read_journal` reads a small file whole, :func:`write_report` writes the copy
with a column of reasons. Depends on ``domain`` only; the import itself (persons,
cases, events) is ``services.journal``. Columns and file rules: ``docs/journal.md``.
"""

from borderdesk.journal.cells import CellValue, column_letter, shown
from borderdesk.journal.columns import Column, vocabulary
from borderdesk.journal.header import JournalLayout
from borderdesk.journal.reader import (
    JournalContent,
    JournalItem,
    JournalReader,
    Progress,
    RefusedRow,
    open_reader,
    read_journal,
)
from borderdesk.journal.rows import ACCEPTED, REFUSED, Duplicate, JournalRow, RefusedCell
from borderdesk.journal.sources import CSV, XLSX

__all__ = [
    "ACCEPTED",
    "CSV",
    "REFUSED",
    "XLSX",
    "CellValue",
    "Column",
    "Duplicate",
    "JournalContent",
    "JournalItem",
    "JournalLayout",
    "JournalReader",
    "JournalRow",
    "Progress",
    "RefusedCell",
    "RefusedRow",
    "column_letter",
    "open_reader",
    "read_journal",
    "shown",
    "vocabulary",
]
