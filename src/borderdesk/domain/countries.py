"""Country codes as written in travel documents: ISO 3166-1 alpha-3 plus Doc 9303's own.

ISO codes and names come from babel's CLDR data; the Doc 9303 codes (stateless,
refugee, specimen, British nationality classes, Germany's ``D``) and the CLDR aliases
that are not ISO codes are data in ``resources/reference/special_country_codes.toml``.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache

from babel import Locale, UnknownLocaleError
from babel.core import get_global

from borderdesk.paths import resource

_FALLBACK_LANGUAGE = "en"


@dataclass(frozen=True)
class _Special:
    names: dict[str, str]
    cldr: str | None
    alpha2: str | None
    stateless: bool = False


@dataclass(frozen=True)
class _Table:
    iso: dict[str, str]  # alpha-3 -> alpha-2
    special: dict[str, _Special]
    aliases: dict[str, str]  # MRZ code -> ISO alpha-3


@cache
def _table() -> _Table:
    with resource("reference", "special_country_codes.toml").open("rb") as fh:
        data = tomllib.load(fh)
    exclude = set(data.get("cldr", {}).get("exclude", []))
    named = Locale.parse(_FALLBACK_LANGUAGE).territories
    iso: dict[str, str] = {}
    for alias, targets in get_global("territory_aliases").items():
        if len(alias) != 3 or not alias.isalpha() or alias in exclude or len(targets) != 1:
            continue
        alpha2 = targets[0]
        if len(alpha2) == 2 and alpha2.isalpha() and alpha2 in named:
            iso[alias] = alpha2
    special = {
        code: _Special(
            names={
                k: v for k, v in entry.items() if k not in ("cldr", "alpha2", "source", "stateless")
            },
            cldr=entry.get("cldr"),
            alpha2=entry.get("alpha2"),
            stateless=bool(entry.get("stateless", False)),
        )
        for code, entry in data.get("codes", {}).items()
    }
    return _Table(iso=iso, special=special, aliases=dict(data.get("aliases", {})))


def normalise(code: str) -> str:
    """Upper-case, drop MRZ filler and map Doc 9303 aliases: ``'D<<'`` -> ``'DEU'``."""
    cleaned = code.strip().strip("<").upper()
    return _table().aliases.get(cleaned, cleaned)


def is_known(code: str) -> bool:
    table = _table()
    key = normalise(code)
    return key in table.iso or key in table.special


def all_codes() -> list[str]:
    """Every known code, sorted; aliases such as ``D`` are left out (see :func:`normalise`)."""
    table = _table()
    return sorted({*table.iso, *table.special})


def stateless_codes() -> frozenset[str]:
    """The Doc 9303 codes that mean "stateless person" (``XXA``), from the data file."""
    return frozenset(code for code, entry in _table().special.items() if entry.stateless)


def is_iso_state(code: str) -> bool:
    """An ISO 3166 state (not a Doc 9303 code for an organisation or the stateless)."""
    return normalise(code) in _table().iso


def alpha2(code: str) -> str | None:
    table = _table()
    key = normalise(code)
    if key in table.iso:
        return table.iso[key]
    special = table.special.get(key)
    return special.alpha2 if special else None


@cache
def _territories(lang: str) -> dict[str, str]:
    try:
        return dict(Locale.parse(lang).territories)
    except (UnknownLocaleError, ValueError):
        return dict(Locale.parse(_FALLBACK_LANGUAGE).territories)


def _language(lang: str) -> str:
    return lang.replace("-", "_").split("_")[0].lower() or _FALLBACK_LANGUAGE


@cache
def country_name(code: str, lang: str) -> str:
    """The country's name in ``lang`` (``'ru'``, ``'en'``); an unknown code is returned as is."""
    table = _table()
    key = normalise(code)
    language = _language(lang)
    if key in table.iso:
        return _territories(language).get(table.iso[key], key)
    special = table.special.get(key)
    if special is None:
        return code
    if special.cldr:
        return _territories(language).get(special.cldr, key)
    return special.names.get(language) or special.names.get(_FALLBACK_LANGUAGE, key)
