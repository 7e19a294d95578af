"""Read and validate a machine readable zone (ICAO Doc 9303): TD1, TD2, TD3, MRV-A, MRV-B.

Beside Doc 9303 itself: the Russian internal passport (``ru_internal``), national
personal numbers (``personal_numbers``) and the long TD1 document numbers whose check
digit Belgian and Portuguese cards compute with the filler included.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from borderdesk.domain import countries
from borderdesk.domain.mrz.checkdigit import check_passes
from borderdesk.domain.mrz.dates import is_under_age, read_birth_date, read_expiry_date
from borderdesk.domain.mrz.formats import Layout, Span
from borderdesk.domain.mrz.kinds import RU_INTERNAL_PASSPORT, document_kind
from borderdesk.domain.mrz.names import read_name
from borderdesk.domain.mrz.personal_numbers import personal_number_problems
from borderdesk.domain.mrz.policy import policy
from borderdesk.domain.mrz.result import CyrillicName, InternalPassportData, MrzResult
from borderdesk.domain.mrz.ru_internal import issue_date_implausible, read_internal_passport
from borderdesk.domain.mrz.text import read_lines

SEXES = {"F": "F", "M": "M", "X": "X", "<": "X"}


def split_overflow(optional: str) -> tuple[str, str, str] | None:
    """A long document number's tail in an optional field: (tail, check digit, the rest).

    Doc 9303 Part 5: the 9 principal characters fill the number field, '<' takes the
    check digit's place, and the optional field starts with the remaining characters,
    the check digit over the whole number, then a filler.
    """
    segment = optional.split("<", 1)[0]
    if len(segment) < 2:
        return None
    return segment[:-1], segment[-1], optional[len(segment) :]


STANDARD_READING = "standard"
FILLER_INCLUDED_READING = "filler_included"


def long_number_reading(number: str, tail: str, tail_check: str) -> str | None:
    """Which reading of a long number's check digit passes, if any.

    Doc 9303 computes it over the whole number (principal part and tail); Belgian and
    Portuguese cards compute it over the characters as printed, the '<' that stands in
    the check digit's place included. Either is accepted, and the result says which.
    """
    if check_passes(number + tail, tail_check):
        return STANDARD_READING
    if check_passes(number + "<" + tail, tail_check):
        return FILLER_INCLUDED_READING
    return None


def document_number(
    layout: Layout, lines: Sequence[str]
) -> tuple[str, bool, int | None, str | None]:
    """(number, check passed, characters of the optional field used, long-number reading)."""
    number = layout.document_number.take(lines)
    check = layout.document_number_check.take(lines)
    if check == "<" and layout.number_overflow is not None:
        optional = layout.number_overflow.take(lines)
        overflow = split_overflow(optional)
        if overflow is None:
            return number.rstrip("<"), False, None, None
        tail, tail_check, _rest = overflow
        reading = long_number_reading(number, tail, tail_check)
        return number + tail, reading is not None, len(tail) + 1, reading
    return number.rstrip("<"), check_passes(number, check), None, None


def _optional_fields(layout: Layout, lines: Sequence[str], used: int | None) -> list[str]:
    """Each optional data field as printed, less the tail of a long document number."""
    fields = []
    for index, span in enumerate(layout.optional_data):
        text = span.take(lines)
        if index == 0 and used:
            text = text[used:]
        fields.append(text)
    return fields


def _optional_data(fields: Sequence[str]) -> str:
    return " ".join(part for part in (text.strip("<") for text in fields) if part)


def parse_mrz(lines: str | Sequence[str], *, today: date | None = None) -> MrzResult:
    """Read an MRZ given as a list of lines or one pasted block.

    Raises :class:`MrzUnreadable` when the text is not an MRZ (a bad character, wrong
    line count or length) and :class:`MrzUnsupported` (a subclass) for a format it
    recognises but does not read; any other problem is an error, warning or note code
    in the result.
    """
    today = today or date.today()
    layout, raw = read_lines(lines)
    errors: list[str] = []
    warnings: list[str] = []

    def take(span: Span) -> str:
        return span.take(raw)

    notes: list[str] = []
    kind = document_kind(layout, raw)
    internal = kind == RU_INTERNAL_PASSPORT

    issuing_state = take(layout.issuing_state).strip("<")
    if not countries.is_known(issuing_state):
        errors.append("unknown_issuing_state")
    surname, given_names = read_name(take(layout.holder_name))
    cyrillic: CyrillicName | None = None
    internal_data: InternalPassportData | None = None
    if internal:
        reading = read_internal_passport(raw, today)
        errors += reading.errors
        cyrillic, internal_data = reading.name, reading.data
        if cyrillic is not None:
            surname, given_names = reading.surname_latin, reading.given_names_latin

    number, number_ok, used, number_reading = document_number(layout, raw)
    if not number_ok:
        errors.append("check_digit_document_number")
    if number_reading == FILLER_INCLUDED_READING:
        notes.append("number_check_filler_included")
    if internal_data is not None:
        number = internal_data.series + internal_data.number

    nationality = take(layout.nationality).strip("<")
    if not countries.is_known(nationality):
        errors.append("unknown_nationality")

    birth_field = take(layout.birth_date)
    birth_ok = check_passes(birth_field, take(layout.birth_date_check))
    if not birth_ok:
        errors.append("check_digit_birth_date")
    try:
        birth_date = read_birth_date(birth_field, today)
    except ValueError:
        birth_date = None
        errors.append("invalid_birth_date")
    else:
        if birth_date is None or not birth_date.is_complete:
            warnings.append("birth_date_partial")

    issued = internal_data.issue_date if internal_data is not None else None
    if issued is not None and issue_date_implausible(issued, birth_date, today):
        errors.append("implausible_issue_date")

    sex_char = take(layout.sex)
    sex = SEXES.get(sex_char, sex_char)
    if sex_char not in SEXES:
        errors.append("invalid_sex")

    expiry_field = take(layout.expiry_date)
    expiry_check = take(layout.expiry_date_check)
    expiry_date: date | None = None
    expiry_ok: bool | None
    if internal and set(expiry_field + expiry_check) == {"<"}:
        expiry_ok = None  # an internal passport has no date of expiry
    else:
        expiry_ok = check_passes(expiry_field, expiry_check)
        if not expiry_ok:
            errors.append("check_digit_expiry_date")
        try:
            expiry_date = read_expiry_date(expiry_field, today)
        except ValueError:
            errors.append("invalid_expiry_date")

    optional_ok: bool | None = None
    if layout.optional_data_check is not None:
        optional_ok = check_passes(take(layout.optional_data[0]), take(layout.optional_data_check))
        if not optional_ok:
            errors.append("check_digit_optional_data")

    composite_ok: bool | None = None
    if layout.composite_check is not None:
        covered = "".join(take(span) for span in layout.composite_covers)
        composite_ok = check_passes(covered, take(layout.composite_check))
        if not composite_ok:
            errors.append("check_digit_composite")

    rules = policy()
    if birth_date is not None and is_under_age(birth_date, today, rules.adult_age_years):
        warnings.append("under_18")
    if expiry_date is not None:
        if expiry_date < today:
            warnings.append("expired")
        elif expiry_date <= today + timedelta(days=rules.expires_soon_days):
            warnings.append("expires_soon")

    fields = _optional_fields(layout, raw, used)
    personal = None
    if not internal:
        personal, number_warnings = personal_number_problems(
            issuing_state, kind, fields, birth_field
        )
        warnings += number_warnings
    return MrzResult(
        format=layout.name,
        document_type=take(layout.document_code).replace("<", ""),
        issuing_state=issuing_state,
        surname=surname,
        given_names=given_names,
        document_number=number,
        nationality=nationality,
        birth_date=birth_date,
        sex=sex,
        expiry_date=expiry_date,
        optional_data=_optional_data(fields),
        checks={
            "document_number": number_ok,
            "birth_date": birth_ok,
            "expiry_date": expiry_ok,
            "optional_data": optional_ok,
            "composite": composite_ok,
        },
        errors=tuple(errors),
        warnings=tuple(warnings),
        raw=raw,
        document_kind=kind,
        notes=tuple(notes),
        personal_number=personal,
        cyrillic_name=cyrillic,
        internal_passport=internal_data,
        number_reading=number_reading,
        expiry_required=not internal,
        read_on=today,
    )
