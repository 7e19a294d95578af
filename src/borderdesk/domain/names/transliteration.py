"""Cyrillic to Latin as the MRZ prints it (ICAO Doc 9303 Part 3 §6, table B).

The tables are data in ``resources/reference/transliteration.toml``, read once per
process. ``to_latin`` gives the display form (``ИВАНОВ-ПЕТРОВ`` -> ``IVANOV-PETROV``),
``to_mrz_name`` the filler form (``IVANOV<PETROV``). Latin input passes through
upper-cased with its diacritics removed; anything that is not a letter separates words.
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


@dataclass(frozen=True)
class _Data:
    base: dict[str, str]  # Russian letters of table B
    shared: dict[str, str]  # base + every language's own letters (no Cyrillic left behind)
    languages: dict[str, Language]
    latin: dict[str, str]
    apostrophes: tuple[str, ...]
    hyphens: tuple[str, ...]


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
        languages[code] = Language(
            code=code,
            name=entry["name"],
            countries=tuple(entry.get("countries", ())),
            letters=MappingProxyType(letters),
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
    return _Data(
        base=base,
        shared=shared,
        languages=languages,
        latin=latin,
        apostrophes=tuple(punctuation.get("apostrophes", ())),
        hyphens=tuple(punctuation.get("hyphens", ())),
    )


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


def to_latin(text: str, language: str = DEFAULT_LANGUAGE) -> str:
    """Upper-case Latin as the MRZ would print it, words kept apart, hyphens kept.

    >>> to_latin("Щербаков-Юсупов Наталья")
    'SHCHERBAKOV-IUSUPOV NATALIA'
    """
    text = romanise(text, translate_table(language))
    text = _HYPHEN_RUN.sub("-", text)
    return " ".join(text.split()).strip("-").strip()


def to_mrz_name(text: str, language: str = DEFAULT_LANGUAGE) -> str:
    """The MRZ filler form: words and hyphenated parts separated by one '<'.

    >>> to_mrz_name("Анна-Мария О'Коннор")
    'ANNA<MARIIA<OKONNOR'
    """
    return _MRZ_SEPARATORS.sub("<", to_latin(text, language))
