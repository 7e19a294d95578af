"""The Russian internal passport (паспорт гражданина РФ): its MRZ is a TD3 with a twist.

Line 1 is ``PNRUS`` and the name in the interior ministry's one-character-a-letter Latin
(Ю = 7, Й = Q, Ь = 9 ...; ``names.transliteration.internal_passport_table``), the given
names field holding ``NAME<PATRONYMIC``. Line 2 sits like a TD3's, except that:

- positions 1-9 hold the first three digits of the series and the six-digit number;
- there is no date of expiry (positions 22-28 are filler);
- the optional data (29-42) holds the series' fourth digit, the date of issue (YYMMDD),
  the issuing department's code (6 digits) and a filler, with its check digit at 43.

A date of issue that is a real date may still be implausible: before the holder was
born, or outside the ``document_issue`` window (resources/date_windows.toml: no such
passport was issued before October 1997), as a misprint or a forged line gives.

Every check digit is computed as Doc 9303 does (the composite covers 1-10, 14-20, 22-43).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from borderdesk.domain.date_windows import date_window_problem
from borderdesk.domain.mrz.checkdigit import compute_check_digit
from borderdesk.domain.mrz.compose import BirthDate
from borderdesk.domain.mrz.dates import mrz_date, read_birth_date
from borderdesk.domain.mrz.formats import TD3
from borderdesk.domain.mrz.kinds import RU_INTERNAL_PREFIX
from borderdesk.domain.mrz.result import CyrillicName, InternalPassportData
from borderdesk.domain.names.transliteration import (
    from_internal_passport,
    internal_passport_table,
    to_latin,
)
from borderdesk.domain.partial_date import PartialDate


@dataclass(frozen=True)
class InternalPassportReading:
    name: CyrillicName | None  # None when a character of the name stands for no letter
    surname_latin: str
    given_names_latin: str  # given name and patronymic, as the MRZ field holds them
    data: InternalPassportData
    errors: tuple[str, ...]


def _read_names(field: str) -> CyrillicName | None:
    primary, _sep, secondary = field.rstrip("<").partition("<<")
    parts = [part for part in secondary.split("<") if part]
    # The patronymic is the last part; a given name alone has none.
    given, patronymic = (parts[:-1], parts[-1]) if len(parts) > 1 else (parts, "")
    decoded = [from_internal_passport(text) for text in (primary, "<".join(given), patronymic)]
    if any(text is None for text in decoded):
        return None
    surname, given_name, father = (text or "" for text in decoded)
    return CyrillicName(surname=surname, given_name=given_name, patronymic=father)


def _issue_date(field: str, today: date) -> date | None:
    try:
        value = read_birth_date(field, today)  # the latest such date not after today
    except ValueError:
        return None
    if value is None or not value.is_complete:
        return None
    return value.earliest()


def issue_date_implausible(issued: date, birth: PartialDate | None, today: date) -> bool:
    """Whether a real date of issue cannot be right: outside the ``document_issue``
    window around ``today``, or before the earliest day the holder can have been born."""
    if date_window_problem("document_issue", issued, today=today) is not None:
        return True
    return birth is not None and issued < birth.earliest()


def read_internal_passport(lines: Sequence[str], today: date) -> InternalPassportReading:
    """The Cyrillic names and the optional block of a ``PNRUS`` MRZ (check digits aside)."""
    name = _read_names(TD3.holder_name.take(lines))
    errors: list[str] = []
    if name is None:
        errors.append("invalid_name")
    optional = TD3.optional_data[0].take(lines)
    head = TD3.document_number.take(lines)
    series, number = head[:3] + optional[0], head[3:]
    if not (series + number).isdigit():
        errors.append("invalid_series_number")
    issued = _issue_date(optional[1:7], today)
    if issued is None:
        errors.append("invalid_issue_date")
    department = optional[7:13]
    if not department.isdigit() or optional[13:] != "<":
        errors.append("invalid_department_code")
    data = InternalPassportData(
        series=series,
        number=number,
        issue_date=issued,
        department_code=f"{department[:3]}-{department[3:]}",
    )
    surname_latin = to_latin(name.surname) if name else ""
    given_latin = to_latin(f"{name.given_name} {name.patronymic}") if name else ""
    return InternalPassportReading(name, surname_latin, given_latin, data, tuple(errors))


def _encode(text: str) -> str:
    table = {letter: char for char, letter in internal_passport_table().items()}
    words = text.upper().replace("-", " ").split()
    try:
        return "<".join("".join(table[c] for c in word) for word in words)
    except KeyError as exc:
        raise ValueError(f"not a Russian letter: {exc.args[0]!r} in {text!r}") from None


def compose_ru_internal_passport(
    *,
    surname: str,
    given_name: str,
    patronymic: str = "",
    series: str,
    number: str,
    birth_date: BirthDate,
    sex: str,
    issue_date: date,
    department_code: str,
) -> tuple[str, str]:
    """The two 44-character lines of an internal passport; names in Cyrillic."""
    department = department_code.replace("-", "")
    if not (len(series) == 4 and series.isdigit() and len(number) == 6 and number.isdigit()):
        raise ValueError(f"series is 4 digits and number 6: {series!r} {number!r}")
    if len(department) != 6 or not department.isdigit():
        raise ValueError(f"a department code has 6 digits: {department_code!r}")
    if sex not in ("F", "M"):
        raise ValueError(f"sex is F or M: {sex!r}")
    given = "<".join(part for part in (_encode(given_name), _encode(patronymic)) if part)
    name = f"{_encode(surname)}<<{given}" if given else _encode(surname)
    line1 = (RU_INTERNAL_PREFIX + name)[:44].ljust(44, "<")
    head = series[:3] + number
    birth = mrz_date(birth_date)
    optional = series[3] + mrz_date(issue_date) + department + "<"
    part1 = head + str(compute_check_digit(head))
    part2 = birth + str(compute_check_digit(birth))
    part3 = "<" * 7 + optional + str(compute_check_digit(optional))
    composite = compute_check_digit(part1 + part2 + part3)
    line2 = f"{part1}RUS{part2}{sex}{part3}{composite}"
    assert len(line2) == 44, line2
    return line1, line2
