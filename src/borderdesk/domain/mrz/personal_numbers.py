"""National personal numbers in the optional data, per issuing state (``personal_numbers.toml``).

Kazakhstan prints the 12-digit IIN in the optional data of its identity cards and
passports; Kyrgyzstan, Uzbekistan and Tajikistan their own personal numbers. Which
state uses which number, and its label, are data; this module only finds the number.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from borderdesk.domain import countries
from borderdesk.domain.mrz.result import PersonalNumber
from borderdesk.paths import resource


@dataclass(frozen=True)
class NumberScheme:
    issuing_state: str
    kinds: tuple[str, ...]
    pattern: re.Pattern[str]
    label: dict[str, str] = field(hash=False)
    name: dict[str, str] = field(hash=False)
    source: dict[str, str] = field(hash=False)
    verified: bool = False
    birth_date_prefix: bool = False  # the number begins with the birth date as YYMMDD

    @property
    def code(self) -> str:
        return f"{self.issuing_state}-{self.label['en'].upper().replace(' ', '_')}"


@cache
def number_schemes() -> tuple[NumberScheme, ...]:
    with resource("reference", "personal_numbers.toml").open("rb") as fh:
        data = tomllib.load(fh)
    schemes = []
    for entry in data["personal_number"]:
        state = entry["issuing_state"]
        if not countries.is_known(state):
            raise ValueError(f"personal_numbers.toml: unknown issuing state {state!r}")
        schemes.append(
            NumberScheme(
                issuing_state=state,
                kinds=tuple(entry["kinds"]),
                pattern=re.compile(entry["pattern"]),
                label={"en": entry["label_en"], "ru": entry["label_ru"]},
                name={"en": entry["name_en"], "ru": entry["name_ru"]},
                source={"en": entry["source"], "ru": entry["source_ru"]},
                verified=bool(entry["verified"]),
                birth_date_prefix=bool(entry.get("birth_date_prefix", False)),
            )
        )
    return tuple(schemes)


def find_personal_number(
    issuing_state: str, kind: str, fields: Sequence[str]
) -> PersonalNumber | None:
    """The personal number at the start of one of ``fields`` (optional data, filler kept)."""
    found = _find(issuing_state, kind, fields)
    return found[0] if found else None


def personal_number_problems(
    issuing_state: str, kind: str, fields: Sequence[str], birth_field: str
) -> tuple[PersonalNumber | None, tuple[str, ...]]:
    """The personal number and the warning codes it raises against the MRZ's birth date."""
    found = _find(issuing_state, kind, fields)
    if found is None:
        return None, ()
    number, scheme = found
    if scheme.birth_date_prefix and birth_field.isdigit() and number.value[:6] != birth_field:
        return number, ("personal_number_birth_date_mismatch",)
    return number, ()


def _find(
    issuing_state: str, kind: str, fields: Sequence[str]
) -> tuple[PersonalNumber, NumberScheme] | None:
    state = countries.normalise(issuing_state)
    for scheme in number_schemes():
        if scheme.issuing_state != state or kind not in scheme.kinds:
            continue
        for text in fields:
            candidate = text.split("<", 1)[0]
            if candidate and scheme.pattern.fullmatch(candidate):
                number = PersonalNumber(
                    value=candidate, scheme=scheme.code, label=scheme.label,
                    verified=scheme.verified,
                )  # fmt: skip
                return number, scheme
    return None
