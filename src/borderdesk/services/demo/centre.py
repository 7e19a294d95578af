"""Demo data for the centre: about 70 % of the beds taken, stays of realistic length
(a few near or past their limit), a family, belongings, and a few transfers planned
for the coming week. Goes through the same services as staff do, deterministic for
a seed (record ids and stamps aside)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from sqlmodel import col, select

from borderdesk.domain.centre import ResidentProfile, bed_need
from borderdesk.domain.local_time import site_zone
from borderdesk.errors import BorderDeskError
from borderdesk.services import centre, transfers
from borderdesk.services.access.permissions import Actor
from borderdesk.services.demo.actors import demo_system_actor
from borderdesk.services.demo.moments import build_moment, not_after
from borderdesk.services.site.sites import this_site
from borderdesk.store.database import Database
from borderdesk.store.tables import CentreStay, Person

OCCUPANCY = 0.7
# Days already spent, by share of residents: most leave within a month or two.
STAY_LENGTHS = ((0.35, 1, 14), (0.35, 15, 45), (0.2, 46, 80), (0.1, 81, 95))
ITEMS = (
    ("Мобильный телефон", "чёрный, экран треснут"),
    ("Рюкзак", "синий, ткань"),
    ("Ремень", "кожаный"),
    ("Наручные часы", "металлический браслет"),
    ("Зарядное устройство", ""),
    ("Сумка дорожная", "клетчатая"),
    ("Куртка зимняя", "тёмно-серая"),
)
CASH = (("RUB", 200, 15000), ("KZT", 1000, 40000), ("USD", 20, 300))
ESCORTS = ("сержант Ковалёв И. П.", "прапорщик Ахметов Р. С.", "ст. лейтенант Гусев А. В.")
#: The number form of an administrative case before a Russian court (placement orders).
COURT_NUMBER = "5-{n}/{year}"
SOURCES = ("КПП «Илецк»", "КПП «Сагарчин»", "ОП «Маштаково»", "ОМВД по Соль-Илецкому району")
CROSSING_POINTS = ("МАПП «Сагарчин» – «Жайсан»", "МАПП «Илецк» – «Ташкентский»")
# Onward destination by nationality: own nationals home; others to Kazakhstan (transit).
HOME = {"KAZ": "KAZ", "UZB": "UZB"}


@dataclass(frozen=True)
class DemoCentreSummary:
    beds: int
    residents: int
    transfers: int


def _actor(db: Database) -> Actor:
    return demo_system_actor(db)


def _days_in(rng: random.Random) -> int:
    share, low, high = rng.choices(STAY_LENGTHS, [s[0] for s in STAY_LENGTHS])[0]
    return rng.randint(low, high)


def _belongings(rng: random.Random) -> list[centre.BelongingLine]:
    lines = [
        centre.BelongingLine(item, 1, description)
        for item, description in rng.sample(ITEMS, rng.randint(1, 4))
    ]
    if rng.random() < 0.7:
        currency, low, high = rng.choice(CASH)
        lines.append(
            centre.BelongingLine("", currency=currency, amount=Decimal(rng.randint(low, high)))
        )
    return lines


def add_demo_centre(db: Database, seed: int, today: date) -> DemoCentreSummary:
    """Fill this site's centre (the default rooms) to about 70 % with residents."""
    rng = random.Random(seed)
    ceiling = build_moment()  # no arrival later than now
    actor = _actor(db)
    tz = site_zone(this_site(db).timezone)
    rooms = centre.ensure_default_rooms(db, actor=actor)
    beds = sum(r.capacity for r in rooms)
    wanted = round(beds * OCCUPANCY) - sum(r.occupied for r in rooms)
    with db.read() as session:
        in_centre = set(session.exec(select(CentreStay.person_id)).all())
        candidates = [
            p
            for p in session.exec(
                select(Person)
                .where(Person.nationality != "RUS", Person.deleted == False)  # noqa: E712
                .order_by(col(Person.id))
                .limit(2000)
            ).all()
            if p.id not in in_centre
        ]
    rng.shuffle(candidates)
    residents: list[tuple[centre.StayDetail, int]] = []
    family_of: dict[str, centre.StayDetail] = {}
    for person in candidates:
        if len(residents) >= wanted:
            break
        days = _days_in(rng)
        basis = "identification" if rng.random() < 0.08 else "readmission"
        if basis == "identification":
            days = rng.randint(1, 12)
        arrived_local = not_after(
            datetime.combine(
                today - timedelta(days=days - 1),
                time(rng.randint(6, 22), rng.choice((0, 15, 30, 45))),
            ).replace(tzinfo=tz),
            ceiling,
        ).astimezone(tz)
        # A family: the second of two residents of one nationality may join the first.
        relative = family_of.get(person.nationality) if rng.random() < 0.15 else None
        # Its own generator, so that adding decisions left the rest of the demo as it was.
        own = random.Random(f"{person.surname}|{arrived_local.isoformat()}")
        decision_number, decision_date = _decision(own, basis, arrived_local.date())
        profile = ResidentProfile(sex=person.sex, in_family=relative is not None)
        if not bed_need(profile).preferred:
            continue  # sex not recorded: staff would choose the bed themselves
        try:
            detail = centre.intake(
                db,
                actor=actor,
                person_id=person.id,
                arrived_at=arrived_local,
                arriving_from=rng.choice(SOURCES),
                escorts=rng.sample(ESCORTS, 2),
                belongings=_belongings(rng),
                medical=centre.Medical(
                    fit_to_travel=rng.random() > 0.05,
                    needs="диабет 2 типа" if rng.random() < 0.06 else "",
                    examiner="фельдшер Смирнова О. В.",
                ),
                vulnerability=centre.Vulnerability(
                    family_stay_id=relative.id if relative else None,
                    pregnant=person.sex == "F" and rng.random() < 0.1,
                    disabled=rng.random() < 0.03,
                ),
                languages="русский" if rng.random() < 0.5 else "",
                interpreter_needed=rng.random() < 0.4,
                legal_basis=basis,
                decision_number=decision_number,
                decision_date=decision_date,
            )
        except BorderDeskError:
            continue  # no suitable bed left for this person: take the next one
        if relative is None and person.nationality not in family_of:
            family_of[person.nationality] = detail
        elif relative is not None:
            _join_family(db, actor, relative, detail)
            del family_of[person.nationality]
        residents.append((detail, days))
    planned = _plan_transfers(db, actor, rng, residents, today)
    return DemoCentreSummary(beds=beds, residents=len(residents), transfers=planned)


def _decision(rng: random.Random, basis: str, arrived_on: date) -> tuple[str, date | None]:
    """A court decision's number and date for a basis that rests on one (the data says
    which), so that the intake protocol prints them; the court decides on the day of
    arrival or the day before (the 48 hours a person may be held pending its order)."""
    rests_on_decision = any(b.code == basis and b.decision_ru for b in centre.legal_bases())
    if not rests_on_decision:
        return "", None
    on = arrived_on - timedelta(days=rng.choice((0, 0, 1)))
    return COURT_NUMBER.format(n=rng.randint(100, 2999), year=on.year), on


def _join_family(
    db: Database, actor: Actor, relative: centre.StayDetail, newcomer: centre.StayDetail
) -> None:
    """Move the first family member next to the one who joined them, when a bed is free."""
    for room in centre.list_rooms(db, actor=actor):
        if room.code != newcomer.room_code:
            continue
        free = [b for b in room.beds if b.free]
        if free:
            centre.move_bed(db, actor=actor, stay_id=relative.id, bed=free[0].label)
        return


def _plan_transfers(
    db: Database,
    actor: Actor,
    rng: random.Random,
    residents: list[tuple[centre.StayDetail, int]],
    today: date,
) -> int:
    """A few transfers in the coming week, for the longest stays an agreement covers."""
    from borderdesk.services import cases

    planned = 0
    for detail, _days in sorted(residents, key=lambda r: -r[1]):
        if planned >= 5:
            break
        if detail.person.nationality in ("TJK",) and not detail.alternative:
            transfers.record_alternative(
                db,
                actor=actor,
                stay_id=detail.id,
                kind="consular_document",
                note="Запрошен свидетельство на возвращение в посольстве Таджикистана",
            )
            continue
        destination = HOME.get(detail.person.nationality, "KAZ")
        when = today + timedelta(days=rng.randint(1, 7))
        try:
            row = transfers.plan_transfer(
                db,
                actor=actor,
                stay_id=detail.id,
                destination=destination,
                date=when,
                crossing_point=rng.choice(CROSSING_POINTS),
                escorts=rng.sample(ESCORTS, 2),
                transport="служебный автомобиль ГАЗель",
            )
        except BorderDeskError:
            continue  # no agreement covers this person: not a transfer
        awaiting = row.case_id is not None and cases.get_case(
            db, actor=actor, case_id=row.case_id
        ).status in ("registered", "under_examination")
        # The stay's case may be further along already (a reused demo case).
        if awaiting and row.case_id is not None and rng.random() < 0.7:
            cases.decide(
                db, actor=actor, case_id=row.case_id, accept=True, reason="Согласие получено"
            )
            cases.advance(db, actor=actor, case_id=row.case_id, to_status="transfer_scheduled")
        planned += 1
    return planned
