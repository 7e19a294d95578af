"""Cyrillic to Latin as the MRZ prints it (ICAO Doc 9303 Part 3 §6, table B).

The tables are data in ``resources/reference/transliteration.toml``, read once per
process. ``to_latin`` gives the display form (``ИВАНОВ-ПЕТРОВ`` -> ``IVANOV-PETROV``),
``to_mrz_name`` the filler form (``IVANOV<PETROV``). Latin input passes through
upper-cased with its diacritics removed; anything that is not a letter separates words.
A language may read a letter its own way at the start of a word or a run of letters as
one (Ukrainian Є -> YE, Зг -> ZGH); ``language_for_country`` picks the language from a
nationality. ``from_internal_passport`` decodes the one-character-a-letter Latin of a
Russian internal passport's MRZ back to Cyrillic.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from types import MappingProxyType

from borderdesk.paths import resource

DEFAULT_LANGUAGE = "ru"

_LATIN_VALUE = re.compile(r"[A-Z]*")
_NOT_LETTER_OR_HYPHEN = re.compile(r"[^A-Z-]+")
_HYPHEN_RUN = re.compile(r" ?-[ -]*")
_MRZ_SEPARATORS = re.compile(r"[ -]")


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    countries: tuple[str, ...]
    letters: Mapping[str, str] = field(compare=False)
    word_initial: Mapping[str, str] = field(compare=False, default_factory=dict)
    sequences: Mapping[str, str] = field(compare=False, default_factory=dict)
    source: Mapping[str, str] = field(compare=False, default_factory=dict)  # lang -> text
    verified: bool = True


@dataclass(frozen=True)
class _Data:
    base: dict[str, str]  # Russian letters of table B
    shared: dict[str, str]  # base + every language's own letters (no Cyrillic left behind)
    languages: dict[str, Language]
    latin: dict[str, str]
    apostrophes: tuple[str, ...]
    hyphens: tuple[str, ...]
    internal_passport: dict[str, str]  # MRZ character -> Cyrillic letter


def _check_value(where: str, letter: str, value: object) -> str:
    if not isinstance(value, str) or not _LATIN_VALUE.fullmatch(value) or len(letter) != 1:
        raise ValueError(f"transliteration.toml [{where}]: bad entry {letter!r} = {value!r}")
    return value


@cache
def _data() -> _Data:
    with resource("reference", "transliteration.toml").open("rb") as fh:
        raw = tomllib.load(fh)
    base = {k: _check_value("cyrillic", k, v) for k, v in raw["cyrillic"].items()}
    languages: dict[str, Language] = {}
    shared = dict(base)
    for code, entry in raw["languages"].items():
        letters = {k: _check_value(code, k, v) for k, v in entry.get("letters", {}).items()}
        initial = {k: _check_value(code, k, v) for k, v in entry.get("word_initial", {}).items()}
        sequences = {k: _check_run(code, k, v) for k, v in entry.get("sequences", {}).items()}
        languages[code] = Language(
            code=code,
            name=entry["name"],
            countries=tuple(entry.get("countries", ())),
            letters=MappingProxyType(letters),
            word_initial=MappingProxyType(initial),
            sequences=MappingProxyType(sequences),
            source=MappingProxyType(
                {"en": entry.get("source", ""), "ru": entry.get("source_ru", "")}
            ),
            verified=bool(entry.get("verified", True)),
        )
        for letter, value in letters.items():
            if letter in base:
                continue  # a language's own reading of a shared letter (Ukrainian Г)
            if shared.setdefault(letter, value) != value:
                raise ValueError(
                    f"transliteration.toml: {letter!r} reads {shared[letter]!r} in one "
                    f"language and {value!r} in {code!r}"
                )
    latin = {k: _check_value("latin", k, v) for k, v in raw.get("latin", {}).items()}
    punctuation = raw.get("punctuation", {})
    internal = _internal_passport(raw.get("internal_passport_rus", {}).get("letters", {}))
    return _Data(
        base=base,
        shared=shared,
        languages=languages,
        latin=latin,
        apostrophes=tuple(punctuation.get("apostrophes", ())),
        hyphens=tuple(punctuation.get("hyphens", ())),
        internal_passport=internal,
    )


def _check_run(where: str, letters: str, value: object) -> str:
    if not isinstance(value, str) or not _LATIN_VALUE.fullmatch(value) or len(letters) < 2:
        raise ValueError(f"transliteration.toml [{where}]: bad sequence {letters!r} = {value!r}")
    return value


def _internal_passport(letters: Mapping[str, str]) -> dict[str, str]:
    """Reverse the table, refusing a character that would stand for two letters."""
    decode: dict[str, str] = {}
    for letter, char in letters.items():
        if len(letter) != 1 or len(char) != 1 or not (char.isascii() and char.isalnum()):
            raise ValueError(f"transliteration.toml [internal_passport_rus]: {letter!r}={char!r}")
        if decode.setdefault(char, letter) != letter:
            raise ValueError(f"transliteration.toml [internal_passport_rus]: {char!r} used twice")
    return decode


def languages() -> tuple[Language, ...]:
    """The languages the table knows, Russian first as in the file."""
    return tuple(_data().languages.values())


def language_for_country(code: str) -> str:
    """Transliteration language for a nationality code (``KAZ`` -> ``kk``); Russian if unknown."""
    wanted = code.strip().strip("<").upper()
    for language in _data().languages.values():
        if wanted in language.countries:
            return language.code
    return DEFAULT_LANGUAGE


def letter_table(language: str = DEFAULT_LANGUAGE) -> dict[str, str]:
    """Upper-case Cyrillic letter -> Latin for one language (every listed alphabet covered)."""
    data = _data()
    if language not in data.languages:
        known = ", ".join(data.languages)
        raise ValueError(f"unknown transliteration language {language!r} (known: {known})")
    table = dict(data.shared)
    table.update(data.languages[language].letters)
    return table


@cache
def translate_table(language: str, extra: tuple[tuple[str, str], ...] = ()) -> dict[int, str]:
    """``str.translate`` table: Cyrillic and special Latin letters, apostrophes and dashes.

    ``extra`` overrides single letters (the search key reads a few letters its own way).
    """
    data = _data()
    letters = {**letter_table(language), **data.latin, **dict(extra)}
    table = {ord(k): v for k, v in letters.items()}
    table.update({ord(k.lower()): v for k, v in letters.items() if len(k.lower()) == 1})
    table.update({ord(c): "" for c in data.apostrophes})
    table.update({ord(c): "-" for c in data.hyphens})
    return table


def _strip_marks(text: str, table: dict[int, str]) -> str:
    """Slow path for what the table did not read: decompose, drop marks, read bases again."""
    out: list[str] = []
    for char in unicodedata.normalize("NFD", text):
        if char.isascii():
            out.append(char)
            continue
        category = unicodedata.category(char)
        if category[0] == "M":
            continue
        mapped = table.get(ord(char))
        if mapped is not None:
            out.append(mapped)
        elif category[0] != "L":
            out.append(" ")  # unknown punctuation or space separates words
        # an unknown letter (Greek, Arabic ...) is dropped
    return "".join(out).upper()


def romanise(text: str, table: dict[int, str]) -> str:
    """Upper-case ASCII: letters A-Z, '-' for a hyphen, every other run of non-letters ' '.

    Not yet tidied: separators may repeat and lead or trail.
    """
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    text = text.upper().translate(table)
    if not text.isascii():
        text = _strip_marks(text, table)
    return _NOT_LETTER_OR_HYPHEN.sub(" ", text)


def language(code: str) -> Language:
    """One language of the table (``'uk'``); ValueError for one it does not know."""
    letter_table(code)  # raises for an unknown code
    return _data().languages[code]


@cache
def _context_rule(code: str) -> tuple[re.Pattern[str], dict[str, str]] | None:
    """One regular expression for a language's sequences and word-initial letters."""
    entry = language(code)
    if not entry.sequences and not entry.word_initial:
        return None
    # An apostrophe inside a word does not start a new one (Зав'ялов -> ZAVIALOV).
    not_after = "".join(re.escape(c) for c in _data().apostrophes)
    alternatives = [re.escape(run) for run in sorted(entry.sequences, key=len, reverse=True)]
    if entry.word_initial:
        letters = "".join(re.escape(c) for c in entry.word_initial)
        after_apostrophe = f"|[{not_after}]" if not_after else ""
        alternatives.append(rf"(?<![^\W_]{after_apostrophe})[{letters}]")
    replacements = {**entry.sequences}
    for letter, value in entry.word_initial.items():
        replacements.setdefault(letter, value)
    return re.compile("|".join(alternatives)), replacements


def _apply_context(text: str, code: str) -> str:
    rule = _context_rule(code)
    if rule is None:
        return text
    pattern, replacements = rule
    return pattern.sub(lambda m: replacements[m.group(0)], text)


def to_latin(text: str, language: str = DEFAULT_LANGUAGE) -> str:
    """Upper-case Latin as the MRZ would print it, words kept apart, hyphens kept.

    >>> to_latin("Щербаков-Юсупов Наталья")
    'SHCHERBAKOV-IUSUPOV NATALIA'
    >>> to_latin("Євгенія Згурська", "uk")
    'YEVHENIIA ZGHURSKA'
    """
    table = translate_table(language)
    if not text.isascii():
        text = _apply_context(unicodedata.normalize("NFC", text).upper(), language)
    text = romanise(text, table)
    text = _HYPHEN_RUN.sub("-", text)
    return " ".join(text.split()).strip("-").strip()


def to_mrz_name(text: str, language: str = DEFAULT_LANGUAGE) -> str:
    """The MRZ filler form: words and hyphenated parts separated by one '<'.

    >>> to_mrz_name("Анна-Мария О'Коннор")
    'ANNA<MARIIA<OKONNOR'
    """
    return _MRZ_SEPARATORS.sub("<", to_latin(text, language))


def internal_passport_table() -> dict[str, str]:
    """MRZ character -> Cyrillic letter of the Russian internal passport (``'7'`` -> ``'Ю'``)."""
    return dict(_data().internal_passport)


def from_internal_passport(text: str) -> str | None:
    """Decode a Russian internal passport's MRZ name part: ``'ZDRIL7K'`` -> ``'ЗДРИЛЮК'``.

    Filler ``<`` becomes a space. None when a character stands for no letter.
    """
    table = _data().internal_passport
    out: list[str] = []
    for char in text:
        if char == "<":
            out.append(" ")
        elif char in table:
            out.append(table[char])
        else:
            return None
    return " ".join("".join(out).split())


def to_latin_for(text: str, nationality: str) -> str:
    """``to_latin`` in the language of a nationality (``UKR`` reads Ukrainian, ``BLR`` ...)."""
    return to_latin(text, language_for_country(nationality))
