"""Fuzzy name scores on top of the search keys."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from borderdesk.domain.names import (
    FUZZY_THRESHOLD,
    NameMatch,
    full_name_key,
    key_similarity,
    match_score,
    name_similarity,
)

NAME_TEXT = st.text(alphabet="АБВЕЖИЙКЛНОСХЦЩЮЯabdehiknosuvyz -", max_size=25)


def test_same_name_in_two_scripts_scores_100() -> None:
    assert name_similarity("Щербаков Александр", "SCHERBAKOV ALEKSANDR") == 100.0


def test_word_order_does_not_matter() -> None:
    assert name_similarity("Иванов Иван", "IVAN IVANOV") == 100.0


def test_missing_middle_name_or_patronymic_costs_little() -> None:
    score = name_similarity("Цой Виктор Робертович", "TSOY VIKTOR")
    assert FUZZY_THRESHOLD <= score < 100.0


def test_different_names_score_low() -> None:
    assert name_similarity("Иванов Иван", "Петров Сергей") < 50.0
    assert name_similarity("Ким", "Ли") < FUZZY_THRESHOLD
    assert name_similarity("Иванов Иван", "Петров Иван") < FUZZY_THRESHOLD


def test_empty_names_score_zero() -> None:
    assert name_similarity("", "Иванов") == 0.0
    assert name_similarity("", "") == 0.0


def test_key_similarity_on_stored_keys() -> None:
    stored = full_name_key("Щербаков", "Александр")
    query = full_name_key("SHERBAKOV", "ALEXANDER")
    assert FUZZY_THRESHOLD <= key_similarity(query, stored) < 100.0


@given(NAME_TEXT, NAME_TEXT)
def test_score_is_symmetric_and_in_range(a: str, b: str) -> None:
    score = name_similarity(a, b)
    assert 0.0 <= score <= 100.0
    assert score == name_similarity(b, a)


@given(NAME_TEXT)
def test_a_name_matches_itself(a: str) -> None:
    assert name_similarity(a, a) == (100.0 if a.strip(" -") else 0.0)


def test_match_exact() -> None:
    match = match_score("Иванов", "Иван", "IVANOV", "IVAN")
    assert match == NameMatch(100.0, ("surname_key_equal", "given_key_equal"))
    assert match


def test_match_fuzzy_surname_and_given() -> None:
    match = match_score("Щербаков", "Александр", "SHERBAKOV", "ALEXANDER")
    assert match.reasons == ("surname_fuzzy", "given_fuzzy")
    assert FUZZY_THRESHOLD <= match.score < 100.0


@pytest.mark.parametrize("initials", ["И.", "И. П.", "I", "и.п."])
def test_match_initials(initials: str) -> None:
    match = match_score("Иванов", initials, "IVANOV", "IVAN PETROVICH")
    assert match.reasons == ("surname_key_equal", "given_initial")
    assert FUZZY_THRESHOLD <= match.score < 100.0


def test_initial_of_a_two_letter_transliteration() -> None:
    assert match_score("Юсупова", "Ю.", "IUSUPOVA", "IULIIA").reasons[1] == "given_initial"
    assert match_score("Юсупова", "Y.", "Юсупова", "Юлия").reasons[1] == "given_initial"


def test_initial_that_does_not_fit() -> None:
    match = match_score("Иванов", "А.", "IVANOV", "IVAN")
    assert match.reasons == ("surname_key_equal", "given_mismatch")
    assert not match


def test_patronymic_on_one_side_only() -> None:
    match = match_score("Иванов", "Иван Петрович", "IVANOV", "IVAN")
    assert match.reasons == ("surname_key_equal", "given_fuzzy")
    assert match.score >= 95.0


def test_given_names_unknown_on_one_side() -> None:
    assert match_score("Иванов", "", "IVANOV", "IVAN") == NameMatch(
        100.0, ("surname_key_equal", "given_missing")
    )
    assert match_score("Иванов", "Иван", "IVANOV", "").reasons == (
        "surname_key_equal",
        "given_missing",
    )


def test_surname_unknown_in_the_query() -> None:
    match = match_score("", "Иван", "IVANOV", "IVAN")
    assert match.reasons == ("surname_missing", "given_key_equal")
    assert not match


def test_other_surname_same_given_name_is_no_match() -> None:
    match = match_score("Иванов", "Иван", "PETROV", "IVAN")
    assert match.reasons == ("surname_mismatch", "given_key_equal")
    assert not match


def test_names_entered_the_wrong_way_round() -> None:
    match = match_score("Иван", "Иванов", "IVANOV", "IVAN")
    assert "names_swapped" in match.reasons
    assert FUZZY_THRESHOLD <= match.score < 100.0
