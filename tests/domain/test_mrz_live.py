"""line_problems(): live checking of a half-typed MRZ."""

from datetime import date

from borderdesk.domain.mrz import line_problems

TODAY = date(2026, 11, 27)
L1 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<"
L2 = "L898902C36UTO7408122F1204159ZE184226B<<<<<10"
TD1 = (
    "I<UTOD231458907<<<<<<<<<<<<<<<",
    "7408122F1204159UTO<<<<<<<<<<<6",
    "ERIKSSON<<ANNA<MARIA<<<<<<<<<<",
)


def test_valid_input_has_no_problems_at_any_stage():
    for end in range(len(L1) + 1):
        assert line_problems([L1[:end]], today=TODAY) == []
    for end in range(len(L2) + 1):
        assert line_problems([L1, L2[:end]], today=TODAY) == []
    text = "\n".join(TD1)
    for end in range(len(text) + 1):
        assert line_problems(text[:end], today=TODAY) == []


def test_check_digit_flagged_as_soon_as_typed():
    wrong = L2[:9] + "7"
    assert line_problems([L1, wrong], today=TODAY) == [(2, 10, "check_digit_document_number")]
    assert line_problems([L1, L2[:19] + "3"], today=TODAY) == [(2, 20, "check_digit_birth_date")]
    assert line_problems([L1, L2[:43] + "1"], today=TODAY) == [(2, 44, "check_digit_composite")]


def test_bad_characters_and_fields():
    problems = line_problems([L1, L2[:13] + "741312" + "*"], today=TODAY)
    assert (2, 14, "invalid_birth_date") in problems
    assert (2, 20, "bad_character") in problems
    assert line_problems([L1, L2[:20] + "Q"], today=TODAY) == [(2, 21, "invalid_sex")]
    assert line_problems(["P<QQQ"], today=TODAY) == [(1, 3, "unknown_issuing_state")]


def test_lengths_and_line_count():
    assert line_problems([L1 + "<", L2], today=TODAY) == [(1, 45, "line_too_long")]
    assert line_problems([L1[:40], "L"], today=TODAY) == [(1, None, "line_length")]
    assert line_problems([*TD1, "X"], today=TODAY) == [(4, None, "too_many_lines")]
    assert line_problems(["I<UTO", "7"], today=TODAY) == [(1, None, "line_length")]


def test_td1_long_number_checked_in_optional_field():
    good = "I<UTOD23145890<7349<ABC<<<<<<<"
    assert line_problems([good[:20]], today=TODAY) == []  # one line: TD1 or TD2 unknown yet
    assert line_problems([good, "7"], today=TODAY) == []
    bad = good.replace("7349", "7348")
    assert line_problems([bad, "7"], today=TODAY) == [(1, 19, "check_digit_document_number")]


def test_never_raises_on_rubbish():
    for text in ("", "\n\n", "ЙЦУКЕН", "<" * 100, "a\nb\nc\nd\ne", "P" * 44 + "\n" + "1" * 50):
        line_problems(text, today=TODAY)
