"""States as the registers name them: Russian or English short name, ISO alpha-2 or alpha-3.

Names come from CLDR (via babel, the same table that prints state names elsewhere in
BorderDesk): ``Финляндия``, ``Finland``, ``FI`` and ``FIN`` all read as ``FIN``.
A few register spellings CLDR does not know (``ФРГ``, ``Молдавия``) are data in
``resources/journal/columns.toml``. Stateless persons are Doc 9303's ``XXA``.
"""

from __future__ import annotations

from functools import cache

from babel import Locale

from borderdesk.domain import countries
from borderdesk.i18n import _
from borderdesk.journal.columns import vocabulary, word_key

STATELESS = "XXA"
UNKNOWN_NATIONALITY = "XXX"
_NAME_LANGUAGES = ("ru", "en")


class StateRefused(ValueError):
    """A cell that names no state; the reason is translated."""


@cache
def _states() -> dict[str, str]:
    """Every accepted spelling (evened out by :func:`word_key`) -> ISO alpha-3."""
    english = Locale.parse("en").territories
    by_alpha2: dict[str, str] = {}
    found: dict[str, str] = {}
    for code in countries.all_codes():
        alpha2 = countries.alpha2(code)
        # Doc 9303's own codes (GBD, UNO, XXA ...) share an alpha-2 or have none: not states.
        if alpha2 and english.get(alpha2) == countries.country_name(code, "en"):
            by_alpha2.setdefault(alpha2, code)
            found[word_key(code)] = code
    for lang in _NAME_LANGUAGES:
        territories = Locale.parse(lang).territories
        for alpha2, code in by_alpha2.items():
            found[word_key(alpha2)] = code
            name = territories.get(alpha2)
            if name:
                found.setdefault(word_key(name), code)
    for spelling, code in vocabulary().state_aliases.items():
        found[spelling] = code
    return found


def state_code(text: str) -> str:
    """The ISO alpha-3 code of a state written as a name or code; :class:`StateRefused`."""
    code = _states().get(word_key(text))
    if code is None:
        raise StateRefused(_("not a state name or code"))
    return code


def nationality_code(text: str) -> str:
    """Like :func:`state_code`, plus ``XXX`` when empty and ``XXA`` for the stateless."""
    key = word_key(text)
    if not key:
        return UNKNOWN_NATIONALITY
    if key in vocabulary().stateless:
        return STATELESS
    return state_code(text)
