"""Load and check the reference data files into typed, frozen objects.

``resources/reference/agreements.toml``, ``eu_member_states.toml`` and ``regimes.toml``
are read strictly (:mod:`borderdesk.domain.strict_toml`): a wrong type, a missing key or
an unknown key (a typo) stops the program at start with :class:`ReferenceDataError`,
whose one-line message names the file and the key path, e.g.
``agreements.toml: agreement[1].time_limits.reply_calendar_days: expected a whole number``.

The loaders live in :mod:`borderdesk.domain.agreements_file` and
:mod:`borderdesk.domain.regimes_file`, the state-code helpers in
:mod:`borderdesk.domain.state_codes`; this module gathers them for the rest of the program.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from borderdesk.domain.agreement_book import AgreementBook
from borderdesk.domain.agreements_file import (
    AGREEMENTS_FILE,
    EU_MEMBERS_FILE,
    _default_agreements,
    agreement_name,
    load_agreements,
)
from borderdesk.domain.regimes import RegimeBook
from borderdesk.domain.regimes_file import REGIMES_FILE, _default_regimes, load_regimes
from borderdesk.domain.state_codes import is_known_state, iso2_for, normalise_state, state_name
from borderdesk.domain.strict_toml import ReferenceDataError


class ReferenceData(NamedTuple):
    agreements: AgreementBook
    regimes: RegimeBook


def load_reference_data() -> ReferenceData:
    """Read and check every shipped reference file (call at program start)."""
    return ReferenceData(agreements=load_agreements(), regimes=load_regimes())


def clear_cache() -> None:
    """Forget the cached files (after reference data arrived by sync, or in tests)."""
    for loader in _CACHED:
        loader.cache_clear()


_CACHED: tuple[Any, ...] = (_default_agreements, _default_regimes)

__all__ = [
    "AGREEMENTS_FILE",
    "EU_MEMBERS_FILE",
    "REGIMES_FILE",
    "agreement_name",
    "ReferenceData",
    "ReferenceDataError",
    "clear_cache",
    "is_known_state",
    "iso2_for",
    "normalise_state",
    "load_agreements",
    "load_reference_data",
    "load_regimes",
    "state_name",
]
