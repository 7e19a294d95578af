"""Property tests: composed MRZs read back, and single changes are caught."""

from datetime import date, timedelta

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from borderdesk.domain.mrz import line_problems, parse_mrz
from borderdesk.domain.mrz.checkdigit import ALLOWED, char_value
from borderdesk.domain.mrz.compose import compose_mrv, compose_td1, compose_td2, compose_td3
from borderdesk.domain.mrz.dates import add_years
from borderdesk.domain.mrz.formats import LAYOUTS
from borderdesk.domain.partial_date import PartialDate

TODAY = date(2026, 11, 27)
SETTINGS = settings(max_examples=200, deadline=None)

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
ALNUM = LETTERS + "0123456789"
NAME_WIDTH = {"TD1": 30, "TD2": 31, "TD3": 39, "MRVA": 39, "MRVB": 31}

words = st.lists(st.text(LETTERS, min_size=1, max_size=8), min_size=1, max_size=3).map(" ".join)
birth_dates = st.dates(add_years(TODAY, -99) + timedelta(days=1), TODAY)
partial_births = st.one_of(
    birth_dates,
    birth_dates.map(lambda d: PartialDate(d.year, d.month)),
    birth_dates.map(lambda d: PartialDate(d.year)),
)
expiry_dates = st.dates(add_years(TODAY, -40), add_years(TODAY, 50))
codes = st.sampled_from(["RUS", "KAZ", "UZB", "D", "XXA", "XXB", "UTO", "BGD", "GBN"])


@st.composite
def documents(draw):
    fmt = draw(st.sampled_from(sorted(LAYOUTS)))
    surname = draw(words)
    given_names = draw(st.one_of(st.just(""), words))
    width = NAME_WIDTH[fmt]
    assume(len(surname) + 2 + len(given_names) <= width)
    long_numbers = fmt in ("TD1", "TD2")
    number = draw(st.text(ALNUM, min_size=1, max_size=12 if long_numbers else 9))
    overflow = len(number) > 9
    optional_width = {"TD1": 15, "TD2": 7, "TD3": 14, "MRVA": 16, "MRVB": 8}[fmt]
    if overflow:
        optional_width -= len(number) - 9 + 2
    fields = dict(
        surname=surname,
        given_names=given_names,
        document_number=number,
        nationality=draw(codes),
        issuing_state=draw(codes),
        birth_date=draw(partial_births),
        sex=draw(st.sampled_from("FMX<")),
        expiry_date=draw(expiry_dates),
    )
    optional = draw(st.text(ALNUM, max_size=optional_width))
    optional2 = draw(st.text(ALNUM, max_size=11))
    if fmt == "TD1":
        lines = compose_td1(**fields, optional_data1=optional, optional_data2=optional2)
        expected_optional = " ".join(p for p in (optional, optional2) if p)
    elif fmt == "TD2":
        lines = compose_td2(**fields, optional_data=optional)
        expected_optional = optional
    elif fmt == "TD3":
        lines = compose_td3(**fields, personal_number=optional)
        expected_optional = optional
    else:
        lines = compose_mrv(**fields, optional_data=optional, size=fmt[-1])
        expected_optional = optional
    return fmt, fields, expected_optional, lines


@SETTINGS
@given(documents())
def test_composed_mrz_reads_back(doc):
    fmt, fields, optional, lines = doc
    result = parse_mrz(lines, today=TODAY)
    assert result.valid, result.errors
    assert result.format == fmt
    assert result.surname == fields["surname"]
    assert result.given_names == fields["given_names"]
    assert result.document_number == fields["document_number"]
    assert result.nationality == fields["nationality"]
    assert result.issuing_state == fields["issuing_state"]
    birth = fields["birth_date"]
    expected_birth = PartialDate.from_date(birth) if isinstance(birth, date) else birth
    assert result.birth_date == expected_birth
    assert result.sex == ("X" if fields["sex"] == "<" else fields["sex"])
    assert result.expiry_date == fields["expiry_date"]
    assert result.optional_data == optional
    assert all(ok in (True, None) for ok in result.checks.values())
    assert line_problems(lines, today=TODAY) == []


def _protected(fmt):
    """(check name, spans) of every field a check digit protects in this format."""
    layout = LAYOUTS[fmt]
    out = [
        ("document_number", [layout.document_number]),
        ("birth_date", [layout.birth_date]),
        ("expiry_date", [layout.expiry_date]),
    ]
    if layout.optional_data_check is not None:
        out.append(("optional_data", [layout.optional_data[0]]))
    elif layout.composite_check is not None:
        out.append(("composite", list(layout.optional_data)))
    return out


@SETTINGS
@given(documents(), st.data())
def test_single_change_in_a_protected_field_is_caught(doc, data):
    fmt, _fields, _optional, lines = doc
    check, spans = data.draw(st.sampled_from(_protected(fmt)))
    span = data.draw(st.sampled_from(spans))
    position = data.draw(st.integers(span.start, span.end))
    old = lines[span.line - 1][position - 1]
    new = data.draw(st.sampled_from(sorted(ALLOWED - {old})))
    # Doc 9303's weights cannot see a change by a multiple of 10 ('0' <-> 'A', '<' <-> 'K').
    assume((char_value(new) - char_value(old)) % 10 != 0)
    changed = list(lines)
    row = changed[span.line - 1]
    changed[span.line - 1] = row[: position - 1] + new + row[position:]
    result = parse_mrz(changed, today=TODAY)
    caught = result.checks[check] is False or result.checks["composite"] is False
    assert caught, (changed, result.checks)
    assert not result.valid
