"""Persons and their documents as checks find them; the person card.

A checked document finds its person: the same document (issuing state and number)
first, else the same date of birth and nationality and the same name in any
spelling (``domain.names.score_identity`` through the name-candidate index); else a
new person. The card's history comes from ``people.history`` (checks, cases, centre
stays).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import union_all
from sqlmodel import Session, col, select

from borderdesk.domain import countries
from borderdesk.domain.date_windows import check_date_window
from borderdesk.domain.mrz import MrzResult
from borderdesk.domain.names import (
    Identity,
    IdentityMatch,
    Level,
    full_name_key,
    score_identity,
)
from borderdesk.domain.partial_date import PartialDate
from borderdesk.errors import InputError, NotFoundError
from borderdesk.i18n import _
from borderdesk.services.access.permissions import Actor, Permission, require
from borderdesk.services.people.history import HistoryEntry, person_history

# Kept apart for what only reads checks (a listing loads no name matching, MRZ or tables);
# still importable from here.
from borderdesk.services.people.person_row import PersonRow as PersonRow
from borderdesk.services.people.person_row import birth_of as birth_of
from borderdesk.services.people.person_row import birth_text as birth_text
from borderdesk.store import name_index
from borderdesk.store.database import Database
from borderdesk.store.tables import IdentityDocument, Person

MATCHED_BY_DOCUMENT = "document"
MATCHED_BY_NAME = "name_birth_nationality"
NEW_PERSON = "new"


def birth_agreement(a: PartialDate | None, b: PartialDate | None) -> str:
    """``equal``, ``compatible`` (no known part differs), ``unknown`` or ``differs``."""
    if a is None or b is None:
        return "unknown"
    if a.year != b.year:
        return "differs"
    for x, y in ((a.month, b.month), (a.day, b.day)):
        if x is not None and y is not None and x != y:
            return "differs"
    return "equal" if a == b and a.is_complete else "compatible"


@dataclass(frozen=True)
class DocumentRow:
    document_id: uuid.UUID
    document_type: str
    issuing_state: str
    number: str
    expiry_date: date | None

    def to_json(self) -> dict[str, Any]:
        return {
            "document_type": self.document_type,
            "issuing_state": self.issuing_state,
            "number": self.number,
            "expiry_date": self.expiry_date.isoformat() if self.expiry_date else None,
        }

    @classmethod
    def of(cls, doc: IdentityDocument) -> DocumentRow:
        return cls(doc.id, doc.document_type, doc.issuing_state, doc.number, doc.expiry_date)


@dataclass(frozen=True)
class PersonMatch:
    """Who a checked document belongs to, as far as the records tell."""

    person: PersonRow
    matched_by: str  # document | name_birth_nationality | new
    # The document is on record, but for a person whose name or birth date differ.
    recorded_details_differ: bool = False


@dataclass(frozen=True)
class PersonCard:
    person: PersonRow
    documents: tuple[DocumentRow, ...]
    history: tuple[HistoryEntry, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            **self.person.to_json(),
            "documents": [d.to_json() for d in self.documents],
            "history": [h.to_json() for h in self.history],
        }


# ------------------------------------------------------------------ from a document


def person_from_mrz(result: MrzResult) -> PersonRow:
    """The person a document names, not yet looked up (names as printed in the MRZ)."""
    return PersonRow(
        person_id=None,
        surname=result.surname,
        given_names=result.given_names,
        surname_latin=result.surname,
        given_names_latin=result.given_names,
        birth_date=result.birth_date,
        sex=result.sex if result.sex in ("F", "M", "X") else "<",
        nationality=countries.normalise(result.nationality) or "XXX",
    )


def _holder_on_record(session: Session, result: MrzResult) -> Person | None:
    """The person whose record holds this document (issuing state and number)."""
    state = countries.normalise(result.issuing_state)
    stmt = (
        select(Person)
        .join(IdentityDocument, col(IdentityDocument.person_id) == col(Person.id))
        .where(
            IdentityDocument.number == result.document_number,
            IdentityDocument.issuing_state == state,
            IdentityDocument.deleted == False,  # noqa: E712
            Person.deleted == False,  # noqa: E712
        )
        .order_by(col(IdentityDocument.id))
        .limit(1)
    )
    return session.exec(stmt).first()


def _same_details(person: Person, wanted: PersonRow) -> bool:
    birth = birth_of(person.birth_year, person.birth_month, person.birth_day)
    return (
        person.name_key == full_name_key(wanted.surname, wanted.given_names)
        and birth == wanted.birth_date
    )


# The same person under another spelling: what a new document may be linked by.
_SAME_SURNAME = ("equal", "same_key", "same_skeleton")
_SAME_GIVEN = ("equal", "same_key", "same_skeleton", "short_form", "extra_name")


def fits_same_person(match: IdentityMatch) -> bool:
    """The names are the same in another spelling (not a typo, not swapped round):
    what links two records of one person, given a birth date that fits."""
    if match.level == Level.NONE or len(match.reasons) < 3:
        return False
    surname, given, third = match.reasons[:3]
    return (
        surname.finding in _SAME_SURNAME
        and given.finding in _SAME_GIVEN
        and third.part == "birth_date"  # not names the wrong way round
    )


def same_surname_keys(session: Session, surname: str) -> list[str]:
    """Surname keys of persons on record that are this surname in another spelling
    (one query of the name-candidate index, asked once per session: the look-up of a
    new document and the records of the same person ask it of the same name). Only a
    read session remembers: a write session may add persons between two questions."""
    if "write_context" in session.info:
        near = name_index.near_surnames(session, name_index.PERSONS, surname)
        return [n.surname_key for n in near if n.fit.finding in _SAME_SURNAME]
    memo: dict[str, list[str]] = session.info.setdefault("same_surname_keys", {})
    if surname not in memo:
        near = name_index.near_surnames(session, name_index.PERSONS, surname)
        memo[surname] = [n.surname_key for n in near if n.fit.finding in _SAME_SURNAME]
    return memo[surname]


def ids_under_surname_keys(keys: Sequence[str], birth_year: int, *where: Any) -> Any:
    """The ids of persons born that year under these surname keys (and ``where``):
    one range of ``ix_person_birth_name`` (birth year, name key) per key, joined by
    UNION ALL. One OR of the ranges let SQLite's planner, which has no statistics,
    walk every person of the nationality or of the birth year instead (300 ms at 1 M)."""
    key = col(Person.name_key)
    # Only the index's columns here (each part is a statement to build): the caller
    # filters on the columns no index holds (deleted, month and day of birth).
    parts = [
        select(Person.id).where(
            col(Person.birth_year) == birth_year, key >= k, key < k + "!", *where
        )
        for k in keys
    ]
    return union_all(*parts) if len(parts) > 1 else parts[0]


def _by_name_birth(session: Session, wanted: PersonRow) -> Person | None:
    """The person on record with this date of birth (the same known parts), nationality
    and name in any spelling (another system of transliteration, a patronymic on one
    side; not a typo: that is a namesake to review, not a link to make)."""
    birth = wanted.birth_date
    if birth is None:
        return None  # a name alone is not enough to say it is the same person
    keys = same_surname_keys(session, wanted.surname)
    if not keys:
        return None
    ids = ids_under_surname_keys(keys, birth.year, Person.nationality == wanted.nationality)
    stmt = (
        select(Person)
        .where(
            col(Person.id).in_(ids),
            Person.birth_month == birth.month if birth.month else col(Person.birth_month).is_(None),
            Person.birth_day == birth.day if birth.day else col(Person.birth_day).is_(None),
            Person.deleted == False,  # noqa: E712
        )
        .order_by(col(Person.id))
        .limit(50)
    )
    query = Identity(wanted.surname, wanted.given_names, birth, wanted.nationality)
    best: tuple[float, Person] | None = None
    for person in session.exec(stmt):
        match = score_identity(
            query,
            Identity(person.surname, person.given_names, birth, person.nationality),
        )
        # The same known parts of the date and the nationality are given (the query):
        # a year-only date is a warning at a watchlist, but the same record here.
        if fits_same_person(match) and (best is None or match.score > best[0]):
            best = (match.score, person)
    return best[1] if best else None


def _lookup(session: Session, result: MrzResult) -> tuple[Person | None, str, bool]:
    wanted = person_from_mrz(result)
    person = _holder_on_record(session, result)
    if person is not None:
        return person, MATCHED_BY_DOCUMENT, not _same_details(person, wanted)
    person = _by_name_birth(session, wanted)
    if person is not None:
        return person, MATCHED_BY_NAME, False
    return None, NEW_PERSON, False


def find_person(session: Session, result: MrzResult) -> PersonMatch:
    """Look the document's person up; nothing is written."""
    person, matched_by, differ = _lookup(session, result)
    row = PersonRow.of(person) if person is not None else person_from_mrz(result)
    return PersonMatch(row, matched_by, differ)


def ensure_document(
    session: Session, person: Person, result: MrzResult, *, today: date
) -> IdentityDocument:
    """The person's record of this document, added if it is new. Its expiry date (typed
    or scanned) must lie in the document-expiry window around ``today``, the site's day."""
    if result.expiry_date is not None:
        check_date_window("document_expiry", result.expiry_date, today=today)
    state = countries.normalise(result.issuing_state)
    stmt = select(IdentityDocument).where(
        IdentityDocument.person_id == person.id,
        IdentityDocument.number == result.document_number,
        IdentityDocument.issuing_state == state,
        IdentityDocument.deleted == False,  # noqa: E712
    )
    document = session.exec(stmt).first()
    if document is None:
        document = IdentityDocument(
            person_id=person.id,
            document_type=result.document_type[:2],
            issuing_state=state,
            number=result.document_number,
            expiry_date=result.expiry_date,
            mrz="\n".join(result.raw),
        )
        session.add(document)
    return document


def find_or_create_person(session: Session, result: MrzResult) -> tuple[Person, str]:
    """Inside a write: the document's person (created if new) and how it was found."""
    person, matched_by, _differ = _lookup(session, result)
    if person is None:
        row = person_from_mrz(result)
        birth = row.birth_date
        person = Person(
            surname=row.surname,
            given_names=row.given_names,
            surname_latin=row.surname_latin,
            given_names_latin=row.given_names_latin,
            name_key=full_name_key(row.surname, row.given_names),
            birth_year=birth.year if birth else None,
            birth_month=birth.month if birth else None,
            birth_day=birth.day if birth else None,
            sex=row.sex,
            nationality=row.nationality,
        )
        session.add(person)
    return person, matched_by


def documents_of(session: Session, person_ids: Sequence[uuid.UUID]) -> dict[Any, list[DocumentRow]]:
    """Each person's documents, newest record first (one query for all of them)."""
    found: dict[Any, list[DocumentRow]] = {pid: [] for pid in person_ids}
    if not person_ids:
        return found
    stmt = (
        select(IdentityDocument)
        .where(
            col(IdentityDocument.person_id).in_(list(person_ids)),
            IdentityDocument.deleted == False,  # noqa: E712
        )
        .order_by(col(IdentityDocument.id).desc())
    )
    for doc in session.exec(stmt):
        found[doc.person_id].append(DocumentRow.of(doc))
    return found


def person_card(db: Database, *, actor: Actor, person_id: uuid.UUID | str) -> PersonCard:
    """A person with documents and history (the search page's person card)."""
    require(actor, Permission.search_persons)
    pid = parse_id(person_id)
    with db.read() as session:
        person = session.get(Person, pid)
        if person is None or person.deleted:
            raise NotFoundError(_("No person {id}.").format(id=person_id))
        return PersonCard(
            PersonRow.of(person),
            tuple(documents_of(session, [pid])[pid]),
            person_history(session, pid),
        )


def parse_id(value: uuid.UUID | str) -> uuid.UUID:
    if isinstance(value, uuid.UUID):
        return value
    try:
        return uuid.UUID(value.strip())
    except ValueError:
        raise InputError(_("'{value}' is not a record id.").format(value=value)) from None


def person_of_scanned_document(session: Session, lines: Sequence[str], *, today: date) -> Person:
    """The person a scanned document belongs to (by document, else by name and birth, else
    new), with the document on record. A document failing its checks is refused."""
    from borderdesk.domain.mrz import describe, parse_mrz

    result = parse_mrz(list(lines))
    if result.errors:
        raise InputError(
            _("The MRZ does not pass its checks: {problems}").format(
                problems=" ".join(describe(code) for code in result.errors)
            ),
            code="mrz_invalid",
        )
    person, _matched_by = find_or_create_person(session, result)
    session.flush()
    ensure_document(session, person, result, today=today)
    return person
