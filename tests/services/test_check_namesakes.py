"""Issue #9: a common name is no hiding place. With 200 namesakes of the same surname
and year of birth on record (100 born the same day), a held man's new passport still
meets his record: every namesake is scored, none is cut off by a cap."""

from __future__ import annotations

import pytest

from borderdesk.domain.names import full_name_key
from borderdesk.domain.partial_date import PartialDate
from borderdesk.services import checks
from borderdesk.store.tables import Person
from centre_samples import centre_database, hold_with_open_case, passport, staff
from helpers import add_user

BIRTH = PartialDate(1987, 7, 23)
GIVEN = [
    "AZAT", "BOLAT", "DAULET", "ERLAN", "GANI", "KAIRAT", "MARAT", "NURLAN", "OLZHAS",
    "SERIK", "TALGAT", "ZHANIBEK", "ARMAN", "BERIK", "DIAS", "YERBOL", "ASKAR", "TIMUR",
    "SANZHAR", "ALIBEK",
]  # fmt: skip


def _namesakes(db, count: int) -> None:
    with db.write(actor="test") as session:
        for i in range(count):
            given = f"{GIVEN[i % len(GIVEN)]} {GIVEN[(i // len(GIVEN)) % len(GIVEN)]}"
            # Half born the same day (the SQL keeps them, the scorer must see them all),
            # half another day of the same year (the SQL leaves them out).
            day = BIRTH.day if i % 2 else 1 + i % 28
            month = BIRTH.month if i % 2 else 1 + (i // 28) % 6
            session.add(
                Person(
                    surname="KARIMOV",
                    given_names=given,
                    surname_latin="KARIMOV",
                    given_names_latin=given,
                    name_key=full_name_key("KARIMOV", given),
                    birth_year=BIRTH.year,
                    birth_month=month,
                    birth_day=day,
                    sex="M",
                    nationality="KAZ",
                )
            )


@pytest.fixture
def crowded(tmp_path):
    db = centre_database(tmp_path)
    admin, worker = staff(db)
    officer = add_user(db, admin, "petrov", "officer")
    _namesakes(db, 200)
    # The real man, recorded after all of them (the last ids), held with an open case.
    lines = passport("KARIMOV", "RUSTAM", "N55500011", "KAZ", birth=BIRTH)
    stay, _case = hold_with_open_case(db, worker, lines)
    yield db, officer, stay
    db.dispose()


def test_the_held_man_is_found_among_200_namesakes(crowded):
    db, officer, stay = crowded
    new = passport("KARIMOV", "RUSTAM", "N99900077", "KAZ", birth=BIRTH)
    outcome = checks.assess(db, actor=officer, mrz_lines=new)
    assert outcome.matched_by == "name_birth_nationality"
    assert outcome.person.person_id == stay.person.id
    assert outcome.verdict == "alert"
    custody = [f for f in outcome.findings if f.code == "in_custody"]
    assert [f.params["stay"] for f in custody] == [stay.stay_number]


def test_in_another_spelling_and_nationality_too(crowded):
    """A second passport (Russian, KARIMOW in the German spelling) is no new person
    either: the records that may be the same person are read among all namesakes."""
    db, officer, stay = crowded
    other = passport("KARIMOW", "RUSTAM", "751112223", "RUS", birth=BIRTH)
    outcome = checks.assess(db, actor=officer, mrz_lines=other)
    assert outcome.verdict == "alert"
    assert "in_custody" in {f.code for f in outcome.findings}
