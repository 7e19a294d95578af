"""Doc 9303 Part 3 §4.9 check digits: weights 7, 3, 1; '<' is 0, A-Z are 10-35."""

from __future__ import annotations

_WEIGHTS = (7, 3, 1)
ALLOWED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<")
# Value of every allowed character, looked up once per character on the hot path.
_VALUES = {"<": 0} | {str(d): d for d in range(10)} | {chr(ord("A") + i): 10 + i for i in range(26)}


def char_value(char: str) -> int:
    if char == "<":
        return 0
    if "0" <= char <= "9":
        return ord(char) - ord("0")
    if "A" <= char <= "Z":
        return ord(char) - ord("A") + 10
    raise ValueError(f"not an MRZ character: {char!r}")


def compute_check_digit(text: str) -> int:
    """The check digit of ``text``: ``compute_check_digit('520727') == 3``."""
    try:
        values = [_VALUES[c] for c in text]
    except KeyError:
        bad = next(c for c in text if c not in _VALUES)
        raise ValueError(f"not an MRZ character: {bad!r}") from None
    return (sum(values[0::3]) * 7 + sum(values[1::3]) * 3 + sum(values[2::3])) % 10


def check_passes(text: str, check: str) -> bool:
    """Whether ``check`` (one MRZ character) is the right check digit for ``text``.

    A filler for the check digit is accepted only over a field that is all filler
    (an empty optional field, a wholly unknown date of birth): its value would be 0.
    """
    if check == "<":
        return set(text) <= {"<"}
    if not check.isdigit() or any(c not in ALLOWED for c in text):
        return False
    return compute_check_digit(text) == int(check)
