"""Cheap per-line checking while an MRZ is still being typed or scanned (never raises)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from borderdesk.domain import countries
from borderdesk.domain.mrz.checkdigit import ALLOWED, check_passes
from borderdesk.domain.mrz.dates import read_birth_date, read_expiry_date
from borderdesk.domain.mrz.formats import TD1, TD3, Layout, Span, layout_for
from borderdesk.domain.mrz.kinds import is_ru_internal_passport
from borderdesk.domain.mrz.parser import SEXES, long_number_reading, split_overflow
from borderdesk.domain.mrz.text import split_input
from borderdesk.domain.mrz.unsupported import find_unsupported

Problem = tuple[int, int | None, str]  # (line, position or None, code), both 1-based


def _guess_layout(lines: list[str]) -> Layout | None:
    first = lines[0]
    if len(lines) >= 2 and len(first) in (30, 36, 44):
        return layout_for(len(first), first[0])
    if len(lines) >= 3:
        return TD1
    if first.startswith("P"):
        return TD3
    if len(first) > 36:
        return layout_for(44, first[0])
    return None


def _clean(span: Span, lines: Sequence[str]) -> str | None:
    """The span's text once it is typed in full and holds only MRZ characters."""
    if not span.available(lines):
        return None
    text = span.take(lines)
    return text if set(text) <= ALLOWED else None


def _length_problems(layout: Layout, lines: list[str]) -> list[Problem]:
    problems: list[Problem] = []
    for number, line in enumerate(lines, start=1):
        if number > layout.line_count:
            problems.append((number, None, "too_many_lines"))
            break
        if len(line) > layout.line_length:
            problems.append((number, layout.line_length + 1, "line_too_long"))
        elif len(line) < layout.line_length and number < len(lines):
            problems.append((number, None, "line_length"))
    return problems


def _check(problems: list[Problem], field: Span, check: Span, lines: Sequence[str], code: str):
    text, digit = _clean(field, lines), _clean(check, lines)
    if text is not None and digit is not None and not check_passes(text, digit):
        problems.append((check.line, check.start, code))


def _number_problems(layout: Layout, lines: Sequence[str]) -> list[Problem]:
    problems: list[Problem] = []
    check = layout.document_number_check
    digit = _clean(check, lines)
    overflow = layout.number_overflow
    if digit == "<" and overflow is not None:
        number = _clean(layout.document_number, lines)
        line = lines[overflow.line - 1] if len(lines) >= overflow.line else ""
        typed = line[overflow.start - 1 : overflow.end]
        finished = "<" in typed or len(typed) == overflow.end - overflow.start + 1
        if number is None or not finished or not set(typed) <= ALLOWED:
            return problems
        parts = split_overflow(typed)
        if parts is None:
            problems.append((check.line, check.start, "check_digit_document_number"))
        elif long_number_reading(number, parts[0], parts[1]) is None:
            position = overflow.start + len(parts[0])
            problems.append((overflow.line, position, "check_digit_document_number"))
        return problems
    _check(problems, layout.document_number, check, lines, "check_digit_document_number")
    return problems


def line_problems(lines: str | Sequence[str], *, today: date | None = None) -> list[Problem]:
    """Problems in the MRZ typed so far, as (line, position or None, code) with 1-based numbers.

    Lines and positions count the cleaned lines (blank lines and whitespace dropped), as
    :func:`parse_mrz` does. Incomplete input is fine: a field is checked once its check
    digit is typed, the composite once the last line is. Codes: ``bad_character``,
    ``line_too_long``, ``line_length``, ``too_many_lines`` and the error codes of
    :func:`parse_mrz`; :func:`describe` explains each.
    """
    today = today or date.today()
    cleaned = split_input(lines)
    problems: list[Problem] = [
        (number, position, "bad_character")
        for number, line in enumerate(cleaned, start=1)
        for position, char in enumerate(line, start=1)
        if char not in ALLOWED
    ]
    if not cleaned:
        return problems
    if find_unsupported(cleaned) is not None:
        return [(1, None, "unsupported_format")]
    layout = _guess_layout(cleaned)
    if layout is None:
        if len(cleaned) >= 2:
            problems.append((1, None, "line_length"))
        problems += [
            (n, 45, "line_too_long") for n, line in enumerate(cleaned, 1) if len(line) > 44
        ]
        return sorted(problems, key=_order)
    problems += _length_problems(layout, cleaned)
    view = cleaned[: layout.line_count]

    for span, code in (
        (layout.issuing_state, "unknown_issuing_state"),
        (layout.nationality, "unknown_nationality"),
    ):
        text = _clean(span, view)
        if text is not None and not countries.is_known(text.strip("<")):
            problems.append((span.line, span.start, code))
    problems += _number_problems(layout, view)
    _check(problems, layout.birth_date, layout.birth_date_check, view, "check_digit_birth_date")
    _check(problems, layout.expiry_date, layout.expiry_date_check, view, "check_digit_expiry_date")
    if layout.optional_data_check is not None:
        _check(
            problems,
            layout.optional_data[0],
            layout.optional_data_check,
            view,
            "check_digit_optional_data",
        )
    no_expiry = is_ru_internal_passport(layout, view)  # its expiry field is all filler
    for span, reader, code in (
        (layout.birth_date, read_birth_date, "invalid_birth_date"),
        (layout.expiry_date, read_expiry_date, "invalid_expiry_date"),
    ):
        text = _clean(span, view)
        if no_expiry and span is layout.expiry_date and text is not None and set(text) == {"<"}:
            continue
        if text is not None:
            try:
                reader(text, today)
            except ValueError:
                problems.append((span.line, span.start, code))
    sex = _clean(layout.sex, view)
    if sex is not None and sex not in SEXES:
        problems.append((layout.sex.line, layout.sex.start, "invalid_sex"))
    check = layout.composite_check
    if (
        check is not None
        and all(len(line) == layout.line_length for line in view)
        and len(view) == layout.line_count
    ):
        covered = "".join(span.take(view) for span in layout.composite_covers)
        digit = check.take(view)
        if set(covered + digit) <= ALLOWED and not check_passes(covered, digit):
            problems.append((check.line, check.start, "check_digit_composite"))
    return sorted(problems, key=_order)


def _order(problem: Problem) -> tuple[int, int]:
    return problem[0], problem[1] or 0
