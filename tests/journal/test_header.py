from __future__ import annotations

import pytest

from borderdesk.errors import InputError
from borderdesk.journal.header import read_layout


def rows(*lines):
    return iter(enumerate(lines, start=1))


def test_headings_in_either_language_any_order_case_and_spacing():
    layout = read_layout(
        rows(
            [],
            [" SURNAME ", "Дата\nпоступления", "requesting state", "Given_Names", "№ П/П"],
            ["Иванов", "12.03.2019", "FI", "Пётр", "1"],
        ),
        name="j.csv",
    )
    assert layout.header_row == 2
    assert layout.positions == {
        "surname": 0,
        "received": 1,
        "requesting_state": 2,
        "given_names": 3,
        "no": 4,
    }
    assert layout.letter("no") == "E"


def test_unknown_headings_are_ignored_and_listed():
    layout = read_layout(
        rows(["Фамилия", "Подпись", "Дата поступления", "", "Запрашивающее государство"]),
        name="j.csv",
    )
    assert layout.ignored == (("B", "Подпись"),)
    assert set(layout.positions) == {"surname", "received", "requesting_state"}


def test_a_missing_required_column_stops_at_the_heading_row(english):
    with pytest.raises(InputError, match=r"j.csv, row 1: .*'received' is missing"):
        read_layout(rows(["Фамилия", "requesting_state"]), name="j.csv")


def test_a_column_named_twice_is_refused(english):
    with pytest.raises(InputError, match=r"named twice \(A and D\)"):
        read_layout(rows(["Фамилия", "received", "requesting_state", "surname"]), name="j.csv")


def test_an_empty_file_is_refused(english):
    with pytest.raises(InputError, match="no row names the columns"):
        read_layout(rows([], [""]), name="j.csv")


def test_a_merged_title_is_skipped_and_a_two_row_heading_read_as_one():
    merged = [((0, 1), (0, 5)), ((1, 1), (2, 1)), ((1, 2), (2, 2)), ((1, 3), (1, 4))]
    layout = read_layout(
        rows(
            ["Журнал 2019", "", "", "", ""],
            ["Фамилия", "Дата поступления", "Решение", "", "Запрашивающее государство"],
            ["", "", "Решение", "Дата решения", ""],
            ["Иванов", "12.03.2019", "принято", "02.04.2019", "FI"],
        ),
        name="j.xlsx",
        first_column=1,
        merged=[*merged, ((1, 5), (2, 5))],
    )
    assert layout.header_row == 3
    assert layout.positions["decision"] == 2
    assert layout.positions["decision_date"] == 3
    assert layout.letter("surname") == "B"
