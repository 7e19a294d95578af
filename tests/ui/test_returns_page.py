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


def _file_printer(path):
    from PySide6.QtGui import QPageSize
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setResolution(100)  # quick in a test; a real printer gets up to 300 dpi
    return printer


def _pages(pdf: bytes) -> list[tuple[float, float, float]]:
    """Each page's size in points and its share of non-white pixels."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    try:
        found = []
        for page in document:
            image = page.render(scale=20 / 72, grayscale=True).to_pil()
            dark = sum(image.histogram()[:200]) / (image.width * image.height)
            found.append((round(page.get_width()), round(page.get_height()), dark))
        return found
    finally:
        document.close()


def test_print_sends_the_pdfs_own_pages_to_the_chosen_printer(
    make_window, wait_idle, db, monkeypatch, qtbot, tmp_path
):
    page = _page(make_window, wait_idle, db)
    target = tmp_path / "printed.pdf"
    monkeypatch.setattr(page_module, "choose_printer", lambda _parent: _file_printer(target))
    made: list[bytes] = []
    real_render = page_module.returns.marked_return

    def render(db, **kw):
        made.append(real_render(db, **kw))
        return made[-1]

    monkeypatch.setattr(page_module.returns, "marked_return", render)
    qtbot.mouseClick(page.print_button, Qt.LeftButton)
    wait_idle()
    assert target.exists(), page.message.text()
    original, printed = _pages(made[0]), _pages(target.read_bytes())
    # One printed page per page of the return, A4 (595 x 842 pt), none of them blank,
    # and inked about as much as the page it prints (at another resolution, so not exactly).
    assert len(printed) == len(original) >= 2
    for (w, h, ink), (pw, ph, pink) in zip(original, printed, strict=True):
        assert (pw, ph) == (w, h) == (595, 842)
        assert pink > 0.005 and ink / 4 < pink < ink * 4
    assert str(len(printed)) in page.message.text() and page.message.kind != "error"


def test_a_cancelled_print_dialog_prints_nothing(make_window, wait_idle, db, monkeypatch, qtbot):
    page = _page(make_window, wait_idle, db)
    monkeypatch.setattr(page_module, "choose_printer", lambda _parent: None)
    rendered: list[object] = []
    monkeypatch.setattr(page_module.returns, "render_return", lambda *a, **k: rendered.append(a))
    qtbot.mouseClick(page.print_button, Qt.LeftButton)
    wait_idle()
    assert rendered == [] and not page.message.isVisible()


def test_the_scope_names_each_synced_sites_newest_package(db, login_as):
    from dataclasses import replace

    from borderdesk.domain.returns import ReturnSite

    ret = page_module.returns.monthly_return(db, actor=login_as("petrova"), month="2026-03")
    made = datetime(2026, 3, 30, 6, 15, tzinfo=UTC)
    ret = replace(
        ret,
        sites=(
            *ret.sites,
            ReturnSite("POST-09", "Post 9", "Asia/Yekaterinburg", synced=True, newest_package=made),
            ReturnSite("POST-11", "Post 11", "Europe/Moscow", synced=True),
        ),
    )
    lines = page_module.package_lines(ret)
    assert len(lines) == 2  # the site the return is made at is not listed
    assert lines[0].startswith("POST-09:") and "11:15" in lines[0]  # in the site's own zone
    assert lines[1].startswith("POST-11:") and ":" not in lines[1].removeprefix("POST-11:")
