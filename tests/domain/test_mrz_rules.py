"""Dates, ages, names, long document numbers and the other rules beyond the specimens."""

from datetime import date, timedelta

import pytest

from borderdesk.domain.mrz import describe, parse_mrz
from borderdesk.domain.mrz.compose import compose_td1, compose_td2, compose_td3
from borderdesk.domain.mrz.messages import ERROR_CODES, WARNING_CODES
from borderdesk.domain.mrz.policy import policy
from borderdesk.domain.partial_date import PartialDate
from borderdesk.i18n import set_language

TODAY = date(2026, 11, 27)


def _td3(**fields):
    base = dict(
        surname="IVANOV",
        given_names="PETR",
        document_number="751234567",
        nationality="RUS",
        birth_date=date(1980, 5, 17),
        sex="M",
        expiry_date=date(2030, 1, 1),
    )
    return parse_mrz(compose_td3(**{**base, **fields}), today=TODAY)


def test_policy_numbers_come_from_the_resource_file():
    assert policy().expires_soon_days == 30
    assert policy().adult_age_years == 18


def test_expiry_warnings():
    assert _td3(expiry_date=TODAY - timedelta(days=1)).warnings == ("expired",)
    assert _td3(expiry_date=TODAY).warnings == ("expires_soon",)
    assert _td3(expiry_date=TODAY + timedelta(days=30)).warnings == ("expires_soon",)
    assert _td3(expiry_date=TODAY + timedelta(days=31)).warnings == ()


def test_under_18():
    assert _td3(birth_date=date(2008, 11, 28)).warnings == ("under_18",)
    assert _td3(birth_date=date(2008, 11, 27)).warnings == ()
    # unknown day: the holder may still be 17, so warn
    result = _td3(birth_date=PartialDate(2008, 11))
    assert result.warnings == ("birth_date_partial", "under_18")
    assert result.valid


def test_partial_birth_date():
    result = _td3(birth_date=PartialDate(1974))
    assert result.raw[1][13:20] == "74<<<<1"
    assert result.birth_date == PartialDate(1974)
    assert result.warnings == ("birth_date_partial",)
    assert result.to_json_dict()["birth_date"] is None
    assert result.valid
    unknown = _td3(birth_date=None)
    assert unknown.birth_date is None and unknown.warnings == ("birth_date_partial",)


def test_invalid_dates_are_errors_not_unreadable():
    line1, line2 = compose_td3(
        surname="X", document_number="1", nationality="RUS",
        birth_date=date(1980, 5, 17), sex="M", expiry_date=date(2030, 1, 1),
    )  # fmt: skip
    result = parse_mrz([line1, line2[:13] + "801317" + line2[19:]], today=TODAY)
    assert "invalid_birth_date" in result.errors
    assert result.birth_date is None
    result = parse_mrz([line1, line2[:21] + "300231" + line2[27:]], today=TODAY)
    assert "invalid_expiry_date" in result.errors
    assert result.expiry_date is None


def test_sex_filler_reads_as_x():
    assert _td3(sex="<").sex == "X"
    assert _td3(sex="X").sex == "X"


def test_germany_d_and_unknown_codes():
    result = _td3(nationality="D", issuing_state="D")
    assert result.valid
    assert (result.nationality, result.issuing_state) == ("D", "D")
    result = _td3(nationality="QQQ", issuing_state="QQW")
    assert result.errors == ("unknown_issuing_state", "unknown_nationality")
    # The European Union issues laissez-passer under its Doc 9303 code EUE.
    assert _td3(nationality="DEU", issuing_state="EUE").valid


def test_names():
    result = _td3(surname="VAN DER BERG", given_names="ANNA-MARIA")
    assert result.raw[0][5:30] == "VAN<DER<BERG<<ANNA<MARIA<"
    assert (result.surname, result.given_names) == ("VAN DER BERG", "ANNA MARIA")
    only = _td3(surname="MADONNA", given_names="")
    assert (only.surname, only.given_names) == ("MADONNA", "")
    apostrophe = _td3(surname="O'NEILL")
    assert apostrophe.surname == "ONEILL"


def test_td1_long_document_number():
    lines = compose_td1(
        surname="ERIKSSON", given_names="ANNA", document_number="D23145890734",
        nationality="UTO", birth_date=date(1974, 8, 12), sex="F",
        expiry_date=date(2030, 4, 15), optional_data1="ABC",
    )  # fmt: skip
    assert lines[0] == "I<UTOD23145890<7349<ABC<<<<<<<"
    result = parse_mrz(lines, today=TODAY)
    assert result.valid, result.errors
    assert result.document_number == "D23145890734"
    assert result.optional_data == "ABC"
    assert result.checks["document_number"] is True
    bad = parse_mrz([lines[0].replace("7349", "7348"), *lines[1:]], today=TODAY)
    assert bad.checks["document_number"] is False
    broken = parse_mrz([lines[0][:15] + "<" * 15, *lines[1:]], today=TODAY)
    assert broken.checks["document_number"] is False


def test_td2_long_document_number():
    lines = compose_td2(
        surname="ERIKSSON", document_number="D231458907X", nationality="UTO",
        birth_date=date(1974, 8, 12), sex="F", expiry_date=date(2030, 4, 15),
    )  # fmt: skip
    result = parse_mrz(lines, today=TODAY)
    assert result.valid, result.errors
    assert result.document_number == "D231458907X"
    assert result.optional_data == ""


def test_personal_number_filler_check():
    line1, line2 = compose_td3(
        surname="X", document_number="1", nationality="RUS",
        birth_date=date(1980, 5, 17), sex="M", expiry_date=date(2030, 1, 1),
    )  # fmt: skip
    assert line2[42] == "0"
    from borderdesk.domain.mrz.checkdigit import compute_check_digit

    body = line2[:42] + "<"
    composite = compute_check_digit(body[0:10] + body[13:20] + body[21:43])
    result = parse_mrz([line1, f"{body}{composite}"], today=TODAY)
    assert result.checks["optional_data"] is True and result.valid


def test_every_code_has_a_message():
    set_language("en")
    for code in ERROR_CODES + WARNING_CODES:
        assert describe(code) != code
    assert describe("expires_soon") == "The document expires within 30 days."
    assert describe("under_18") == "The holder is under 18 years old."
    assert describe("no_such_code") == "no_such_code"


@pytest.mark.parametrize("code", ["bad_character", "line_too_long", "line_length"])
def test_live_codes_have_messages(code):
    assert describe(code) != code
