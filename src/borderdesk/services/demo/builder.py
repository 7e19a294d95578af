"""``borderdesk demo``: a ready-to-use database with users and realistic synthetic data."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from borderdesk.domain.clock import new_id
from borderdesk.domain.countries import stateless_codes
from borderdesk.errors import DatabaseError
from borderdesk.i18n import _
from borderdesk.services.access.permissions import SYSTEM_ACTOR
from borderdesk.services.access.users import create_user_record
from borderdesk.services.demo.people import generate
from borderdesk.services.site.setup import initialise
from borderdesk.services.site.sites import site_today
from borderdesk.store import bulk
from borderdesk.store.database import Database
from borderdesk.store.tables import IdentityDocument, Person
from borderdesk.store.tables.users import Role
from borderdesk.store.tracking import append_audit

# The demo's published password, exempt from the password policy: demo data is for
# trying BorderDesk out, never for real work.
DEMO_PASSWORD = "demo"
# One demo database plays every part (post, centre and HQ) so each page has data.
DEMO_SITE_CODE = "ORB-DEMO"
DEMO_SITE_NAME = "Пограничное управление по Оренбургской области (демо)"
DEMO_CASES = 400
BATCH = 5000

Progress = Callable[[int], None]
Stage = Callable[[str], None]


@dataclass(frozen=True)
class DemoSummary:
    path: str
    created: bool
    persons: int
    users: tuple[str, ...]
    password: str


def create_or_open(
    *,
    path: Path | None,
    url: str | None,
    persons: int,
    seed: int,
    today: date | None = None,
    progress: Progress | None = None,
    stage: Stage | None = None,
) -> tuple[Database, DemoSummary]:
    """Reuse an existing demo database, or build one with ``persons`` people."""
    if persons < 0:
        raise DatabaseError(_("The number of persons cannot be negative."))
    users = tuple(role.value for role in Role)
    exists = (path is not None and path.exists()) if not url else False
    if exists:
        db = Database.open(path=path, url=url)
        return db, DemoSummary(db.describe(), False, _count_persons(db), users, DEMO_PASSWORD)
    # Built under a temporary name and renamed once complete: a killed demo leaves no
    # half-built database that the next `demo` would take for a finished one.
    building = _building_path(path) if path is not None else None
    db = initialise(
        path=building,
        url=url,
        site_code=DEMO_SITE_CODE,
        site_name=DEMO_SITE_NAME,
        kind="hq",
        admin_user="admin",
        admin_password=DEMO_PASSWORD,
        enforce_password_policy=False,
    )
    try:
        today = today or site_today(db)  # the site's day, not the machine's (often UTC)
        _add_users(db)
        add_demo_persons(db, persons, seed=seed, today=today, progress=progress)
        _add_records(db, seed=seed, today=today, stage=stage or (lambda _text: None))
        if building is not None and path is not None:
            db = _move_into_place(db, building, path)
    except BaseException:
        db.dispose()
        if building is not None:
            _remove_database_files(building)
        raise
    return db, DemoSummary(db.describe(), True, persons, users, DEMO_PASSWORD)


def _building_path(path: Path) -> Path:
    """The temporary name beside ``path``; leftovers of a killed build are removed first."""
    for leftover in path.parent.glob(f".{path.name}.building*"):
        leftover.unlink(missing_ok=True)
    return path.with_name(f".{path.name}.building")


def _move_into_place(db: Database, building: Path, path: Path) -> Database:
    with db.engine.connect() as conn:  # fold the WAL into the file before it is renamed
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.dispose()
    _remove_database_files(building, keep_main=True)
    os.replace(building, path)
    return Database.open(path=path)


def _remove_database_files(path: Path, *, keep_main: bool = False) -> None:
    for suffix in ("-wal", "-shm", "-journal") if keep_main else ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _add_records(db: Database, *, seed: int, today: date, stage: Stage) -> None:
    """Watchlists and checks, cases at every stage, a centre about 70 % full."""
    from borderdesk.services.demo.cases import add_demo_cases
    from borderdesk.services.demo.centre import add_demo_centre
    from borderdesk.services.demo.checks import add_demo_watchlists_and_checks

    if _count_persons(db) == 0:
        return
    stage(_("Watchlists and document checks"))
    add_demo_watchlists_and_checks(db, seed=seed, today=today)
    stage(_("Readmission cases"))
    add_demo_cases(db, seed, today, DEMO_CASES)
    stage(_("Readmission centre and transfers"))
    add_demo_centre(db, seed, today)


def _add_users(db: Database) -> None:
    with db.write(actor=SYSTEM_ACTOR) as session:
        for role in (Role.officer, Role.centre, Role.supervisor):
            session.add(
                create_user_record(
                    username=role.value,
                    role=role,
                    password=DEMO_PASSWORD,
                    full_name=_demo_full_name(role),
                    position=demo_position(role),
                    enforce_policy=False,
                )
            )


#: What the forms print under a demo user's name (position and rank).
DEMO_POSITIONS = {
    Role.officer: "Инспектор пограничного контроля, старший лейтенант",
    Role.centre: "Специалист центра временного содержания",
    Role.supervisor: "Начальник отдела по реадмиссии, подполковник",
    Role.admin: "Администратор системы",
}


def demo_position(role: Role) -> str:
    return DEMO_POSITIONS[role]


def _demo_full_name(role: Role) -> str:
    return {
        Role.officer: "Петров Илья Сергеевич",
        Role.centre: "Ахметова Динара Маратовна",
        Role.supervisor: "Волков Андрей Николаевич",
        Role.admin: "Администратор",
    }[role]


def add_demo_persons(
    db: Database, count: int, *, seed: int, today: date, progress: Progress | None
) -> None:
    people = generate(count, seed=seed, today=today)
    done = 0
    while done < count:
        size = min(BATCH, count - done)
        person_rows, document_rows = [], []
        for _i in range(size):
            p = next(people)
            person_id = new_id()
            person_rows.append(
                {
                    "id": person_id,
                    "surname": p.surname,
                    "given_names": p.given_names,
                    "surname_latin": p.surname_latin,
                    "given_names_latin": p.given_names_latin,
                    "name_key": p.name_key,
                    "birth_year": p.birth.year,
                    "birth_month": p.birth.month,
                    "birth_day": p.birth.day,
                    "sex": p.sex,
                    "nationality": p.nationality,
                }
            )
            document_rows.append(
                {
                    "person_id": person_id,
                    "document_type": "P",
                    "issuing_state": "RUS" if p.nationality in stateless_codes() else p.nationality,
                    "number": p.document_number,
                    "expiry_date": p.expiry_date,
                    "mrz": p.mrz,
                }
            )
        # One transaction per batch: a cancelled run keeps whole batches only.
        with db.write(actor=SYSTEM_ACTOR) as session:
            bulk.insert_records(session, Person, person_rows)
            bulk.insert_records(session, IdentityDocument, document_rows)
            append_audit(
                session,
                actor=SYSTEM_ACTOR,
                site=db.site_code or "",
                action="demo.persons",
                changes={"persons": size, "seed": seed, "from": done},
            )
        done += size
        if progress:
            progress(size)


def _count_persons(db: Database) -> int:
    from sqlalchemy import func
    from sqlmodel import select

    with db.read() as session:
        return int(session.exec(select(func.count()).select_from(Person)).one())
