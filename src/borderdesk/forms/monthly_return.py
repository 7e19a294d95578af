"""The monthly return as a bilingual A4 PDF (ежемесячный статистический отчёт).

Rendered from the computed table (``domain.returns.MonthlyReturn``), as the CSV and the
XLSX are, so the three cannot disagree. A cover with the period and the sites (and,
for a site whose data came by sync, the date of its newest package), a table per
section with the previous month and the change, vector charts, the longest stays, the
supervisor's signature block, and the QR integrity mark of the protocols in the header.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Table

from borderdesk.domain import countries
from borderdesk.domain.returns.indicators import (
    INDICATORS,
    SECTIONS,
    breakdown_key,
    breakdown_value,
    indicator,
    indicator_label,
    section_label,
    value_label,
)
from borderdesk.domain.returns.table import Figure, MonthlyReturn, Value
from borderdesk.forms.closing import table_then_closing
from borderdesk.forms.common import fmt_amount, fmt_date, fmt_datetime
from borderdesk.forms.document import FormMeta, build_pdf
from borderdesk.forms.labels import Label, label
from borderdesk.forms.layout import (
    FRAME_WIDTH,
    SHADE,
    Column,
    Field,
    data_table,
    esc,
    field_grid,
    grid_style,
    para,
    section,
    spacer,
    stacked,
    tstyle,
)
from borderdesk.forms.return_charts import SECOND, bar_chart, line_chart
from borderdesk.forms.signatures import Signatory, signature_blocks

MINUS = "\u2212"
CHART_BARS = 12  # the largest states (destinations) are drawn; the table lists them all


@dataclass(frozen=True)
class ReturnSignatory:
    """Who signs the return (the supervisor printing it)."""

    name: str = ""
    position: str = ""


def format_value(code: str, value: Value) -> str:
    if value is None:
        return "—"
    kind = indicator(code).kind
    if kind == "share":
        return f"{value * 100:.1f} %"
    if kind == "mean":
        return f"{value:.1f}"
    return fmt_amount(int(value))


def format_change(code: str, figure: Figure) -> str:
    change = figure.change
    if change is None:
        return "—"
    if indicator(code).kind == "share":
        text = f"{abs(change) * 100:.1f} п.п. / pp"
    elif indicator(code).kind == "mean":
        text = f"{abs(change):.1f}"
    else:
        text = fmt_amount(abs(int(change)))
    return "0" if change == 0 else ("+" if change > 0 else MINUS) + text


def _part_label(breakdown: str) -> Paragraph:
    """A breakdown row on one line, indented under its total: "Германия / Germany (DEU)"."""
    key = breakdown_key(breakdown)
    code = breakdown_value(breakdown)
    if key in ("state", "destination") and countries.is_known(code):
        ru, en = countries.country_name(code, "ru"), countries.country_name(code, "en")
        text = f"{Label(ru, en).text} ({code})"
    else:
        text = Label(value_label(breakdown).ru, value_label(breakdown).en).text
    return para(f"&nbsp;&nbsp;&nbsp;&nbsp;{esc(text)}", "cell", markup=True)


def _section_rows(ret: MonthlyReturn, code: str) -> list[tuple]:
    rows: list[tuple] = []
    for ind in INDICATORS:
        if ind.section != code:
            continue
        for figure in ret.figures:
            if figure.indicator != ind.code:
                continue
            if breakdown_key(figure.breakdown) == "site":
                continue  # the sites have a table of their own
            name = indicator_label(ind.code)
            heading = (
                _part_label(figure.breakdown)
                if figure.breakdown
                else stacked(Label(name.ru, name.en), "head")
            )
            rows.append(
                (
                    heading,
                    format_value(ind.code, figure.value),
                    format_value(ind.code, figure.previous),
                    format_change(ind.code, figure),
                )
            )
    return rows


def _figures_table(ret: MonthlyReturn, code: str) -> Table:
    """Indicator, this month, last month, change. Numbers are plain table strings (not
    paragraphs): a return at HQ has hundreds of rows, and this is most of its cost."""
    header = [
        stacked("Indicator"),
        stacked(Label(label("This month").ru, str(ret.month))),
        stacked(Label(label("Previous month").ru, str(ret.previous_month))),
        stacked("Change"),
    ]
    widths = [FRAME_WIDTH * w / 8.6 for w in (5.0, 1.2, 1.2, 1.2)]
    return Table(
        [header, *_section_rows(ret, code)],
        colWidths=widths,
        repeatRows=1,
        hAlign="LEFT",
        style=grid_style(
            [
                ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
                ("FONTSIZE", (1, 1), (-1, -1), 8),
                ("VALIGN", (1, 1), (-1, -1), "MIDDLE"),
            ]
        ),
    )


BY_SITE = (
    "checks",
    "detentions",
    "requests_received",
    "applications_made",
    "centre_intakes",
    "bed_days",
    "transfers_completed",
)


def _by_site(ret: MonthlyReturn, number: int) -> list:
    """One row per site, the month's main counts (only when the return covers several)."""
    if len(ret.sites) < 2:
        return []
    rows = [
        (site.code, *(format_value(c, ret.figure(c, f"site={site.code}").value) for c in BY_SITE))
        for site in ret.sites
    ]
    columns = [Column("Site", 1.6, mono=True)]
    for code in BY_SITE:
        name = indicator_label(code)
        columns.append(Column(Label(name.ru, name.en), 1.2, "right"))
    return [section("By site", str(number)), data_table(columns, rows, numbered=False)]


def _cover(ret: MonthlyReturn) -> list:
    tz = ret.compiled_by.timezone
    sites = []
    for site in ret.sites:
        if not site.synced:
            data = label("This site").text
        elif site.newest_package is None:
            data = label("No package").text
        else:
            when = fmt_datetime(site.newest_package, site.timezone)
            data = "{words}: {when}".format(words=label("Newest package").text, when=when)
        sites.append((site.code, site.name, site.timezone, data))
    return [
        section("Period", "1"),
        field_grid(
            [
                Field("Reporting month", str(ret.month)),
                Field("Previous month", str(ret.previous_month)),
                Field("Counted up to", fmt_date(ret.as_of)),
                Field("Compiled", fmt_datetime(ret.compiled_at, tz)),
            ],
            columns=4,
        ),
        para(label("Month and sites are in each site's own time zone.").text, "small"),
        section("Sites covered", "2"),
        data_table(
            [
                Column("Site code", 1.3, mono=True),
                Column("Site name", 3.0),
                Column("Time zone", 1.8),
                Column("Data", 3.6),
            ],
            sites,
        ),
    ]


def _pair(msgid: str) -> tuple[str, str]:
    found = label(msgid)
    return found.ru, found.en


def _bars(ret: MonthlyReturn, code: str, key: str, title: str) -> object:
    parts = list(ret.breakdown(code, key))[:CHART_BARS]
    return bar_chart(
        _pair(title),
        [breakdown_value(f.breakdown) for f in parts],
        [float(f.value or 0) for f in parts],
        [float(f.previous or 0) for f in parts],
        (str(ret.month), str(ret.previous_month)),
    )


def _side_by_side(left: object, right: object) -> Table:
    half = FRAME_WIDTH / 2
    return Table(
        [[left, right]],
        colWidths=[half, half],
        style=tstyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]),
        hAlign="LEFT",
    )


def _charts(ret: MonthlyReturn, number: int) -> list:
    months = [p.month for p in ret.trend]
    return [
        KeepTogether(
            [
                section("Charts", str(number)),
                spacer(),
                _side_by_side(
                    _bars(ret, "requests_received", "state", "Requests received by state"),
                    _bars(ret, "transfers_completed", "destination", "Transfers by destination"),
                ),
                spacer(),
                _side_by_side(
                    line_chart(
                        _pair("Requests received, 12 months"),
                        months,
                        [p.requests_received for p in ret.trend],
                    ),
                    line_chart(
                        _pair("Mean occupancy, 12 months"),
                        months,
                        [p.mean_occupancy for p in ret.trend],
                        color=SECOND,
                        integer=False,
                    ),
                ),
            ]
        )
    ]


def _longest(ret: MonthlyReturn, number: int, closing: Sequence[Flowable]) -> list:
    rows: Sequence[tuple] = [
        (
            s.site,
            s.stay_number,
            s.nationality,
            fmt_date(s.arrived_on),
            fmt_date(s.left_on),
            str(s.days),
            "—" if s.max_days is None else str(s.max_days),
        )
        for s in ret.longest_stays
    ]
    # The last row stays on the page of the signature (forms.closing).
    return [
        section("Longest stays", str(number)),
        *table_then_closing(
            [
                Column("Site", 1.6, mono=True),
                Column("Stay number", 2.3, mono=True),
                Column("Nationality", 1.4),
                Column("Arrived", 1.3),
                Column("Left", 1.3),
                Column("Days", 0.8, "right"),
                Column("Maximum, days", 1.3, "right"),
            ],
            rows,
            closing,
        ),
    ]


def story(ret: MonthlyReturn, signatory: ReturnSignatory) -> list:
    flow = _cover(ret)
    number = 3
    for code in SECTIONS:
        name = section_label(code)
        flow += [section(Label(name.ru, name.en), str(number)), _figures_table(ret, code)]
        number += 1
    by_site = _by_site(ret, number)
    number += bool(by_site)
    flow += by_site
    flow += _charts(ret, number)
    flow += _longest(
        ret,
        number + 1,
        [
            spacer(4 * mm),
            signature_blocks([Signatory("Supervisor", signatory.name, signatory.position)]),
        ],
    )
    return flow


def render_monthly_return(
    ret: MonthlyReturn, out: Path | str | BinaryIO, signatory: ReturnSignatory | None = None
) -> None:
    """Write the bilingual monthly return as PDF to a path or a binary stream."""
    site = ret.compiled_by
    meta = FormMeta(
        kind="RETURN",
        title=label("Monthly return"),
        site_code=site.code,
        site_name=site.name,
        number=f"{site.code}-MR-{ret.month}",
        date_text=fmt_date(ret.as_of),
        created=ret.compiled_at,
        record_id=ret.record_id,
        digest=ret.digest(),
        keywords=("monthly return", str(ret.month), *ret.site_codes),
    )
    build_pdf(meta, story(ret, signatory or ReturnSignatory()), out)
