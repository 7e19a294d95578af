"""Keeping and asking the name-candidate index (``tables.name_index.NameCandidate``).

A surname is filed under ``domain.names.candidate_keys``; asking with another
spelling's keys gives the surname keys on record that may be the same name, best
first, and the caller reads the persons (or watchlist entries) of those surname
keys by the indexed ``name_key``. Works the same on SQLite and PostgreSQL (plain
table, ``IN`` and ``ON CONFLICT DO NOTHING``); runs on a session it is given.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, delete, select
from sqlalchemy.orm import Session
from sqlmodel import col

from borderdesk.domain.names.candidates import candidate_keys, filing_keys
from borderdesk.domain.names.keys import latin_words
from borderdesk.domain.names.name_parts import PartFit, compare_surnames
from borderdesk.store.tables import NameCandidate, Person, WatchlistPerson

PERSONS = "person"
WATCHLIST_PERSONS = "watchlist_person"
_OWNERS = {PERSONS: Person, WATCHLIST_PERSONS: WatchlistPerson}
# Surname keys scoring below this against the query are not read at all.
NEAR_SCORE = 80.0


@dataclass(frozen=True)
class NearSurname:
    surname_key: str
    fit: PartFit


def _rows(owner: str, surnames: Iterable[str]) -> list[tuple[str, str, str]]:
    """(owner, candidate key, surname key) of each key these surnames are filed under.

    Both keys follow from a surname's Latin words: surnames that read alike (an import's
    KARIMOV1, KARIMOV2 ...) are worked out once, each distinct pair appears once."""
    words = {latin_words(surname) for surname in set(surnames)}
    rows: set[tuple[str, str, str]] = set()
    for read in words:
        key, candidates = filing_keys(read)
        rows.update((owner, candidate, key) for candidate in candidates)
    return list(rows)


def index_surnames(session: Session, owner: str, surnames: Iterable[str]) -> int:
    """File these surnames (as written) for ``owner``; rows already there are kept.

    Call it in the transaction that writes the persons or entries (one call per batch).
    """
    if owner not in _OWNERS:
        raise ValueError(f"unknown name-index owner {owner!r}")
    rows = _rows(owner, surnames)
    if not rows:
        return 0
    # The connection, not the session: this also runs inside a flush (index_records).
    # One driver executemany: three short texts a row need none of SQLAlchemy's binding.
    # ON CONFLICT DO NOTHING is spelt alike by SQLite (3.24+) and PostgreSQL.
    connection = session.connection()
    mark = "?" if connection.dialect.paramstyle == "qmark" else "%s"
    connection.exec_driver_sql(
        "INSERT INTO name_candidate (owner, candidate_key, surname_key) "
        f"VALUES ({mark}, {mark}, {mark}) ON CONFLICT DO NOTHING",
        rows,
    )
    return len(rows)


_OWNER_OF_TABLE = {model.__tablename__: owner for owner, model in _OWNERS.items()}  # type: ignore[attr-defined]


def index_records(session: Session, records: Iterable[object]) -> None:
    """File the surnames of the persons and watchlist entries being written (called by
    ``store.tracking`` on every flush; the ones whose surname did not change cost an
    insert that does nothing)."""
    surnames: dict[str, set[str]] = {}
    for record in records:
        owner = _OWNER_OF_TABLE.get(getattr(record, "__tablename__", ""))
        surname = getattr(record, "surname", "")
        if owner and surname and not getattr(record, "deleted", False):
            surnames.setdefault(owner, set()).add(surname)
    for owner, names in surnames.items():
        index_surnames(session, owner, names)


def index_rows(session: Session, table_name: str, rows: Iterable[dict[str, Any]]) -> None:
    """The same for rows written in bulk (``store.bulk.insert_records``)."""
    owner = _OWNER_OF_TABLE.get(table_name)
    if owner is not None:
        names = {row["surname"] for row in rows if row.get("surname") and not row.get("deleted")}
        index_surnames(session, owner, names)


def index_table_surnames(session: Session, table_name: str, surnames: Iterable[str]) -> None:
    """:func:`index_surnames` of a table's live surnames (rows written column by column)."""
    owner = _OWNER_OF_TABLE.get(table_name)
    if owner is not None:
        index_surnames(session, owner, surnames)


def rebuild_name_index(session: Session) -> int:
    """Refile every surname of every live person and watchlist entry (after a repair,
    a restore, or to drop keys whose last person is gone). Returns the rows filed."""
    session.connection().execute(delete(NameCandidate.__table__))  # type: ignore[attr-defined]
    filed = 0
    for owner, model in _OWNERS.items():
        surname, deleted = col(model.surname), col(model.deleted)  # type: ignore[attr-defined]
        stmt = select(surname).where(deleted == False).distinct()  # noqa: E712
        filed += index_surnames(session, owner, session.execute(stmt).scalars())
    return filed


def surname_keys_for(session: Session, owner: str, surname: str) -> list[str]:
    """Surname keys on record whose candidate keys meet this surname's (any order)."""
    return sorted(_meeting(session, owner, [surname]).get(surname, set()))


_CANDIDATES = NameCandidate.__table__.c  # type: ignore[attr-defined]
_MEETING = select(_CANDIDATES.candidate_key, _CANDIDATES.surname_key).where(
    _CANDIDATES.owner == bindparam("owner"),
    _CANDIDATES.candidate_key.in_(bindparam("keys", expanding=True)),
)


def _meeting(session: Session, owner: str, spellings: Sequence[str]) -> dict[str, set[str]]:
    # One query for every spelling: candidate key -> the spellings that have it.
    wanted: dict[str, list[str]] = {}
    for spelling in spellings:
        for key in candidate_keys(spelling):
            wanted.setdefault(key, []).append(spelling)
    if not wanted:
        return {}
    # A Core statement built once, on the session's connection: no ORM work per scan.
    params = {"owner": owner, "keys": sorted(wanted)}
    meeting: dict[str, set[str]] = {}
    for candidate, filed in session.connection().execute(_MEETING, params):
        for spelling in wanted[candidate]:
            meeting.setdefault(spelling, set()).add(filed)
    return meeting


def near_surnames_of(
    session: Session, owner: str, spellings: Sequence[str], *, min_score: float = NEAR_SCORE
) -> dict[str, list[NearSurname]]:
    """For each spelling, the surname keys on record that may be it, best first (one
    query for all: a search tries each word of the query as the surname)."""
    found: dict[str, list[NearSurname]] = {}
    for spelling, keys in _meeting(session, owner, spellings).items():
        near = [NearSurname(key, compare_surnames(spelling, key)) for key in keys]
        near = [n for n in near if n.fit.score >= min_score]
        found[spelling] = sorted(near, key=lambda n: (-n.fit.score, n.surname_key))
    return found


def near_surnames(
    session: Session, owner: str, surname: str, *, min_score: float = NEAR_SCORE
) -> list[NearSurname]:
    """The surname keys on record that may be this surname, best first, with the fit."""
    return near_surnames_of(session, owner, [surname], min_score=min_score).get(surname, [])
