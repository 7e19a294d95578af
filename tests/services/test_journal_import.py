"""Importing a legacy journal: persons met, cases with their historical timeline, atomic,
idempotent, and counted the way the monthly returns count cases."""

from __future__ import annotations

import csv
import sys
from datetime import date
from pathlib import Path

import pytest
from sqlmodel import func, select

from borderdesk.errors import PermissionDenied
from borderdesk.services.journal import ImportCancelled, import_journal
from borderdesk.store.tables import (
    CaseEvent,
    ChangeLogEntry,
    JournalEntry,
    Person,
    ReadmissionCase,
)
from helpers import add_user

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "journal"))
import journal_samples as sample  # noqa: E402


def count(db, model) -> int:
    with db.read() as session:
        return session.exec(select(func.count()).select_from(model)).one()


def cases_by_row(db) -> dict[int, ReadmissionCase]:
    with db.read() as session:
        found = session.exec(
            select(JournalEntry, ReadmissionCase).join(
                ReadmissionCase, ReadmissionCase.id == JournalEntry.case_id
            )
        )
        return {entry.row_number: case for entry, case in found}


def timeline(db, case: ReadmissionCase) -> list[tuple[str, str | None, date | None]]:
    with db.read() as session:
        events = session.exec(
            select(CaseEvent)
            .where(CaseEvent.case_id == case.id, CaseEvent.deleted == False)  # noqa: E712
            .order_by(CaseEvent.id)
        )
        return [(e.kind, e.to_status, e.effective_on) for e in events]


@pytest.fixture
def journal(tmp_path):
    return sample.write_xlsx(tmp_path / "journal.xlsx")


def test_the_clerks_journal_imports_its_good_rows_with_partial(db, admin, journal):
    result = import_journal(db, actor=admin, path=journal, sheet="2019", partial=True)
    assert (result.imported, result.updated, result.unchanged) == (len(sample.GOOD), 0, 0)
    assert result.duplicates == 1 and result.written
    assert {(c.row, c.column) for c in result.refused} == {
        (sample.xlsx_row(i), cell.column)
        for i, cell in [(i, c) for i, c in _columns(sample.REFUSED).items()]
    }
    by_row = cases_by_row(db)
    assert sorted(by_row) == [sample.xlsx_row(i) for i in sample.GOOD]

    accepted = by_row[sample.xlsx_row(0)]  # received 12.03, accepted 02.04, handed over 20.04
    assert (accepted.kind, accepted.status, accepted.requesting_state) == (
        "incoming",
        "transferred",
        "FIN",
    )
    assert (accepted.requested_state, accepted.agreement_id) == ("RUS", "EU-RU")
    assert (accepted.received_on, accepted.decided_on, accepted.replied_on) == (
        date(2019, 3, 12),
        date(2019, 4, 2),
        date(2019, 4, 2),
    )
    assert accepted.transferred_on == date(2019, 4, 20)
    assert accepted.origin_site == db.site_code
    assert accepted.case_number == f"{db.site_code}-RA-2019-0001"
    assert "journal.xlsx" in accepted.notes and "паспорт 75 1234567" in accepted.notes
    assert timeline(db, accepted) == [
        ("opened", "registered", date(2019, 3, 12)),
        ("status", "under_examination", date(2019, 4, 2)),
        ("decision", "accepted", date(2019, 4, 2)),
        ("status", "transfer_scheduled", date(2019, 4, 20)),
        ("status", "transferred", date(2019, 4, 20)),
    ]
    refused = by_row[sample.xlsx_row(1)]
    assert (refused.status, refused.decision, refused.decision_reason != "") == (
        "refused",
        "refused",
        True,
    )
    pending = by_row[sample.xlsx_row(2)]
    assert (pending.status, pending.decided_on, pending.category) == (
        "registered",
        None,
        "stateless",
    )
    assert pending.reply_due is not None  # due dates computed as for any case
    assert timeline(db, pending) == [("opened", "registered", date(2019, 4, 5))]


def _columns(refused: dict[int, str]) -> dict[int, object]:
    letters = {
        "received": "B",
        "requesting_state": "C",
        "surname": "D",
        "decision": "J",
        "transfer_date": "L",
        "birth_date": "G",
        "decision_date": "K",
        "no": "A",
    }

    class Cell:
        def __init__(self, column: str) -> None:
            self.column = column

    return {i: Cell(letters[field]) for i, field in refused.items()}


def test_a_second_import_changes_nothing(db, admin, journal):
    import_journal(db, actor=admin, path=journal, sheet="2019", partial=True)
    before = [count(db, m) for m in (Person, ReadmissionCase, CaseEvent, ChangeLogEntry)]
    again = import_journal(db, actor=admin, path=journal, sheet="2019", partial=True)
    assert (again.imported, again.updated, again.unchanged) == (0, 0, len(sample.GOOD))
    assert [count(db, m) for m in (Person, ReadmissionCase, CaseEvent, ChangeLogEntry)] == before


def test_without_partial_a_refused_row_imports_nothing(db, admin, journal):
    result = import_journal(db, actor=admin, path=journal, sheet="2019")
    assert not result.written and result.refused_rows == len(sample.REFUSED)
    assert result.imported == len(sample.GOOD)  # what would have been imported
    assert count(db, ReadmissionCase) == 0 and count(db, JournalEntry) == 0


def test_a_dry_run_counts_and_writes_nothing(db, admin, journal):
    changes = count(db, ChangeLogEntry)
    result = import_journal(db, actor=admin, path=journal, sheet="2019", partial=True, dry_run=True)
    assert result.imported == len(sample.GOOD) and not result.written
    assert count(db, ReadmissionCase) == 0 and count(db, ChangeLogEntry) == changes


def corrected_csv(path: Path) -> Path:
    """The journal after the clerk's corrections, with one pending request now decided."""
    rows = [list(r) if r else [] for r in sample.ROWS]
    rows[4][1] = "03.05.2019"
    rows[5][1] = "14.03.2019"
    rows[6][2] = "Швеция"
    rows[7][3] = "Усманов"
    rows[9][9] = "отказано"
    rows[10][11] = "30.03.2019"
    rows[11][6] = "28.02.1985"
    rows[12][10] = "29.03.2019"
    rows[15][0] = "14"
    rows[2][9:11] = ["принято", "20.04.2019"]  # the pending request was accepted
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh, delimiter=";")
        writer.writerow(sample.HEADINGS)
        writer.writerows(rows)
    return path


def test_a_corrected_journal_adds_the_refused_rows_and_updates_the_changed(
    db, admin, journal, tmp_path
):
    import_journal(db, actor=admin, path=journal, sheet="2019", partial=True)
    result = import_journal(db, actor=admin, path=corrected_csv(tmp_path / "journal.csv"))
    assert result.refused == [] and result.written
    assert (result.imported, result.updated) == (len(sample.REFUSED), 1)
    assert result.unchanged == len(sample.GOOD) - 1
    by_row = cases_by_row(db)
    decided = by_row[sample.csv_row(2)]
    assert (decided.status, decided.decided_on) == ("accepted", date(2019, 4, 20))
    assert timeline(db, decided) == [
        ("opened", "registered", date(2019, 4, 5)),
        ("status", "under_examination", date(2019, 4, 20)),
        ("decision", "accepted", date(2019, 4, 20)),
    ]
    assert count(db, ReadmissionCase) == len(sample.GOOD) + len(sample.REFUSED)
    again = import_journal(db, actor=admin, path=tmp_path / "journal.csv")
    assert (again.imported, again.updated) == (0, 0)


def test_a_person_on_record_is_met_not_duplicated(db, admin, tmp_path):
    with db.write(actor="admin") as session:
        known = Person(
            surname="ИВАНОВ",
            given_names="ПЁТР СЕРГЕЕВИЧ",
            name_key="",
            birth_year=1980,
            birth_month=5,
            birth_day=17,
            nationality="RUS",
        )
        from borderdesk.domain.names import full_name_key

        known.name_key = full_name_key(known.surname, known.given_names)
        session.add(known)
    path = tmp_path / "j.csv"
    path.write_text(
        "№;received;requesting_state;surname;given_names;patronymic;birth_date;nationality\n"
        "1;12.03.2019;FI;Иванов;Пётр;Сергеевич;17.05.1980;RUS\n"
        "2;13.03.2019;FI;IVANOV;PETR SERGEEVICH;;1980-05-17;Россия\n",
        "utf-8",
    )
    result = import_journal(db, actor=admin, path=path)
    assert result.persons_created == 0
    assert {c.person_id for c in cases_by_row(db).values()} == {known.id}


def test_a_request_no_agreement_covers_is_refused_at_its_state(english, db, admin, tmp_path):
    path = tmp_path / "j.csv"
    path.write_text("received,requesting_state,surname\n12.03.2019,USA,Smith\n", "utf-8")
    result = import_journal(db, actor=admin, path=path, partial=True)
    (cell,) = result.refused
    assert (cell.row, cell.column, cell.value) == (2, "B", "USA")
    assert result.imported == 0


def test_only_supervisors_and_administrators_import(db, admin, journal):
    officer = add_user(db, admin, "officer1", "officer")
    with pytest.raises(PermissionDenied):
        import_journal(db, actor=officer, path=journal, sheet="2019")
    supervisor = add_user(db, admin, "super1", "supervisor")
    assert import_journal(db, actor=supervisor, path=journal, sheet="2019", partial=True).written


def test_a_cancelled_import_imports_nothing(db, admin, journal):
    seen = []
    with pytest.raises(ImportCancelled):
        import_journal(
            db,
            actor=admin,
            path=journal,
            sheet="2019",
            partial=True,
            cancelled=lambda: seen.append(1) or len(seen) > 3,
        )
    assert count(db, ReadmissionCase) == 0


def test_a_case_changed_since_the_import_is_not_overwritten(db, admin, journal, tmp_path):
    from borderdesk.services import cases

    import_journal(db, actor=admin, path=journal, sheet="2019", partial=True)
    pending = cases_by_row(db)[sample.xlsx_row(2)]
    cases.decide(
        db, actor=admin, case_id=pending.id, accept=False, reason="no proof", on=date(2019, 4, 10)
    )
    result = import_journal(
        db, actor=admin, path=corrected_csv(tmp_path / "journal.csv"), partial=True
    )
    (cell,) = result.refused
    assert cell.row == sample.csv_row(2) and pending.case_number in cell.reason


def test_the_report_lists_refused_rows(db, admin, journal, tmp_path):
    import python_calamine

    out = tmp_path / "report.xlsx"
    result = import_journal(db, actor=admin, path=journal, sheet="2019", report=out)
    assert result.report == str(out)
    rows = python_calamine.CalamineWorkbook.from_path(str(out)).get_sheet_by_index(0).to_python()
    reasons = [r[len(sample.HEADINGS)] for r in rows[sample.XLSX_FIRST_DATA_ROW - 1 :]]
    assert sum(1 for r in reasons if r) == len(sample.REFUSED) + len(sample.DUPLICATES)


def test_the_preview_shows_sheets_columns_and_first_rows(db, admin, journal):
    from borderdesk.services.journal import preview_journal

    preview = preview_journal(actor=admin, path=journal, sheet="2019", rows=3)
    assert preview.sheets == ("Титул", "2019") and preview.header_row == 3
    assert [(c.letter, c.label) for c in preview.columns[:3]] == [
        ("A", "№ п/п"),
        ("B", "Дата поступления"),
        ("C", "Запрашивающее государство"),
    ]
    assert [number for number, _cells in preview.rows] == [4, 5, 6]
    assert preview.rows[0][1][:3] == ("1", "12.03.2019", "Финляндия")
