"""Checkboxes: ☒ ticked and ☐ empty options, in a line, in rows of questions, in a grid."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Table

from borderdesk.forms.labels import Label, label
from borderdesk.forms.layout import FRAME_WIDTH, PAD, esc, grid_style, para, tstyle


def checkbox_line(options: Sequence[tuple[str | Label, bool]], caption: str | Label | None = None):
    """'☒ Допустить / Admit   ☐ Отказать / Refuse' with an optional bold caption."""
    body = _boxes(options)
    if caption is not None:
        body = f"<b>{esc(label(caption).text)}:</b>&nbsp;&nbsp; {body}"
    return para(body, "value", markup=True)


def _boxes(options: Sequence[tuple[str | Label, bool]]) -> str:
    return "&nbsp;&nbsp;&nbsp;&nbsp; ".join(
        f'<font size="10">{"☒" if checked else "☐"}</font>&nbsp;'
        + esc(label(text).text).replace(" ", "&nbsp;")
        for text, checked in options
    )


def choice_rows(
    rows: Sequence[tuple[str | Label, Sequence[tuple[str | Label, bool]]]],
    caption_width: float = 0.4,
) -> Table:
    """Caption | ☒ option ☐ option … one question a row (yes/no questions, procedure …)."""
    cap_w = FRAME_WIDTH * caption_width
    data = [
        [
            para(f"<b>{esc(label(caption).text)}</b>", "value", markup=True),
            para(_boxes(opts), "value", markup=True),
        ]
        for caption, opts in rows
    ]
    return Table(data, colWidths=[cap_w, FRAME_WIDTH - cap_w], style=grid_style(), hAlign="LEFT")


def yes_no_rows(
    rows: Sequence[tuple[str | Label, bool | None]], caption_width: float = 0.4
) -> Table:
    """One yes/no question a row; None leaves both boxes empty."""
    return choice_rows(
        [(caption, [("Yes", value is True), ("No", value is False)]) for caption, value in rows],
        caption_width,
    )


def checkbox_grid(options: Sequence[tuple[str | Label, bool]], columns: int = 2) -> Table:
    """Checkboxes in aligned columns (e.g. vulnerability flags)."""
    cells = [
        para(
            f'<font size="10">{"☒" if checked else "☐"}</font>&nbsp; {esc(label(text).text)}',
            "check",
            markup=True,
        )
        for text, checked in options
    ]
    rows = [cells[i : i + columns] for i in range(0, len(cells), columns)]
    if rows and len(rows[-1]) < columns:
        rows[-1] = rows[-1] + [""] * (columns - len(rows[-1]))
    return Table(
        rows,
        colWidths=[FRAME_WIDTH / columns] * columns,
        style=tstyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), PAD),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ]
        ),
        hAlign="LEFT",
    )
