"""Meeting the journal's persons on record with the matcher of checks and search, in batches.

A row's person is found the way a checked document finds its person
(``services.people.persons``): the surname keys near the row's surname through the
name-candidate index (any spelling, ``store.name_index``), the persons of those keys
whose known parts of the date of birth agree, scored by
``domain.names.score_identity``. Only an ``alert`` whose names are the same name in
another spelling (not a typo, not the names the wrong way round) meets the person.
A weaker fit (a ``warning``: the nationality differs, one side knows only the year,
a given name is missing, a typo) never merges silently: a new person is made and the
row carries a remark naming the possible match, for the report. A row without a
date of birth makes a new person (a name alone is not enough).

The lookups of a batch are two queries (the index, then the persons of every row's
keys and date together); persons made earlier in the same batch are met in memory.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sqlalchemy import ColumnElement, and_, false, or_, select, tuple_
from sqlmodel import Session, col

from borderdesk.domain.clock import new_id
from borderdesk.domain.names import (
    Identity,
    IdentityMatch,
    Level,
    full_name_key,
    score_identity,
    to_latin,
)
from borderdesk.domain.names.candidates import candidate_keys, surname_key
from borderdesk.domain.partial_date import PartialDate
from borderdesk.i18n import _
from borderdesk.journal import JournalRow
from borderdesk.services.journal.cases import IdSupply
from borderdesk.store import name_index
from borderdesk.store.tables import Person

# The same person under another spelling (as services.people.persons links a document).
SAME_SURNAME = frozenset({"equal", "same_key", "same_skeleton"})
SAME_GIVEN = frozenset({"equal", "same_key", "same_skeleton", "short_form", "extra_name"})
# Spellings and keys of a name, once per distinct name of a journal (given names, and
# surnames met again, repeat across thousands of rows).
_latin = lru_cache(maxsize=65536)(to_latin)
_candidate_keys = lru_cache(maxsize=65536)(candidate_keys)
# Surname keys per query: the OR of their terms stays far below SQLite's expression
# depth limit (1000).
_KEYS_PER_QUERY = 100


@dataclass(frozen=True)
class Candidate:
    """A person on record (or made earlier in this import) as the matcher needs it."""

    id: uuid.UUID
    surname: str
    given_names: str
    birth: PartialDate | None
    nationality: str

    def identity(self) -> Identity:
        return Identity(self.surname, self.given_names, self.birth, self.nationality)


@dataclass(frozen=True)
class PersonChoice:
    """The row's person, whether it is new, and the possible match not taken (or None)."""

    person_id: uuid.UUID
    created: bool
    possible: Candidate | None = None
    match: IdentityMatch | None = None


def given_names_of(row: JournalRow) -> str:
    """Given names as a person record keeps them: the patronymic follows the name."""
    return " ".join(part for part in (row.given_names, row.patronymic) if part)


def identity_of(row: JournalRow) -> Identity:
    return Identity(row.surname, given_names_of(row), row.birth_date, row.nationality)


def meets(match: IdentityMatch) -> bool:
    """An alert whose names are one name in two spellings: the same person."""
    if match.level != Level.ALERT:
        return False
    surname, given, third = match.reasons[:3]
    return (
        surname.finding in SAME_SURNAME
        and given.finding in SAME_GIVEN
        and third.part == "birth_date"  # not names the wrong way round
    )


def _births_clause(births: Iterable[PartialDate]) -> ColumnElement[bool]:
    """Records whose known parts of the date of birth may agree with one of ``births``
    (a few ``IN`` lists, whatever their number: :func:`_agrees` sorts out the rest)."""
    year, month, day = col(Person.birth_year), col(Person.birth_month), col(Person.birth_day)
    full = sorted({(b.year, b.month, b.day) for b in births if b.month and b.day})
    months = sorted({(b.year, b.month) for b in births if b.month})
    years = sorted({b.year for b in births})
    only_year = sorted({b.year for b in births if not b.month})
    only_month = sorted({(b.year, b.month) for b in births if b.month and not b.day})
    clauses: list[ColumnElement[bool]] = [
        and_(month.is_(None), year.in_(years)),  # the record knows the year only
        and_(day.is_(None), tuple_(year, month).in_(months)) if months else false(),
    ]
    if full:
        clauses.append(tuple_(year, month, day).in_(full))
    if only_year:  # the row knows the year only: anyone born that year
        clauses.append(year.in_(only_year))
    if only_month:
        clauses.append(tuple_(year, month).in_(only_month))
    return or_(*clauses)


def _candidate(row: Any) -> Candidate:
    birth = PartialDate(row.birth_year, row.birth_month, row.birth_day) if row.birth_year else None
    return Candidate(row.id, row.surname, row.given_names, birth, row.nationality)


class _BirthIndex:
    """Candidates by key and date of birth: a full date is three exact look-ups (the
    same date, the record knowing only month and year, or only the year), so a
    common surname with hundreds of persons a year costs no scan; a partial date
    scans the year's persons of the key."""

    def __init__(self) -> None:
        self.exact: dict[tuple[str, int, int | None, int | None], list[Candidate]] = {}
        self.by_year: dict[tuple[str, int], list[Candidate]] = {}

    def clear(self) -> None:
        self.exact.clear()
        self.by_year.clear()

    def add(self, key: str, candidate: Candidate) -> None:
        birth = candidate.birth
        if birth is None:
            return
        self.exact.setdefault((key, birth.year, birth.month, birth.day), []).append(candidate)
        self.by_year.setdefault((key, birth.year), []).append(candidate)

    def agreeing(self, key: str, birth: PartialDate) -> list[Candidate]:
        """The candidates of ``key`` whose known parts of the date agree with ``birth``."""
        if birth.month and birth.day:
            found: list[Candidate] = []
            for month, day in ((birth.month, birth.day), (birth.month, None), (None, None)):
                found.extend(self.exact.get((key, birth.year, month, day), ()))
            return found
        return [c for c in self.by_year.get((key, birth.year), ()) if _agrees(c.birth, birth)]


class PersonFinder:
    """Finds (or makes) the person of each journal row; :meth:`preload` a batch first."""

    def __init__(self, session: Session, ids: IdSupply | None = None) -> None:
        self.session = session
        self.new_id = ids.next if ids is not None else new_id
        self.near: dict[str, list[str]] = {}  # surname as written -> surname keys on record
        # The batch's candidates on record: (surname key, birth year) -> persons.
        self.on_record = _BirthIndex()
        # Persons made in this batch, not yet written: (candidate key, birth year) -> persons.
        self.pending = _BirthIndex()
        self.new: list[dict[str, Any]] = []

    def preload(self, rows: Iterable[JournalRow]) -> None:
        """Read the candidates of every row of a batch (two queries, whatever its size)."""
        rows = [r for r in rows if r.birth_date is not None]
        # The persons made in the last batch are written and filed now: the index finds them.
        self.near.clear()
        self.on_record.clear()
        self.pending.clear()
        spellings = sorted({r.surname for r in rows} - set(self.near))
        found = name_index.near_surnames_of(self.session, name_index.PERSONS, spellings)
        for spelling in spellings:
            self.near[spelling] = [n.surname_key for n in found.get(spelling, [])]
        births: dict[str, set[PartialDate]] = {}  # surname key -> the batch's dates
        for row in rows:
            assert row.birth_date is not None
            for key in self.near[row.surname]:
                births.setdefault(key, set()).add(row.birth_date)
        keys = sorted(births)
        for begin in range(0, len(keys), _KEYS_PER_QUERY):
            self._read({key: births[key] for key in keys[begin : begin + _KEYS_PER_QUERY]})

    def _read(self, births: dict[str, set[PartialDate]]) -> None:
        name_key = col(Person.name_key)
        clauses = [
            and_(name_key >= key, name_key < key + "!", _births_clause(dates))
            for key, dates in births.items()
        ]
        stmt = select(
            col(Person.id),
            col(Person.surname),
            col(Person.given_names),
            col(Person.name_key),
            col(Person.birth_year),
            col(Person.birth_month),
            col(Person.birth_day),
            col(Person.nationality),
        ).where(or_(*clauses), col(Person.deleted).is_(False))
        for row in self.session.execute(stmt):
            candidate = _candidate(row)
            if candidate.birth is not None:
                self.on_record.add(surname_key(candidate.surname), candidate)

    def _candidates(self, row: JournalRow) -> list[Candidate]:
        birth = row.birth_date
        if birth is None:
            return []
        seen: dict[uuid.UUID, Candidate] = {}
        for key in self.near.get(row.surname, []):
            for candidate in self.on_record.agreeing(key, birth):
                seen.setdefault(candidate.id, candidate)
        for key in _candidate_keys(row.surname):
            for candidate in self.pending.agreeing(key, birth):
                seen.setdefault(candidate.id, candidate)
        return sorted(seen.values(), key=lambda c: c.id)

    def choose(self, row: JournalRow) -> PersonChoice:
        """The row's person: met on record, or new (with the possible match it did not take)."""
        query = identity_of(row)
        best: tuple[float, Candidate, IdentityMatch] | None = None
        possible: tuple[float, Candidate, IdentityMatch] | None = None
        for candidate in self._candidates(row):
            match = score_identity(query, candidate.identity())
            if match.level == Level.NONE:
                continue
            if meets(match):
                if best is None or match.score > best[0]:
                    best = (match.score, candidate, match)
            elif possible is None or match.score > possible[0]:
                possible = (match.score, candidate, match)
        if best is not None:
            return PersonChoice(best[1].id, False)
        person_id = self._make(row)
        if possible is not None:
            return PersonChoice(person_id, True, possible[1], possible[2])
        return PersonChoice(person_id, True)

    def person_for(self, row: JournalRow) -> tuple[uuid.UUID, bool]:
        """The row's person id, and whether it is a new person (added to :attr:`new`)."""
        choice = self.choose(row)
        return choice.person_id, choice.created

    def _make(self, row: JournalRow) -> uuid.UUID:
        given = given_names_of(row)
        birth = row.birth_date
        person_id = self.new_id()
        self.new.append(
            {
                "id": person_id,
                "surname": row.surname,
                "given_names": given,
                "surname_latin": _latin(row.surname)[:120],
                "given_names_latin": _latin(given)[:200],
                "name_key": full_name_key(row.surname, given)[:200],
                "birth_year": birth.year if birth else None,
                "birth_month": birth.month if birth else None,
                "birth_day": birth.day if birth else None,
                "sex": "<",
                "nationality": row.nationality,
            }
        )
        if birth is not None:  # a later row of this import may be the same person
            made = Candidate(person_id, row.surname, given, birth, row.nationality)
            for key in _candidate_keys(row.surname):
                self.pending.add(key, made)
        return person_id

    def take_new(self) -> list[dict[str, Any]]:
        """The persons made since the last call, to be written by the caller."""
        new, self.new = self.new, []
        return new


def _agrees(a: PartialDate | None, b: PartialDate) -> bool:
    """No known part of the two dates differs."""
    if a is None or a.year != b.year:
        return False
    if a.month and b.month and a.month != b.month:
        return False
    return not (a.day and b.day and a.day != b.day)


def possible_match_remark(choice: PersonChoice) -> str:
    """What the report says of a row whose person may already be on record."""
    candidate, match = choice.possible, choice.match
    assert candidate is not None and match is not None
    birth = _as_written(candidate.birth)
    why = ", ".join(_finding_text(r.part, r.finding) for r in match.reasons if _worth(r.finding))
    return _(
        "a new person was recorded; possible match not merged: {surname} {given}, born "
        "{birth}, {nationality} ({why}): check and merge the persons if they are one"
    ).format(
        surname=candidate.surname,
        given=candidate.given_names,
        birth=birth,
        nationality=candidate.nationality or "?",
        why=why or _("a weak match"),
    )


def _as_written(birth: PartialDate | None) -> str:
    """A date of birth the way journals write it: ``15.03.1985``, ``03.1985``, ``1985``."""
    if birth is None:
        return "?"
    parts = [f"{part:02d}" for part in (birth.day, birth.month) if part]
    return ".".join([*parts, f"{birth.year:04d}"])


def _worth(finding: str) -> bool:
    return finding not in ("equal", "same_key", "same_skeleton")


def _finding_text(part: str, finding: str) -> str:
    texts = {
        ("nationality", "differs"): _("the nationality differs"),
        ("nationality", "unknown"): _("the nationality is not known on one side"),
        ("birth_date", "compatible"): _("the date of birth is not complete on one side"),
        ("birth_date", "unknown"): _("no date of birth on one side"),
        ("surname", "typo"): _("the surname differs by a typo"),
        ("surname", "gender_form"): _("the surname is the other gender's form"),
        ("given_names", "missing"): _("the given names are missing on one side"),
        ("given_names", "typo"): _("the given names differ by a typo"),
        ("names", "swapped"): _("surname and given names are the other way round"),
    }
    text = texts.get((part, finding))
    return (
        text
        if text is not None
        else _("another difference ({code})").format(code=f"{part}_{finding}")
    )


__all__ = [
    "Candidate",
    "PersonChoice",
    "PersonFinder",
    "given_names_of",
    "identity_of",
    "meets",
    "possible_match_remark",
]
