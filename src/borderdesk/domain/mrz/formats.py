"""Where each field sits in the five machine readable zone layouts (Doc 9303 Parts 4-7)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Span:
    """Characters ``start``..``end`` (1-based, inclusive) of line ``line`` (1-based)."""

    line: int
    start: int
    end: int

    def take(self, lines: Sequence[str]) -> str:
        return lines[self.line - 1][self.start - 1 : self.end]

    def available(self, lines: Sequence[str]) -> bool:
        """Whether the lines typed so far already reach the end of this span."""
        return len(lines) >= self.line and len(lines[self.line - 1]) >= self.end


def _at(line: int, position: int) -> Span:
    return Span(line, position, position)


@dataclass(frozen=True)
class Layout:
    name: str  # 'TD1', 'TD2', 'TD3', 'MRVA', 'MRVB'
    line_count: int
    line_length: int
    document_code: Span
    issuing_state: Span
    holder_name: Span
    document_number: Span
    document_number_check: Span
    nationality: Span
    birth_date: Span
    birth_date_check: Span
    sex: Span
    expiry_date: Span
    expiry_date_check: Span
    optional_data: tuple[Span, ...]
    optional_data_check: Span | None = None
    composite_check: Span | None = None
    composite_covers: tuple[Span, ...] = ()
    # TD1 and TD2: a long document number runs on into this optional field (Part 5 §4.2.4).
    number_overflow: Span | None = None


TD1 = Layout(
    name="TD1",
    line_count=3,
    line_length=30,
    document_code=Span(1, 1, 2),
    issuing_state=Span(1, 3, 5),
    document_number=Span(1, 6, 14),
    document_number_check=_at(1, 15),
    optional_data=(Span(1, 16, 30), Span(2, 19, 29)),
    birth_date=Span(2, 1, 6),
    birth_date_check=_at(2, 7),
    sex=_at(2, 8),
    expiry_date=Span(2, 9, 14),
    expiry_date_check=_at(2, 15),
    nationality=Span(2, 16, 18),
    composite_check=_at(2, 30),
    composite_covers=(Span(1, 6, 30), Span(2, 1, 7), Span(2, 9, 15), Span(2, 19, 29)),
    holder_name=Span(3, 1, 30),
    number_overflow=Span(1, 16, 30),
)


def _two_line(
    name: str, length: int, *, composite: bool, optional_check: bool, overflow: bool = False
) -> Layout:
    # TD2, TD3, MRV-A and MRV-B share the start of both lines; only the tail differs.
    optional_end = length - (1 if composite else 0) - (1 if optional_check else 0)
    optional = Span(2, 29, optional_end)
    return Layout(
        name=name,
        line_count=2,
        line_length=length,
        document_code=Span(1, 1, 2),
        issuing_state=Span(1, 3, 5),
        holder_name=Span(1, 6, length),
        document_number=Span(2, 1, 9),
        document_number_check=_at(2, 10),
        nationality=Span(2, 11, 13),
        birth_date=Span(2, 14, 19),
        birth_date_check=_at(2, 20),
        sex=_at(2, 21),
        expiry_date=Span(2, 22, 27),
        expiry_date_check=_at(2, 28),
        optional_data=(optional,),
        optional_data_check=_at(2, length - 1) if optional_check else None,
        composite_check=_at(2, length) if composite else None,
        composite_covers=(Span(2, 1, 10), Span(2, 14, 20), Span(2, 22, length - 1))
        if composite
        else (),
        number_overflow=optional if overflow else None,
    )


TD2 = _two_line("TD2", 36, composite=True, optional_check=False, overflow=True)
TD3 = _two_line("TD3", 44, composite=True, optional_check=True)
MRVA = _two_line("MRVA", 44, composite=False, optional_check=False)
MRVB = _two_line("MRVB", 36, composite=False, optional_check=False)

LAYOUTS = {layout.name: layout for layout in (TD1, TD2, TD3, MRVA, MRVB)}
LINE_COUNTS = {30: 3, 36: 2, 44: 2}  # line length -> number of lines


def layout_for(line_length: int, first_char: str) -> Layout | None:
    """The layout of an MRZ whose lines have ``line_length`` characters."""
    if line_length == 30:
        return TD1
    if line_length == 36:
        return MRVB if first_char == "V" else TD2
    if line_length == 44:
        return MRVA if first_char == "V" else TD3
    return None
