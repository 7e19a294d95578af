"""Signature blocks: role, name, position, date, 'Подпись / Signature', 'М.П. / Stamp'."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.platypus import Table

from borderdesk.forms.labels import Label, label
from borderdesk.forms.layout import (
    FRAME_WIDTH,
    INK,
    PAD,
    RULE,
    SHADE,
    Field,
    field_cell,
    para,
    tstyle,
)


@dataclass(frozen=True)
class Signatory:
    """One signature block: who signs, and whether a stamp is expected."""

    role: str | Label
    name: str = ""
    position: str = ""
    date: str = ""
    stamp: bool = False
    has_position: bool = True  # False for a private person (e.g. the person checked)


_BLANK_DATE = "«____» ____________ 20____"


def _sign_area(sig: Signatory, width: float, height: float) -> Table:
    """Blank room to sign (and stamp), closed by a rule captioned 'Подпись / Signature'."""
    room = [para(label("Stamp").text, "small")] if sig.stamp else []
    return Table(
        [[room], [para(label("Signature").text, "center_small")]],
        colWidths=[width],
        rowHeights=[height, None],
        style=tstyle(
            [
                ("LINEABOVE", (0, 1), (-1, 1), 0.6, INK),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        ),
    )


def _signature_block(sig: Signatory, width: float, head_h: float, sign_h: float) -> Table:
    details = [
        field_cell(Field("Full name", sig.name)),
        *([field_cell(Field("Position", sig.position))] if sig.has_position else []),
        field_cell(Field("Date", sig.date or _BLANK_DATE)),
    ]
    inner = width - 2 * PAD
    if width > FRAME_WIDTH / 1.5:  # a lone, full-width block: details beside the signature
        left = width * 0.5
        rows = [[para(label(sig.role).text, "section"), ""], [details, ""]]
        rows[1][1] = _sign_area(sig, width - left - 2 * PAD, sign_h)
        widths = [left, width - left]
        spans = [("SPAN", (0, 0), (1, 0)), ("VALIGN", (1, 1), (1, 1), "BOTTOM")]
    else:  # half width: details above the signature
        rows = [
            [para(label(sig.role).text, "section")],
            [details],
            [_sign_area(sig, inner, sign_h)],
        ]
        widths = [width]
        spans = []
    return Table(
        rows,
        colWidths=widths,
        rowHeights=[head_h] + [None] * (len(rows) - 1),
        style=tstyle(
            [
                *spans,
                ("BOX", (0, 0), (-1, -1), 0.4, RULE),
                ("LINEBELOW", (0, 0), (-1, 0), 0.4, RULE),
                ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                ("VALIGN", (0, 0), (-1, 0), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), PAD),
                ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        ),
    )


def signature_blocks(signatories: Sequence[Signatory], per_row: int | None = None) -> Table:
    """Signature blocks side by side (two to a row; a lone block is full width): role,
    name, position, date, the 'Подпись / Signature' line and, where a stamp is
    expected, room marked 'М.П. / Stamp'. Blocks in a row are made the same height."""
    per_row = per_row or min(2, len(signatories))
    gap = 6 * mm
    width = (FRAME_WIDTH - gap * (per_row - 1)) / per_row
    heads = [para(label(s.role).text, "section") for s in signatories]
    head_h = max(h.wrap(width - 2 * PAD, 1000)[1] for h in heads) + 5
    base_h = (22 if any(s.stamp for s in signatories) else 12) * mm
    if per_row == 1:
        base_h += 6 * mm
    blocks = [_signature_block(s, width, head_h, base_h) for s in signatories]
    heights = [b.wrap(width, 10000)[1] for b in blocks]
    tallest = max(heights)
    blocks = [
        _signature_block(s, width, head_h, base_h + tallest - h) if h < tallest else b
        for s, b, h in zip(signatories, blocks, heights, strict=True)
    ]
    rows = []
    for i in range(0, len(blocks), per_row):
        cells: list = []
        for j in range(per_row):
            if j:
                cells.append("")
            cells.append(blocks[i + j] if i + j < len(blocks) else "")
        rows.append(cells)
    col_widths = []
    for j in range(per_row):
        if j:
            col_widths.append(gap)
        col_widths.append(width)
    return Table(
        rows,
        colWidths=col_widths,
        style=tstyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        ),
        hAlign="LEFT",
        spaceBefore=6,
    )
