"""The records that may be the same person as a checked document's holder.

A new passport has a new number: the document alone does not find the earlier record.
The person's records are the one the document (or name, birth date and nationality)
found, plus every person recorded under the same name in any spelling (SHERBAKOV,
SHCHERBAKOV, Щербаков: the name-candidate index, then ``domain.names.score_identity``)
with a birth date that fits, of any nationality (a second citizenship or a changed
passport still meets the record). Two queries whatever the number of records: the
candidate keys, then the persons of that birth year under those keys
(``persons.namesakes``, shared with the look-up of a new document). Every namesake is
scored: no cap on how many share a name and a year of birth.
"""

from __future__ import annotations

import uuid

from sqlmodel import Session

from borderdesk.domain.names import Identity, score_identity
from borderdesk.services.people.persons import (
    PersonRow,
    birth_agreement,
    birth_of,
    fits_same_person,
    namesakes,
)


def records_of_same_person(session: Session, row: PersonRow) -> list[uuid.UUID]:
    """The matched record first, then namesakes whose birth date fits; nothing written."""
    found: list[uuid.UUID] = [row.person_id] if row.person_id else []
    birth = row.birth_date
    if birth is None or not row.surname:
        return found  # a name alone is not the same person
    # Any nationality: the query's is left open so a second citizenship still fits.
    query = Identity(row.surname, row.given_names, birth, "")
    for person in namesakes(session, row.surname, birth):
        if person.id in found:
            continue
        other = birth_of(person.birth_year, person.birth_month, person.birth_day)
        if birth_agreement(birth, other) not in ("equal", "compatible"):
            continue
        match = score_identity(query, Identity(person.surname, person.given_names, other, ""))
        if fits_same_person(match):
            found.append(person.id)
    return found
