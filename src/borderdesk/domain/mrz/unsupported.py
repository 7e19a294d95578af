"""MRZ formats BorderDesk recognises but does not read (``unsupported_mrz.toml``).

The old French identity card has two lines of 36 characters, the length of a TD2, but
none of its fields sit where TD2 puts them: reading it as a TD2 gives garbage. Such
input, and a driving licence's one-line MRZ, is refused with its own message.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from borderdesk.paths import resource


@dataclass(frozen=True)
class UnsupportedFormat:
    code: str
    lines: int
    length: int
    pattern: re.Pattern[str]
    name: dict[str, str] = field(hash=False)  # language -> name
    source: dict[str, str] = field(hash=False)
    verified: bool = True

    def matches(self, lines: Sequence[str]) -> bool:
        return (
            len(lines) == self.lines
            and all(len(line) == self.length for line in lines)
            and self.pattern.match(lines[0]) is not None
        )

    def name_in(self, language: str) -> str:
        return self.name.get(language) or self.name["en"]


@cache
def unsupported_formats() -> tuple[UnsupportedFormat, ...]:
    with resource("reference", "unsupported_mrz.toml").open("rb") as fh:
        data = tomllib.load(fh)
    return tuple(
        UnsupportedFormat(
            code=entry["code"],
            lines=int(entry["lines"]),
            length=int(entry["length"]),
            pattern=re.compile(entry["pattern"]),
            name={"en": entry["name_en"], "ru": entry["name_ru"]},
            source={"en": entry["source"], "ru": entry["source_ru"]},
            verified=bool(entry["verified"]),
        )
        for entry in data["format"]
    )


def find_unsupported(lines: Sequence[str]) -> UnsupportedFormat | None:
    """The unsupported format these cleaned lines are in, if any."""
    for candidate in unsupported_formats():
        if candidate.matches(lines):
            return candidate
    return None
