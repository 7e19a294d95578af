"""What every printed form takes from the records: the issuing site and the person."""

from __future__ import annotations

from sqlmodel import select

from borderdesk.domain.countries import country_name
from borderdesk.forms import PersonData
from borderdesk.services.site.sites import this_site
from borderdesk.store.database import Database
from borderdesk.store.tables import Site


def site_name_and_timezone(db: Database, code: str) -> tuple[str, str]:
    """The name and time zone of the site that made a record (this site's zone if unknown)."""
    with db.read() as session:
        site = session.exec(select(Site).where(Site.code == code)).first()
    if site is not None:
        return site.name, site.timezone
    return code, this_site(db).timezone


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
