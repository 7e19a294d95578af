"""Meeting the journal's persons on record: the rule of ``services.people.persons``, in batches.

A row's person is the person on record with the same name (any spelling: the
normalised name key), the same date of birth and the same nationality; a name
alone is not enough, so a row without a date of birth makes a new person (as a
document check does). Looked up for a batch of rows in one query, since a journal
brings thousands of rows at once. When the tolerant name matcher lands, this is
the one place to call it from.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlmodel import Session, col

from borderdesk.domain.clock import new_id
from borderdesk.domain.names import full_name_key, to_latin
from borderdesk.journal import JournalRow
from borderdesk.store.tables import Person

PersonKey = tuple[str, int, int | None, int | None, str]


def given_names_of(row: JournalRow) -> str:
    """Given names as a person record keeps them: the patronymic follows the name."""
    return " ".join(part for part in (row.given_names, row.patronymic) if part)


def person_key(row: JournalRow) -> PersonKey | None:
    birth = row.birth_date
    if birth is None:
        return None
    name = full_name_key(row.surname, given_names_of(row))
    return (name, birth.year, birth.month, birth.day, row.nationality)


def _stored_key(person: Any) -> PersonKey:
    return (
        person.name_key,
        person.birth_year,
        person.birth_month,
        person.birth_day,
        person.nationality,
    )


class PersonFinder:
    """Persons met so far in this import, and those on record, by their key."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.known: dict[PersonKey, uuid.UUID] = {}
        self.new: list[dict[str, Any]] = []

    def preload(self, rows: Iterable[JournalRow]) -> None:
        keys = {k for k in (person_key(r) for r in rows) if k is not None and k not in self.known}
        names = sorted({k[0] for k in keys})
        for start in range(0, len(names), 500):
            chunk = names[start : start + 500]
            found = self.session.execute(  # six columns: past sqlmodel's typed select()
                select(
                    col(Person.id),
                    col(Person.name_key),
                    col(Person.birth_year),
                    col(Person.birth_month),
                    col(Person.birth_day),
                    col(Person.nationality),
                )
                .where(col(Person.name_key).in_(chunk), col(Person.deleted).is_(False))
                .order_by(col(Person.id))
            )
            for person in found:
                self.known.setdefault(_stored_key(person), person.id)

    def person_for(self, row: JournalRow) -> tuple[uuid.UUID, bool]:
        """The row's person id, and whether it is a new person (added to :attr:`new`)."""
        key = person_key(row)
        if key is not None and key in self.known:
            return self.known[key], False
        given = given_names_of(row)
        birth = row.birth_date
        person_id = new_id()
        record: dict[str, Any] = {
            "id": person_id,
            "surname": row.surname,
            "given_names": given,
            "surname_latin": to_latin(row.surname)[:120],
            "given_names_latin": to_latin(given)[:200],
            "name_key": full_name_key(row.surname, given)[:200],
            "birth_year": birth.year if birth else None,
            "birth_month": birth.month if birth else None,
            "birth_day": birth.day if birth else None,
            "sex": "<",
            "nationality": row.nationality,
        }
        self.new.append(record)
        if key is not None:
            self.known[key] = person_id
        return person_id, True

    def take_new(self) -> list[dict[str, Any]]:
        new, self.new = self.new, []
        return new
