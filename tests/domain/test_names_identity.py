"""score_identity: levels and reasons for a name, a date of birth and a nationality."""

from __future__ import annotations

import pytest

from borderdesk.domain.names import (
    Identity,
    Level,
    birth_fit,
    candidate_keys,
    score_identity,
    skeletons,
    systems_of,
)
from borderdesk.domain.partial_date import PartialDate

BORN = PartialDate(1985, 3, 15)


def match(
    q_surname, q_given, c_surname, c_given, *, q_birth=BORN, c_birth=BORN, q_nat="RUS", c_nat="RUS"
):
    return score_identity(
        Identity(q_surname, q_given, q_birth, q_nat), Identity(c_surname, c_given, c_birth, c_nat)
    )


def test_one_name_in_two_scripts_is_an_alert() -> None:
    hit = match("IVANOV", "IVAN PETROVICH", "Иванов", "Иван Петрович")
    assert hit.level == Level.ALERT
    assert hit.codes == (
        "surname_same_key",
        "given_names_same_key",
        "birth_date_equal",
        "nationality_equal",
    )


def test_reasons_name_the_spelling_systems() -> None:
    hit = match("IUSUPOV", "IVAN", "JUSUPOW", "IWAN")
    surname = hit.reasons[0]
    assert (surname.part, surname.finding) == ("surname", "same_skeleton")
    assert "icao_2013" in surname.query_systems
    assert "german" in surname.candidate_systems
    assert hit.to_json()["reasons"][0]["candidate"] == "JUSUPOW"
    assert systems_of("Щербаков") == ("cyrillic",)
    assert systems_of("ŠČERBAKOV") == ("scholarly",)


@pytest.mark.parametrize(
    ("query", "record"),
    [
        ("IVAN PETROVICH", "IVAN"),  # patronymic on the document only
        ("IVAN", "IVAN PETROVICH"),  # on the record only
        ("PETROVICH IVAN", "IVAN PETROVICH"),  # order of given names free
        ("ANNA-MARIIA", "ANNA MARIIA"),  # hyphen or space
        ("ABDULKARIM", "ABDUL KARIM"),  # one word or two
    ],
)
def test_given_names_forms_that_fit(query: str, record: str) -> None:
    assert match("IVANOV", query, "IVANOV", record).level == Level.ALERT


def test_abbreviations_of_muhammad() -> None:
    hit = match("HOSSAIN", "MD RAFIQUL", "Хуссейн", "Мухаммад Рафикул", q_nat="BGD", c_nat="BGD")
    assert hit.level == Level.ALERT
    assert hit.reasons[1].finding == "short_form"
    assert match("KHAN", "MOHD IMRAN", "KHAN", "MUHAMMAD IMRAN").level == Level.ALERT


def test_compound_surname_with_or_without_hyphen() -> None:
    assert match("RIMSKII-KORSAKOV", "NIKOLAI", "RIMSKY KORSAKOV", "NIKOLAY").level == Level.ALERT
    part = match("IVANOVA", "ANNA", "IVANOVA-PETROVA", "ANNA")
    assert part.reasons[0].finding == "compound_part"
    assert part.level == Level.WARNING


def test_partial_birth_date_fits() -> None:
    hit = match("IVANOV", "IVAN", "IVANOV", "IVAN", c_birth=PartialDate(1985, 3))
    assert hit.level == Level.ALERT
    assert "birth_date_compatible" in hit.codes
    # The year alone: one in fifty persons of a common name shares it.
    year = match("IVANOV", "IVAN", "IVANOV", "IVAN", c_birth=PartialDate(1985))
    assert year.level == Level.WARNING
    # What is known must agree: no "one typo away" with a part unknown.
    assert birth_fit(PartialDate(1985), PartialDate(1986, 3, 15)) == "differs"


def test_unknown_birth_or_other_nationality_is_a_warning() -> None:
    assert match("IVANOV", "IVAN", "IVANOV", "IVAN", c_birth=None).level == Level.WARNING
    assert match("IVANOV", "IVAN", "IVANOV", "IVAN", c_nat="KAZ").level == Level.WARNING
    # Not known on one side is no difference.
    assert match("IVANOV", "IVAN", "IVANOV", "IVAN", c_nat="").level == Level.ALERT


def test_birth_date_one_typo_away_is_a_warning_decades_away_at_most_a_warning() -> None:
    assert birth_fit(BORN, PartialDate(1985, 3, 16)) == "near"
    assert birth_fit(BORN, PartialDate(1986, 3, 15)) == "near"
    assert birth_fit(PartialDate(1985, 3, 12), PartialDate(1985, 12, 3)) == "near"
    assert birth_fit(BORN, PartialDate(1955, 3, 15)) == "differs"
    near = match("IVANOV", "IVAN", "IVANOV", "IVAN", c_birth=PartialDate(1985, 3, 16))
    assert near.level == Level.WARNING
    # Born two years apart on another day, or decades apart: another person.
    other = match("IVANOV", "IVAN", "IVANOV", "IVAN", c_birth=PartialDate(1983, 7, 1))
    assert other.level == Level.NONE
    far = match("IVANOV", "IVAN", "IVANOV", "IVAN", c_birth=PartialDate(1955, 3, 15))
    assert far.level == Level.NONE
    assert "birth_date_differs" in far.codes


def test_a_typo_in_the_surname() -> None:
    hit = match("SHCHERBAKOV", "IVAN", "SHCHERBKAOV", "IVAN")
    assert hit.reasons[0].finding in ("typo", "same_skeleton")
    assert hit.level == Level.ALERT
    assert candidate_keys("SHCHERBAKOV") & candidate_keys("SHCHERBKAOV")


def test_gender_form_and_swapped_names_are_warnings() -> None:
    assert match("IVANOVA", "ANNA", "IVANOV", "ANNA").level == Level.WARNING
    swapped = match("IVAN", "IVANOV", "IVANOV", "IVAN", c_birth=PartialDate(1985))
    assert "names_swapped" in swapped.codes
    assert swapped.level == Level.WARNING
    # The wrong way round but the same full date of birth and nationality: the person.
    assert match("IVAN", "IVANOV", "IVANOV", "IVAN").level == Level.ALERT


def test_other_names_are_nothing() -> None:
    assert match("PETROV", "IVAN", "IVANOV", "IVAN").level == Level.NONE
    assert match("IVANOV", "SERGEI", "IVANOV", "IVAN").level == Level.NONE
    assert match("", "IVAN", "IVANOV", "IVAN").level == Level.NONE


def test_skeletons_of_the_issue_spellings() -> None:
    for spelling in ("SHCHERBAKOV", "SHERBAKOV", "SCHTSCHERBAKOW", "SZCZERBAKOW", "Щербаков"):
        assert skeletons(spelling)[0] == "SRPKV"
    assert "SPV" in skeletons("JUSUPOV")  # J read as Й
    assert skeletons("IUSUPOV") == ("SPV",)


def test_candidate_keys_of_nothing() -> None:
    assert candidate_keys("") == frozenset()
    assert candidate_keys(" - ") == frozenset()
