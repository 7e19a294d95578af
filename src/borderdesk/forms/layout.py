"""Bilingual building blocks on reportlab platypus, so each form is a short list.

Every label is printed "Русский / English" (or stacked in table headers); every
value is printed once. Widths are fractions of the frame width.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from borderdesk.forms.fonts import MONO, SANS, SANS_BOLD, register_fonts
from borderdesk.forms.labels import Label, label

FRAME_WIDTH = 180 * mm  # A4 minus 15 mm margins each side
INK = colors.HexColor("#1A1A1A")
GREY = colors.HexColor("#5A5A5A")
RULE = colors.HexColor("#9A9A9A")
SHADE = colors.HexColor("#E8EBEF")
PAD = 3


@cache
def styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    base = ParagraphStyle("bd", fontName=SANS, fontSize=8.5, leading=10.5, textColor=INK)
    return {
        "base": base,
        "value": ParagraphStyle("bd-value", base, fontSize=9, leading=11),
        "cell": ParagraphStyle("bd-cell", base, fontSize=8, leading=9.6),
        "cell_right": ParagraphStyle(
            "bd-cell-r", base, fontSize=8, leading=9.6, alignment=TA_RIGHT
        ),
        "head": ParagraphStyle("bd-head", base, fontName=SANS_BOLD, fontSize=7, leading=8.4),
        "section": ParagraphStyle("bd-sec", base, fontName=SANS_BOLD, fontSize=9.5, leading=11.5),
        "small": ParagraphStyle("bd-small", base, fontSize=6.5, leading=8, textColor=GREY),
        "center_small": ParagraphStyle(
            "bd-csmall", base, fontSize=6.5, leading=8, textColor=GREY, alignment=TA_CENTER
        ),
        "check": ParagraphStyle(
            "bd-check", base, fontSize=9, leading=11, leftIndent=14, firstLineIndent=-14
        ),
        "mono": ParagraphStyle("bd-mono", base, fontName=MONO, fontSize=8, leading=9.6),
        "title": ParagraphStyle("bd-title", base, fontName=SANS_BOLD, fontSize=12, leading=14.5),
        "subtitle": ParagraphStyle("bd-subtitle", base, fontSize=10, leading=12, textColor=GREY),
    }


def esc(text: object) -> str:
    """Escape a value for Paragraph markup; newlines become line breaks."""
    return escape(str(text)).replace("\n", "<br/>")


def para(text: object, style: str = "value", *, markup: bool = False) -> Paragraph:
    return Paragraph(str(text) if markup else esc(text), styles()[style])


def _label_markup(lbl: Label) -> str:
    return f'<font size="6.5" color="#5A5A5A">{esc(lbl.text)}</font>'


def stacked(lbl: Label | str, style: str = "head", extra: str = "") -> Paragraph:
    """Russian over English (English in grey): for narrow table cells and headers.

    ``extra`` (plain text) is printed on a further line, e.g. a note on a coded value.
    """
    lbl = label(lbl)
    text = esc(lbl.ru)
    if lbl.en and lbl.ru != lbl.en:
        text += f'<br/><font color="#5A5A5A">{esc(lbl.en)}</font>'
    if extra:
        text += f"<br/>{esc(extra)}"
    return para(text, style, markup=True)


@dataclass(frozen=True)
class Field:
    """A label/value cell of a field grid; ``span`` counts grid columns."""

    label: str | Label
    value: object = ""
    span: int = 1
    mono: bool = False


def field_cell(field: Field) -> Paragraph:
    value = "" if field.value is None else str(field.value)
    shown = esc(value) if value else "—"
    if field.mono and value:
        shown = f'<font name="{MONO}">{shown}</font>'
    return para(f"{_label_markup(label(field.label))}<br/>{shown}", "value", markup=True)


def tstyle(commands: Sequence[tuple]) -> TableStyle:
    """A table style whose cells use DejaVu (reportlab's default would pull in Helvetica)."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), SANS), *commands])


def grid_style(extra: Sequence[tuple] = ()) -> TableStyle:
    return tstyle(
        [
            ("GRID", (0, 0), (-1, -1), 0.4, RULE),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), PAD),
            ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
            ("TOPPADDING", (0, 0), (-1, -1), 1.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
            *extra,
        ]
    )


def field_grid(fields: Sequence[Field], columns: int = 2) -> Table:
    """Label-over-value cells, ``columns`` to a row; a field may span several columns."""
    rows: list[list] = []
    spans: list[tuple] = []
    row: list = []
    for field in fields:
        span = max(1, min(field.span, columns))
        if len(row) + span > columns:
            rows.append(row + [""] * (columns - len(row)))
            row = []
        if span > 1:
            r = len(rows)
            spans.append(("SPAN", (len(row), r), (len(row) + span - 1, r)))
        row.append(field_cell(field))
        row.extend([""] * (span - 1))
    if row:
        if len(row) < columns:
            r = len(rows)
            spans.append(("SPAN", (len(row) - 1, r), (columns - 1, r)))
        rows.append(row + [""] * (columns - len(row)))
    widths = [FRAME_WIDTH / columns] * columns
    table = Table(rows, colWidths=widths, style=grid_style(spans), hAlign="LEFT")
    return table


def section(title: str | Label, number: str | None = None) -> Table:
    """A shaded bilingual section heading that stays with what follows it."""
    text = esc(label(title).text)
    if number:
        text = f"{esc(number)}. {text}"
    table = Table(
        [[para(text, "section", markup=True)]],
        colWidths=[FRAME_WIDTH],
        style=tstyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), SHADE),
                ("BOX", (0, 0), (-1, -1), 0.4, RULE),
                ("LEFTPADDING", (0, 0), (-1, -1), PAD),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        ),
        spaceBefore=5,
    )
    table.keepWithNext = True
    return table


@dataclass(frozen=True)
class Column:
    label: str | Label
    width: float  # relative
    align: str = "left"  # "left" | "right"
    mono: bool = False


def bilingual_text(ru: str, en: str, style: str = "cell") -> Paragraph:
    """A value given in both languages (e.g. a finding), Russian over English."""
    return stacked(Label(ru or en, en or ru), style)


def data_table(
    columns: Sequence[Column],
    rows: Sequence[Sequence[object]],
    *,
    numbered: bool = True,
    empty: str | Label = "None recorded",
    width: float = 1.0,
    header: bool = True,
    first_number: int = 1,
) -> Table:
    """A table with stacked RU/EN column headers that repeat on every page.

    ``header=False`` and ``first_number`` make the continuation of a table split in two
    (forms.closing keeps a table's last rows with the signatures under it).
    """
    cols = list(columns)
    if numbered:
        cols.insert(0, Column("No.", 0.45, "right"))
    total = sum(c.width for c in cols)
    widths = [FRAME_WIDTH * width * c.width / total for c in cols]
    heading = [stacked(c.label) for c in cols]
    body: list[list] = []
    for i, row in enumerate(rows, start=first_number):
        values = [str(i), *row] if numbered else list(row)
        cells = []
        for col, value in zip(cols, values, strict=True):
            if isinstance(value, Flowable | list):  # a list: flowables stacked in the cell
                cells.append(value)
                continue
            if isinstance(value, Label):
                cells.append(stacked(value, "cell"))
                continue
            style = "cell_right" if col.align == "right" else "cell"
            text = esc("" if value is None else value)
            if col.mono and text:
                text = f'<font name="{MONO}">{text}</font>'
            cells.append(para(text, style, markup=True))
        body.append(cells)
    if not header:
        return Table(body, colWidths=widths, style=grid_style(), hAlign="LEFT")
    extra: list[tuple] = [("BACKGROUND", (0, 0), (-1, 0), SHADE)]
    if not body:
        body.append([para(label(empty).text, "small")] + [""] * (len(cols) - 1))
        extra.append(("SPAN", (0, 1), (-1, 1)))
    return Table(
        [heading, *body], colWidths=widths, repeatRows=1, style=grid_style(extra), hAlign="LEFT"
    )


def text_box(text: str, min_height: float = 14 * mm) -> Table:
    """A bordered free-text area; one row per paragraph so long text can break across pages."""
    parts = [p for p in (text or "").split("\n\n") if p.strip()] or [""]
    cells = [[para(p)] for p in parts]
    inner = FRAME_WIDTH - 2 * PAD
    used = sum(c[0].wrap(inner, 10000)[1] + 4 for c in cells)
    extra_pad = max(0.0, min_height - used)
    return Table(
        cells,
        colWidths=[FRAME_WIDTH],
        style=tstyle(
            [
                ("BOX", (0, 0), (-1, -1), 0.4, RULE),
                ("LEFTPADDING", (0, 0), (-1, -1), PAD),
                ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, -1), (-1, -1), 2 + extra_pad),
            ]
        ),
        hAlign="LEFT",
    )


def spacer(height: float = 2 * mm) -> Spacer:
    return Spacer(1, height)
