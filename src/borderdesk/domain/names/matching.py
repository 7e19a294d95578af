"""How alike two names are, 0..100, after both are reduced to their search keys.

Keys already make the known transliteration alternations equal; the fuzzy score
(rapidfuzz) takes care of what is left: a letter more or less (ALEXANDER,
ALEKSANDR), a spelling no rule covers (LUBOV, LIUBOV), words in another order, a
middle name or patronymic on one side only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from borderdesk.domain.names.keys import search_key

# Scores at or above this mean "probably the same name" (a watchlist hit to show,
# a search result worth listing). The spelling-pair table in the tests holds it.
FUZZY_THRESHOLD = 80.0

# Weights of the parts of a full-name score.
_SURNAME_WEIGHT = 0.6
_GIVEN_WEIGHT = 0.4
# Extra words on one side (middle name, patronymic) cost a little, not a match.
_SUBSET_WEIGHT = 0.85
# An initial that fits is weaker evidence than a name that fits.
_INITIAL_SCORE = 90.0
# Surname and given names entered in each other's field.
_SWAPPED_FACTOR = 0.9

_INITIALS = re.compile(r"[^\W\d_]+", re.UNICODE)


@lru_cache(maxsize=16384)
def _key(text: str) -> str:
    return search_key(text)


def key_similarity(key_a: str, key_b: str) -> float:
    """Similarity of two search keys (one or more words each), 0..100.

    Words in a different order score as in the same order; words on one side only
    (a middle name) cost a little. For re-ranking rows whose key is already stored.
    """
    if not key_a or not key_b:
        return 0.0
    if key_a == key_b:
        return 100.0
    if " " not in key_a and " " not in key_b:
        return float(fuzz.ratio(key_a, key_b))
    in_any_order = fuzz.token_sort_ratio(key_a, key_b)
    common_words = fuzz.token_set_ratio(key_a, key_b)
    return float(
        max(in_any_order, _SUBSET_WEIGHT * common_words + (1 - _SUBSET_WEIGHT) * in_any_order)
    )


def name_similarity(a: str, b: str) -> float:
    """Similarity of two names written in any script, 0..100 (100: same search key)."""
    return key_similarity(_key(a), _key(b))


@dataclass(frozen=True)
class NameMatch:
    """A candidate's score against a query, 0..100, and why (short codes, for display)."""

    score: float
    reasons: tuple[str, ...]

    def __bool__(self) -> bool:
        return self.score >= FUZZY_THRESHOLD


def _initials(text: str) -> list[str] | None:
    """The query's given names if every word is a single letter ("И. П.", "I P"), else None."""
    words = _INITIALS.findall(text)
    if words and all(len(word) == 1 for word in words):
        return words
    return None


def _initials_fit(initials: list[str], cand_given_key: str) -> bool:
    words = cand_given_key.split()
    if len(initials) > len(words):
        return False
    return all(
        word.startswith(_key(initial)) for initial, word in zip(initials, words, strict=False)
    )


def _given_score(query_given: str, cand_given: str) -> tuple[float | None, str]:
    query_key, cand_key = _key(query_given), _key(cand_given)
    if not query_key or not cand_key:
        return None, "given_missing"
    initials = _initials(query_given) or _initials(cand_given)
    if initials is not None:
        full_key = cand_key if _initials(query_given) else query_key
        if _initials_fit(initials, full_key):
            return _INITIAL_SCORE, "given_initial"
        return 0.0, "given_mismatch"
    if query_key == cand_key:
        return 100.0, "given_key_equal"
    score = key_similarity(query_key, cand_key)
    return score, "given_fuzzy" if score >= FUZZY_THRESHOLD else "given_mismatch"


def _surname_score(query_surname: str, cand_surname: str) -> tuple[float, str]:
    query_key, cand_key = _key(query_surname), _key(cand_surname)
    if not query_key or not cand_key:
        return 0.0, "surname_missing"
    if query_key == cand_key:
        return 100.0, "surname_key_equal"
    score = key_similarity(query_key, cand_key)
    return score, "surname_fuzzy" if score >= FUZZY_THRESHOLD else "surname_mismatch"


def _combine(surname: tuple[float, str], given: tuple[float | None, str]) -> NameMatch:
    surname_score, surname_reason = surname
    given_score, given_reason = given
    if given_score is None:
        return NameMatch(round(surname_score, 1), (surname_reason, given_reason))
    score = _SURNAME_WEIGHT * surname_score + _GIVEN_WEIGHT * given_score
    return NameMatch(round(score, 1), (surname_reason, given_reason))


def match_score(
    query_surname: str, query_given: str, cand_surname: str, cand_given: str
) -> NameMatch:
    """Score a candidate person's name against a query, with the reasons.

    Reasons: ``surname_key_equal`` / ``surname_fuzzy`` / ``surname_mismatch`` /
    ``surname_missing`` (scores 0 for the surname);
    ``given_key_equal`` / ``given_fuzzy`` / ``given_initial`` / ``given_mismatch`` /
    ``given_missing`` (either side has none; the surname alone decides); and
    ``names_swapped`` when surname and given names fit the other way round.
    A middle name or patronymic on one side only costs little.
    """
    direct = _combine(
        _surname_score(query_surname, cand_surname), _given_score(query_given, cand_given)
    )
    if not query_given or not cand_given or direct.score >= 100.0:
        return direct
    swapped = _combine(
        _surname_score(query_surname, cand_given), _given_score(query_given, cand_surname)
    )
    swapped_score = round(swapped.score * _SWAPPED_FACTOR, 1)
    if swapped_score > direct.score:
        return NameMatch(swapped_score, (*swapped.reasons, "names_swapped"))
    return direct
