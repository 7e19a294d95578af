"""The monthly return PDF: A4, bilingual, sites with their newest package, vector charts,
the supervisor's signature, the protocols' QR mark, the same bytes for the same table."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from borderdesk.domain.returns import MonthlyReturn, ReturnMonth, ReturnSite, TrendPoint, assemble
from borderdesk.domain.returns.table import LongestStay
from borderdesk.forms.labels import missing_labels
from borderdesk.forms.monthly_return import (
    ReturnSignatory,
    format_change,
    format_value,
    render_monthly_return,
)
from borderdesk.forms.qr import parse_qr_payload, qr_payload, short_digest

HQ = ReturnSite("ORB-HQ", "Пограничное управление", "Asia/Yekaterinburg")
POST = ReturnSite(
    "POST-07",
    "Застава 7",
    "Asia/Yekaterinburg",
    synced=True,
    newest_package=datetime(2026, 3, 30, 6, 15, tzinfo=UTC),
)
SILENT = ReturnSite("POST-09", "Застава 9", "Asia/Yekaterinburg", synced=True)


def sample() -> MonthlyReturn:
    current = {
        ("checks", ""): 1234,
        ("checks", "direction=entry"): 700,
        ("checks", "direction=exit"): 534,
        ("requests_received", ""): 12,
        ("requests_received", "state=DEU"): 9,
        ("requests_received", "state=POL"): 3,
        ("replies_within_limit_share", ""): 0.75,
        ("transfers_completed", ""): 4,
        ("transfers_completed", "destination=KAZ"): 4,
        ("mean_occupancy", ""): 41.3,
        ("checks", "site=POST-07"): 1000,
        ("checks", "site=POST-09"): 234,
    }
    previous = {
        ("checks", ""): 1300,
        ("requests_received", ""): 10,
        ("requests_received", "state=DEU"): 10,
        ("replies_within_limit_share", ""): 0.8,
        ("mean_occupancy", ""): 39.0,
    }
    months = ReturnMonth(2026, 3).back(12)
    return MonthlyReturn(
        month=ReturnMonth(2026, 3),
        as_of=date(2026, 3, 31),
        compiled_at=datetime(2026, 4, 1, 4, 30, tzinfo=UTC),
        compiled_by=HQ,
        sites=(HQ, POST, SILENT),
        figures=assemble(current, previous),
        trend=tuple(TrendPoint(str(m), i, 30.0 + i) for i, m in enumerate(months)),
        longest_stays=(
            LongestStay("ORB-HQ", "ORB-HQ-2026-0001", "AFG", date(2025, 12, 20), None, 102, 90),
        ),
    )


def render(ret: MonthlyReturn | None = None) -> bytes:
    buffer = io.BytesIO()
    render_monthly_return(ret or sample(), buffer, ReturnSignatory("Волков А. Н.", "начальник"))
    return buffer.getvalue()


@pytest.fixture(scope="module")
def pdf(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("return") / "return.pdf"
    path.write_bytes(render())
    return path


def pdftotext(path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True)
    # One space for any run of white space (line breaks in narrow cells, narrow no-break
    # spaces that group thousands).
    return re.sub(r"\s+", " ", done.stdout.decode("utf-8"))


def test_a4_embedded_dejavu_vector_charts_small_file(pdf):
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-")
    assert b"/MediaBox [ 0 0 595.2756 841.8898 ]" in data
    assert b"/FontFile2" in data and b"Helvetica" not in data
    assert b"/Subtype /Image" not in data  # charts are drawn, not pasted in as pictures
    assert len(data) < 200_000


def test_same_table_gives_same_bytes(pdf):
    assert render() == pdf.read_bytes()


def test_cover_names_the_period_the_sites_and_their_packages(pdf):
    text = pdftotext(pdf)
    assert "Ежемесячный статистический отчёт" in text and "Monthly return" in text
    assert "Отчётный месяц / Reporting month" in text
    assert "2026-03" in text and "2026-02" in text
    assert "Данное подразделение / This site" in text  # HQ's own data
    assert "Последний пакет / Newest package: 2026-03-30 11:15" in text  # POST-07, in its time zone
    assert "Пакетов нет / No package" in text  # POST-09 never sent one
    assert "Руководитель / Supervisor" in text and "Волков А. Н." in text
    assert "Подпись / Signature" in text


def test_tables_have_the_previous_month_and_the_change(pdf):
    text = pdftotext(pdf)
    assert "Проверено документов" in text and "Documents checked" in text
    assert "Германия / Germany (DEU)" in text
    assert "1 234" in text and "1 300" in text and "\u221266" in text
    assert "75.0 %" in text and "80.0 %" in text
    assert "Застава 9" in text and "POST-09" in text
    assert "ORB-HQ-2026-0001" in text and "102" in text


def test_every_printed_label_is_in_the_label_tables(pdf):
    assert not missing_labels()


def test_the_qr_mark_carries_the_month_sites_and_digest(pdf):
    ret = sample()
    assert short_digest(ret.digest()) in pdftotext(pdf)
    payload = parse_qr_payload(qr_payload("RETURN", ret.record_id, ret.digest()))
    assert payload.record_id == "2026-03/ORB-HQ+POST-07+POST-09"
    assert payload.digest == ret.digest()
    assert b"D:20260401043000+00'00'" in pdf.read_bytes()  # compiled_at, not the clock


def test_an_empty_return_renders():
    empty = MonthlyReturn(
        month=ReturnMonth(2026, 1),
        as_of=date(2026, 1, 31),
        compiled_at=datetime(2026, 2, 1, tzinfo=UTC),
        compiled_by=HQ,
        sites=(HQ,),
        figures=assemble({}, {}),
    )
    assert render(empty).startswith(b"%PDF-")


def test_values_and_changes_are_printed_by_kind():
    ret = sample()
    assert format_value("checks", 1234) == "1\u202f234"
    assert format_value("replies_within_limit_share", None) == "—"
    assert format_change("checks", ret.total("checks")) == "\u221266"
    assert format_change("replies_within_limit_share", ret.total("replies_within_limit_share")) == (
        "\u22125.0 п.п. / pp"
    )
    assert format_change("requests_received", ret.total("requests_received")) == "+2"
