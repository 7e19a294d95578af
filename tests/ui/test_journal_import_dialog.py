"""The Import journal dialog: preview, dry run, refused rows, import off the GUI thread."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from sqlmodel import func, select

from borderdesk.services.site.sites import this_site
from borderdesk.store.tables import ReadmissionCase
from borderdesk.ui.dialogs.journal_import import JournalImportDialog
from borderdesk.ui.pages import PageContext

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "journal"))
import journal_samples as sample  # noqa: E402


def cases(db) -> int:
    with db.read() as session:
        return session.exec(select(func.count()).select_from(ReadmissionCase)).one()


def test_only_supervisors_see_the_menu_entry(make_window):
    assert make_window("petrova").journal_action.isVisible()
    assert not make_window("ivanov").journal_action.isVisible()


def test_preview_dry_run_then_import(qtbot, db, login_as, wait_idle, tmp_path):
    context = PageContext(db=db, actor=login_as("petrova"), site=this_site(db))
    dialog = JournalImportDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.set_file(sample.write_xlsx(tmp_path / "journal.xlsx"))
    wait_idle()
    # The first sheet is a cover: choose the journal's sheet, as a clerk would.
    assert dialog.sheet_box.isVisible() and dialog.sheet_box.count() == 2
    dialog.sheet_box.setCurrentText("2019")
    dialog.load_preview()
    wait_idle()
    model = dialog.preview_model
    assert model.headerData(2, Qt.Horizontal) == "B: Дата поступления"
    assert model.rowCount() == 15 and model.index(0, 2).data() == "12.03.2019"  # no empty row

    dialog.run(dry_run=True)
    qtbot.waitUntil(lambda: dialog.outcome is not None, timeout=20000)
    assert dialog.outcome.dry_run and dialog.refused_model.rowCount() == len(sample.REFUSED)
    assert cases(db) == 0

    dialog.partial.setChecked(True)
    dialog.outcome = None
    dialog.run(dry_run=False)
    qtbot.waitUntil(lambda: dialog.outcome is not None, timeout=20000)
    assert dialog.outcome.written and cases(db) == len(sample.GOOD)
    wait_idle()


def test_cancel_imports_nothing(qtbot, db, login_as, wait_idle, tmp_path):
    context = PageContext(db=db, actor=login_as("petrova"), site=this_site(db))
    dialog = JournalImportDialog(context)
    qtbot.addWidget(dialog)
    path = tmp_path / "big.csv"
    with path.open("w", encoding="utf-8") as fh:
        fh.write("no;received;requesting_state;surname\n")
        fh.writelines(f"{n};12.03.2019;FI;Иванов{n}\n" for n in range(1, 3001))
    dialog.set_file(path)
    wait_idle()
    dialog.run(dry_run=False)
    dialog.long_op.cancel()
    wait_idle()
    qtbot.waitUntil(lambda: dialog.summary.text() != "", timeout=20000)
    # 3000 rows take seconds; Cancel comes at once, while the transaction is open.
    assert cases(db) == 0 and dialog.outcome is None
    assert dialog.summary.text() == "Импорт отменён: ничего не импортировано."


def test_the_report_is_saved_after_a_dry_run_and_after_the_import(
    qtbot, db, login_as, wait_idle, tmp_path, monkeypatch
):
    import openpyxl

    context = PageContext(db=db, actor=login_as("petrova"), site=this_site(db))
    dialog = JournalImportDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.set_file(sample.write_csv(tmp_path / "journal.csv"))
    wait_idle()
    assert not dialog.report_button.isEnabled()  # nothing run yet: no reasons to save

    qtbot.mouseClick(dialog.check_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: dialog.outcome is not None, timeout=20000)
    wait_idle()
    assert dialog.report_button.isEnabled()
    report = tmp_path / "report.xlsx"
    monkeypatch.setattr(dialog, "choose_report_file", lambda: report)
    qtbot.mouseClick(dialog.report_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: report.exists() and dialog.report_button.isEnabled(), timeout=20000)
    assert dialog.summary.text() == f"Отчёт сохранён: {report}"
    rows = list(openpyxl.load_workbook(report, read_only=True).worksheets[0].values)
    reasons = len(sample.HEADINGS)
    assert rows[0][reasons] == "Причина отказа"
    refused = {n for n, row in enumerate(rows, start=1) if n > 1 and row[reasons]}
    assert refused == {sample.csv_row(i) for i in (*sample.REFUSED, *sample.DUPLICATES)}

    dialog.partial.setChecked(True)
    dialog.outcome = None
    with qtbot.waitSignal(dialog.records_changed, timeout=20000):
        qtbot.mouseClick(dialog.import_button, Qt.LeftButton)
    wait_idle()
    assert dialog.outcome.written and cases(db) == len(sample.GOOD)
    report.unlink()
    qtbot.mouseClick(dialog.report_button, Qt.LeftButton)
    qtbot.waitUntil(report.exists, timeout=20000)


def test_an_import_reloads_the_open_cases_and_search_pages(
    make_window, qtbot, wait_idle, tmp_path, db
):
    window = make_window("petrova")
    cases_page = window.show_page("cases")
    wait_idle()
    before = cases_page.model.rowCount()
    search_page = window.show_page("search")
    search_page.query_edit.setText("Ходжаев")
    search_page.run_search()
    wait_idle()
    found = search_page.model.rowCount()

    dialog = window.open_journal_import()
    dialog.set_file(sample.write_csv(tmp_path / "journal.csv"))
    wait_idle()
    dialog.partial.setChecked(True)
    qtbot.mouseClick(dialog.import_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: dialog.outcome is not None, timeout=20000)
    wait_idle()
    # Neither page was brought to the front again: the import told them.
    # (the page's default filter leaves the closed ones out, so: more, not +5)
    qtbot.waitUntil(lambda: cases_page.model.rowCount() > before)
    qtbot.waitUntil(lambda: search_page.model.rowCount() > found)


def test_the_yearly_numbers_box_reaches_the_import(qtbot, db, login_as, wait_idle, tmp_path):
    context = PageContext(db=db, actor=login_as("petrova"), site=this_site(db))
    dialog = JournalImportDialog(context)
    qtbot.addWidget(dialog)
    path = tmp_path / "register.csv"
    path.write_text(
        "no;received;requesting_state;surname\n1;12.03.2019;FI;Каримов\n1;09.01.2020;FI;Усманов\n",
        "utf-8",
    )
    dialog.set_file(path)
    wait_idle()
    qtbot.mouseClick(dialog.check_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: dialog.outcome is not None, timeout=20000)
    assert dialog.outcome.refused_rows == 1
    dialog.outcome = None
    dialog.yearly.setChecked(True)
    qtbot.mouseClick(dialog.import_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: dialog.outcome is not None, timeout=20000)
    assert dialog.outcome.written and dialog.outcome.imported == 2
