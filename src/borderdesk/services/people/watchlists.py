"""Watchlists: looking a checked document and its holder up in them.

Documents hit exactly on issuing state and number; wanted persons are found by the
indexed ``name_key`` (any spelling of the surname) and scored on name, date of birth
and nationality. Importing lists: :mod:`borderdesk.services.people.watchlist_import`.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlmodel import Session, select

from borderdesk.domain import countries
from borderdesk.domain.names import FUZZY_THRESHOLD, match_score, search_key
from borderdesk.domain.partial_date import PartialDate
from borderdesk.services.people.persons import birth_agreement, birth_of, birth_text
from borderdesk.services.people.search import in_range, name_key_ranges
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

# Person hits: weights of name, date of birth and nationality in the score.
_NAME_WEIGHT, _BIRTH_WEIGHT, _NATIONALITY_WEIGHT = 0.7, 0.2, 0.1
_BIRTH_POINTS = {"equal": 100.0, "compatible": 80.0, "unknown": 50.0, "differs": 0.0}
_NATIONALITY_POINTS = {"equal": 100.0, "unknown": 50.0, "differs": 0.0}
CRITICAL_SCORE = 85.0  # at or above: red
POSSIBLE_SCORE = 75.0  # at or above: amber; below: not shown


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
    score: float  # name, date of birth and nationality together, 0..100
    name_score: float
    reasons: tuple[str, ...]  # name reasons (domain.names.match_score), birth_date_*, nationality_*

    @property
    def critical(self) -> bool:
        return self.score >= CRITICAL_SCORE

    def params(self) -> dict[str, Any]:
        return {
            "entry_id": str(self.entry_id),
            "name": " ".join(p for p in (self.surname, self.given_names) if p),
            "birth": birth_text(self.birth_date),
            "nationality": self.nationality,
            "reason": self.reason,
            "source": self.source,
            "score": self.score,
            "name_score": self.name_score,
            "reasons": list(self.reasons),
        }


def _current(model: type[Any], today: date) -> Any:
    return (model.deleted == False) & (  # noqa: E712
        model.valid_until.is_(None) | (model.valid_until >= today)
    )


def document_hits(
    session: Session, *, issuing_state: str, number: str, today: date
) -> list[DocumentHit]:
    """Listed documents with exactly this issuing state and number."""
    stmt = select(WatchlistDocument).where(
        WatchlistDocument.number == number,
        WatchlistDocument.issuing_state == countries.normalise(issuing_state),
        _current(WatchlistDocument, today),
    )
    return [
        DocumentHit(e.id, e.issuing_state, e.number, e.reason, e.source, e.valid_until)
        for e in session.exec(stmt)
    ]


def person_hits(
    session: Session,
    *,
    surname: str,
    given_names: str,
    birth: PartialDate | None,
    nationality: str,
    today: date,
    candidates: int = 300,
) -> list[WantedPersonHit]:
    """Wanted persons whose name fits in any spelling, best first (amber and red only)."""
    hits: dict[uuid.UUID, WantedPersonHit] = {}
    ranges = name_key_ranges(search_key(surname))
    # The stem's range holds the surname's own; the latter is asked for separately
    # only when the stem's range is too crowded to be read whole.
    for low, high in reversed(ranges):
        stmt = (
            select(WatchlistPerson)
            .where(in_range(WatchlistPerson.name_key, low, high), _current(WatchlistPerson, today))
            .limit(candidates)
        )
        entries = list(session.exec(stmt))
        for entry in entries:
            if entry.id not in hits:
                hit = _score(entry, surname, given_names, birth, nationality)
                if hit is not None:
                    hits[entry.id] = hit
        if len(entries) < candidates:
            break
    return sorted(hits.values(), key=lambda h: (-h.score, str(h.entry_id)))


def _score(
    entry: WatchlistPerson,
    surname: str,
    given_names: str,
    birth: PartialDate | None,
    nationality: str,
) -> WantedPersonHit | None:
    name = match_score(surname, given_names, entry.surname, entry.given_names)
    if name.score < FUZZY_THRESHOLD:
        return None
    listed_birth = birth_of(entry.birth_year, entry.birth_month, entry.birth_day)
    birth_fit = birth_agreement(birth, listed_birth)
    nationality = countries.normalise(nationality) if nationality else ""
    if not entry.nationality or nationality in ("", "XXX"):
        nationality_fit = "unknown"
    else:
        nationality_fit = "equal" if entry.nationality == nationality else "differs"
    score = round(
        _NAME_WEIGHT * name.score
        + _BIRTH_WEIGHT * _BIRTH_POINTS[birth_fit]
        + _NATIONALITY_WEIGHT * _NATIONALITY_POINTS[nationality_fit],
        1,
    )
    if score < POSSIBLE_SCORE:
        return None
    return WantedPersonHit(
        entry_id=entry.id,
        surname=entry.surname,
        given_names=entry.given_names,
        birth_date=listed_birth,
        nationality=entry.nationality,
        reason=entry.reason,
        source=entry.source,
        score=score,
        name_score=name.score,
        reasons=(*name.reasons, f"birth_date_{birth_fit}", f"nationality_{nationality_fit}"),
    )
