"""Input as officers give it, and input that is no MRZ at all."""

from datetime import date

import pytest

from borderdesk.domain.mrz import MrzUnreadable, parse_mrz
from borderdesk.errors import InputError
from borderdesk.i18n import set_language

TODAY = date(2026, 11, 27)
L1 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<"
L2 = "L898902C36UTO7408122F1204159ZE184226B<<<<<10"


@pytest.mark.parametrize(
    "given",
    [
        [L1, L2],
        (L1, L2),
        f"{L1}\n{L2}",
        f"{L1}\r\n{L2}\r\n",
        f"\n  {L1}  \n\n\t{L2}\t\n\n",
        [f"{L1}\n{L2}"],
        [L1.lower(), L2.lower()],
        [L1[:10] + " " + L1[10:], " ".join(L2[i : i + 4] for i in range(0, 44, 4))],
        [L1, "", L2, "   "],
    ],
)
def test_officer_input_is_cleaned(given):
    result = parse_mrz(given, today=TODAY)
    assert result.valid
    assert result.raw == (L1, L2)
    assert result.document_number == "L898902C3"


def _unreadable(given) -> MrzUnreadable:
    with pytest.raises(MrzUnreadable) as info:
        parse_mrz(given, today=TODAY)
    assert isinstance(info.value, InputError)
    assert info.value.exit_code == 2
    assert "\n" not in str(info.value)
    return info.value


def test_bad_character_names_line_and_position():
    error = _unreadable([L1, L2[:20] + "*" + L2[21:]])
    assert (error.line, error.position, error.code) == (2, 21, "bad_character")
    set_language("en")
    error = _unreadable([L1, L2[:20] + "*" + L2[21:]])
    assert str(error) == "Line 2, position 21: character '*' is not allowed in an MRZ."


def test_position_counts_the_cleaned_line():
    error = _unreadable([L1, "L898 902C36UTO7408122F1204159ZE184226B<<<<<1#"])
    assert (error.line, error.position) == (2, 44)


def test_cyrillic_hints_at_the_keyboard_layout():
    set_language("en")
    error = _unreadable(["З<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", L2])
    assert (error.line, error.position) == (1, 1)
    assert "keyboard layout" in str(error)


def test_control_character_is_shown_as_code_point():
    set_language("en")
    error = _unreadable([L1, L2[:5] + "\x00" + L2[6:]])
    assert "U+0000" in str(error)


@pytest.mark.parametrize(
    ("given", "code", "line"),
    [
        ([], "no_lines", None),
        ("", "no_lines", None),
        (" \n\t\n", "no_lines", None),
        ([L1], "line_count", None),
        ([L1, L2, L2, L2], "line_count", None),
        ([L1, L2[:-1]], "line_length", 2),
        ([L1, L2 + "<"], "line_length", 2),
        ([L1[:40], L2], "line_length", 1),
        ([L1[:36], L2], "line_length", 2),
        (["I<UTOD231458907<<<<<<<<<<<<<<<", "7408122F1204159UTO<<<<<<<<<<<6", "ERIKSSON"],
         "line_length", 3),
    ],
)  # fmt: skip
def test_wrong_shape_is_unreadable(given, code, line):
    error = _unreadable(given)
    assert (error.code, error.line, error.position) == (code, line, None)


def test_length_message_in_english():
    set_language("en")
    error = _unreadable([L1, L2[:-1]])
    assert str(error) == "Line 2 has 43 characters; expected 44."
