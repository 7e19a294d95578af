"""The records that may be the same person as a checked document's holder.

A new passport has a new number: the document alone does not find the earlier record.
The person's records are the one the document (or name, birth date and nationality)
found, plus every person recorded under the same name key with a birth date that fits
(any nationality: a second citizenship or a changed passport still meets the record).
"""

from __future__ import annotations

import uuid

from sqlmodel import Session, col, select

from borderdesk.domain.names import full_name_key
from borderdesk.services.people.persons import PersonRow, birth_agreement, birth_of
from borderdesk.store.tables import Person

# More records than this under one name and birth year is a common name, not a person.
MAX_NAMESAKES = 20


def records_of_same_person(session: Session, row: PersonRow) -> list[uuid.UUID]:
    """The matched record first, then namesakes whose birth date fits; nothing written."""
    found: list[uuid.UUID] = [row.person_id] if row.person_id else []
    birth = row.birth_date
    if birth is None:
        return found  # a name alone is not the same person
    key = full_name_key(row.surname, row.given_names)
    if not key:
        return found
    namesakes = session.exec(
        select(Person)
        .where(
            Person.name_key == key,
            Person.birth_year == birth.year,
            Person.deleted == False,  # noqa: E712
        )
        .order_by(col(Person.id))
        .limit(MAX_NAMESAKES + 1)
    ).all()
    for person in namesakes[:MAX_NAMESAKES]:
        other = birth_of(person.birth_year, person.birth_month, person.birth_day)
        if person.id not in found and birth_agreement(birth, other) in ("equal", "compatible"):
            found.append(person.id)
    return found
