"""CSV, JSON, XLSX and PDF are rendered from one computed table: they say the same."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
from datetime import date

import openpyxl
import pytest

from borderdesk.domain.returns import ReturnSite
from borderdesk.domain.returns.indicators import indicator_label
from borderdesk.forms.monthly_return import format_value, render_monthly_return
from borderdesk.reports.return_csv import return_csv_text, return_json, write_return_csv
from borderdesk.reports.return_xlsx import FIGURES_SHEET, write_return_xlsx
from return_samples import Month, compute, utc


@pytest.fixture
def ret(db):
    with db.write(actor="admin") as session:
        m = Month(session)
        m.check(utc(2026, 3, 3, 6), decision="refuse")
        m.check(utc(2026, 3, 4, 6), direction="exit", watchlist=True)
        m.check(utc(2026, 2, 4, 6))
        m.case(
            received_on=date(2026, 3, 2),
            decision="accepted",
            status="accepted",
            replied_on=date(2026, 3, 9),
            decided_on=date(2026, 3, 9),
            reply_due=date(2026, 3, 20),
        )
        m.case(received_on=date(2026, 3, 5), requesting_state="POL", reply_due=date(2026, 4, 1))
        m.case(
            received_on=date(2026, 2, 5),
            decision="refused",
            status="refused",
            replied_on=date(2026, 3, 25),
            decided_on=date(2026, 3, 25),
            reply_due=date(2026, 3, 1),
        )
        m.stay(utc(2026, 3, 1, 5))
        m.transfer("KAZ", date(2026, 3, 30), status="completed", completed_at=utc(2026, 3, 30, 5))
    return compute(db, "2026-03")


def _csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def _plain(value) -> str:
    return "" if value is None else str(value)


def _same(number, text: str) -> bool:
    """A spreadsheet number and a CSV cell state the same value (2.0 is read back as 2)."""
    return text == "" if number is None else float(number) == float(text)


def test_csv_has_one_row_per_figure(ret, tmp_path):
    rows = _csv_rows(return_csv_text(ret))
    assert list(rows[0]) == ["indicator", "breakdown", "value", "previous"]
    assert len(rows) == len(ret.figures)
    by_key = {(r["indicator"], r["breakdown"]): r for r in rows}
    assert by_key[("refusals", "")] == {
        "indicator": "refusals",
        "breakdown": "",
        "value": "1",
        "previous": "0",
    }
    assert by_key[("requests_received", "state=POL")]["value"] == "1"
    assert by_key[("replies_within_limit_share", "")]["value"] == "0.5"
    assert by_key[("replies_within_limit_share", "")]["previous"] == ""  # nothing decided
    write_return_csv(ret, tmp_path / "r.csv")
    assert (tmp_path / "r.csv").read_bytes() == return_csv_text(ret).encode("utf-8")


def test_json_carries_the_same_rows(ret):
    data = json.loads(json.dumps(return_json(ret)))
    assert data["month"] == "2026-03" and data["previous_month"] == "2026-02"
    csv_rows = _csv_rows(return_csv_text(ret))
    assert [{k: _plain(v) for k, v in row.items()} for row in data["figures"]] == csv_rows


def test_xlsx_figures_sheet_matches_the_csv(ret, tmp_path):
    path = tmp_path / "r.xlsx"
    write_return_xlsx(ret, path)
    book = openpyxl.load_workbook(path)
    sheet = book[FIGURES_SHEET]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("indicator", "breakdown", "value", "previous")
    csv_rows = _csv_rows(return_csv_text(ret))
    assert len(rows) - 1 == len(csv_rows)
    for xlsx_row, csv_row in zip(rows[1:], csv_rows, strict=True):
        indicator, breakdown, value, prev = xlsx_row[:4]
        assert (indicator, breakdown or "") == (csv_row["indicator"], csv_row["breakdown"])
        assert _same(value, csv_row["value"]) and _same(prev, csv_row["previous"])
        assert value is None or isinstance(value, int | float)  # numbers as numbers
    assert {"Scope", "state", "direction", "destination", "Trend"} <= set(book.sheetnames)
    state = list(book["state"].iter_rows(values_only=True))
    assert ("requests_received", "POL", 1, 0, 1) in [r[:5] for r in state]


def test_xlsx_has_native_charts(ret, tmp_path):
    path = tmp_path / "r.xlsx"
    write_return_xlsx(ret, path)
    import zipfile

    names = zipfile.ZipFile(path).namelist()
    assert sum(n.startswith("xl/charts/chart") for n in names) >= 3


def test_xlsx_text_never_becomes_a_formula(db, tmp_path):
    hostile = ReturnSite("POST-07", '=HYPERLINK("http://x","click")', "Asia/Yekaterinburg")
    plain = compute(db, "2026-03")
    ret = type(plain)(
        month=plain.month,
        as_of=plain.as_of,
        compiled_at=plain.compiled_at,
        compiled_by=hostile,
        sites=(hostile,),
        figures=plain.figures,
        trend=plain.trend,
    )
    path = tmp_path / "r.xlsx"
    write_return_xlsx(ret, path)
    cell = next(
        c
        for row in openpyxl.load_workbook(path)["Scope"].iter_rows()
        for c in row
        if c.value and str(c.value).startswith("=HYPERLINK")
    )
    assert cell.data_type == "s"


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_pdf_prints_the_same_totals(ret, tmp_path):
    path = tmp_path / "r.pdf"
    render_monthly_return(ret, path)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    lines = text.splitlines()
    for figure in ret.figures:
        if figure.breakdown:
            continue
        ru = indicator_label(figure.indicator).ru
        line = next((ln for ln in lines if ln.strip().startswith(ru)), None)
        assert line is not None, ru
        cells = line[len(line) - len(line.lstrip()) + len(ru) :].split()
        shown = " ".join(cells)
        assert format_value(figure.indicator, figure.value).replace("\u202f", " ") in shown
        assert format_value(figure.indicator, figure.previous).replace("\u202f", " ") in shown
