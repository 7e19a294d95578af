"""User-given text (file names above all) shown without direction or control tricks.

A file named ``invoice\u202efdp.exe`` shows as ``invoiceexe.pdf`` where the right-to-left
override is honoured. Shown text makes such characters visible instead (``<U+202E>``);
stored names drop them. This module is the one rule: the GUI (``ui/safe_showing.py``,
the row tables), the command line (``cli/safe_output.py``) and the forms all use it.
"""

from __future__ import annotations

import re

# Bidi embeddings and overrides (U+202A-202E), isolates (U+2066-2069), the LRM/RLM and
# the Arabic letter mark; C0 and C1 controls and DEL.
_BIDI = "\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c"
# Invisible characters that hide inside a name ("IVA\u00adNOV" is not "IVANOV" to a
# search): the soft hyphen, the zero-width space, the word joiner and invisible
# operators, the Mongolian vowel separator, the byte-order mark, the line and paragraph
# separators (a line break to Qt), interlinear annotation marks and the tag characters.
# The zero-width (non-)joiner (U+200C/D) stays: Persian and Pashto names need it.
_INVISIBLE = "\u00ad\u180e\u200b\u2028\u2029\u2060-\u2064\ufeff\ufff9-\ufffb\U000e0000-\U000e007f"
_UNSAFE = re.compile(f"[{_BIDI}{_INVISIBLE}\x00-\x1f\x7f-\x9f]")
_UNSAFE_KEEP_LINES = re.compile(f"[{_BIDI}{_INVISIBLE}\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _visible(match: re.Match[str]) -> str:
    return f"<U+{ord(match.group()):04X}>"


def shown_safely(text: str, *, keep_lines: bool = False) -> str:
    """``text`` with every direction override and control character made visible.

    ``keep_lines`` leaves line breaks and tabs (notes, descriptions) as they are.
    """
    pattern = _UNSAFE_KEEP_LINES if keep_lines else _UNSAFE
    return pattern.sub(_visible, text)


# How much of a user's value an error message quotes: enough to recognise it, never a
# screenful (a 120 000-character field gave a 120 000-character "one-line" error).
QUOTED_LIMIT = 60


def shown_in_message(value: object, *, limit: int = QUOTED_LIMIT) -> str:
    """A user's value as a message quotes it: at most ``limit`` characters (then "…"),
    shown safely. The one rule for every error that repeats what it was given."""
    text = str(value)
    if len(text) > limit:
        text = text[:limit] + "…"
    return shown_safely(text)


def json_escaped(text: str) -> str:
    r"""JSON text with every direction override and control character inside its strings
    written as a ``\uXXXX`` escape: the same data, nothing for a terminal to obey."""
    return _UNSAFE_KEEP_LINES.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def stripped_name(name: str) -> str:
    """A name to store: without direction overrides and control characters."""
    return _UNSAFE.sub("", name)


def has_unsafe_characters(text: str) -> bool:
    return _UNSAFE.search(text) is not None
