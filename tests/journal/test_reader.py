"""The clerks' journal (journal_samples): every mistake at its row, nothing else refused."""

from __future__ import annotations

from datetime import date

import journal_samples as sample
import pytest

from borderdesk.domain.partial_date import PartialDate
from borderdesk.errors import InputError
from borderdesk.journal import ACCEPTED, REFUSED, open_reader, read_journal

TODAY = date(2026, 12, 1)


def refused_at(content):
    return {(c.row, c.field) for c in content.refused_cells}


@pytest.mark.parametrize(("delimiter", "bom"), [(";", True), (",", False), (";", False)])
def test_the_csv_journal_refuses_each_mistake_at_its_row(tmp_path, delimiter, bom):
    path = sample.write_csv(tmp_path / "journal.csv", delimiter=delimiter, bom=bom)
    content = read_journal(path, today=TODAY)
    assert refused_at(content) == {
        (sample.csv_row(i), field) for i, field in sample.REFUSED.items()
    }
    assert [r.row for r in content.rows] == [sample.csv_row(i) for i in sample.GOOD]
    assert [(d.row, d.repeats) for d in content.duplicates] == [
        (sample.csv_row(i), sample.csv_row(j)) for i, j in sample.DUPLICATES.items()
    ]
    # Column letters as a spreadsheet shows them, with the raw value.
    slash = next(c for c in content.refused_cells if c.row == sample.csv_row(4))
    assert (slash.column, slash.value) == ("B", "03/05/2019")


def test_the_xlsx_journal_gives_the_same_verdicts_at_the_sheet_rows(tmp_path):
    path = sample.write_xlsx(tmp_path / "journal.xlsx")
    content = read_journal(path, sheet="2019", today=TODAY)
    assert refused_at(content) == {
        (sample.xlsx_row(i), field) for i, field in sample.REFUSED.items()
    }
    assert [r.row for r in content.rows] == [sample.xlsx_row(i) for i in sample.GOOD]
    assert len(content.duplicates) == 1
    # The date merged down two rows belongs to both.
    assert [r.received_on for r in content.rows[-2:]] == [date(2019, 3, 26)] * 2


def test_good_rows_are_typed(tmp_path):
    content = read_journal(sample.write_xlsx(tmp_path / "j.xlsx"), sheet="2019", today=TODAY)
    first, second, third = content.rows[:3]
    assert first.received_on == date(2019, 3, 12)  # a real date cell
    assert (first.requesting_state, first.nationality, first.decision) == ("FIN", "RUS", ACCEPTED)
    assert (first.decided_on, first.transferred_on) == (date(2019, 4, 2), date(2019, 4, 20))
    assert first.document == "паспорт 75 1234567"
    assert first.birth_date == PartialDate(1980, 5, 17)
    assert (second.surname, second.requesting_state) == ("Karimov", "FIN")  # spaces dropped
    assert second.birth_date == PartialDate(1991)  # a number cell
    assert second.decision == REFUSED
    assert third.received_on == date(2019, 4, 5)  # "5.4.2019 г."
    assert (third.nationality, third.decision, third.note) == ("XXA", None, "ожидает ответа")


def test_without_sheet_the_first_sheet_is_read(english, tmp_path):
    path = sample.write_xlsx(tmp_path / "j.xlsx")
    with pytest.raises(InputError, match="no row names the columns"):  # the cover sheet
        read_journal(path)
    with pytest.raises(InputError, match="no sheet '2020'; its sheets: Титул, 2019"):
        read_journal(path, sheet="2020")


def test_a_date_after_today_is_refused(english, tmp_path):
    path = tmp_path / "j.csv"
    path.write_text("received;requesting_state;surname\n02.12.2026;FI;Иванов\n", "utf-8")
    (cell,) = read_journal(path, today=TODAY).refused_cells
    assert (cell.row, cell.column, cell.reason) == (2, "A", "a date in the future")


def test_every_mistake_of_a_row_is_reported(english, tmp_path):
    path = tmp_path / "j.csv"
    path.write_text(
        "received,requesting_state,surname,decision,transfer_date\n"
        "14.03.19,Скандинавия,,,01.04.2019\n",
        "utf-8",
    )
    cells = read_journal(path).refused_cells
    assert [c.field for c in cells] == [
        "received",
        "requesting_state",
        "surname",
        "transfer_date",
    ]
    assert cells[-1].reason == "a transfer, but the request was not accepted"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\xff\xfeF\x00", "not UTF-8"),
        (b"", "no row names the columns"),
    ],
)
def test_unreadable_csv_is_refused_in_one_line(english, tmp_path, content, message):
    path = tmp_path / "j.csv"
    path.write_bytes(content)
    with pytest.raises(InputError, match=message):
        read_journal(path)


def test_other_kinds_of_file_are_refused(english, tmp_path):
    (tmp_path / "j.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(InputError, match=r"\.csv or \.xlsx"):
        read_journal(tmp_path / "j.xls")
    (tmp_path / "fake.xlsx").write_text("received;surname\n", "utf-8")
    with pytest.raises(InputError, match="not an XLSX"):
        read_journal(tmp_path / "fake.xlsx")
    with pytest.raises(InputError, match="Cannot read"):
        read_journal(tmp_path / "missing.csv")


def test_a_formula_is_never_evaluated(tmp_path):
    import xlsxwriter

    path = tmp_path / "f.xlsx"
    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet()
    ws.write_row(0, 0, ["received", "requesting_state", "surname", "note"])
    ws.write_row(1, 0, ["12.03.2019", "FI", "Иванов"])
    ws.write_formula(1, 3, '=WEBSERVICE("http://example.invalid")', None, "saved value")
    book.close()
    (row,) = read_journal(path).rows
    assert row.note == "saved value"  # the value Excel saved, nothing computed


def test_the_reader_streams_with_progress(tmp_path):
    path = tmp_path / "big.csv"
    with path.open("w", encoding="utf-8") as fh:
        fh.write("no;received;requesting_state;surname\n")
        for n in range(1, 5001):
            fh.write(f"{n};12.03.2019;FI;Иванов{n}\n")
    seen = []
    with open_reader(path, today=TODAY) as reader:
        count = sum(1 for _ in reader.items(progress=lambda done, total: seen.append(done)))
    assert count == 5000
    assert seen == sorted(seen) and seen[-1] == path.stat().st_size and len(seen) > 2


def test_the_documented_example_is_the_sample_journal():
    from borderdesk.paths import resources_dir

    example = resources_dir().parent / "docs" / "journal-example.csv"
    content = read_journal(example, today=TODAY)
    assert (len(content.rows), len(content.duplicates), len(content.refused)) == (5, 1, 9)
    assert refused_at(content) == {(sample.csv_row(i), f) for i, f in sample.REFUSED.items()}
