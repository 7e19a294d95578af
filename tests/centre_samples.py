"""Shared factories for the centre's tests: a centre database, its staff, scanned passports."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from borderdesk.domain.mrz.compose import compose_td3
from borderdesk.domain.partial_date import PartialDate
from borderdesk.services import cases, centre
from borderdesk.services.access.permissions import Actor
from borderdesk.store.database import Database
from helpers import add_user, login, make_database

CENTRE_CODE = "RC-ORB"


def centre_database(tmp_path: Path, name: str = "centre.sqlite3") -> Database:
    return make_database(tmp_path, name, site_code=CENTRE_CODE, kind="centre")


def staff(db: Database) -> tuple[Actor, Actor]:
    """(administrator, centre staff), with the default rooms in place."""
    admin = login(db)
    worker = add_user(db, admin, "dinara", "centre", full_name="Ахметова Динара Маратовна")
    centre.ensure_default_rooms(db, actor=worker)
    return admin, worker


def hold_with_open_case(db: Database, worker: Actor, lines: list[str]) -> tuple[Any, Any]:
    """The person of ``lines`` taken into the centre, with an open apprehension case
    (RUS requesting KAZ): a man held now. Returns (stay, case)."""
    stay = centre.intake(db, actor=worker, mrz_lines=lines)
    case = cases.open_case(
        db,
        actor=worker,
        kind="apprehension",
        person_id=stay.person.id,
        requesting="RUS",
        requested="KAZ",
        received=date.today(),
    )
    return stay, case


def passport(
    surname: str = "NURLANOV",
    given: str = "ERLAN",
    number: str = "N12345678",
    nationality: str = "KAZ",
    birth: PartialDate | None = None,
    sex: str = "M",
) -> list[str]:
    return list(
        compose_td3(
            surname=surname,
            given_names=given,
            document_number=number,
            nationality=nationality,
            issuing_state=nationality,
            birth_date=birth or PartialDate(1990, 5, 4),
            sex=sex,
            expiry_date=date(2035, 1, 1),
        )
    )


def men(count: int, nationality: str = "BGD") -> list[list[str]]:
    """``count`` different adult men's passports."""
    return [
        passport(f"HOSSAIN{chr(65 + i // 26)}{chr(65 + i % 26)}", "ARIF", f"BG{i:07d}", nationality)
        for i in range(count)
    ]
