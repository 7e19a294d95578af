"""The name field: ``PRIMARY<<SECONDARY``, components separated by ``<``."""

from __future__ import annotations

import re

_NAME_CHARS = re.compile(r"^[A-Z<]*$")


def read_name(field: str) -> tuple[str, str]:
    """``'ERIKSSON<<ANNA<MARIA<<<'`` -> ``('ERIKSSON', 'ANNA MARIA')``."""
    primary, _sep, secondary = field.rstrip("<").partition("<<")
    surname = " ".join(part for part in primary.split("<") if part)
    given = " ".join(part for part in secondary.split("<") if part)
    return surname, given


def mrz_name_part(text: str) -> str:
    """Latin capitals for the MRZ: spaces and hyphens become ``<``, apostrophes are dropped."""
    converted = "<".join(text.upper().replace("'", "").replace("-", " ").split())
    if not _NAME_CHARS.match(converted):
        raise ValueError(f"an MRZ name has Latin letters only: {text!r}")
    return converted


def compose_name(surname: str, given_names: str, width: int) -> str:
    """The name field, filled with ``<`` (or cut, Doc 9303 truncation) to ``width``."""
    primary = mrz_name_part(surname)
    secondary = mrz_name_part(given_names)
    text = f"{primary}<<{secondary}" if secondary else primary
    return text[:width].ljust(width, "<")
