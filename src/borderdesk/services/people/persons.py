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
from sqlmodel import Session, select

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
from borderdesk.domain.safe_text import shown_in_message
from borderdesk.errors import InputError, NotFoundError
from borderdesk.i18n import _
from borderdesk.services.access.permissions import Actor, Permission, require
from borderdesk.services.people import read_statements
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


# What a scan reads of a person (the PersonRow, the name key, the nationality).
def _person_columns() -> tuple[Any, ...]:
    c = Person.__table__.c  # type: ignore[attr-defined]
    return (
        c.id,
        c.surname,
        c.given_names,
        c.surname_latin,
        c.given_names_latin,
        c.name_key,
        c.birth_year,
        c.birth_month,
        c.birth_day,
        c.sex,
        c.nationality,
    )


def _holder_statement() -> Any:
    from sqlalchemy import bindparam
    from sqlalchemy import select as core_select

    people: Any = Person.__table__  # type: ignore[attr-defined]
    documents: Any = IdentityDocument.__table__  # type: ignore[attr-defined]
    person, document = people.c, documents.c
    return (
        core_select(*_person_columns())
        .select_from(documents.join(people, document.person_id == person.id))
        .where(
            document.number == bindparam("number"),
            document.issuing_state == bindparam("state"),
            document.deleted.is_(False),
            person.deleted.is_(False),
        )
        .order_by(document.id)
        .limit(1)
    )


def _holder_on_record(session: Session, result: MrzResult) -> Any | None:
    """The person whose record holds this document (issuing state and number): a row
    of the person's columns (``_person_columns``)."""
    state = countries.normalise(result.issuing_state)
    statement = read_statements.shaped("persons.holder", _holder_statement)
    params = {"number": result.document_number, "state": state}
    return read_statements.run(session, statement, params).first()


def _same_details(person: Any, wanted: PersonRow) -> bool:
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


def _namesakes_statement(count: int, month: bool, day: bool) -> Any:
    """Live persons born in ``:year`` under ``count`` surname keys (``:k0``…), the
    month and day of birth, where given, the same or not known: one range of
    ``ix_person_birth_name`` per key, joined by UNION ALL: one OR of the ranges let
    SQLite's planner, which has no statistics, walk every person of the nationality or
    of the birth year instead (300 ms at 1 M). Built once per shape."""
    from sqlalchemy import bindparam, or_
    from sqlalchemy import select as core_select

    c = Person.__table__.c  # type: ignore[attr-defined]
    where: list[Any] = [c.deleted.is_(False)]
    if month:
        where.append(or_(c.birth_month.is_(None), c.birth_month == bindparam("month")))
    if day:
        where.append(or_(c.birth_day.is_(None), c.birth_day == bindparam("day")))
    parts = [
        core_select(*_person_columns()).where(
            c.birth_year == bindparam("year"),
            c.name_key >= bindparam(f"k{i}"),
            c.name_key < bindparam(f"e{i}"),
            *where,
        )
        for i in range(count)
    ]
    return union_all(*parts) if count > 1 else parts[0]


def namesakes(session: Session, surname: str, birth: PartialDate) -> list[Any]:
    """Every live person on record under this surname in any spelling
    (``same_surname_keys``), born in the same year with no known part of the date
    differing, of any nationality; rows of ``_person_columns`` by id, each once.

    No cap: a common name born in one year may have hundreds on a million persons, and
    the one the scan is about must not be the 21st. Shared by the look-up of a new
    document and the records that may be the same person (one statement per scan,
    remembered by a read session)."""
    keys = same_surname_keys(session, surname)
    if not keys:
        return []
    memo_key = (tuple(keys), birth.year, birth.month, birth.day)
    memo: dict[Any, list[Any]] | None = None
    if "write_context" not in session.info:
        memo = session.info.setdefault("namesakes", {})
        if memo_key in memo:
            return memo[memo_key]
    shape = (len(keys), birth.month is not None, birth.day is not None)
    statement = read_statements.shaped(
        ("persons.namesakes", *shape), lambda: _namesakes_statement(*shape)
    )
    params: dict[str, Any] = {"year": birth.year, "month": birth.month, "day": birth.day}
    for i, k in enumerate(keys):
        params[f"k{i}"], params[f"e{i}"] = k, k + "!"
    rows = {r.id: r for r in read_statements.run(session, statement, params)}
    found = [rows[pid] for pid in sorted(rows)]
    if memo is not None:
        memo[memo_key] = found
    return found


def _by_name_birth(session: Session, wanted: PersonRow) -> Any | None:
    """The person on record with this date of birth (the same known parts), nationality
    and name in any spelling (another system of transliteration, a patronymic on one
    side; not a typo: that is a namesake to review, not a link to make). Every namesake
    is scored, however many."""
    birth = wanted.birth_date
    if birth is None:
        return None  # a name alone is not enough to say it is the same person
    query = Identity(wanted.surname, wanted.given_names, birth, wanted.nationality)
    best: tuple[float, Any] | None = None
    for person in namesakes(session, wanted.surname, birth):
        if (
            person.nationality != wanted.nationality
            or person.birth_month != birth.month
            or person.birth_day != birth.day
        ):
            continue
        match = score_identity(
            query,
            Identity(person.surname, person.given_names, birth, person.nationality),
        )
        # The same known parts of the date and the nationality are given (the query):
        # a year-only date is a warning at a watchlist, but the same record here.
        if fits_same_person(match) and (best is None or match.score > best[0]):
            best = (match.score, person)
    return best[1] if best else None


def _lookup(session: Session, result: MrzResult) -> tuple[Any | None, str, bool]:
    """The person's row (``_person_columns``), how it was found, whether the recorded
    details differ."""
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
    found, matched_by, _differ = _lookup(session, result)
    person = session.get(Person, found.id) if found is not None else None
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


def _documents_statement() -> Any:
    from sqlalchemy import bindparam
    from sqlalchemy import select as core_select

    c = IdentityDocument.__table__.c  # type: ignore[attr-defined]
    return (
        core_select(c.id, c.person_id, c.document_type, c.issuing_state, c.number, c.expiry_date)
        .where(c.person_id.in_(bindparam("ids", expanding=True)), c.deleted.is_(False))
        .order_by(c.id.desc())
    )


def documents_of(session: Session, person_ids: Sequence[uuid.UUID]) -> dict[Any, list[DocumentRow]]:
    """Each person's documents, newest record first (one query for all of them)."""
    found: dict[Any, list[DocumentRow]] = {pid: [] for pid in person_ids}
    if not person_ids:
        return found
    statement = read_statements.shaped("persons.documents_of", _documents_statement)
    for d in read_statements.run(session, statement, {"ids": list(person_ids)}):
        row = DocumentRow(d.id, d.document_type, d.issuing_state, d.number, d.expiry_date)
        found[d.person_id].append(row)
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
        raise InputError(
            _("'{value}' is not a record id.").format(value=shown_in_message(value))
        ) from None


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
