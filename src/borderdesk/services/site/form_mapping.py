"""What every printed form takes from the records: the issuing site and the person."""

from __future__ import annotations

from sqlmodel import select

from borderdesk.domain.countries import country_name
from borderdesk.forms import PersonData
from borderdesk.services.site.sites import this_site
from borderdesk.store.database import Database
from borderdesk.store.tables import Site, User


def site_name_and_timezone(db: Database, code: str) -> tuple[str, str]:
    """The name and time zone of the site that made a record (this site's zone if unknown)."""
    with db.read() as session:
        site = session.exec(select(Site).where(Site.code == code)).first()
    if site is not None:
        return site.name, site.timezone
    return code, this_site(db).timezone


def officer_positions(db: Database, *who: str) -> tuple[str, ...]:
    """The position printed under each officer's name (by user name or full name; '' if unknown)."""
    names = [w.strip() for w in who]
    wanted = [n for n in names if n]
    if not wanted:
        return tuple("" for _ in names)
    with db.read() as session:
        users = session.exec(
            select(User).where(
                (User.username.in_([n.lower() for n in wanted]))  # type: ignore[attr-defined]
                | (User.full_name.in_(wanted))  # type: ignore[attr-defined]
            )
        ).all()
    by_name = {u.username: u.position for u in users if not u.deleted}
    by_full = {u.full_name: u.position for u in users if not u.deleted and u.full_name}
    return tuple(by_name.get(n.lower()) or by_full.get(n) or "" for n in names)


def form_person(
    *,
    surname: str,
    given_names: str,
    surname_latin: str,
    given_names_latin: str,
    birth_date: str,
    sex: str,
    nationality: str,
) -> PersonData:
    """A person as forms print it: nationality named in both languages, unknown sex blank."""
    return PersonData(
        surname=surname,
        given_names=given_names,
        surname_latin=surname_latin,
        given_names_latin=given_names_latin,
        birth_date=birth_date,
        sex=sex if sex in ("F", "M", "X") else "",
        nationality_code=nationality,
        nationality_ru=country_name(nationality, "ru") if nationality else "",
        nationality_en=country_name(nationality, "en") if nationality else "",
    )
