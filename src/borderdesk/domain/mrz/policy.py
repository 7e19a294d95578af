"""Policy numbers of the MRZ check, read once from ``resources/mrz_policy.toml``."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache

from borderdesk.paths import resource


@dataclass(frozen=True)
class MrzPolicy:
    expires_soon_days: int
    adult_age_years: int


@cache
def policy() -> MrzPolicy:
    with resource("mrz_policy.toml").open("rb") as fh:
        data = tomllib.load(fh)
    return MrzPolicy(
        expires_soon_days=int(data["expires_soon_days"]),
        adult_age_years=int(data["adult_age_years"]),
    )
