"""State codes as the agreements and deadlines use them: a thin face over ``countries``.

``domain.countries`` is the one country table (ISO 3166 from CLDR, the Doc 9303 codes
from ``special_country_codes.toml``); this module adds what an agreement needs on top of
it: the EU as a party, and "a state" meaning an ISO state, not an organisation.
"""

from __future__ import annotations

from babel import Locale

from borderdesk.domain import countries
from borderdesk.domain.agreement_book import EU


def iso2_for(code: str) -> str | None:
    """The alpha-2 code of an ISO alpha-3 state code (``"KAZ"`` -> ``"KZ"``), or None.

    Doc 9303 codes for organisations and stateless persons are not states: None.
    """
    key = countries.normalise(code)
    if not countries.is_iso_state(key):
        return None
    return countries.alpha2(key)


def normalise_state(code: str) -> str:
    """Upper-case a state code and map Doc 9303 aliases (``D`` -> ``DEU``)."""
    return countries.normalise(code)


def is_known_state(code: str) -> bool:
    """Whether ``code`` names a state or a Doc 9303 code in the country table."""
    return countries.is_known(code)


def state_name(code: str, lang: str | None = None) -> str:
    """A state's name in the user's language (the EU included), else the code itself."""
    from borderdesk.i18n import current_language

    lang = lang or current_language()
    if code == EU:
        return str(Locale.parse(lang).territories.get("EU", code))
    return countries.country_name(code, lang)
