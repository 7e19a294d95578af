"""Build valid MRZ lines from fields: for tests and realistic demo data.

Names are given in Latin capitals (transliterate Cyrillic first); spaces and hyphens
become ``<``. Dates are ``date`` objects; a date of birth may be a ``PartialDate``
or None (wholly unknown). Raises ValueError for a field that does not fit.
"""

from __future__ import annotations

import re
from datetime import date

from borderdesk.domain.mrz.checkdigit import compute_check_digit
from borderdesk.domain.mrz.dates import mrz_date
from borderdesk.domain.mrz.formats import MRVA, MRVB, TD1, TD2, TD3, Layout, Span
from borderdesk.domain.mrz.names import compose_name
from borderdesk.domain.partial_date import PartialDate

_FIELD_CHARS = re.compile(r"^[A-Z0-9<]*$")
BirthDate = date | PartialDate | None


def _text(value: str, width: int, what: str) -> str:
    text = "<".join(value.upper().split())
    if not _FIELD_CHARS.match(text) or len(text) > width:
        raise ValueError(f"{what} does not fit an MRZ field of {width}: {value!r}")
    return text.ljust(width, "<")


class _Lines:
    def __init__(self, layout: Layout) -> None:
        self.layout = layout
        self.rows = [["<"] * layout.line_length for _ in range(layout.line_count)]

    def put(self, span: Span, text: str) -> None:
        assert len(text) == span.end - span.start + 1, (span, text)
        self.rows[span.line - 1][span.start - 1 : span.end] = list(text)

    def get(self, span: Span) -> str:
        return "".join(self.rows[span.line - 1][span.start - 1 : span.end])

    def put_check(self, field: Span | tuple[Span, ...], check: Span | None) -> None:
        if check is not None:
            spans = field if isinstance(field, tuple) else (field,)
            self.put(check, str(compute_check_digit("".join(self.get(s) for s in spans))))

    def lines(self) -> tuple[str, ...]:
        return tuple("".join(row) for row in self.rows)


def _compose(
    layout: Layout,
    *,
    document_code: str,
    issuing_state: str,
    surname: str,
    given_names: str,
    document_number: str,
    nationality: str,
    birth_date: BirthDate,
    sex: str,
    expiry_date: date,
    optional_data: tuple[str, ...],
) -> tuple[str, ...]:
    out = _Lines(layout)
    out.put(layout.document_code, _text(document_code, 2, "document code"))
    out.put(layout.issuing_state, _text(issuing_state, 3, "issuing state"))
    width = layout.holder_name.end - layout.holder_name.start + 1
    out.put(layout.holder_name, compose_name(surname, given_names, width))
    number = document_number.upper()
    optional = list(optional_data)
    if len(number) > 9 and layout.number_overflow is not None:
        tail = number[9:]
        optional[0] = f"{tail}{compute_check_digit(number)}<{optional[0]}"
        out.put(layout.document_number, _text(number[:9], 9, "document number"))
        out.put(layout.document_number_check, "<")
    else:
        out.put(layout.document_number, _text(number, 9, "document number"))
        out.put_check(layout.document_number, layout.document_number_check)
    out.put(layout.nationality, _text(nationality, 3, "nationality"))
    out.put(layout.birth_date, mrz_date(birth_date))
    out.put_check(layout.birth_date, layout.birth_date_check)
    if sex not in ("F", "M", "X", "<"):
        raise ValueError(f"sex is F, M, X or '<': {sex!r}")
    out.put(layout.sex, sex)
    out.put(layout.expiry_date, mrz_date(expiry_date))
    out.put_check(layout.expiry_date, layout.expiry_date_check)
    for span, value in zip(layout.optional_data, optional, strict=True):
        out.put(span, _text(value, span.end - span.start + 1, "optional data"))
    out.put_check(layout.optional_data[0], layout.optional_data_check)
    out.put_check(layout.composite_covers, layout.composite_check)
    return out.lines()


def compose_td3(
    *,
    surname: str,
    given_names: str = "",
    document_number: str,
    nationality: str,
    birth_date: BirthDate,
    sex: str,
    expiry_date: date,
    issuing_state: str | None = None,
    personal_number: str = "",
    document_code: str = "P",
) -> tuple[str, str]:
    """A passport's two 44-character lines; the issuing state defaults to the nationality."""
    line1, line2 = _compose(
        TD3,
        document_code=document_code,
        issuing_state=issuing_state or nationality,
        surname=surname,
        given_names=given_names,
        document_number=document_number,
        nationality=nationality,
        birth_date=birth_date,
        sex=sex,
        expiry_date=expiry_date,
        optional_data=(personal_number,),
    )
    return line1, line2


def compose_td1(
    *,
    surname: str,
    given_names: str = "",
    document_number: str,
    nationality: str,
    birth_date: BirthDate,
    sex: str,
    expiry_date: date,
    issuing_state: str | None = None,
    optional_data1: str = "",
    optional_data2: str = "",
    document_code: str = "I",
) -> tuple[str, str, str]:
    """An identity card's three 30-character lines (a number over 9 characters overflows)."""
    line1, line2, line3 = _compose(
        TD1,
        document_code=document_code,
        issuing_state=issuing_state or nationality,
        surname=surname,
        given_names=given_names,
        document_number=document_number,
        nationality=nationality,
        birth_date=birth_date,
        sex=sex,
        expiry_date=expiry_date,
        optional_data=(optional_data1, optional_data2),
    )
    return line1, line2, line3


def compose_td2(
    *,
    surname: str,
    given_names: str = "",
    document_number: str,
    nationality: str,
    birth_date: BirthDate,
    sex: str,
    expiry_date: date,
    issuing_state: str | None = None,
    optional_data: str = "",
    document_code: str = "I",
) -> tuple[str, str]:
    """A TD2 document's two 36-character lines."""
    line1, line2 = _compose(
        TD2,
        document_code=document_code,
        issuing_state=issuing_state or nationality,
        surname=surname,
        given_names=given_names,
        document_number=document_number,
        nationality=nationality,
        birth_date=birth_date,
        sex=sex,
        expiry_date=expiry_date,
        optional_data=(optional_data,),
    )
    return line1, line2


def compose_mrv(
    *,
    surname: str,
    given_names: str = "",
    document_number: str,
    nationality: str,
    birth_date: BirthDate,
    sex: str,
    expiry_date: date,
    issuing_state: str,
    optional_data: str = "",
    size: str = "A",
    document_code: str = "V",
) -> tuple[str, str]:
    """A visa's two lines: MRV-A (44 characters, ``size='A'``) or MRV-B (36, ``size='B'``)."""
    layouts = {"A": MRVA, "B": MRVB}
    if size not in layouts:
        raise ValueError(f"an MRV is size 'A' or 'B': {size!r}")
    line1, line2 = _compose(
        layouts[size],
        document_code=document_code,
        issuing_state=issuing_state,
        surname=surname,
        given_names=given_names,
        document_number=document_number,
        nationality=nationality,
        birth_date=birth_date,
        sex=sex,
        expiry_date=expiry_date,
        optional_data=(optional_data,),
    )
    return line1, line2
