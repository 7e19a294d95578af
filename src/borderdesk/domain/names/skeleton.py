"""Consonant skeletons: where spellings that no rule lists still meet.

The search key (``keys.search_key``) collapses the alternations that
``legacy_spellings.toml`` lists. A skeleton goes further and forgets what the
transliteration systems disagree on: vowels (ИУ/Ю/YU/JU, -ЕВ/-YEV/-IEV), the
letters of one sound written as one, two or seven letters (Щ = SHCH, SCH, SH,
SZCZ, SCHTSCH, CHTCH), and voicing pairs (D/T, B/P, V/F, G/K/H) that Arabic-,
Persian- and South-Asian-origin names spell either way (AHMAD, AHMET; MAGOMED,
MUHAMMAD). Skeletons are for finding candidates only: many distinct names share
one, and the score (``identity.score_identity``) tells them apart. Skeletons are
read from the letters as written, before the rule table's rewrites.

``SHCHERBAKOV``, ``SHERBAKOV``, ``SCHTSCHERBAKOW``, ``SZCZERBAKOW`` -> ``SRPKV``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import product

from borderdesk.domain.names.keys import latin_words

# Letter groups of one sound, longest first, on the name as read (A-Z, before the
# rule table: the German SCHTSCH must be seen whole). "?" marks the groups that
# read two ways: CH is Ч in English and French but Х in German, Czech and Polish;
# X is КС but Х in Uzbek Latin; J is Ж/Дж in English and Turkic spellings but Й
# in German, Polish and Czech (JUSUPOV = Юсупов, JURIJ = Юрий).
_GROUPS: dict[str, tuple[str, ...]] = {
    "SCHTSCH": ("S",),
    "SHTSCH": ("S",),
    "CHTCH": ("S",),
    "SHCH": ("S",),
    "SZCZ": ("S",),
    "TSCH": ("S",),
    "DZH": ("S",),
    "SCH": ("S",),
    "TCH": ("S",),
    "SH": ("S",),
    "ZH": ("S",),
    "KH": ("K",),
    "TS": ("S",),
    "TZ": ("S",),
    "CZ": ("S",),
    "SZ": ("S",),
    "RZ": ("RS", "S"),  # R + Z (MIRZA, SHERZOD), or Polish Ж
    "DSCH": ("S",),  # German Дж
    "DJ": ("S", "T"),  # Дж in English and French, Дё in German (DJOMIN)
    "DZ": ("S",),
    "PH": ("V",),
    "DKH": ("T",),  # Д + Х: the same aspirates as Russian records write them (Чаудхри)
    "TKH": ("T",),
    "BKH": ("P",),
    "TH": ("T",),  # the aspirates of South-Asian spellings: CHAUDHRY = CHAUDRY
    "DH": ("T",),
    "GH": ("K",),
    "BH": ("P",),
    "JH": ("S",),
    "CH": ("S", "K"),
    "X": ("KS", "K"),
    "J": ("S", "."),
    # Marks set by _POSITIONAL below.
    "@": ("K", "."),
    "%": ("TR", "S"),
    "$": ("N",),
}
_GROUP = re.compile("|".join(map(re.escape, sorted(_GROUPS, key=len, reverse=True))))
# One class per remaining letter; vowels (and Y) become "." and are dropped once
# doubled consonants are collapsed.
_CLASS = str.maketrans(
    {
        **dict.fromkeys("AEIOUY", "."),
        **dict.fromkeys("BP", "P"),
        **dict.fromkeys("FVW", "V"),
        **dict.fromkeys("DT", "T"),
        **dict.fromkeys("GKQH", "K"),
        **dict.fromkeys("SZC", "S"),
    }
)
# Letters read by their place in the word, marked first: W in English OW / AW before
# a consonant is a vowel (CHOWDHURY), elsewhere В (JEWGENI); a final H after a vowel is mute in
# Arabic-origin names (ABDULLAH, MIAH) but Х in Шах; Vietnamese TR at the start is Ч
# (TRAN = Чан) and a final NH is Нь (MINH = Минь).
_VOWEL_W = re.compile(r"(?<=[AO])W(?=[BCDFGHJKLMNPQRSTVXZ])")
_POSITIONAL = (
    (_VOWEL_W, ""),
    (re.compile(r"(?<=[AEIOU])H$"), "@"),
    (re.compile(r"^TR(?=[AEIOUY])"), "%"),
    (re.compile(r"NH$"), "$"),
)
_RUNS = re.compile(r"(.)\1+")
# At most this many readings of one word (each two-way group doubles them).
_MAX_READINGS = 4

# Skeletons shorter than this are too common to look up with a letter missing.
MIN_VARIANT_LENGTH = 3


@lru_cache(maxsize=32768)
def word_skeletons(word: str) -> tuple[str, ...]:
    """Skeletons of one word in upper-case A-Z (``SCHTSCHERBAKOW`` -> ``('SRPKV',)``)."""
    for pattern, mark in _POSITIONAL:
        word = pattern.sub(mark, word)
    pieces: list[tuple[str, ...]] = []
    last = 0
    for match in _GROUP.finditer(word):
        pieces.append((word[last : match.start()].translate(_CLASS),))
        pieces.append(_GROUPS[match.group(0)])
        last = match.end()
    pieces.append((word[last:].translate(_CLASS),))
    readings: list[str] = []
    for combination in product(*pieces):
        # A consonant doubled (LL, SS, or KS read as K + S after X) is one; the same
        # consonant on both sides of a vowel stays two (MAMBETOV: M, M).
        skeleton = _RUNS.sub(r"\1", "".join(combination)).replace(".", "")
        if skeleton not in readings:
            readings.append(skeleton)
        if len(readings) >= _MAX_READINGS:
            break
    return tuple(readings)


def skeletons(text: str) -> tuple[str, ...]:
    """Skeletons of a name in any script, its words joined (``Юсупов`` -> ``('SPV',)``)."""
    return word_skeletons("".join(latin_words(text)))


# Й before a vowel (Ю Я Е Ё as IU, YA, JE, JO), the one U of French OU, English AU
# and OW, the GU of GUE / GUI, a mute final E; И with Й (-ИЙ) is one I.
_IOTATED_J = re.compile(r"(?:^|(?<=[AEIOUY]))J(?=[AEOU])")
_IOTATED_I = re.compile(r"[IY](?=[AEOU])")
_FINAL_J = re.compile(r"(?<=[AEIOUY])J(?![AEIOU])")  # Й closing a syllable: BAJSCHANOW
_ONE_U = re.compile(r"[OA]U|(?<=G)U(?=[EI])")
_I_RUN = re.compile(r"[IY]{2,}")
_MUTE_FINAL_E = re.compile(r"(?<=[^AEIOUY])E$")
_VOWEL_RUNS = re.compile(r"[AEIOUY]+")


@lru_cache(maxsize=32768)
def vowel_pattern(word: str) -> tuple[str, ...]:
    """The vowels of a word as read (A-Z), run by run, as the systems keep them apart:
    I (И, Ы, Й) or A (the others, which the systems trade: Uzbek O for A, Ў as O or U,
    Arabic-origin E for A), Ю Я Е Ё counted as their vowel."""
    bare = _ONE_U.sub("U", _VOWEL_W.sub("U", word))
    bare = _IOTATED_I.sub("", _IOTATED_J.sub("", bare))
    bare = _I_RUN.sub("I", _MUTE_FINAL_E.sub("", _FINAL_J.sub("I", bare)))
    runs = _VOWEL_RUNS.findall(bare)
    return tuple("".join("I" if c in "IY" else "A" for c in run) for run in runs)


def same_vowels(a: str, b: str) -> bool:
    """Equal vowel patterns, or equal but for one vowel more inside the word on one
    side (the short vowels South-Asian spellings write or leave out: CHAUDHRY,
    CHOWDHURY); a vowel more at either end is another name (VAN, AVAN)."""
    pa, pb = vowel_pattern(a), vowel_pattern(b)
    if pa == pb:
        return True
    shorter, longer = sorted((pa, pb), key=len)
    if len(longer) != len(shorter) + 1:
        return False
    inner = range(1, len(longer) - 1)
    return any(longer[:i] + longer[i + 1 :] == shorter for i in inner)


def one_letter_less(skeleton: str) -> set[str]:
    """The skeleton with each one of its letters left out (a typo, an extra consonant).

    A three-letter skeleton would leave two letters, which half the names of a
    population share: it gets each letter replaced by ``?`` instead (SHARMA, SHALMA:
    ``S?M``), so a typo still meets, within the names of its own length.
    """
    if len(skeleton) < MIN_VARIANT_LENGTH:
        return set()
    if len(skeleton) == MIN_VARIANT_LENGTH:
        return {skeleton[:i] + "?" + skeleton[i + 1 :] for i in range(len(skeleton))}
    return {skeleton[:i] + skeleton[i + 1 :] for i in range(len(skeleton))}
