"""The ICAO specimens of reference/mrz.md, and single corruptions of them."""

from datetime import date

import pytest

from borderdesk.domain.mrz import parse_mrz
from borderdesk.domain.partial_date import PartialDate

TODAY = date(2026, 11, 27)

TD3 = (
    "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
    "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
)
TD1 = (
    "I<UTOD231458907<<<<<<<<<<<<<<<",
    "7408122F1204159UTO<<<<<<<<<<<6",
    "ERIKSSON<<ANNA<MARIA<<<<<<<<<<",
)
TD2 = (
    "I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<",
    "D231458907UTO7408122F1204159<<<<<<<6",
)
MRVA = (
    "V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
    "L8988901C4XXX4009078F96121096ZE184226B<<<<<<",
)
MRVB = (
    "V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<",
    "L8988901C4XXX4009078F9612109<<<<<<<<",
)

ALL_PASS = {
    "document_number": True,
    "birth_date": True,
    "expiry_date": True,
    "optional_data": True,
    "composite": True,
}


@pytest.mark.parametrize(
    ("lines", "fmt", "doc_type", "number", "nationality", "birth", "expiry", "optional", "checks"),
    [
        (TD3, "TD3", "P", "L898902C3", "UTO", (1974, 8, 12), date(2012, 4, 15), "ZE184226B", {}),
        (TD1, "TD1", "I", "D23145890", "UTO", (1974, 8, 12), date(2012, 4, 15), "",
         {"optional_data": None}),
        (TD2, "TD2", "I", "D23145890", "UTO", (1974, 8, 12), date(2012, 4, 15), "",
         {"optional_data": None}),
        (MRVA, "MRVA", "V", "L8988901C", "XXX", (1940, 9, 7), date(1996, 12, 10), "6ZE184226B",
         {"optional_data": None, "composite": None}),
        (MRVB, "MRVB", "V", "L8988901C", "XXX", (1940, 9, 7), date(1996, 12, 10), "",
         {"optional_data": None, "composite": None}),
    ],
)  # fmt: skip
def test_specimens(lines, fmt, doc_type, number, nationality, birth, expiry, optional, checks):
    result = parse_mrz(lines, today=TODAY)
    assert result.valid, result.errors
    assert result.format == fmt
    assert result.document_type == doc_type
    assert result.issuing_state == "UTO"
    assert result.surname == "ERIKSSON"
    assert result.given_names == "ANNA MARIA"
    assert result.document_number == number
    assert result.nationality == nationality
    assert result.birth_date == PartialDate(*birth)
    assert result.sex == "F"
    assert result.expiry_date == expiry
    assert result.optional_data == optional
    assert result.checks == {**ALL_PASS, **checks}
    assert result.errors == ()
    assert result.warnings == ("expired",)
    assert result.raw == lines


def test_json_dict_keys_and_values():
    data = parse_mrz(TD3, today=TODAY).to_json_dict()
    assert list(data) == [
        "valid", "format", "document_type", "issuing_state", "surname", "given_names",
        "document_number", "nationality", "birth_date", "expiry_date", "sex", "optional_data",
        "checks", "errors", "warnings",
    ]  # fmt: skip
    assert data["birth_date"] == "1974-08-12"
    assert data["expiry_date"] == "2012-04-15"
    assert list(data["checks"]) == list(ALL_PASS)
    assert data["errors"] == [] and data["warnings"] == ["expired"]


def _corrupt(lines, line, position, char):
    changed = list(lines)
    text = changed[line - 1]
    assert text[position - 1] != char
    changed[line - 1] = text[: position - 1] + char + text[position:]
    return changed


# (specimen, line, position, new character, checks that fail, other errors)
CORRUPTIONS = [
    (TD3, 2, 1, "M", {"document_number", "composite"}, set()),
    (TD3, 2, 5, "8", {"document_number", "composite"}, set()),
    (TD3, 2, 10, "7", {"document_number", "composite"}, set()),
    (TD3, 2, 19, "3", {"birth_date", "composite"}, set()),
    (TD3, 2, 20, "3", {"birth_date", "composite"}, set()),
    (TD3, 2, 27, "6", {"expiry_date", "composite"}, set()),
    (TD3, 2, 28, "8", {"expiry_date", "composite"}, set()),
    (TD3, 2, 29, "Y", {"optional_data", "composite"}, set()),
    (TD3, 2, 43, "2", {"optional_data", "composite"}, set()),
    (TD3, 2, 44, "1", {"composite"}, set()),
    (TD3, 2, 13, "A", set(), {"unknown_nationality"}),
    (TD3, 2, 21, "Q", set(), {"invalid_sex"}),
    (TD3, 2, 21, "M", set(), set()),  # the sex has no check digit
    (TD3, 1, 5, "A", set(), {"unknown_issuing_state"}),
    (TD3, 1, 6, "A", set(), set()),  # nor has the name
    (TD3, 2, 16, "2", {"birth_date", "composite"}, {"invalid_birth_date"}),
    (TD1, 1, 6, "E", {"document_number", "composite"}, set()),
    (TD1, 1, 15, "8", {"document_number", "composite"}, set()),
    (TD1, 1, 20, "1", {"composite"}, set()),
    (TD1, 2, 6, "3", {"birth_date", "composite"}, set()),
    (TD1, 2, 14, "6", {"expiry_date", "composite"}, set()),
    (TD1, 2, 20, "1", {"composite"}, set()),
    (TD1, 2, 30, "7", {"composite"}, set()),
    (TD2, 2, 2, "3", {"document_number", "composite"}, set()),
    (TD2, 2, 19, "3", {"birth_date", "composite"}, set()),
    (TD2, 2, 27, "6", {"expiry_date", "composite"}, set()),
    (TD2, 2, 30, "1", {"composite"}, set()),
    (TD2, 2, 36, "7", {"composite"}, set()),
    (MRVA, 2, 1, "M", {"document_number"}, set()),
    (MRVA, 2, 19, "8", {"birth_date"}, set()),
    (MRVA, 2, 27, "1", {"expiry_date"}, set()),
    (MRVA, 2, 30, "X", set(), set()),  # a visa's optional data has no check digit
    (MRVB, 2, 2, "9", {"document_number"}, set()),
    (MRVB, 2, 28, "1", {"expiry_date"}, set()),
]


@pytest.mark.parametrize(("lines", "line", "position", "char", "failing", "other"), CORRUPTIONS)
def test_single_corruption_names_exactly_the_failing_checks(
    lines, line, position, char, failing, other
):
    result = parse_mrz(_corrupt(lines, line, position, char), today=TODAY)
    failed = {name for name, ok in result.checks.items() if ok is False}
    assert failed == failing
    assert set(result.errors) == {f"check_digit_{name}" for name in failing} | other
    assert result.valid == (not failing and not other)


def test_a_letter_ten_apart_is_not_detected():
    # A known limit of the 7-3-1 scheme: '0' and 'A' (value 10) weigh the same mod 10.
    result = parse_mrz(_corrupt(TD3, 2, 8, "M"), today=TODAY)  # 'C' (12) -> 'M' (22)
    assert result.valid
    assert result.document_number == "L898902M3"
