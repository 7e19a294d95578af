"""The Returns page: the month's totals beside last month, a PDF preview, CSV/XLSX files."""

from __future__ import annotations

import csv
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt

from borderdesk.services.site.sites import site_today
from borderdesk.ui.models import row_at
from borderdesk.ui.pages import pages_for
from borderdesk.ui.pages import returns_page as page_module
from return_samples import Month


def _page(make_window, wait_idle, db, username="petrova"):
    with db.write(actor="admin") as session:
        month = Month(session)
        month.check(datetime.now(UTC) - timedelta(minutes=5), decision="refuse")
        today = site_today(db)
        month.case(received_on=today, reply_due=today + timedelta(days=30))
    window = make_window(username)
    page = window.show_page("returns")
    wait_idle()
    return page


def _totals(page) -> dict[str, tuple[str, str]]:
    """Indicator code -> (this month, previous month) as the table shows them."""
    found = {}
    for r in range(page.proxy.rowCount()):
        row = row_at(page.proxy.index(r, 0))
        found[row.code] = (page.proxy.index(r, 1).data(), page.proxy.index(r, 2).data())
    return found


def test_supervisors_see_this_months_totals(make_window, wait_idle, db):
    page = _page(make_window, wait_idle, db)
    assert [page.sites_list.item(i).text() for i in range(page.sites_list.count())] == ["POST-07"]
    assert page.sites_list.item(0).checkState() == Qt.CheckState.Checked
    totals = _totals(page)
    assert totals["checks"] == ("1", "0")
    assert totals["refusals"] == ("1", "0")
    assert totals["requests_received"] == ("1", "0")
    assert totals["replies_within_limit_share"] == ("—", "—")
    assert "POST-07" in page.scope_label.text()
    assert page.csv_button.isEnabled() and page.preview_button.isEnabled()


def test_officers_have_no_returns_page(login_as):
    assert "returns" not in [spec.key for spec in pages_for(login_as("ivanov"))]
    assert "returns" in [spec.key for spec in pages_for(login_as("petrova"))]


def test_export_csv_and_xlsx(make_window, wait_idle, db, tmp_path, monkeypatch, qtbot):
    page = _page(make_window, wait_idle, db)
    for suffix, button in ((".csv", page.csv_button), (".xlsx", page.xlsx_button)):
        target = tmp_path / f"march{suffix}"
        monkeypatch.setattr(
            page_module.QFileDialog,
            "getSaveFileName",
            lambda *_args, target=target, **_kw: (str(target), ""),
        )
        qtbot.mouseClick(button, Qt.LeftButton)
        wait_idle()
        assert target.exists(), page.message.text()
    rows = list(csv.DictReader((tmp_path / "march.csv").open(encoding="utf-8")))
    checks = next(r for r in rows if r["indicator"] == "checks" and not r["breakdown"])
    assert checks["value"] == "1"
    assert str(tmp_path / "march.xlsx") in page.message.text()


def test_preview_renders_the_pdf_off_the_gui_thread(make_window, wait_idle, db, monkeypatch, qtbot):
    page = _page(make_window, wait_idle, db)
    shown: list[tuple[bytes, str]] = []
    monkeypatch.setattr(
        page_module,
        "show_pdf_preview",
        lambda _p, pdf, *, title, filename: shown.append((pdf, filename)),
    )
    qtbot.mouseClick(page.preview_button, Qt.LeftButton)
    wait_idle()
    assert shown and shown[0][0].startswith(b"%PDF-")
    assert shown[0][1].startswith("return-") and shown[0][1].endswith(".pdf")


def test_a_month_not_begun_is_an_inline_error(make_window, wait_idle, db, qtbot):
    page = _page(make_window, wait_idle, db)
    page.month_edit.setDate(page.month_edit.date().addMonths(2))
    qtbot.mouseClick(page.show_button, Qt.LeftButton)
    wait_idle()
    assert page.message.isVisible() and page.message.kind == "error"
