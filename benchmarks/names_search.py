"""Name search in benchmarks/run.py: ``services.people.search`` (tolerant candidates
through the name-candidate index since issue #9) beside an FTS5 trigram baseline and
a LIKE baseline over the same names, timed, with recall by kind of query and the
share of queries that show another person as an alert.

``tolerant_search`` is the same path at store level (candidate keys -> surname keys
on record -> persons by the indexed (birth year, name key) -> ``score_identity``),
kept here because it returns the match levels the false-alert count needs.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spellings import other_spelling, typo
from sqlalchemy import or_, select

from borderdesk.domain.names import Identity, Level, score_identity, to_latin
from borderdesk.domain.partial_date import PartialDate
from borderdesk.store import name_index
from borderdesk.store.tables import NameCandidate, Person

MAX_SURNAMES = 8  # surname keys read per spelling, best first
CANDIDATES = 300  # persons read per surname key
LIMIT = 20


def ensure_name_index(db: Any) -> None:
    with db.read() as session:
        filed = session.execute(select(NameCandidate.owner).limit(1)).first()
    if filed is None:
        with db.write(actor="benchmark") as session:
            rows = name_index.rebuild_name_index(session)
        print(f"name-candidate index rebuilt: {rows:,} rows")


def _birth(row: Any) -> PartialDate | None:
    return PartialDate(row.birth_year, row.birth_month, row.birth_day) if row.birth_year else None


_COLUMNS = (
    Person.id,
    Person.surname,
    Person.given_names,
    Person.birth_year,
    Person.birth_month,
    Person.birth_day,
    Person.nationality,
)


def tolerant_search(db: Any, words: list[str], birth: PartialDate | None) -> list[tuple[Any, Any]]:
    """(person id, IdentityMatch) best first: either word order, any spelling.

    Two queries: the surname keys near the first and the last word (either may be the
    surname), then the persons of those keys born that year (one statement, one
    index range per key). The scorer tries the names the other way round itself.
    """
    spellings = [words[0], words[-1]] if len(words) > 1 else [words[0]]
    query = Identity(words[0], " ".join(words[1:]), birth, "")
    best: dict[Any, Any] = {}
    with db.read() as session:
        near = name_index.near_surnames_of(session, name_index.PERSONS, spellings)
        keys = {n.surname_key for found in near.values() for n in found[:MAX_SURNAMES]}
        if not keys:
            return []
        ranges = [(Person.name_key >= k) & (Person.name_key < k + "!") for k in sorted(keys)]
        where = [or_(*ranges), ~Person.deleted]
        if birth is not None:
            where.append(Person.birth_year == birth.year)
        stmt = select(*_COLUMNS).where(*where).limit(CANDIDATES * len(keys))
        for row in session.execute(stmt):
            candidate = Identity(row.surname, row.given_names, _birth(row), row.nationality)
            match = score_identity(query, candidate)
            if match.level != Level.NONE:
                best[row.id] = match
    ranked = sorted(best.items(), key=lambda item: -item[1].score)
    return ranked[:LIMIT]


@dataclass
class FtsBaseline:
    """FTS5 with the trigram tokenizer over the persons' Doc 9303 Latin names."""

    conn: sqlite3.Connection

    @classmethod
    def open(cls, path: Path, source: Path) -> FtsBaseline:
        fresh = not path.exists()
        conn = sqlite3.connect(path)
        if fresh:
            print(f"building {path.name} (FTS5 trigram over the same names, once)...")
            conn.execute(
                "create virtual table names using fts5(person_id unindexed, surname, given,"
                " birth_year unindexed, birth_month unindexed, birth_day unindexed,"
                " tokenize='trigram')"
            )
            conn.execute("attach database ? as demo", (str(source),))
            conn.execute(
                "insert into names select id, surname_latin, given_names_latin, birth_year,"
                " birth_month, birth_day from demo.person where not deleted"
            )
            conn.commit()
            conn.execute("detach database demo")
        return cls(conn)

    def search(self, words: list[str], birth: PartialDate | None) -> list[str]:
        surname = to_latin(words[0]).replace(" ", "")
        grams = {surname[i : i + 3] for i in range(len(surname) - 2)}
        if not grams:
            return []
        match = "surname : (" + " OR ".join(f'"{g}"' for g in sorted(grams)) + ")"
        sql = "select person_id from names where names match ?"
        args: list[Any] = [match]
        if birth is not None:
            sql += " and birth_year = ?"
            args.append(birth.year)
        sql += " order by rank limit ?"
        args.append(LIMIT)
        return [r[0] for r in self.conn.execute(sql, args)]


def like_search(raw: sqlite3.Connection, words: list[str], birth: PartialDate | None) -> list[str]:
    """``LIKE '%surname%'`` over the Doc 9303 Latin surname: the whole surname given."""
    sql = "select id from person where surname_latin like ?"
    args: list[Any] = [f"%{to_latin(words[0])}%"]
    if birth is not None:
        sql += " and birth_year = ?"
        args.append(birth.year)
    return [r[0] for r in raw.execute(sql + " limit ?", [*args, LIMIT])]


def queries(docs: list[tuple], rng: Any) -> dict[str, list[tuple[str, list[str], Any, str]]]:
    """Kind of query -> (query text, words, birth, person id hex)."""
    kinds: dict[str, list[tuple[str, list[str], Any, str]]] = {
        "as written": [],
        "Doc 9303 Latin": [],
        "other system": [],
        "given name first": [],
        "typo in surname": [],
    }
    for d in docs:
        surname, given, latin, year, month, day, pid, given_latin, nationality = (
            d[3], d[4].split(" ")[0], d[5], d[6], d[7], d[8], d[9], d[10].split(" ")[0], d[11]
        )  # fmt: skip
        birth = PartialDate(year, month, day) if year else None
        when = (birth.iso() or str(birth.year)) if birth else ""
        pid = pid.replace("-", "")

        def add(
            kind: str, words: list[str], pid: str = pid, birth: Any = birth, when: str = when
        ) -> None:
            kinds[kind].append((" ".join([*words, when]), words, birth, pid))

        add("as written", [surname, given])
        add("Doc 9303 Latin", [latin.replace("-", " ").split()[0], given_latin])
        if surname != latin:
            _system, spelled = other_spelling(surname, nationality, rng)
            add("other system", [spelled.split()[0], given_latin])
        add("given name first", [given_latin, latin.replace("-", " ").split()[0]])
        add("typo in surname", [typo(latin.replace("-", "").replace(" ", ""), rng), given_latin])
    return kinds


def run(
    db: Any,
    officer: Any,
    raw: sqlite3.Connection,
    fts: FtsBaseline,
    docs: list[tuple],
    rng: Any,
    report: Callable[..., None],
    timed: Callable[[Callable[[], object]], float],
) -> None:
    from borderdesk.services.people import search

    kinds = queries(docs, rng)
    every = [q for qs in kinds.values() for q in qs]

    def borderdesk(q: tuple) -> list[str]:
        return [h.person_id.hex for h in search.search(db, actor=officer, query=q[0])]

    def trigram(q: tuple) -> list[str]:
        return [str(pid).replace("-", "") for pid in fts.search(q[1], q[2])]

    def like(q: tuple) -> list[str]:
        return [str(pid).replace("-", "") for pid in like_search(raw, q[1], q[2])]

    engines = {"BorderDesk": borderdesk, "FTS5 trigram": trigram, "LIKE": like}
    times: dict[str, list[float]] = {name: [] for name in engines}
    found: dict[tuple[str, str], int] = {}
    false_alerts = 0
    for kind, qs in kinds.items():
        for q in qs:
            for name, engine in engines.items():
                result: list[str] = []
                times[name].append(timed(lambda e=engine, q=q, out=result: out.extend(e(q))))
                found[(name, kind)] = found.get((name, kind), 0) + (q[3] in result)
    # Persons other than the one looked for, shown as an alert by the tolerant search.
    for q in every:
        hits = tolerant_search(db, q[1], q[2])
        false_alerts += any(m.level == Level.ALERT and pid.hex != q[3] for pid, m in hits)
    ours = times["BorderDesk"]
    report("name search (any spelling)", ours, times["FTS5 trigram"], baseline="FTS5 trigram")
    report("name search (any spelling)", ours, times["LIKE"], baseline="LIKE %surname%")
    print("  recall (the person among the first 20), by kind of query:")
    print("  " + f"{'':<18}" + "".join(f"{name:>14}" for name in engines))
    for kind, qs in kinds.items():
        cells = "".join(f"{found[(name, kind)] / len(qs):>14.1%}" for name in engines)
        print(f"  {kind:<18}{cells}   ({len(qs)} queries)")
    print(
        f"  queries showing another person as an alert (same name and date of birth) "
        f"{false_alerts / len(every):.1%} ({false_alerts} of {len(every)})"
    )
