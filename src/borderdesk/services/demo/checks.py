"""Demo watchlists and document checks on top of the demo persons (``borderdesk demo``).

Watchlists: lost and stolen documents (some of them the demo persons' own), wanted
persons (some of them demo persons under a legacy Latin spelling, the rest made-up
names that collide with nobody). Checks: entries and exits over the last months with
decisions, including Kazakh nationals whose earlier stays use up the allowance.
Watchlists go in with ``store.bulk``; checks through the
checks service, as an officer would record them.
"""

from __future__ import annotations

import random
import string
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import func
from sqlmodel import col, select

from borderdesk.domain.names import full_name_key
from borderdesk.services.access.permissions import SYSTEM_ACTOR, Actor, issue_actor
from borderdesk.services.checks import assess, record_decision
from borderdesk.services.checks.findings import CheckFinding
from borderdesk.services.demo.moments import build_moment, not_after
from borderdesk.store import bulk
from borderdesk.store.database import Database
from borderdesk.store.tables import (
    IdentityDocument,
    Person,
    User,
    WatchlistDocument,
    WatchlistPerson,
)
from borderdesk.store.tables.users import Role
from borderdesk.store.tracking import append_audit

Progress = Callable[[int], None]
BATCH = 5000
DAYS_BACK = 150

# The lists' own words, as the Russian and Kazakh services that send them write them.
_REASONS_DOCUMENT = ("утрачен", "похищен", "похищенный бланк", "признан недействительным")
_SOURCES_DOCUMENT = ("МВД России", "НЦБ Интерпола", "КНБ РК", "ГУВМ МВД России")
_ENTRY_BAN = "запрет въезда"
_REASONS_PERSON = ("федеральный розыск", _ENTRY_BAN, "межгосударственный розыск")
_SOURCES_PERSON = ("ФСИН России", "НЦБ Интерпола", "МВД РК", "ФСБ России")
_STATES = ("RUS", "KAZ", "UZB", "TJK", "KGZ", "BGD", "PAK", "IND", "LKA", "VNM", "AFG", "TKM")

# Made-up surnames: stems and endings no demo person has.
_STEMS = (
    "Барл", "Велм", "Горд", "Дубр", "Журл", "Зарм", "Колб", "Ломт", "Мирш", "Норд",
    "Пахт", "Рокш", "Савр", "Турм", "Филб", "Харт", "Черд", "Шамр", "Ярм", "Алтр",
    "Бектр", "Досм", "Ержм", "Курб", "Мухт", "Нурд", "Сулк", "Толг", "Устр", "Эльм",
)  # fmt: skip
_LINKS = ("а", "о", "и", "е", "у", "ан", "ар", "ен", "ыш", "ул", "")
_ENDINGS = ("ов", "ев", "ин", "ский", "енко", "беков", "ханов", "уллин", "баев", "заде", "ян")
_GIVEN = (
    "Виктор", "Олег", "Руслан", "Тимур", "Ерлан", "Рустам", "Азиз", "Фарход", "Игорь",
    "Сергей", "Бахтиёр", "Шерзод", "Ильдар", "Марат", "Анвар", "Дамир", "Елена", "Гульнара",
)  # fmt: skip
# Legacy Latin spellings of Doc 9303 transliterations, as older registers wrote them.
_LEGACY = (("SHCH", "SCH"), ("IU", "YU"), ("IA", "YA"), ("KH", "H"), ("TS", "TZ"), ("ZH", "J"))


@dataclass(frozen=True)
class DemoChecksSummary:
    watchlist_documents: int
    watchlist_persons: int
    checks: int


def _legacy(latin: str, rng: random.Random) -> str:
    pairs = [p for p in _LEGACY if p[0] in latin]
    if not pairs:
        return latin.title() if rng.random() < 0.5 else latin
    old, new = rng.choice(pairs)
    return latin.replace(old, new)


def _made_up_name(rng: random.Random) -> tuple[str, str]:
    surname = rng.choice(_STEMS) + rng.choice(_LINKS) + rng.choice(_ENDINGS)
    return surname, rng.choice(_GIVEN)


def _sample(db: Database, count: int, rng: random.Random) -> list[Any]:
    """About ``count`` random demo persons with a document: indexed seeks to random
    points between the first and last document id (UUIDv7, so spread over time)."""
    if count <= 0:
        return []
    with db.read() as session:
        # ORDER BY … LIMIT 1, not min()/max(): PostgreSQL has no min(uuid).
        ids = select(IdentityDocument.id).limit(1)
        first = session.execute(ids.order_by(col(IdentityDocument.id))).scalar()
        last = session.execute(ids.order_by(col(IdentityDocument.id).desc())).scalar()
        if first is None or last is None:
            return []
        stmt = (
            select(IdentityDocument, Person)
            .join(Person, col(Person.id) == col(IdentityDocument.person_id))
            .order_by(col(IdentityDocument.id))
            .limit(1)
        )
        found: dict[uuid.UUID, Any] = {}
        for _i in range(count):
            point = uuid.UUID(int=rng.randint(first.int, last.int))
            row = session.execute(stmt.where(IdentityDocument.id >= point)).first()
            if row is not None:
                found.setdefault(row[0].id, row)
        return list(found.values())


def _document_rows(rng: random.Random, sample: list[Any], count: int) -> Iterator[dict[str, Any]]:
    for i in range(count):
        if i < len(sample):
            doc = sample[i][0]
            state, number = doc.issuing_state, doc.number
        else:
            state = rng.choice(_STATES)
            letters = "".join(rng.choices(string.ascii_uppercase, k=2))
            number = "W" + letters + "".join(rng.choices(string.digits, k=6))
        yield {
            "issuing_state": state,
            "number": number,
            "reason": rng.choice(_REASONS_DOCUMENT),
            "source": rng.choice(_SOURCES_DOCUMENT),
            "valid_until": None,
        }


def _person_rows(rng: random.Random, sample: list[Any], count: int) -> Iterator[dict[str, Any]]:
    for i in range(count):
        if i < len(sample):
            person = sample[i][1]
            surname = _legacy(person.surname_latin, rng)
            given = person.given_names_latin.split(" ")[0]
            year, month, day = person.birth_year, person.birth_month, person.birth_day
            if rng.random() < 0.3:
                month = day = None  # the list knows the year only
            nationality = person.nationality if rng.random() < 0.8 else ""
        else:
            surname, given = _made_up_name(rng)
            year, month, day = rng.randint(1955, 2004), rng.randint(1, 12), rng.randint(1, 28)
            nationality = rng.choice(_STATES)
        reason = rng.choice(_REASONS_PERSON)
        yield {
            "surname": surname,
            "given_names": given,
            "name_key": full_name_key(surname, given),
            "birth_year": year,
            "birth_month": month,
            "birth_day": day,
            "nationality": nationality,
            "reason": reason,
            "source": rng.choice(_SOURCES_PERSON),
            "valid_until": None,
            "category": "entry_ban" if reason == _ENTRY_BAN else "wanted",
        }


def _insert(
    db: Database, model: Any, rows: Iterator[dict[str, Any]], progress: Progress | None
) -> int:
    done = 0
    while True:
        batch = [row for _i, row in zip(range(BATCH), rows, strict=False)]
        if not batch:
            return done
        with db.write(actor=SYSTEM_ACTOR) as session:
            bulk.insert_records(session, model, batch)
            append_audit(
                session,
                actor=SYSTEM_ACTOR,
                site=db.site_code or "",
                action="demo.watchlist",
                table_name=model.__tablename__,
                changes={"entries": len(batch)},
            )
        done += len(batch)
        if progress:
            progress(len(batch))


def _officer(db: Database) -> Actor:
    with db.read() as session:
        user = session.exec(
            select(User).where(User.role == Role.officer.value).order_by(User.username)
        ).first()
        if user is None:
            user = session.exec(select(User).where(User.role == Role.admin.value)).first()
    assert user is not None, "the demo database has no users"
    return issue_actor(user.username, Role(user.role), db.site_code or "", user.full_name)


def _at(today: date, days_back: int, rng: random.Random, ceiling: datetime) -> datetime:
    moment = datetime.combine(today - timedelta(days=days_back), time(3), tzinfo=UTC)
    return not_after(moment + timedelta(minutes=rng.randint(0, 14 * 60)), ceiling)


def _plan(rng: random.Random, sample: list[Any], count: int, today: date) -> list[tuple]:
    """(time, MRZ lines, direction, decision) for ``count`` checks, oldest first, none
    later than now."""
    ceiling = build_moment()
    plan: list[tuple] = []
    for doc, person in sample:
        if len(plan) >= count:
            break
        lines = doc.mrz.split("\n")
        if not doc.mrz or len(lines) < 2:
            continue
        if person.nationality == "KAZ" and rng.random() < 0.5:
            # A long earlier stay, then a new entry that passes the allowance.
            plan.append((_at(today, DAYS_BACK, rng, ceiling), lines, "entry", "admit"))
            plan.append((_at(today, DAYS_BACK - 95, rng, ceiling), lines, "exit", "admit"))
            plan.append((_at(today, rng.randint(1, 20), rng, ceiling), lines, "entry", None))
            continue
        entered = rng.randint(10, DAYS_BACK)
        plan.append((_at(today, entered, rng, ceiling), lines, "entry", None))
        if rng.random() < 0.5:
            left = _at(today, rng.randint(0, entered - 1), rng, ceiling)
            plan.append((left, lines, "exit", None))
    return sorted(plan, key=lambda p: p[0])[:count]


def _decide(verdict: str, planned: str | None, rng: random.Random) -> str:
    if verdict == "alert":
        return "detain" if rng.random() < 0.6 else "refuse"
    if verdict == "warning":
        return "refuse" if rng.random() < 0.5 else "admit"
    return planned or "admit"


def _ground_of(findings: Sequence[CheckFinding]) -> str:
    """The legal ground an officer would give for refusing on these findings."""
    codes = {f.code for f in findings}
    if "watchlist_person" in codes or "entry_ban" in codes:
        return "entry_ban"
    if "visa_required_missing" in codes:
        return "no_visa"
    if "history_detained_before" in codes or "history_refused_before" in codes:
        return "expelled_before"
    if "stay_allowance_exceeded" in codes:
        return "overstay"
    return "no_document" if "mrz_error" in codes or "watchlist_document" in codes else "security"


def add_demo_watchlists_and_checks(
    db: Database,
    *,
    seed: int,
    today: date,
    progress: Progress | None = None,
    watchlist_entries: int | None = None,
    checks: int = 300,
) -> DemoChecksSummary:
    """Watchlists (default: a tenth of the persons, 200 to 100 000 entries) and checks.

    ``progress`` is called with the number of entries or checks just written; the
    total is ``watchlist_entries + checks``.
    """
    rng = random.Random(seed * 7919 + 3)
    if watchlist_entries is None:
        with db.read() as session:
            persons = session.execute(select(func.count()).select_from(Person)).scalar_one()
        watchlist_entries = min(100_000, max(200, persons // 10))
    documents = watchlist_entries * 3 // 5
    wanted = watchlist_entries - documents
    listed = _sample(db, max(20, watchlist_entries // 100), rng)
    half = len(listed) // 2
    n_docs = _insert(db, WatchlistDocument, _document_rows(rng, listed[:half], documents), progress)
    n_wanted = _insert(db, WatchlistPerson, _person_rows(rng, listed[half:], wanted), progress)

    officer = _officer(db)
    travellers = _sample(db, checks, rng)
    # Some of the listed persons come to the post too: their checks show the hits.
    travellers = listed[: max(1, checks // 20)] + travellers
    recorded = 0
    for moment, lines, direction, planned in _plan(rng, travellers, checks, today):
        # As at the window: the verdict first, then the officer's decision on it.
        outcome = assess(db, actor=officer, mrz_lines=lines, direction=direction, now=moment)
        decision = _decide(outcome.verdict, planned, rng)
        ground = _ground_of(outcome.findings) if decision == "refuse" else None
        record_decision(db, actor=officer, outcome=outcome, decision=decision, ground=ground)
        recorded += 1
        if progress and recorded % 50 == 0:
            progress(50)
    if progress and recorded % 50:
        progress(recorded % 50)
    return DemoChecksSummary(n_docs, n_wanted, recorded)
