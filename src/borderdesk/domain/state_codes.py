"""State codes: ISO 3166 alpha-3 to alpha-2, Doc 9303 aliases, and states' names.

``domain.countries`` answers when it is present; CLDR's territory table (via babel)
is the fallback, so agreements keep working without it.
"""

from __future__ import annotations

from functools import cache

from borderdesk.domain.agreement_book import EU


@cache
def _iso3_table() -> dict[str, str]:
    """ISO 3166 alpha-3 -> alpha-2 from CLDR (via babel); codes that split are left out."""
    from babel import Locale
    from babel.core import get_global

    named = Locale.parse("en").territories
    table: dict[str, str] = {}
    for alias, targets in get_global("territory_aliases").items():
        if len(alias) != 3 or not alias.isalpha() or len(targets) != 1:
            continue
        alpha2 = targets[0]
        # Private-use codes (QM-QZ, XA-XZ) and groupings (EU, UN, ZZ) are not states.
        if (
            len(alpha2) == 2
            and alpha2 in named
            and alpha2[0] not in "QX"
            and alpha2 not in ("EU", "EZ", "UN", "ZZ")
        ):
            table[alias.upper()] = alpha2
    return table


def iso2_for(code: str) -> str | None:
    """The alpha-2 code of an alpha-3 state code (``"KAZ"`` -> ``"KZ"``), or None."""
    return _iso3_table().get(code.upper())


def normalise_state(code: str) -> str:
    """Upper-case a state code and map Doc 9303 aliases (``D`` -> ``DEU``) when known."""
    try:
        from borderdesk.domain.countries import normalise
    except ImportError:
        return code.strip().strip("<").upper()
    try:
        return str(normalise(code))
    except Exception:  # a half-written sibling module must not break agreements
        return code.strip().strip("<").upper()


def is_known_state(code: str) -> bool:
    """Whether ``code`` names a state (domain.countries when present, else CLDR's table)."""
    code = code.strip().upper()
    try:
        from borderdesk.domain.countries import is_known
    except ImportError:
        return iso2_for(code) is not None
    try:
        return bool(is_known(code))
    except Exception:  # a half-written sibling module must not break agreements
        return iso2_for(code) is not None


def state_name(code: str, lang: str | None = None) -> str:
    """A state's name in the user's language, falling back to the code itself."""
    from borderdesk.i18n import current_language, locale

    lang = lang or current_language()
    if code != EU:
        try:
            from borderdesk.domain.countries import country_name

            name = country_name(code, lang)
            if name and name != code:
                return str(name)
        except Exception:
            pass
    iso2 = "EU" if code == EU else iso2_for(code)
    if iso2:
        territory = locale(lang).territories.get(iso2)
        if territory:
            return str(territory)
    return code
