"""National variants: personal numbers of Central Asian cards, long Belgian numbers,
formats BorderDesk refuses, and validity kept apart from the check digits."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from borderdesk import i18n
from borderdesk.domain.mrz import MrzUnreadable, MrzUnsupported, describe, line_problems, parse_mrz
from borderdesk.domain.mrz.compose import compose_td1, compose_td3
from borderdesk.domain.mrz.personal_numbers import number_schemes

TODAY = date(2026, 11, 27)
BIRTH = date(1985, 7, 23)
EXPIRY = date(2031, 3, 1)


@pytest.fixture(autouse=True)
def _english():
    i18n.set_language("en")


@pytest.mark.parametrize(
    ("state", "number", "label_en", "label_ru"),
    [
        ("KAZ", "850723300125", "IIN", "ИИН"),
        ("KGZ", "22307198500123", "PIN", "ПИН"),
        ("UZB", "32307850170012", "PINFL", "ПИНФЛ"),
        ("TJK", "0123456789", "Personal number", "Личный номер"),
    ],
)
def test_td1_id_card_personal_number(state, number, label_en, label_ru):
    lines = compose_td1(
        surname="ABENOV",
        given_names="ASKAR",
        document_number="045123987",
        nationality=state,
        birth_date=BIRTH,
        sex="M",
        expiry_date=EXPIRY,
        optional_data1=number,
        document_code="ID",
    )
    result = parse_mrz(lines, today=TODAY)
    assert result.valid, result.errors
    assert result.document_kind == "id_card"
    found = result.personal_number
    assert found is not None and found.value == number
    assert found.label_in("en") == label_en and found.label_in("ru") == label_ru
    assert result.facts_json_dict()["personal_number"] == number


def test_kazakh_passport_carries_the_iin_in_the_personal_number_field():
    lines = compose_td3(
        surname="ABENOV",
        given_names="ASKAR",
        document_number="N12345678",
        nationality="KAZ",
        birth_date=BIRTH,
        sex="M",
        expiry_date=EXPIRY,
        personal_number="850723300125",
    )
    result = parse_mrz(lines, today=TODAY)
    assert result.valid and result.document_kind == "passport"
    assert result.personal_number is not None
    assert result.personal_number.value == "850723300125"
    assert result.personal_number.scheme == "KAZ-IIN"


def test_no_personal_number_where_the_state_has_none_on_file_or_it_does_not_fit():
    common = dict(
        surname="ABENOV", document_number="045123987", birth_date=BIRTH, sex="M",
        expiry_date=EXPIRY, document_code="ID",
    )  # fmt: skip
    other_state = compose_td1(nationality="FIN", optional_data1="850723300125", **common)
    assert parse_mrz(other_state, today=TODAY).personal_number is None
    too_short = compose_td1(nationality="KAZ", optional_data1="85072330012", **common)
    assert parse_mrz(too_short, today=TODAY).personal_number is None


def test_every_scheme_names_its_source_in_both_languages():
    schemes = number_schemes()
    assert {s.issuing_state for s in schemes} >= {"KAZ", "KGZ", "UZB", "TJK"}
    for scheme in schemes:
        assert scheme.source["en"] and scheme.source["ru"]
        assert scheme.label["en"] and scheme.label["ru"]


# A real Belgian identity card (published specimen): its 12-character number's check
# digit is computed over "000590240<601", the filler included.
BELGIAN = (
    "IDBEL000590240<6013<<<<<<<<<<<",
    "8512017F1311048BEL851201002007",
    "REINARTZ<<ULRIKE<KATIA<E<<<<<<",
)


def test_belgian_card_validates_with_a_note_on_the_reading():
    result = parse_mrz(BELGIAN, today=date(2012, 1, 1))
    assert result.valid, result.errors
    assert result.checks["document_number"] is True and result.checks_ok
    assert result.document_number == "000590240601"
    assert result.number_reading == "filler_included"
    assert result.notes == ("number_check_filler_included",)
    assert "filler" in describe("number_check_filler_included")
    assert result.surname == "REINARTZ" and result.given_names == "ULRIKE KATIA E"
    assert result.optional_data == "85120100200"
    assert line_problems(BELGIAN, today=date(2012, 1, 1)) == []


def test_doc9303_long_number_reads_the_standard_way():
    lines = compose_td1(
        surname="SILVA", document_number="000590240601", nationality="PRT",
        birth_date=BIRTH, sex="F", expiry_date=EXPIRY,
    )  # fmt: skip
    result = parse_mrz(lines, today=TODAY)
    assert result.valid and result.number_reading == "standard" and result.notes == ()


def test_a_long_number_that_fits_neither_reading_fails():
    wrong = (BELGIAN[0].replace("6013", "6017"), *BELGIAN[1:])
    result = parse_mrz(wrong, today=date(2012, 1, 1))
    assert "check_digit_document_number" in result.errors
    assert result.number_reading is None


# The French national identity card of 1988-2021: 2 x 36 characters, not a TD2.
FRENCH = (
    "IDFRABERTHIER<<<<<<<<<<<<<<<<<<<<<<<",
    "9409923102854CORINNE<<<<<<<6512068F6",
)
DRIVING_LICENCE = ("D1NLD15094962111659VV7K3V8H65<",)


@pytest.mark.parametrize(
    ("lines", "code"), [(FRENCH, "fr_national_id_1988"), (DRIVING_LICENCE, "driving_licence")]
)
def test_unsupported_formats_are_refused_not_misread(lines, code):
    with pytest.raises(MrzUnsupported) as info:
        parse_mrz(lines, today=TODAY)
    assert info.value.code == "unsupported_format"
    assert info.value.format.code == code
    assert str(info.value).startswith("unsupported format: ")
    assert isinstance(info.value, MrzUnreadable)  # an InputError: exit code 2 on the CLI
    assert line_problems(lines, today=TODAY) == [(1, None, "unsupported_format")]


def test_unsupported_message_in_russian():
    i18n.set_language("ru")
    try:
        with pytest.raises(MrzUnsupported) as info:
            parse_mrz(FRENCH, today=TODAY)
        assert str(info.value).startswith("неподдерживаемый формат: ")
        assert "Франции" in str(info.value)
    finally:
        i18n.set_language("en")


def test_a_genuine_td2_still_reads():
    result = parse_mrz(
        ("I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<", "D231458907UTO7408122F1204159<<<<<<<6"),
        today=TODAY,
    )
    assert result.format == "TD2" and result.valid


def test_expired_document_keeps_its_check_digits_apart():
    lines = (
        "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
        "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
    )
    result = parse_mrz(lines, today=TODAY)
    assert result.checks_ok and result.valid  # MRZ: check digits correct
    assert result.expired and "expired" in result.warnings  # document: expired
    assert result.expiry_date == date(2012, 4, 15)
    assert result.document_valid_on(date(2012, 4, 15)) is True
    assert result.document_valid_on(date(2012, 4, 16)) is False
    facts = result.facts_json_dict()
    assert facts["checks_ok"] is True and facts["document_valid"] is False
    assert facts["expired"] is True and facts["document_kind"] == "passport"


def test_an_unreadable_expiry_is_unknown_validity_not_valid():
    lines = compose_td3(
        surname="X", document_number="1", nationality="RUS", birth_date=BIRTH, sex="M",
        expiry_date=EXPIRY,
    )  # fmt: skip
    line2 = lines[1][:23] + "13" + lines[1][25:]  # month 13 of the expiry
    result = parse_mrz([lines[0], line2], today=TODAY)
    assert "invalid_expiry_date" in result.errors
    assert result.document_valid_on(TODAY) is None and not result.expired


def _filler_included(lines: tuple[str, ...]) -> tuple[str, ...]:
    """Recompute a long number's check digit the Belgian way, and the composite after it."""
    from borderdesk.domain.mrz import compute_check_digit

    line1, line2, line3 = lines
    tail_end = line1.index("<", 15)  # the tail and its check digit end at the next filler
    printed = line1[5 : tail_end - 1]  # principal part, '<', tail
    line1 = line1[: tail_end - 1] + str(compute_check_digit(printed)) + line1[tail_end:]
    covered = line1[5:30] + line2[0:7] + line2[8:15] + line2[18:29]
    return line1, line2[:29] + str(compute_check_digit(covered)), line3


@settings(max_examples=80, deadline=None)
@given(number=st.from_regex(r"[0-9A-Z]{10,14}", fullmatch=True))
def test_long_numbers_validate_under_either_reading(number):
    lines = compose_td1(
        surname="PEETERS", document_number=number, nationality="BEL",
        birth_date=BIRTH, sex="F", expiry_date=EXPIRY,
    )  # fmt: skip
    standard = parse_mrz(lines, today=TODAY)
    assert standard.valid and standard.number_reading == "standard"
    assert standard.document_number == number
    belgian = parse_mrz(_filler_included(lines), today=TODAY)
    assert belgian.valid and belgian.document_number == number
    # Where both computations give the same digit, the standard reading is named.
    expected = "standard" if _filler_included(lines) == lines else "filler_included"
    assert belgian.number_reading == expected
    assert belgian.notes == (() if expected == "standard" else ("number_check_filler_included",))


def test_an_iin_that_does_not_begin_with_the_birth_date_is_a_warning():
    common = dict(
        surname="ABENOV", document_number="045123987", nationality="KAZ", sex="M",
        expiry_date=EXPIRY, optional_data1="850723300125", document_code="ID",
    )  # fmt: skip
    matching = parse_mrz(compose_td1(birth_date=BIRTH, **common), today=TODAY)
    assert "personal_number_birth_date_mismatch" not in matching.warnings
    other = parse_mrz(compose_td1(birth_date=date(1985, 7, 24), **common), today=TODAY)
    assert other.valid  # a warning for the officer, not a broken MRZ
    assert other.warnings == ("personal_number_birth_date_mismatch",)
    assert "date of birth" in describe("personal_number_birth_date_mismatch")
