"""Charts of the monthly return, drawn with reportlab's own graphics: vector shapes in
the PDF (no images), a few kilobytes each. Every value axis starts at zero."""

from __future__ import annotations

import math
from collections.abc import Sequence

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from borderdesk.forms.fonts import SANS, register_fonts
from borderdesk.forms.layout import FRAME_WIDTH, GREY, INK

CURRENT = colors.HexColor("#2F5D8A")
PREVIOUS = colors.HexColor("#A9BCD0")
SECOND = colors.HexColor("#B5562B")


def nice_top(value: float) -> tuple[float, float]:
    """An axis top at or above ``value`` and a round step (at least 1: counts of persons)."""
    if value <= 0:
        return 1.0, 1.0
    magnitude = 10 ** math.floor(math.log10(value))
    for factor in (1, 2, 2.5, 5, 10):
        step = max(1.0, factor * magnitude / 5)
        top = math.ceil(value / step) * step
        if top / step <= 6:
            return float(top), float(step)
    return float(value), float(value)


def _title(drawing: Drawing, title: tuple[str, str], height: float) -> None:
    """Russian over English, as the tables' headers."""
    drawing.add(String(0, height - 8, title[0], fontName=SANS, fontSize=7.5, fillColor=INK))
    drawing.add(String(0, height - 16, title[1], fontName=SANS, fontSize=6.5, fillColor=GREY))


def _legend(
    drawing: Drawing, x: float, y: float, items: Sequence[tuple[colors.Color, str]]
) -> None:
    """Small swatches with their names in one row, starting at ``x``."""
    for color, name in items:
        drawing.add(Rect(x, y, 6, 6, fillColor=color, strokeWidth=0))
        drawing.add(String(x + 9, y + 0.5, name, fontName=SANS, fontSize=6.5, fillColor=INK))
        x += 16 + stringWidth(name, SANS, 6.5)


def bar_chart(
    title: tuple[str, str],
    categories: Sequence[str],
    current: Sequence[float],
    previous: Sequence[float],
    labels: tuple[str, str],
    width: float = FRAME_WIDTH / 2 - 3 * mm,
    height: float = 52 * mm,
) -> Drawing:
    """Bars for this month beside last month's, one group per category (state, destination)."""
    register_fonts()
    drawing = Drawing(width, height, initialFontName=SANS, initialFontSize=7)
    _title(drawing, title, height)
    chart = VerticalBarChart()
    chart.x, chart.y = 22, 14
    chart.width, chart.height = width - 30, height - 44
    shown = list(categories) or ["—"]
    chart.data = [list(current) or [0], list(previous) or [0]]
    chart.categoryAxis.categoryNames = shown
    chart.categoryAxis.labels.fontName = SANS
    chart.categoryAxis.labels.fontSize = 6
    chart.categoryAxis.labels.angle = 0 if len(shown) <= 10 else 45
    chart.categoryAxis.labels.boxAnchor = "n" if len(shown) <= 10 else "ne"
    top, step = nice_top(max([*current, *previous, 0]))
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = top
    chart.valueAxis.valueStep = step
    chart.valueAxis.labels.fontName = SANS
    chart.valueAxis.labels.fontSize = 6
    chart.valueAxis.labelTextFormat = "%d"
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.HexColor("#DDDDDD")
    chart.bars[0].fillColor = CURRENT
    chart.bars[1].fillColor = PREVIOUS
    chart.bars.strokeWidth = 0
    chart.barSpacing = 1
    chart.groupSpacing = 6
    drawing.add(chart)
    _legend(drawing, chart.x, height - 27, [(CURRENT, labels[0]), (PREVIOUS, labels[1])])
    return drawing


def line_chart(
    title: tuple[str, str],
    months: Sequence[str],
    values: Sequence[float],
    color: colors.Color = CURRENT,
    width: float = FRAME_WIDTH / 2 - 3 * mm,
    height: float = 48 * mm,
    integer: bool = True,
) -> Drawing:
    """One 12-month line, oldest month first."""
    register_fonts()
    drawing = Drawing(width, height, initialFontName=SANS, initialFontSize=7)
    _title(drawing, title, height)
    chart = HorizontalLineChart()
    chart.x, chart.y = 24, 16
    chart.width, chart.height = width - 32, height - 36
    chart.data = [list(values) or [0]]
    chart.categoryAxis.categoryNames = [m[2:] for m in months] or ["—"]  # "26-11"
    chart.categoryAxis.labels.fontName = SANS
    chart.categoryAxis.labels.fontSize = 5.5
    chart.categoryAxis.labels.angle = 45
    chart.categoryAxis.labels.boxAnchor = "ne"
    top, step = nice_top(max([*values, 0]))
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = top
    chart.valueAxis.valueStep = step
    chart.valueAxis.labels.fontName = SANS
    chart.valueAxis.labels.fontSize = 6
    chart.valueAxis.labelTextFormat = "%d" if integer or step >= 1 else "%.1f"
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.HexColor("#DDDDDD")
    chart.lines[0].strokeColor = color
    chart.lines[0].strokeWidth = 1.2
    drawing.add(chart)
    return drawing
