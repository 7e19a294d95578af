"""The copy with reasons: the clerk corrects it and imports it again."""

from __future__ import annotations

from datetime import date

import journal_samples as sample
import python_calamine
import xlsxwriter

from borderdesk.journal import read_journal
from borderdesk.journal.report import write_report


def sheet_rows(path):
    book = python_calamine.CalamineWorkbook.from_path(str(path))
    return list(book.get_sheet_by_index(0).iter_rows())


def report_of(journal, out, sheet=None):
    content = read_journal(journal, sheet=sheet)
    count = write_report(
        journal,
        out,
        sheet=sheet,
        layout=content.layout,
        refused=content.refused_cells,
        duplicates=content.duplicates,
    )
    return content, count


def test_each_refused_row_carries_its_reasons(english, tmp_path):
    journal = sample.write_csv(tmp_path / "j.csv")
    content, count = report_of(journal, tmp_path / "report.xlsx")
    assert count == len(sample.REFUSED) + len(sample.DUPLICATES)
    rows = sheet_rows(tmp_path / "report.xlsx")
    reason_col = len(sample.HEADINGS)
    assert rows[0][reason_col] == "Reason refused"
    slash = rows[sample.csv_row(4) - 1]
    assert slash[1] == "03/05/2019"
    assert slash[reason_col].startswith("B: a date with slashes")
    assert rows[sample.csv_row(8) - 1][reason_col] == f"repeats row {sample.csv_row(1)}"
    assert rows[sample.csv_row(0) - 1][reason_col] == ""


def test_the_corrected_copy_imports(tmp_path):
    journal = sample.write_xlsx(tmp_path / "j.xlsx")
    report = tmp_path / "report.xlsx"
    report_of(journal, report, sheet="2019")
    again = read_journal(report)
    # Dates stay dates, the merged date is written into both rows, the same rows refused.
    assert again.rows[0].received_on == date(2019, 3, 12)
    assert len(again.rows) == len(sample.GOOD)
    assert {c.row for c in again.refused_cells} == {sample.xlsx_row(i) for i in sample.REFUSED}


def test_a_formula_in_the_journal_stays_text_in_the_copy(tmp_path):
    journal = tmp_path / "j.csv"
    journal.write_text(
        'received;requesting_state;surname;note\n12.03.2019;FI;Иванов;=HYPERLINK("x")\n', "utf-8"
    )
    report_of(journal, tmp_path / "report.xlsx")
    book = python_calamine.CalamineWorkbook.from_path(str(tmp_path / "report.xlsx"))
    assert book.get_sheet_by_index(0).to_python()[1][3] == '=HYPERLINK("x")'
    assert xlsxwriter  # the writer under test
