"""Documents, times and an officer for the check, search and watchlist tests."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import func, select

from borderdesk.domain.mrz.compose import compose_mrv, compose_td3
from borderdesk.domain.names import full_name_key
from borderdesk.domain.partial_date import PartialDate
from borderdesk.store.tables import (
    AuditEntry,
    ChangeLogEntry,
    DocumentCheck,
    IdentityDocument,
    Person,
    WatchlistDocument,
    WatchlistPerson,
)
from helpers import USER_PASSWORD, add_user, login

NOW = datetime(2026, 6, 1, 6, 30, tzinfo=UTC)
TODAY = date(2026, 6, 1)
EXPIRY = date(2034, 1, 1)


def passport(
    surname: str,
    given: str = "",
    *,
    number: str = "751234567",
    nationality: str = "RUS",
    birth: PartialDate | date = PartialDate(1980, 5, 17),
    sex: str = "M",
    expiry: date = EXPIRY,
    issuing_state: str | None = None,
) -> tuple[str, str]:
    if isinstance(birth, date):
        birth = PartialDate.from_date(birth)
    return compose_td3(
        surname=surname,
        given_names=given,
        document_number=number,
        nationality=nationality,
        issuing_state=issuing_state,
        birth_date=birth,
        sex=sex,
        expiry_date=expiry,
    )


def visa(
    surname: str,
    given: str = "",
    *,
    number: str = "V12345678",
    nationality: str = "TKM",
    birth: PartialDate = PartialDate(1980, 5, 17),
    expiry: date = date(2027, 1, 1),
) -> tuple[str, str]:
    return compose_mrv(
        surname=surname,
        given_names=given,
        document_number=number,
        nationality=nationality,
        issuing_state="RUS",
        birth_date=birth,
        sex="M",
        expiry_date=expiry,
    )


def add_person(
    db,
    surname: str,
    given: str = "",
    *,
    birth=PartialDate(1980, 5, 17),
    nationality: str = "RUS",
    number: str | None = None,
) -> Person:
    """A person recorded as written (any script), e.g. from an older register."""
    with db.write(actor="test") as session:
        person = Person(
            surname=surname,
            given_names=given,
            surname_latin=surname,
            given_names_latin=given,
            name_key=full_name_key(surname, given),
            birth_year=birth.year if birth else None,
            birth_month=birth.month if birth else None,
            birth_day=birth.day if birth else None,
            sex="M",
            nationality=nationality,
        )
        session.add(person)
        session.flush()
        if number:
            session.add(
                IdentityDocument(
                    person_id=person.id,
                    document_type="P",
                    issuing_state=nationality,
                    number=number,
                )
            )
    return person


COUNTED = (
    Person,
    IdentityDocument,
    DocumentCheck,
    WatchlistDocument,
    WatchlistPerson,
    ChangeLogEntry,
    AuditEntry,
)


def row_counts(db) -> dict[str, int]:
    with db.read() as session:
        return {
            model.__tablename__: session.execute(
                select(func.count()).select_from(model)
            ).scalar_one()
            for model in COUNTED
        }


def make_officer(db, admin):
    """An officer added by the administrator and logged in."""
    add_user(db, admin, "petrov", "officer", full_name="Петров Илья Сергеевич")
    return login(db, "petrov", USER_PASSWORD)


def make_supervisor(db, admin):
    add_user(db, admin, "volkov", "supervisor", full_name="Волков А. Н.")
    return login(db, "volkov", USER_PASSWORD)
