"""Turning what an officer typed or scanned into MRZ lines, or saying why it cannot be read."""

from __future__ import annotations

import string
from collections.abc import Sequence

from borderdesk.domain.mrz.checkdigit import ALLOWED
from borderdesk.domain.mrz.formats import LINE_COUNTS, Layout, layout_for
from borderdesk.domain.mrz.unsupported import UnsupportedFormat, find_unsupported
from borderdesk.errors import InputError
from borderdesk.i18n import _, current_language, ngettext

_UPPER = str.maketrans(string.ascii_lowercase, string.ascii_uppercase)


class MrzUnreadable(InputError):
    """The text is not an MRZ at all: a bad character, or lines of the wrong number or length.

    ``line`` and ``position`` (1-based, counted in the cleaned MRZ lines) point at the
    problem when there is one place to point at; ``code`` says which problem it is.
    """

    def __init__(
        self, message: str, *, code: str, line: int | None = None, position: int | None = None
    ) -> None:
        super().__init__(message, code=code)
        self.line = line
        self.position = position


class MrzUnsupported(MrzUnreadable):
    """An MRZ of a format BorderDesk recognises but does not read (the old French card)."""

    def __init__(self, found: UnsupportedFormat) -> None:
        message = _("unsupported format: {name}").format(name=found.name_in(current_language()))
        super().__init__(message, code="unsupported_format")
        self.format = found


def clean_line(raw: str) -> str:
    """Drop whitespace anywhere (an MRZ has none) and upper-case Latin letters."""
    return "".join(c for c in raw if not c.isspace()).translate(_UPPER)


def split_input(lines: str | Sequence[str]) -> list[str]:
    """One pasted block or a list of lines (each may hold several) -> cleaned, non-blank lines."""
    items = [lines] if isinstance(lines, str) else list(lines)
    cleaned = (clean_line(raw) for item in items for raw in item.splitlines())
    return [line for line in cleaned if line]


def is_cyrillic(char: str) -> bool:
    return "\u0400" <= char <= "\u04ff"


def bad_character_message(line: int, position: int, char: str) -> str:
    if is_cyrillic(char):
        # A keyboard-wedge scanner types through the active layout: Russian turns P into З.
        return _(
            "Line {line}, position {position}: Cyrillic letter '{char}'. An MRZ is Latin only; "
            "switch the keyboard layout to English and scan again."
        ).format(line=line, position=position, char=char)
    shown = char if char.isprintable() else f"U+{ord(char):04X}"
    return _(
        "Line {line}, position {position}: character '{char}' is not allowed in an MRZ."
    ).format(line=line, position=position, char=shown)


def _length_error(line: int, length: int, expected: int) -> MrzUnreadable:
    message = ngettext(
        "Line {line} has {length} character; expected {expected}.",
        "Line {line} has {length} characters; expected {expected}.",
        length,
    ).format(line=line, length=length, expected=expected)
    return MrzUnreadable(message, code="line_length", line=line)


def read_lines(lines: str | Sequence[str]) -> tuple[Layout, tuple[str, ...]]:
    """Clean the input and find its layout; raise :class:`MrzUnreadable` if there is none."""
    cleaned = split_input(lines)
    for number, line in enumerate(cleaned, start=1):
        for position, char in enumerate(line, start=1):
            if char not in ALLOWED:
                raise MrzUnreadable(
                    bad_character_message(number, position, char),
                    code="bad_character",
                    line=number,
                    position=position,
                )
    found = find_unsupported(cleaned)
    if found is not None:
        raise MrzUnsupported(found)
    if not cleaned:
        raise MrzUnreadable(
            _("No MRZ text: give the two or three lines of the machine readable zone."),
            code="no_lines",
        )
    if len(cleaned) not in (2, 3):
        message = ngettext(
            "An MRZ has two or three lines; got {count} line.",
            "An MRZ has two or three lines; got {count} lines.",
            len(cleaned),
        ).format(count=len(cleaned))
        raise MrzUnreadable(message, code="line_count")
    first = len(cleaned[0])
    if len(cleaned) == 3:
        expected = 30
    elif first in (36, 44):
        expected = first
    else:
        raise MrzUnreadable(
            ngettext(
                "Line 1 has {length} character; a two-line MRZ has 36 or 44.",
                "Line 1 has {length} characters; a two-line MRZ has 36 or 44.",
                first,
            ).format(length=first),
            code="line_length",
            line=1,
        )
    for number, line in enumerate(cleaned, start=1):
        if len(line) != expected:
            raise _length_error(number, len(line), expected)
    layout = layout_for(expected, cleaned[0][0])
    assert layout is not None and LINE_COUNTS[expected] == len(cleaned)
    return layout, tuple(cleaned)
