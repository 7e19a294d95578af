"""Watchlists: looking a checked document and its holder up in them.

Documents hit exactly on issuing state and number. Wanted persons are found through
the name-candidate index (``store.name_index``: any spelling of the surname, one
typo, another system of transliteration) and scored with
``domain.names.score_identity`` on name, date of birth and nationality; the level
(alert, warning) and the reasons come with every hit. Importing lists:
:mod:`borderdesk.services.people.watchlist_import`.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import or_
from sqlmodel import Session, col, select

from borderdesk.domain import countries
from borderdesk.domain.names import Identity, IdentityMatch, Level, score_identity
from borderdesk.domain.partial_date import PartialDate
from borderdesk.services.people import read_statements
from borderdesk.services.people.persons import birth_of, birth_text
from borderdesk.services.people.watchlist_import import (
    COLUMNS,
    DOCUMENTS,
    PERSONS,
    RejectedRow,
    WatchlistImport,
    import_csv,
    parse_birth_date,
    read_rows,
)
from borderdesk.store import name_index
from borderdesk.store.tables import WatchlistDocument, WatchlistPerson

__all__ = [
    "COLUMNS",
    "DOCUMENTS",
    "PERSONS",
    "DocumentHit",
    "RejectedRow",
    "WantedPersonHit",
    "WatchlistImport",
    "document_hits",
    "import_csv",
    "parse_birth_date",
    "person_hits",
    "read_rows",
]

# Surname keys read per check (the closest first) and entries read per key.
NEAR_SURNAMES = 12
CANDIDATES = 300


# ------------------------------------------------------------------------ matching


@dataclass(frozen=True)
class DocumentHit:
    entry_id: uuid.UUID
    issuing_state: str
    number: str
    reason: str
    source: str
    valid_until: date | None


@dataclass(frozen=True)
class WantedPersonHit:
    entry_id: uuid.UUID
    surname: str
    given_names: str
    birth_date: PartialDate | None
    nationality: str
    reason: str
    source: str
    match: IdentityMatch  # score, level and why (domain.names.score_identity)
    category: str = "wanted"  # wanted | entry_ban (watchlist_import.CATEGORIES)

    @property
    def score(self) -> float:
        return self.match.score

    @property
    def critical(self) -> bool:
        return self.match.level == Level.ALERT

    @property
    def reasons(self) -> tuple[str, ...]:
        """Reason codes, then ``spelling_<system>`` for each spelling system seen."""
        systems = {
            system
            for r in self.match.reasons
            for system in (*r.query_systems, *r.candidate_systems)
            if system != "unknown"
        }
        return (*self.match.codes, *(f"spelling_{s}" for s in sorted(systems)))

    def params(self) -> dict[str, Any]:
        return {
            "entry_id": str(self.entry_id),
            "name": " ".join(p for p in (self.surname, self.given_names) if p),
            "birth": birth_text(self.birth_date),
            "nationality": self.nationality,
            "reason": self.reason,
            "source": self.source,
            "category": self.category,
            "score": self.match.score,
            "name_score": self.match.name_score,
            "level": self.match.level.value,
            "reasons": list(self.reasons),
            "explanation": [r.to_json() for r in self.match.reasons],
        }


def _current(model: type[Any], today: date) -> Any:
    return (model.deleted == False) & (  # noqa: E712
        model.valid_until.is_(None) | (model.valid_until >= today)
    )


def document_hits(
    session: Session, *, issuing_state: str, number: str, today: date
) -> list[DocumentHit]:
    """Listed documents with exactly this issuing state and number."""
    statement = read_statements.shaped("watchlists.document_hits", _document_hits_statement)
    params = {"number": number, "state": countries.normalise(issuing_state), "today": today}
    return [
        DocumentHit(e.id, e.issuing_state, e.number, e.reason, e.source, e.valid_until)
        for e in read_statements.run(session, statement, params)
    ]


def _document_hits_statement() -> Any:
    from sqlalchemy import bindparam
    from sqlalchemy import select as core_select

    c = WatchlistDocument.__table__.c  # type: ignore[attr-defined]
    return core_select(c.id, c.issuing_state, c.number, c.reason, c.source, c.valid_until).where(
        c.number == bindparam("number"),
        c.issuing_state == bindparam("state"),
        c.deleted.is_(False),
        c.valid_until.is_(None) | (c.valid_until >= bindparam("today")),
    )


def person_hits(
    session: Session,
    *,
    surname: str,
    given_names: str,
    birth: PartialDate | None,
    nationality: str,
    today: date,
    candidates: int = CANDIDATES,
) -> list[WantedPersonHit]:
    """Wanted persons who may be this person, in any spelling: alerts, then warnings,
    best first. Either name field may hold the surname (a list entered the wrong way
    round)."""
    spellings = [s for s in (surname, given_names.split(" ")[0] if given_names else "") if s]
    near = name_index.near_surnames_of(session, name_index.WATCHLIST_PERSONS, spellings)
    keys = sorted({n.surname_key for found in near.values() for n in found[:NEAR_SURNAMES]})
    if not keys:
        return []
    key = col(WatchlistPerson.name_key)
    ranges = [(key >= k) & (key < k + "!") for k in keys]
    stmt = (
        select(WatchlistPerson)
        .where(or_(*ranges), _current(WatchlistPerson, today))
        .limit(candidates * len(keys))
    )
    query = Identity(surname, given_names, birth, countries.normalise(nationality) or "")
    hits = []
    for entry in session.exec(stmt):
        listed = Identity(
            entry.surname,
            entry.given_names,
            birth_of(entry.birth_year, entry.birth_month, entry.birth_day),
            entry.nationality,
        )
        match = score_identity(query, listed)
        if match.level != Level.NONE:
            hits.append(
                WantedPersonHit(
                    entry_id=entry.id,
                    surname=entry.surname,
                    given_names=entry.given_names,
                    birth_date=listed.birth,
                    nationality=entry.nationality,
                    reason=entry.reason,
                    source=entry.source,
                    match=match,
                    category=entry.category or "wanted",
                )
            )
    return sorted(hits, key=lambda h: (not h.critical, -h.score, str(h.entry_id)))
