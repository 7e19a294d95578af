"""Finding persons by any spelling of the name, by document number or by date of birth.

Only indexed predicates reach the database, so a search stays fast on a million
persons. Names go through the name-candidate index (``store.name_index``): the
first and the last word of the query (either may be the surname) give the surname
keys on record that may be them in any spelling, one typo or another system of
transliteration included; their persons are read by ranges of the stored
``name_key`` (with the year of birth when the query gives one) and scored with
``domain.names.score_identity``. Documents by number, dates by year.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, or_, select
from sqlmodel import Session, col

from borderdesk.domain.names import Identity, Level, score_identity, search_key
from borderdesk.domain.partial_date import PartialDate
from borderdesk.domain.safe_text import shown_in_message
from borderdesk.errors import InputError
from borderdesk.i18n import _
from borderdesk.services.access.permissions import Actor, Permission, require
from borderdesk.services.people import read_statements
from borderdesk.services.people.persons import (
    DocumentRow,
    birth_agreement,
    birth_of,
    birth_text,
    documents_of,
)
from borderdesk.store import name_index
from borderdesk.store.database import Database
from borderdesk.store.tables import IdentityDocument, Person

# Rows fetched per index range before scoring; surname keys read per query word.
CANDIDATES = 300
NEAR_SURNAMES = 12
_NAME_PARTS = ("surname", "given_names", "names")
_BIRTH_SCORE = {"equal": 100.0, "compatible": 80.0, "unknown": 50.0}

_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_DOTTED_DATE = re.compile(r"^(?:(\d{1,2})\.)?(\d{1,2})\.(\d{4})$")
_DOCUMENT = re.compile(r"^(?=.*\d)[A-Z0-9]{5,20}$")


@dataclass(frozen=True)
class PersonHit:
    person_id: uuid.UUID
    surname: str
    given_names: str
    surname_latin: str
    given_names_latin: str
    birth_date: PartialDate | None
    nationality: str
    documents: tuple[DocumentRow, ...]
    score: float
    reasons: tuple[str, ...]  # why it was found: name match reasons, document, birth date

    def to_json(self) -> dict[str, Any]:
        return {
            "person_id": str(self.person_id),
            "surname": self.surname,
            "given_names": self.given_names,
            "surname_latin": self.surname_latin,
            "birth_date": birth_text(self.birth_date),
            "nationality": self.nationality,
            "documents": [d.to_json() for d in self.documents],
            "score": self.score,
        }


@dataclass(frozen=True)
class SearchQuery:
    names: tuple[str, ...]
    documents: tuple[str, ...]
    birth: PartialDate | None


def _date_token(token: str) -> PartialDate | None:
    iso, dotted = _ISO_DATE.match(token), _DOTTED_DATE.match(token)
    if iso:
        year, month, day = iso.groups()
    elif dotted:
        day, month, year = dotted.groups()
    else:
        return None
    if not 1800 <= int(year) <= 2200:
        return None
    try:
        return PartialDate(int(year), int(month) if month else None, int(day) if day else None)
    except ValueError:
        raise InputError(
            _("'{text}' is not a real date.").format(text=shown_in_message(token))
        ) from None


def parse_query(text: str) -> SearchQuery:
    """Split a query into name words, document numbers and a date of birth."""
    names: list[str] = []
    documents: list[str] = []
    birth: PartialDate | None = None
    tokens = [t for t in re.split(r"[\s,;]+", text.strip()) if t]
    joined = re.sub(r"[\s<-]", "", text.upper())
    if len(tokens) > 1 and all(re.search(r"\d", t) for t in tokens) and _DOCUMENT.match(joined):
        return SearchQuery((), (joined,), None)  # a number typed in groups: "4518 093477"
    for token in tokens:
        if not token:
            continue
        when = _date_token(token)
        number = re.sub(r"[\s<-]", "", token.upper())
        if when is not None and birth is None:
            birth = when
        elif _DOCUMENT.match(number):
            documents.append(number)
        else:
            names.append(token)
    return SearchQuery(tuple(names), tuple(documents), birth)


# For SQLAlchemy's select: SQLModel's is typed for at most four columns.
_COLUMN_NAMES = (
    "id",
    "surname",
    "given_names",
    "surname_latin",
    "given_names_latin",
    "birth_year",
    "birth_month",
    "birth_day",
    "nationality",
)
_COLUMNS = (
    col(Person.id),
    col(Person.surname),
    col(Person.given_names),
    col(Person.surname_latin),
    col(Person.given_names_latin),
    col(Person.birth_year),
    col(Person.birth_month),
    col(Person.birth_day),
    col(Person.nationality),
)


@dataclass
class _Found:
    row: Any
    score: float
    reasons: tuple[str, ...]


def _rows(session: Session, *where: Any, limit: int = CANDIDATES) -> list[Any]:
    stmt = select(*_COLUMNS).where(*where, col(Person.deleted) == False).limit(limit)  # noqa: E712
    return list(session.execute(stmt))


def _ranges_statement(count: int, with_year: bool) -> Any:
    """Live persons in ``count`` ranges of ``name_key`` (``:low0``/``:high0``…), with
    ``with_year`` born in ``:year``: one index range per part (``ix_person_birth_name``,
    birth year and name key, or the name key's own), joined by UNION ALL, at most
    ``:limit`` rows. One OR of the ranges let SQLite's planner, which has no
    statistics, walk far more of the index (search p95 43 ms at 1 M). Built once per
    shape."""
    from sqlalchemy import bindparam, union_all

    c = Person.__table__.c  # type: ignore[attr-defined]
    columns = [c[name] for name in _COLUMN_NAMES]  # those of ``_COLUMNS``, as Core
    parts = []
    for i in range(count):
        where = [c.name_key >= bindparam(f"low{i}"), c.name_key < bindparam(f"high{i}")]
        if with_year:
            where.insert(0, c.birth_year == bindparam("year"))
        parts.append(select(*columns).where(*where, c.deleted.is_(False)))
    if count == 1:
        return parts[0].limit(bindparam("limit"))
    return union_all(*parts).limit(bindparam("limit"))


def _in_ranges(
    session: Session, ranges: Sequence[tuple[str, str]], birth: PartialDate | None
) -> list[Any]:
    shape = (len(ranges), birth is not None)
    statement = read_statements.shaped(("search.ranges", *shape), lambda: _ranges_statement(*shape))
    params: dict[str, Any] = {"limit": CANDIDATES * len(ranges)}
    if birth is not None:
        params["year"] = birth.year
    for i, (low, high) in enumerate(ranges):
        params[f"low{i}"], params[f"high{i}"] = low, high
    return list(read_statements.run(session, statement, params))


def _name_ranges(
    near: dict[str, list[Any]], words: Sequence[str], *, by_initial: bool
) -> list[tuple[str, str]]:
    """``name_key`` ranges of the surname keys near the first and the last word; with
    ``by_initial``, only the keys whose given names start as the other words do."""
    orders = [(words[0], words[1:]), (words[-1], words[:-1])]
    ranges: set[tuple[str, str]] = set()
    for surname, given in orders:
        initial = search_key(" ".join(given))[:1]
        for found in near.get(surname, [])[:NEAR_SURNAMES]:
            if by_initial and initial:
                low = f"{found.surname_key} {initial}"
                ranges.add((low, low + "["))
            else:
                ranges.add((found.surname_key, found.surname_key + "!"))
    return sorted(ranges)


def _names(
    session: Session, words: Sequence[str], birth: PartialDate | None, limit: int
) -> dict[Any, _Found]:
    """Persons whose name fits ``words`` (surname first or last), in any spelling.

    Without a date of birth a common surname has thousands of persons on a million:
    the persons whose given names start like the query's are read first, the rest
    of the surname only when none of them fits (a given name spelled JURI for IURII).
    """
    spellings = list(dict.fromkeys([words[0], words[-1]]))
    near = name_index.near_surnames_of(session, name_index.PERSONS, spellings)
    query = Identity(words[0], " ".join(words[1:]))
    found: dict[Any, _Found] = {}
    steps = (True, False) if birth is None and len(words) > 1 else (False,)
    for by_initial in steps:
        ranges = _name_ranges(near, words, by_initial=by_initial)
        if not ranges:
            return {}  # no letters the keys know (another script), or no such name
        for row in _in_ranges(session, ranges, birth):
            if row.id in found:
                continue
            match = score_identity(query, Identity(row.surname, row.given_names))
            if match.level != Level.NONE:
                names = tuple(r.code for r in match.reasons if r.part in _NAME_PARTS)
                found[row.id] = _Found(row, match.name_score, names)
        if found:
            break  # the rest of the surname only when no given name starts alike
    best = sorted(found.items(), key=lambda item: -item[1].score)
    return dict(best[: max(limit, CANDIDATES)])


def _by_birth(session: Session, birth: PartialDate, limit: int) -> dict[Any, _Found]:
    exact: list[ColumnElement[bool]] = [col(Person.birth_year) == birth.year]
    if birth.month:
        exact.append(col(Person.birth_month) == birth.month)
    if birth.day:
        exact.append(col(Person.birth_day) == birth.day)
    rows = _rows(session, *exact, limit=limit)
    if len(rows) < limit and (birth.month or birth.day):
        loose: list[ColumnElement[bool]] = [col(Person.birth_year) == birth.year]
        if birth.month:
            month = col(Person.birth_month)
            loose.append(or_(month == birth.month, month.is_(None)))
        if birth.day:
            day = col(Person.birth_day)
            loose.append(or_(day == birth.day, day.is_(None)))
        rows += _rows(session, *loose, limit=limit)
    found: dict[Any, _Found] = {}
    for row in rows:
        agreement = birth_agreement(birth, birth_of(row.birth_year, row.birth_month, row.birth_day))
        if row.id not in found and agreement != "differs":
            score = 100.0 if agreement == "equal" or not birth.is_complete else 90.0
            found[row.id] = _Found(row, score, (f"birth_date_{agreement}",))
    return found


def _by_document(session: Session, number: str) -> dict[Any, _Found]:
    stmt = (
        select(*_COLUMNS)
        .join(IdentityDocument, col(IdentityDocument.person_id) == col(Person.id))
        .where(
            col(IdentityDocument.number) == number,
            col(IdentityDocument.deleted) == False,  # noqa: E712
            col(Person.deleted) == False,  # noqa: E712
        )
        .limit(CANDIDATES)
    )
    return {row.id: _Found(row, 100.0, ("document_number",)) for row in session.execute(stmt)}


def _with_birth(found: dict[Any, _Found], birth: PartialDate) -> dict[Any, _Found]:
    """Keep name hits whose date of birth fits; the fitting ones rank higher."""
    kept: dict[Any, _Found] = {}
    for pid, hit in found.items():
        r = hit.row
        agreement = birth_agreement(birth, birth_of(r.birth_year, r.birth_month, r.birth_day))
        if agreement != "differs":
            score = round(0.9 * hit.score + 0.1 * _BIRTH_SCORE[agreement], 1)
            kept[pid] = _Found(r, score, (*hit.reasons, f"birth_date_{agreement}"))
    return kept


def search(db: Database, *, actor: Actor, query: str, limit: int = 20) -> list[PersonHit]:
    """Persons matching ``query`` (names in any script, document numbers, a date of
    birth as YYYY-MM-DD, DD.MM.YYYY or a year), best first."""
    require(actor, Permission.search_persons)
    parsed = parse_query(query)
    if not (parsed.names or parsed.documents or parsed.birth):
        raise InputError(_("Give a name, a document number or a date of birth to search for."))
    limit = max(1, limit)
    with db.read() as session:
        found: dict[Any, _Found] = {}
        for number in parsed.documents:
            found.update(_by_document(session, number))
        if parsed.names:
            named = _names(session, parsed.names, parsed.birth, limit)
            if parsed.birth is not None:
                named = _with_birth(named, parsed.birth)
            for pid, hit in named.items():
                if pid not in found:
                    found[pid] = hit
        elif parsed.birth is not None:
            found.update(_by_birth(session, parsed.birth, limit))
        best = sorted(
            found.values(),
            key=lambda f: (-f.score, f.row.surname_latin, f.row.given_names_latin, str(f.row.id)),
        )[:limit]
        documents = documents_of(session, [f.row.id for f in best])
    return [_hit(f, documents[f.row.id]) for f in best]


def _hit(found: _Found, documents: list[DocumentRow]) -> PersonHit:
    r = found.row
    return PersonHit(
        person_id=r.id,
        surname=r.surname,
        given_names=r.given_names,
        surname_latin=r.surname_latin,
        given_names_latin=r.given_names_latin,
        birth_date=birth_of(r.birth_year, r.birth_month, r.birth_day),
        nationality=r.nationality,
        documents=tuple(documents),
        score=round(found.score, 1),
        reasons=found.reasons,
    )


__all__ = ["PersonHit", "SearchQuery", "parse_query", "search"]
