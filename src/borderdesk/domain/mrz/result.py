"""What reading an MRZ gives: the fields, every check, and the problems found."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from borderdesk.domain.partial_date import PartialDate

CHECK_NAMES = ("document_number", "birth_date", "expiry_date", "optional_data", "composite")


@dataclass(frozen=True)
class MrzResult:
    format: str  # 'TD1', 'TD2', 'TD3', 'MRVA', 'MRVB'
    document_type: str  # 'P', 'I', 'V', 'AC' ...: the document code without filler
    issuing_state: str  # as written, without filler ('D' for Germany; see countries.normalise)
    surname: str
    given_names: str
    document_number: str
    nationality: str
    birth_date: PartialDate | None  # None when wholly unknown or not a date
    sex: str  # 'F', 'M', 'X' ('<' is read as 'X'); anything else is kept and is an error
    expiry_date: date | None
    optional_data: str
    # True passed, False failed, None: the format has no such check digit.
    checks: dict[str, bool | None] = field(hash=False)
    errors: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    raw: tuple[str, ...] = ()

    @property
    def valid(self) -> bool:
        return not self.errors

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "valid": self.valid,
            "format": self.format,
            "document_type": self.document_type,
            "issuing_state": self.issuing_state,
            "surname": self.surname,
            "given_names": self.given_names,
            "document_number": self.document_number,
            "nationality": self.nationality,
            "birth_date": self.birth_date.iso() if self.birth_date else None,
            "expiry_date": self.expiry_date.isoformat() if self.expiry_date else None,
            "sex": self.sex,
            "optional_data": self.optional_data,
            "checks": {name: self.checks.get(name) for name in CHECK_NAMES},
            "errors": list(self.errors),
            "warnings": list(self.warnings),
        }
