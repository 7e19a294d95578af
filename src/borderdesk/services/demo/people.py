"""Synthetic but realistic persons and passports for the demo database (pure Python)."""

from __future__ import annotations

import random
import string
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import Any

from borderdesk.domain.countries import stateless_codes
from borderdesk.domain.mrz.compose import compose_td3
from borderdesk.domain.names import full_name_key, to_latin
from borderdesk.domain.partial_date import PartialDate
from borderdesk.paths import resource


@dataclass(frozen=True)
class PopulationGroup:
    nationality: str
    weight: int
    script: str
    language: str
    surnames_male: tuple[str, ...]
    surnames_female: tuple[str, ...]
    given_male: tuple[str, ...]
    given_female: tuple[str, ...]
    patronymic_male: tuple[str, ...]
    patronymic_female: tuple[str, ...]
    patronymic_share: float


@dataclass(frozen=True)
class Population:
    groups: tuple[PopulationGroup, ...]
    earliest_year: int
    latest_year: int
    partial_share: float
    female_share: float
    validity_years: tuple[int, ...]
    issued_years_back_max: int


@cache
def population() -> Population:
    data: dict[str, Any] = tomllib.loads(
        resource("demo", "population.toml").read_text(encoding="utf-8")
    )
    groups = tuple(
        PopulationGroup(
            nationality=g["nationality"],
            weight=int(g["weight"]),
            script=g["script"],
            language=g.get("language", "ru"),
            surnames_male=tuple(g["surnames_male"]),
            surnames_female=tuple(g["surnames_female"]),
            given_male=tuple(g["given_male"]),
            given_female=tuple(g["given_female"]),
            patronymic_male=tuple(g.get("patronymic_male", ())),
            patronymic_female=tuple(g.get("patronymic_female", ())),
            patronymic_share=float(g.get("patronymic_share", 0.0)),
        )
        for g in data["group"]
    )
    birth, document = data["birth"], data["document"]
    return Population(
        groups=groups,
        earliest_year=int(birth["earliest_year"]),
        latest_year=int(birth["latest_year"]),
        partial_share=float(birth["partial_share"]),
        female_share=float(birth["female_share"]),
        validity_years=tuple(int(y) for y in document["validity_years"]),
        issued_years_back_max=int(document["issued_years_back_max"]),
    )


@dataclass(frozen=True)
class DemoPerson:
    surname: str
    given_names: str
    surname_latin: str
    given_names_latin: str
    name_key: str
    birth: PartialDate
    sex: str
    nationality: str
    document_number: str
    expiry_date: date
    mrz: str


def _document_number(rng: random.Random, nationality: str) -> str:
    if nationality == "RUS":
        return "7" + "".join(rng.choices(string.digits, k=8))
    if nationality == "KAZ":
        return "N" + "".join(rng.choices(string.digits, k=8))
    return "".join(rng.choices(string.ascii_uppercase, k=2)) + "".join(
        rng.choices(string.digits, k=7)
    )


def _birth(rng: random.Random, pop: Population) -> PartialDate:
    year = rng.randint(pop.earliest_year, pop.latest_year)
    month = rng.randint(1, 12)
    day = rng.randint(1, 28)
    if rng.random() < pop.partial_share:
        return PartialDate(year, month if rng.random() < 0.5 else None, None)
    return PartialDate(year, month, day)


def generate(count: int, *, seed: int, today: date) -> Iterator[DemoPerson]:
    """Deterministic for a seed: the same seed gives the same people, in the same order."""
    pop = population()
    rng = random.Random(seed)
    weights = [g.weight for g in pop.groups]
    for _ in range(count):
        group = rng.choices(pop.groups, weights)[0]
        female = rng.random() < pop.female_share
        surname = rng.choice(group.surnames_female if female else group.surnames_male)
        given = rng.choice(group.given_female if female else group.given_male)
        patronymics = group.patronymic_female if female else group.patronymic_male
        if patronymics and rng.random() < group.patronymic_share:
            given = f"{given} {rng.choice(patronymics)}"
        if group.script == "cyrillic":
            surname_latin = to_latin(surname, group.language)
            given_latin = to_latin(given, group.language)
        else:
            surname_latin, given_latin = surname, given
        birth = _birth(rng, pop)
        issued = today - timedelta(days=rng.randint(0, 365 * pop.issued_years_back_max))
        expiry = issued.replace(day=min(issued.day, 28)).replace(
            year=issued.year + rng.choice(pop.validity_years)
        )
        number = _document_number(rng, group.nationality)
        sex = "F" if female else "M"
        mrz_nationality = group.nationality
        lines = compose_td3(
            surname=surname_latin.replace("-", " "),
            given_names=given_latin.replace("-", " ")[:30],
            document_number=number,
            nationality=mrz_nationality,
            issuing_state="RUS" if mrz_nationality in stateless_codes() else mrz_nationality,
            birth_date=birth,
            sex=sex,
            expiry_date=expiry,
        )
        yield DemoPerson(
            surname=surname,
            given_names=given,
            surname_latin=surname_latin,
            given_names_latin=given_latin,
            name_key=full_name_key(surname, given),
            birth=birth,
            sex=sex,
            nationality=group.nationality,
            document_number=number,
            expiry_date=expiry,
            mrz="\n".join(lines),
        )
