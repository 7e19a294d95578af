"""What reading a journal gives: typed rows, and the cells refused with their reasons."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from borderdesk.domain.names import full_name_key
from borderdesk.domain.partial_date import PartialDate

ACCEPTED, REFUSED = "accepted", "refused"


@dataclass(frozen=True)
class JournalRow:
    """One good row of a journal: an incoming readmission request as the register kept it."""

    row: int  # the row number as the spreadsheet shows it
    register_no: str  # the register's own number ("№ п/п"), "" when not written
    received_on: date
    requesting_state: str  # ISO alpha-3
    surname: str
    given_names: str = ""
    patronymic: str = ""
    birth_date: PartialDate | None = None
    nationality: str = "XXX"  # ISO alpha-3; XXA stateless, XXX not known
    document: str = ""  # as written: "паспорт 75 1234567"
    decision: str | None = None  # accepted | refused | None while pending
    decided_on: date | None = None
    transferred_on: date | None = None
    note: str = ""
    # The year a register restarting its numbering every year gave this number in.
    number_year: int | None = None

    @property
    def identity(self) -> str:
        """What makes two rows the same request: the register number, else who and when.

        With the site, this is the row's identity across imports (issue #12).
        """
        if self.register_no:
            if self.number_year is not None:  # "--yearly-numbers": No. 15 of 2019
                return f"no:{self.number_year}:{self.register_no}"
            return "no:" + self.register_no
        birth = self.birth_date.iso_text() if self.birth_date else ""
        return "|".join(
            (
                "row",
                self.received_on.isoformat(),
                self.requesting_state,
                full_name_key(self.surname, self.given_names),
                birth,
            )
        )

    def content(self) -> tuple[Any, ...]:
        """Every value the row holds apart from its position (rows repeating each other)."""
        return (
            self.register_no,
            self.received_on,
            self.requesting_state,
            self.surname,
            self.given_names,
            self.patronymic,
            self.birth_date,
            self.nationality,
            self.document,
            self.decision,
            self.decided_on,
            self.transferred_on,
            self.note,
        )


@dataclass(frozen=True)
class RefusedCell:
    """One reason a row was refused: where (row, column letter), what was written, why."""

    row: int
    column: str  # "C"; "" when the reason concerns the whole row
    field: str  # the column's field name ("received"); "" for the whole row
    value: str  # the cell as the clerk sees it
    reason: str  # in the user's language

    def to_json(self) -> dict[str, Any]:
        return {
            "row": self.row,
            "column": self.column,
            "field": self.field,
            "value": self.value,
            "reason": self.reason,
        }


@dataclass(frozen=True)
class Duplicate:
    """A row that repeats an earlier row of the same file word for word."""

    row: int
    repeats: int  # the earlier row's number
