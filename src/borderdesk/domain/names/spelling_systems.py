"""Which spelling system a written name shows, and the given-name short forms.

Both are data in ``resources/reference/name_spellings.toml``. The systems are named
in a match's reasons (``SHCHERBAKOV`` shows ICAO Doc 9303 and the older passports,
``SCHTSCHERBAKOW`` German), so an officer sees why two spellings were taken for one
name. The abbreviations (MD, MOHD for Muhammad) are expanded before given names
are compared.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import cache

from borderdesk.domain.names.keys import search_key
from borderdesk.paths import resource

UNKNOWN = "unknown"


@dataclass(frozen=True)
class SpellingSystem:
    id: str
    en: str
    ru: str
    marks: tuple[re.Pattern[str], ...]

    def label(self, language: str) -> str:
        return self.ru if language == "ru" else self.en


@dataclass(frozen=True)
class _Data:
    systems: tuple[SpellingSystem, ...]
    full_of_short: dict[str, str]  # search key of a short form -> key of the full name


@cache
def _data() -> _Data:
    with resource("reference", "name_spellings.toml").open("rb") as fh:
        raw = tomllib.load(fh)
    systems = []
    for entry in raw.get("system", []):
        try:
            marks = tuple(re.compile(mark) for mark in entry["marks"])
            systems.append(SpellingSystem(entry["id"], entry["en"], entry["ru"], marks))
        except (KeyError, TypeError, re.error) as exc:
            raise ValueError(f"name_spellings.toml [[system]] {entry!r}: {exc}") from None
    full_of_short: dict[str, str] = {}
    for entry in raw.get("abbreviation", []):
        full = search_key(entry["full"])
        for short in entry["short"]:
            full_of_short[search_key(short)] = full
    return _Data(tuple(systems), full_of_short)


def systems() -> tuple[SpellingSystem, ...]:
    return _data().systems


def system_label(system_id: str, language: str = "en") -> str:
    for system in _data().systems:
        if system.id == system_id:
            return system.label(language)
    return system_id


@cache
def systems_of(text: str) -> tuple[str, ...]:
    """The ids of the systems whose marks the name shows (``('unknown',)`` when none)."""
    upper = unicodedata.normalize("NFC", text).upper()
    found = tuple(s.id for s in _data().systems if any(m.search(upper) for m in s.marks))
    return found or (UNKNOWN,)


def expand_short_form(word_key: str) -> str:
    """The full name's key for a short form's key (``MD`` -> ``MUHAMAD``), else the key."""
    return _data().full_of_short.get(word_key, word_key)
