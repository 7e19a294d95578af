"""Surname and given names compared on their own, each with what made them fit.

Pure functions of the texts, cached: a watchlist or a population repeats its
names, so most comparisons are answered from the cache.

Keys (``keys.search_key``) decide first: equal keys are the rule table's meeting.
Then the consonant skeleton (``skeleton``): equal skeletons are another system of
spelling (SHERBAKOV, SHCHERBAKOV; JUSUPOV, IUSUPOV). Then rapidfuzz on the keys
for a typo. Given names are compared word by word in any order, a patronymic or a
second given name on one side only costs nothing, and MD / MOHD count as Muhammad.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

from borderdesk.domain.names.keys import latin_words
from borderdesk.domain.names.keys import search_key as _search_key
from borderdesk.domain.names.skeleton import same_vowels, word_skeletons
from borderdesk.domain.names.spelling_systems import expand_short_form

search_key = lru_cache(maxsize=65536)(_search_key)

# A different system of spelling: equal consonants, the vowels as the systems write them.
SAME_SKELETON_FLOOR = 90.0
# A word of a compound name (IVANOVA for IVANOVA-PETROVA).
COMPOUND_PART_SCORE = 88.0
# The feminine or masculine form of the same surname (IVANOV, IVANOVA): kin, not the person.
GENDER_FORM_SCORE = 82.0
INITIAL_SCORE = 90.0
SHORT_FORM_SCORE = 96.0
TYPO_FLOOR = 85.0
FIT = 80.0  # a part scoring this or more fits
NO_FIT = 75.0  # the most a part that does not fit may score
# Letters that may be mistyped (edits, two letters swapped) by key length: none in a
# short name (KIM, KIN are two names), one up to eight letters, two beyond.
_TYPOS = ((4, 0), (9, 1))
_MORE_TYPOS = 2

# Surname endings by grammatical gender, as search keys write them (Y -> I, -ИЙ -> I).
_GENDER_PAIRS = (("OV", "OVA"), ("EV", "EVA"), ("IN", "INA"), ("SKI", "SKAIA"), ("CKI", "CKAIA"))


@dataclass(frozen=True)
class PartFit:
    score: float  # 0..100
    finding: str  # equal | same_key | same_skeleton | typo | compound_part | gender_form | ...


def _plain(text: str) -> str:
    return " ".join("".join(ch for ch in text.upper() if ch.isalpha() or ch == " ").split())


def _gender_form(a: str, b: str) -> bool:
    if not 1 <= abs(len(a) - len(b)) <= 2:
        return False
    short, long_ = sorted((a, b), key=len)
    for masculine, feminine in _GENDER_PAIRS:
        if long_.endswith(feminine) and short.endswith(masculine):
            return short[: -len(masculine)] == long_[: -len(feminine)]
    return False


def _typos_allowed(a: str, b: str) -> int:
    longer = max(len(a), len(b))
    for below, allowed in _TYPOS:
        if longer < below:
            return allowed
    return _MORE_TYPOS


@lru_cache(maxsize=65536)
def compare_words(a: str, b: str) -> PartFit:
    """Two words (or compound names joined) in upper-case A-Z as read: the key, then
    the skeleton, then the letters (a typo)."""
    key_a, key_b = search_key(a), search_key(b)
    if key_a == key_b:
        return PartFit(100.0, "same_key")
    full_a, full_b = expand_short_form(key_a), expand_short_form(key_b)
    if (full_a, full_b) != (key_a, key_b) and full_a == full_b:
        return PartFit(SHORT_FORM_SCORE, "short_form")
    if _gender_form(key_a, key_b):
        return PartFit(GENDER_FORM_SCORE, "gender_form")
    ratio = round(float(fuzz.ratio(key_a, key_b)), 1)
    if same_vowels(a, b) and set(word_skeletons(a)) & set(word_skeletons(b)):
        return PartFit(max(ratio, SAME_SKELETON_FLOOR), "same_skeleton")
    # The keys' rules collapse doubled letters (OSMOOV is OSMOV): the letters as
    # written count too.
    typos = min(OSA.distance(key_a, key_b), OSA.distance(a, b))
    if typos <= _typos_allowed(key_a, key_b):
        return PartFit(max(ratio, TYPO_FLOOR), "typo")
    return PartFit(min(ratio, NO_FIT), "differs")


@lru_cache(maxsize=65536)
def compare_surnames(query: str, candidate: str) -> PartFit:
    """Surnames as written; spaces and hyphens inside a compound name do not count."""
    q_words, c_words = latin_words(query), latin_words(candidate)
    qk, ck = search_key(" ".join(q_words)), search_key(" ".join(c_words))
    if not qk or not ck:
        return PartFit(0.0, "missing")
    fit = compare_words("".join(q_words), "".join(c_words))
    if fit.finding == "same_key" and _plain(query) == _plain(candidate):
        return PartFit(100.0, "equal")
    if fit.score < COMPOUND_PART_SCORE and (" " in qk or " " in ck):
        q_set, c_set = set(qk.split()), set(ck.split())
        if q_set & c_set and (q_set <= c_set or c_set <= q_set):
            return PartFit(COMPOUND_PART_SCORE, "compound_part")
    return fit


def _word_fit(a: str, b: str) -> PartFit:
    if len(a) == 1 or len(b) == 1:
        initial, word = (b, a) if len(b) == 1 else (a, b)
        if search_key(word).startswith(search_key(initial)) or word.startswith(initial):
            return PartFit(INITIAL_SCORE, "initial")
        return PartFit(0.0, "differs")
    return compare_words(a, b)


# Order of preference when words fit equally well (for the finding named).
_RANK = {
    "differs": 0,
    "typo": 1,
    "gender_form": 1,
    "initial": 2,
    "same_skeleton": 3,
    "short_form": 4,
    "same_key": 5,
}


@lru_cache(maxsize=65536)
def compare_given_names(query: str, candidate: str) -> PartFit | None:
    """Given names in any order; None when either side has none."""
    q_words, c_words = latin_words(query), latin_words(candidate)
    if not q_words or not c_words:
        return None
    if search_key("".join(q_words)) == search_key("".join(c_words)):  # ABDUL RAHMAN
        if _plain(query).replace(" ", "") == _plain(candidate).replace(" ", ""):
            return PartFit(100.0, "equal")
        return PartFit(100.0, "same_key")
    shorter, longer = sorted((q_words, c_words), key=len)
    free = list(longer)
    scores: list[float] = []
    worst = "same_key"
    for word in shorter:
        fits = [(_word_fit(word, other), i) for i, other in enumerate(free)]
        best, index = max(fits, key=lambda f: (f[0].score, _RANK.get(f[0].finding, 0)))
        free.pop(index)
        scores.append(best.score)
        if _RANK.get(best.finding, 0) < _RANK[worst]:
            worst = best.finding
    score = sum(scores) / len(scores)
    joined = compare_words("".join(q_words), "".join(c_words))
    if joined.score > score and joined.finding != "differs":
        return joined
    if score < FIT:
        worst = "differs"
    elif free and worst == "same_key":
        worst = "extra_name"  # a patronymic or second given name on one side only
    return PartFit(round(score, 1), worst)
