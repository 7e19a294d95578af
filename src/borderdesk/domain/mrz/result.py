"""What reading an MRZ gives: the fields, every check, and the problems found.

Two facts stay apart: whether the MRZ itself is sound (``checks_ok``: every check digit
passes) and whether the document is still valid on a day (``document_valid_on``). A
protocol can then say "MRZ: check digits correct; document: expired 2012-04-15".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from borderdesk.domain.partial_date import PartialDate

CHECK_NAMES = ("document_number", "birth_date", "expiry_date", "optional_data", "composite")
CHECK_ERROR_PREFIX = "check_digit_"


@dataclass(frozen=True)
class CyrillicName:
    """The holder's name as written in Cyrillic (decoded from a Russian internal passport)."""

    surname: str
    given_name: str
    patronymic: str

    def full(self) -> str:
        return " ".join(part for part in (self.surname, self.given_name, self.patronymic) if part)


@dataclass(frozen=True)
class PersonalNumber:
    """A national personal number found in the optional data (Kazakhstan's IIN ...)."""

    value: str
    scheme: str  # the entry of personal_numbers.toml that matched, e.g. 'KAZ-IIN'
    label: dict[str, str] = field(hash=False)  # language -> short label ('ИИН', 'IIN')
    verified: bool = True

    def label_in(self, language: str) -> str:
        return self.label.get(language) or self.label.get("en") or self.scheme


@dataclass(frozen=True)
class InternalPassportData:
    """The fields only a Russian internal passport's optional block holds."""

    series: str  # four digits
    number: str  # six digits
    issue_date: date | None
    department_code: str  # 'NNN-NNN' as printed on the passport


@dataclass(frozen=True)
class MrzResult:
    format: str  # 'TD1', 'TD2', 'TD3', 'MRVA', 'MRVB'
    document_type: str  # 'P', 'I', 'V', 'AC' ...: the document code without filler
    issuing_state: str  # as written, without filler ('D' for Germany; see countries.normalise)
    surname: str  # in Latin (Doc 9303), also for a Russian internal passport
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
    # What the document is: 'passport', 'id_card', 'visa', 'ru_internal_passport' ...
    document_kind: str = ""
    # Facts worth showing that are neither errors nor warnings (which TD1 reading matched).
    notes: tuple[str, ...] = ()
    personal_number: PersonalNumber | None = None
    cyrillic_name: CyrillicName | None = None
    internal_passport: InternalPassportData | None = None
    # 'standard' or 'filler_included' when a long TD1/TD2 number was read; None otherwise.
    number_reading: str | None = None
    expiry_required: bool = True  # False for a document that has no date of expiry
    read_on: date | None = None  # the day expiry and age were judged on

    @property
    def valid(self) -> bool:
        return not self.errors

    @property
    def checks_ok(self) -> bool:
        """Every check digit the format has passes (whatever the dates say)."""
        return all(passed is not False for passed in self.checks.values())

    @property
    def expired(self) -> bool:
        """Expired on the day it was read (never for a document without expiry)."""
        return self.read_on is not None and self.document_valid_on(self.read_on) is False

    def document_valid_on(self, day: date) -> bool | None:
        """Whether the document is in its validity on ``day``; None if its expiry is unreadable."""
        if self.expiry_date is None:
            return None if self.expiry_required else True
        return day <= self.expiry_date

    def to_json_dict(self, *, facts: bool = False) -> dict[str, Any]:
        """The stored form (the keys of ``mrz check --json``); ``facts`` adds the newer fields."""
        data: dict[str, Any] = {
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
        if facts:
            data.update(self.facts_json_dict())
        return data

    def cyrillic_json(self) -> dict[str, Any]:
        """The Cyrillic name a Russian internal passport's MRZ carries (None for others):
        ``cyrillic_name`` in parts and ``cyrillic_full_name`` as the check shows it."""
        name = self.cyrillic_name
        return {
            "cyrillic_name": (
                {
                    "surname": name.surname,
                    "given_name": name.given_name,
                    "patronymic": name.patronymic,
                }
                if name
                else None
            ),
            "cyrillic_full_name": name.full() if name else None,
        }

    def facts_json_dict(self) -> dict[str, Any]:
        """Document kind, validity, personal number, Cyrillic names, the TD1 reading."""
        valid_on = self.document_valid_on(self.read_on) if self.read_on else None
        number = self.personal_number
        internal = self.internal_passport
        return {
            "document_kind": self.document_kind,
            "checks_ok": self.checks_ok,
            "document_valid": valid_on,
            "expired": self.expired,
            "expiry_required": self.expiry_required,
            "personal_number": number.value if number else None,
            "personal_number_scheme": number.scheme if number else None,
            "cyrillic_name": self.cyrillic_json()["cyrillic_name"],
            "internal_passport": (
                {
                    "series": internal.series,
                    "number": internal.number,
                    "issue_date": internal.issue_date.isoformat() if internal.issue_date else None,
                    "department_code": internal.department_code,
                }
                if internal
                else None
            ),
            "number_reading": self.number_reading,
            "notes": list(self.notes),
        }
