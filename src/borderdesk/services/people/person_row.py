"""A person as a check recorded them: the row the check page, the CLI and the protocol show.

Apart from ``people.persons`` (name matching, MRZ, the person tables), so that reading a
saved check loads none of that.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from borderdesk.domain.partial_date import PartialDate

if TYPE_CHECKING:
    from borderdesk.store.tables import Person


def birth_of(year: int | None, month: int | None, day: int | None) -> PartialDate | None:
    return PartialDate(year, month, day) if year else None


def birth_text(birth: PartialDate | None) -> str | None:
    """``1974-08-12``, ``1974-08-??`` for a partial date, None when unknown."""
    return birth.iso_text() if birth else None


@dataclass(frozen=True)
class PersonRow:
    person_id: uuid.UUID | None  # None: not recorded yet
    surname: str
    given_names: str
    surname_latin: str
    given_names_latin: str
    birth_date: PartialDate | None
    sex: str
    nationality: str

    def to_json(self) -> dict[str, Any]:
        return {
            "person_id": str(self.person_id) if self.person_id else None,
            "surname": self.surname,
            "given_names": self.given_names,
            "surname_latin": self.surname_latin,
            "given_names_latin": self.given_names_latin,
            "birth_date": birth_text(self.birth_date),
            "sex": self.sex,
            "nationality": self.nationality,
        }

    @classmethod
    def of(cls, person: Person) -> PersonRow:
        return cls(
            person_id=person.id,
            surname=person.surname,
            given_names=person.given_names,
            surname_latin=person.surname_latin,
            given_names_latin=person.given_names_latin,
            birth_date=birth_of(person.birth_year, person.birth_month, person.birth_day),
            sex=person.sex,
            nationality=person.nationality,
        )


__all__ = ["PersonRow", "birth_of", "birth_text"]
