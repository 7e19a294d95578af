"""The end of a form: its last table, then the note and the signatures, on one page.

A page that holds only signatures (or only the note and signatures) would be signed for
nothing it shows. ``table_then_closing`` lets a long table run over pages as it must, but
keeps its last rows on the page of the closing: the table is cut in two, the second part
(without a header; its rows keep their numbers) held together with what follows it.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Flowable, KeepTogether

from borderdesk.forms.labels import Label
from borderdesk.forms.layout import Column, data_table

#: How many of the table's rows stay with the closing.
KEPT_ROWS = 1


def table_then_closing(
    columns: Sequence[Column],
    rows: Sequence[Sequence[object]],
    closing: Sequence[Flowable],
    *,
    numbered: bool = True,
    empty: str | Label = "None recorded",
    width: float = 1.0,
    kept_rows: int = KEPT_ROWS,
) -> list[Flowable]:
    """The table, then ``closing``; the table's last ``kept_rows`` rows stay with it."""
    rows = list(rows)
    if len(rows) <= kept_rows:
        table = data_table(columns, rows, numbered=numbered, empty=empty, width=width)
        return [KeepTogether([table, *closing])]
    cut = len(rows) - kept_rows
    head = data_table(columns, rows[:cut], numbered=numbered, width=width)
    tail = data_table(
        columns, rows[cut:], numbered=numbered, width=width, header=False, first_number=cut + 1
    )
    return [head, KeepTogether([tail, *closing])]
