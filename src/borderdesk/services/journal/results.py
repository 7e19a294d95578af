"""What a journal import did (or, dry or refused, would do): counts and refused cells."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from borderdesk.journal import Duplicate, RefusedCell


@dataclass
class JournalImport:
    file: str
    rows: int = 0  # data rows read (empty rows not counted)
    imported: int = 0  # new cases
    updated: int = 0  # cases whose journal row changed
    unchanged: int = 0
    duplicates: int = 0  # rows repeating another row of the file word for word
    refused: list[RefusedCell] = field(default_factory=list)
    # Rows imported with a remark: a possible match on record that was not merged.
    remarks: list[RefusedCell] = field(default_factory=list)
    persons_created: int = 0
    written: bool = False  # False: a dry run, or refused rows without --partial
    dry_run: bool = False
    report: str = ""  # the --report file written, if any
    # The rows repeating another row (for the report written later from this result).
    duplicate_rows: list[Duplicate] = field(default_factory=list, repr=False)

    @property
    def refused_rows(self) -> int:
        return len({cell.row for cell in self.refused})

    def to_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "rows": self.rows,
            "imported": self.imported,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "duplicates": self.duplicates,
            "refused": [
                {"row": c.row, "column": c.column, "value": c.value, "reason": c.reason}
                for c in self.refused
            ],
            "refused_rows": self.refused_rows,
            "remarks": [
                {"row": c.row, "column": c.column, "value": c.value, "remark": c.reason}
                for c in self.remarks
            ],
            "persons_created": self.persons_created,
            "written": self.written,
            "dry_run": self.dry_run,
        }
