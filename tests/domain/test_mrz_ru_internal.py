"""The Russian internal passport (PNRUS): layout, every check digit, names, no expiry."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from borderdesk import i18n
from borderdesk.domain.mrz import (
    compose_ru_internal_passport,
    describe,
    kind_label,
    line_problems,
    parse_mrz,
)
from borderdesk.domain.partial_date import PartialDate

TODAY = date(2026, 11, 27)

# ЗДРИЛЮК СЕРГЕЙ АНАТОЛЬЕВИЧ, series 39 14, number 935349, born 23 July 1972,
# passport issued 18 December 2015 by department 910-003.
LINE1 = "PNRUSZDRIL7K<<SERGEQ<ANATOL9EVI3<<<<<<<<<<<<"
LINE2 = "3919353498RUS7207233M<<<<<<<4151218910003<50"


def _weighted(text: str) -> int:
    """Doc 9303 weights 7, 3, 1 over digits and filler only, written out for the hand check."""
    values = [0 if c == "<" else int(c) for c in text]
    return sum(v * (7, 3, 1)[i % 3] for i, v in enumerate(values))


def test_check_digits_by_hand() -> None:
    # series 1-3 and number: 3·7+9·3+1·1+9·7+3·3+5·1+3·7+4·3+9·1 = 168 -> 8
    assert 3 * 7 + 9 * 3 + 1 * 1 + 9 * 7 + 3 * 3 + 5 * 1 + 3 * 7 + 4 * 3 + 9 * 1 == 168
    assert LINE2[9] == "8" and _weighted(LINE2[0:9]) == 168
    # date of birth 720723: 7·7+2·3+0·1+7·7+2·3+3·1 = 113 -> 3
    assert 7 * 7 + 2 * 3 + 0 * 1 + 7 * 7 + 2 * 3 + 3 * 1 == 113 and LINE2[19] == "3"
    # optional block 4 151218 910003 <: 28+3+5+7+6+1+56+27+1+0+0+0+21+0 = 155 -> 5
    assert _weighted(LINE2[28:42]) == 155 and LINE2[42] == "5"
    # composite over 1-10, 14-20 and 22-43 (the expiry field is filler): -> 0
    assert _weighted(LINE2[0:10] + LINE2[13:20] + LINE2[21:43]) % 10 == 0 and LINE2[43] == "0"


def test_the_issue_example_validates_and_decodes() -> None:
    result = parse_mrz([LINE1, LINE2], today=TODAY)
    assert result.valid, result.errors
    assert result.checks == {
        "document_number": True,
        "birth_date": True,
        "expiry_date": None,  # there is none
        "optional_data": True,
        "composite": True,
    }
    assert result.checks_ok
    assert result.document_kind == "ru_internal_passport"
    assert result.format == "TD3" and result.document_type == "PN"
    name = result.cyrillic_name
    assert name is not None
    assert (name.surname, name.given_name, name.patronymic) == ("ЗДРИЛЮК", "СЕРГЕЙ", "АНАТОЛЬЕВИЧ")
    assert name.full() == "ЗДРИЛЮК СЕРГЕЙ АНАТОЛЬЕВИЧ"
    # Doc 9303 Latin, as a passport for travel abroad would print it.
    assert result.surname == "ZDRILIUK"
    assert result.given_names == "SERGEI ANATOLEVICH"
    internal = result.internal_passport
    assert internal is not None
    assert (internal.series, internal.number) == ("3914", "935349")
    assert internal.issue_date == date(2015, 12, 18)
    assert internal.department_code == "910-003"
    assert result.document_number == "3914935349"
    assert result.birth_date == PartialDate(1972, 7, 23)
    assert result.sex == "M" and result.nationality == "RUS"


def test_no_expiry_is_never_expired() -> None:
    result = parse_mrz([LINE1, LINE2], today=TODAY)
    assert result.expiry_date is None and not result.expiry_required
    assert "invalid_expiry_date" not in result.errors
    assert "expired" not in result.warnings and "expires_soon" not in result.warnings
    assert not result.expired
    assert result.document_valid_on(date(2090, 1, 1)) is True
    facts = result.facts_json_dict()
    assert facts["document_valid"] is True and facts["expired"] is False
    assert facts["cyrillic_name"] == {
        "surname": "ЗДРИЛЮК",
        "given_name": "СЕРГЕЙ",
        "patronymic": "АНАТОЛЬЕВИЧ",
    }
    assert facts["internal_passport"]["issue_date"] == "2015-12-18"


def test_compose_gives_the_issue_example() -> None:
    lines = compose_ru_internal_passport(
        surname="Здрилюк",
        given_name="Сергей",
        patronymic="Анатольевич",
        series="3914",
        number="935349",
        birth_date=date(1972, 7, 23),
        sex="M",
        issue_date=date(2015, 12, 18),
        department_code="910-003",
    )
    assert lines == (LINE1, LINE2)


def _corrupt(position: int, char: str) -> list[str]:
    assert LINE2[position - 1] != char
    return [LINE1, LINE2[: position - 1] + char + LINE2[position:]]


@pytest.mark.parametrize(
    ("position", "char", "failing"),
    [
        (1, "4", {"document_number", "composite"}),  # series digit 1
        (9, "0", {"document_number", "composite"}),  # number
        (10, "1", {"document_number", "composite"}),
        (16, "8", {"birth_date", "composite"}),
        (20, "4", {"birth_date", "composite"}),
        (29, "5", {"optional_data", "composite"}),  # series digit 4
        (33, "3", {"optional_data", "composite"}),  # date of issue
        (40, "1", {"optional_data", "composite"}),  # department code
        (43, "6", {"optional_data", "composite"}),
        (44, "1", {"composite"}),
    ],
)
def test_every_check_digit_is_validated(position: int, char: str, failing: set[str]) -> None:
    result = parse_mrz(_corrupt(position, char), today=TODAY)
    assert {name for name, ok in result.checks.items() if ok is False} == failing
    assert not result.checks_ok and not result.valid


def test_a_character_that_is_no_letter_is_an_error() -> None:
    line1 = LINE1.replace("ZDRIL7K", "ZDRIL0K")
    result = parse_mrz([line1, LINE2], today=TODAY)
    assert "invalid_name" in result.errors and result.cyrillic_name is None
    assert result.surname == "ZDRIL0K"  # as written, nothing invented


def test_bad_issue_date_and_department_code() -> None:
    line2 = LINE2[:29] + "151318" + LINE2[35:]  # month 13
    result = parse_mrz(compose_like(line2), today=TODAY)
    assert "invalid_issue_date" in result.errors
    line2 = LINE2[:35] + "91000A" + LINE2[41:]
    assert "invalid_department_code" in parse_mrz(compose_like(line2), today=TODAY).errors


def compose_like(line2: str) -> list[str]:
    """Recompute the optional and composite check digits of an edited line 2."""
    from borderdesk.domain.mrz import compute_check_digit

    optional = line2[28:42]
    line2 = line2[:42] + str(compute_check_digit(optional)) + line2[43]
    covered = line2[0:10] + line2[13:20] + line2[21:43]
    return [LINE1, line2[:43] + str(compute_check_digit(covered))]


def test_live_checking_does_not_flag_the_missing_expiry() -> None:
    assert line_problems([LINE1, LINE2], today=TODAY) == []
    assert line_problems([LINE1, LINE2[:20]], today=TODAY) == []


def test_kind_label_in_both_languages() -> None:
    i18n.set_language("ru")
    try:
        assert kind_label("ru_internal_passport") == "Паспорт гражданина РФ"
        assert describe("invalid_department_code").startswith("Код подразделения")
    finally:
        i18n.set_language("en")
    assert kind_label("ru_internal_passport") == "Russian internal passport"


RUSSIAN = "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ"
words = st.text(alphabet=RUSSIAN, min_size=1, max_size=9)


@settings(max_examples=60, deadline=None)
@given(
    surname=words,
    given_name=words,
    patronymic=words,
    series=st.from_regex(r"[0-9]{4}", fullmatch=True),
    number=st.from_regex(r"[0-9]{6}", fullmatch=True),
    birth=st.dates(date(1930, 1, 1), date(2010, 12, 31)),
    issued=st.dates(date(1997, 10, 1), date(2026, 11, 27)),
    department=st.from_regex(r"[0-9]{6}", fullmatch=True),
    sex=st.sampled_from("FM"),
)
def test_round_trip(
    surname, given_name, patronymic, series, number, birth, issued, department, sex
):
    assume(issued >= birth)  # an earlier one is implausible (a test of its own below)
    lines = compose_ru_internal_passport(
        surname=surname,
        given_name=given_name,
        patronymic=patronymic,
        series=series,
        number=number,
        birth_date=birth,
        sex=sex,
        issue_date=issued,
        department_code=department,
    )
    result = parse_mrz(lines, today=TODAY)
    assert result.valid, result.errors
    name = result.cyrillic_name
    assert name is not None and name.surname == surname
    assert (name.given_name, name.patronymic) == (given_name, patronymic)
    assert result.internal_passport is not None
    assert result.internal_passport.issue_date == issued
    assert result.document_number == series + number
    assert result.birth_date == PartialDate(birth.year, birth.month, birth.day)


def _passport(*, born: date, issued: date) -> tuple[str, str]:
    return compose_ru_internal_passport(
        surname="Здрилюк", given_name="Сергей", patronymic="Анатольевич", series="3914",
        number="935349", birth_date=born, sex="M", issue_date=issued,
        department_code="910-003",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("born", "issued", "plausible"),
    [
        (date(1972, 7, 23), date(2015, 12, 18), True),
        (date(1952, 1, 1), date(1997, 10, 1), True),  # the first day of the 1997 form
        (date(1952, 1, 1), date(1997, 9, 30), False),  # the day before it
        (date(1972, 7, 23), date(1996, 12, 18), False),  # "96" is read as 1996
        (date(2005, 6, 1), date(2003, 5, 5), False),  # before the holder was born
        (date(2005, 6, 1), date(2005, 6, 1), True),  # the law's age is not this rule's
    ],
)
def test_the_date_of_issue_must_be_plausible(born: date, issued: date, plausible: bool) -> None:
    # Every check digit is right: only the date itself gives the passport away.
    result = parse_mrz(list(_passport(born=born, issued=issued)), today=TODAY)
    assert result.checks_ok
    assert result.internal_passport is not None
    assert result.internal_passport.issue_date == issued
    assert ("implausible_issue_date" not in result.errors) is plausible
    assert result.valid is plausible


def test_the_issue_window_is_the_one_in_the_data() -> None:
    from borderdesk.domain.date_windows import date_window

    window = date_window("document_issue")
    assert window.not_before == date(1997, 10, 1) and window.source
    assert window.earliest(TODAY) == date(1997, 10, 1)
    assert window.latest(TODAY) == date(2026, 11, 28)  # one day ahead: time zones


def test_an_implausible_issue_date_is_said_in_both_languages() -> None:
    i18n.set_language("ru")
    try:
        assert "дата выдачи" in describe("implausible_issue_date").lower()
    finally:
        i18n.set_language("en")
    assert describe("implausible_issue_date").startswith("The date of issue is not plausible")
