"""The monthly return as an Excel workbook, written with xlsxwriter.

Why xlsxwriter: it writes native Excel charts (bars and lines Excel itself draws and
lets the reader restyle), writes in one pass without keeping a model of the workbook,
and has explicit options so that text never turns into a formula, a number or a link
(``strings_to_formulas``/``strings_to_numbers``/``strings_to_urls`` off, every text
cell through ``write_string``). openpyxl reads the result back in the tests.

Sheets: "Figures" holds the same rows as the CSV (indicator, breakdown, value,
previous) with the change and both labels beside them; "Scope" says what the return
covers; one sheet per breakdown (direction, state, destination, site) with a bar
chart; "Trend" the 12-month line of requests and occupancy.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, BinaryIO

import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from borderdesk.domain.returns.indicators import (
    BREAKDOWN_KEYS,
    breakdown_key,
    breakdown_label,
    breakdown_value,
    indicator,
    indicator_label,
)
from borderdesk.domain.returns.table import CSV_COLUMNS, MonthlyReturn, Value

FIGURES_SHEET = "Figures"
# The indicator drawn on each breakdown sheet's chart.
CHARTED = {
    "direction": "checks",
    "state": "requests_received",
    "destination": "transfers_completed",
    "site": "checks",
}


def _number(sheet: Worksheet, row: int, col: int, value: Value, fmt: Any) -> None:
    if value is None:
        sheet.write_blank(row, col, None)
    else:
        sheet.write_number(row, col, value, fmt)


def _figures(book: Any, ret: MonthlyReturn, formats: dict[str, Any]) -> None:
    sheet = book.add_worksheet(FIGURES_SHEET)
    headers = [*CSV_COLUMNS, "change", "label_ru", "label_en"]
    for col, text in enumerate(headers):
        sheet.write_string(0, col, text, formats["head"])
    for row, figure in enumerate(ret.figures, start=1):
        fmt = formats["share"] if indicator(figure.indicator).kind == "share" else None
        label = indicator_label(figure.indicator)
        sheet.write_string(row, 0, figure.indicator)
        sheet.write_string(row, 1, figure.breakdown)
        _number(sheet, row, 2, figure.value, fmt)
        _number(sheet, row, 3, figure.previous, fmt)
        _number(sheet, row, 4, figure.change, fmt)
        sheet.write_string(row, 5, label.ru)
        sheet.write_string(row, 6, label.en)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, len(ret.figures), len(headers) - 1)
    sheet.set_column(0, 0, 30)
    sheet.set_column(1, 1, 20)
    sheet.set_column(2, 4, 11)
    sheet.set_column(5, 6, 45)


def _scope(book: Any, ret: MonthlyReturn, formats: dict[str, Any]) -> None:
    sheet = book.add_worksheet("Scope")
    rows = [
        ("month", str(ret.month)),
        ("previous_month", str(ret.previous_month)),
        ("as_of", ret.as_of.isoformat()),
        ("compiled_by", ret.compiled_by.code),
        ("digest", ret.digest()),
    ]
    for r, (key, value) in enumerate(rows):
        sheet.write_string(r, 0, key, formats["head"])
        sheet.write_string(r, 1, value)
    start = len(rows) + 1
    for col, text in enumerate(("site", "name", "timezone", "newest_package")):
        sheet.write_string(start, col, text, formats["head"])
    for r, site in enumerate(ret.sites, start=start + 1):
        sheet.write_string(r, 0, site.code)
        sheet.write_string(r, 1, site.name)
        sheet.write_string(r, 2, site.timezone)
        package = site.newest_package.isoformat() if site.newest_package else ""
        sheet.write_string(r, 3, package if site.synced else "this site")
    sheet.set_column(0, 0, 16)
    sheet.set_column(1, 1, 60)
    sheet.set_column(2, 3, 26)


def _breakdown_sheet(book: Any, ret: MonthlyReturn, key: str, formats: dict[str, Any]) -> None:
    rows = [f for f in ret.figures if breakdown_key(f.breakdown) == key]
    if not rows:
        return
    sheet = book.add_worksheet(key)
    label = breakdown_label(key)
    headers = ["indicator", key, "value", "previous", "change", "label_ru", "label_en"]
    for col, text in enumerate(headers):
        sheet.write_string(0, col, text, formats["head"])
    charted: list[int] = []
    for r, figure in enumerate(rows, start=1):
        sheet.write_string(r, 0, figure.indicator)
        sheet.write_string(r, 1, breakdown_value(figure.breakdown))
        _number(sheet, r, 2, figure.value, None)
        _number(sheet, r, 3, figure.previous, None)
        _number(sheet, r, 4, figure.change, None)
        sheet.write_string(r, 5, indicator_label(figure.indicator).ru)
        sheet.write_string(r, 6, indicator_label(figure.indicator).en)
        if figure.indicator == CHARTED.get(key):
            charted.append(r)
    sheet.freeze_panes(1, 0)
    sheet.set_column(0, 0, 30)
    sheet.set_column(1, 4, 11)
    sheet.set_column(5, 6, 40)
    if charted:
        _bar_chart(book, sheet, key, charted, label.text, CHARTED[key])


def _bar_chart(
    book: Any, sheet: Worksheet, name: str, rows: list[int], title: str, code: str
) -> None:
    first, last = rows[0], rows[-1]  # the charted indicator's rows are contiguous
    chart = book.add_chart({"type": "column"})
    for col in (2, 3):
        chart.add_series(
            {
                "name": [name, 0, col],
                "categories": [name, first, 1, last, 1],
                "values": [name, first, col, last, col],
            }
        )
    chart.set_title({"name": f"{indicator_label(code).text} — {title}"})
    chart.set_y_axis({"min": 0, "major_gridlines": {"visible": True}})
    chart.set_legend({"position": "bottom"})
    sheet.insert_chart(1, 8, chart, {"x_scale": 1.4, "y_scale": 1.2})


def _trend(book: Any, ret: MonthlyReturn, formats: dict[str, Any]) -> None:
    if not ret.trend:
        return
    sheet = book.add_worksheet("Trend")
    for col, text in enumerate(("month", "requests_received", "mean_occupancy")):
        sheet.write_string(0, col, text, formats["head"])
    for r, point in enumerate(ret.trend, start=1):
        sheet.write_string(r, 0, point.month)
        sheet.write_number(r, 1, point.requests_received)
        sheet.write_number(r, 2, point.mean_occupancy)
    last = len(ret.trend)
    chart = book.add_chart({"type": "line"})
    for col in (1, 2):
        chart.add_series(
            {
                "name": ["Trend", 0, col],
                "categories": ["Trend", 1, 0, last, 0],
                "values": ["Trend", 1, col, last, col],
                "marker": {"type": "circle"},
            }
        )
    chart.set_y_axis({"min": 0})
    chart.set_legend({"position": "bottom"})
    chart.set_title({"name": "12 months"})
    sheet.insert_chart(1, 4, chart, {"x_scale": 1.5, "y_scale": 1.2})
    sheet.set_column(0, 2, 18)


def write_return_xlsx(ret: MonthlyReturn, out: Path | str | BinaryIO) -> None:
    target = str(out) if isinstance(out, Path | str) else out
    book = xlsxwriter.Workbook(
        target,
        {
            "strings_to_formulas": False,
            "strings_to_numbers": False,
            "strings_to_urls": False,
            "in_memory": True,
        },
    )
    compiled = ret.compiled_at.replace(tzinfo=None)
    book.set_properties(
        {
            "title": f"Monthly return {ret.month}",
            "subject": " + ".join(ret.site_codes),
            "author": ret.compiled_by.code,
            "created": compiled,
            "comments": f"sha256 {ret.digest()}",
        }
    )
    formats = {
        "head": book.add_format({"bold": True}),
        "share": book.add_format({"num_format": "0.0%"}),
    }
    _figures(book, ret, formats)
    _scope(book, ret, formats)
    for key in BREAKDOWN_KEYS:
        _breakdown_sheet(book, ret, key, formats)
    _trend(book, ret, formats)
    book.close()
