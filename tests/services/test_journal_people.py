"""The journal meets its persons with the matcher of checks and search: another spelling
is the same person, a weak fit is a new person with a remark, the lookups are batched."""

from __future__ import annotations

import openpyxl
from sqlalchemy import event
from sqlmodel import func, select

from borderdesk.domain.names import full_name_key
from borderdesk.services.journal import import_journal
from borderdesk.store.tables import JournalEntry, Person, ReadmissionCase

HEAD = "no;received;requesting_state;surname;given_names;patronymic;birth_date;nationality\n"


def on_record(db, surname, given, year, month=None, day=None, nationality="RUS") -> Person:
    with db.write(actor="admin") as session:
        person = Person(
            surname=surname,
            given_names=given,
            name_key=full_name_key(surname, given),
            birth_year=year,
            birth_month=month,
            birth_day=day,
            nationality=nationality,
        )
        session.add(person)
    return person


def persons(db) -> int:
    with db.read() as session:
        return session.exec(select(func.count()).select_from(Person)).one()


def person_of_row(db) -> dict[int, object]:
    with db.read() as session:
        found = session.exec(
            select(JournalEntry.row_number, ReadmissionCase.person_id).join(
                ReadmissionCase, ReadmissionCase.id == JournalEntry.case_id
            )
        )
        return dict(found.all())


def journal(tmp_path, *lines: str):
    path = tmp_path / "j.csv"
    path.write_text(HEAD + "".join(line + "\n" for line in lines), "utf-8")
    return path


def test_another_spelling_of_the_name_is_the_person_on_record(db, admin, tmp_path):
    same_key = on_record(db, "SHCHERBAKOV", "IVAN", 1985, 3, 15)
    skeleton = on_record(db, "SHERBAKOV", "OLEG", 1990, 7, 1)  # a passport without the Ч
    path = journal(
        tmp_path,
        "1;12.03.2019;FI;Щербаков;Иван;;15.03.1985;Россия",
        "2;13.03.2019;FI;Щербаков;Олег;;01.07.1990;RUS",
        "3;14.03.2019;FI;Щербаков;Иван;Петрович;15.03.1985;",  # patronymic, no nationality
    )
    result = import_journal(db, actor=admin, path=path)
    assert result.written and result.persons_created == 0 and result.remarks == []
    assert person_of_row(db) == {2: same_key.id, 3: skeleton.id, 4: same_key.id}
    assert persons(db) == 2


def test_a_weak_match_makes_a_new_person_and_says_so(english, db, admin, tmp_path):
    year_only = on_record(db, "SHCHERBAKOV", "IVAN", 1985)
    other_state = on_record(db, "KARIMOV", "ALISHER", 1979, 4, 2, nationality="KAZ")
    path = journal(
        tmp_path,
        "1;12.03.2019;FI;Щербаков;Иван;;15.03.1985;RUS",
        "2;13.03.2019;FI;Каримов;Алишер;;02.04.1979;UZB",
        "3;14.03.2019;FI;Петров;Олег;;02.04.1979;RUS",  # nobody of the name: no remark
    )
    report = tmp_path / "report.xlsx"
    result = import_journal(db, actor=admin, path=path, report=report)
    assert result.written and result.persons_created == 3
    ids = person_of_row(db)
    assert ids[2] != year_only.id and ids[3] != other_state.id
    remarks = {cell.row: cell for cell in result.remarks}
    assert sorted(remarks) == [2, 3]
    assert (remarks[2].column, remarks[2].value) == ("D", "Щербаков")
    assert "SHCHERBAKOV IVAN, born 1985" in remarks[2].reason
    assert "not complete" in remarks[2].reason
    assert "KARIMOV ALISHER" in remarks[3].reason and "nationality differs" in remarks[3].reason
    assert result.to_json()["remarks"][0]["row"] == 2

    sheet = openpyxl.load_workbook(report, read_only=True).worksheets[0]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0][8:10] == ["Reason refused", "Import remark"]
    assert rows[1][9] == remarks[2].reason and rows[1][8] is None
    assert rows[3][9] is None

    again = import_journal(db, actor=admin, path=path)  # unchanged rows are not met again
    assert (again.unchanged, again.persons_created, again.remarks) == (3, 0, [])


def test_rows_of_one_file_meet_each_other_across_spellings_and_batches(
    db, admin, tmp_path, monkeypatch
):
    from borderdesk.services.journal import importing

    monkeypatch.setattr(importing, "BATCH_ROWS", 2)  # rows 1-2 one batch, row 3 the next
    path = journal(
        tmp_path,
        "1;12.03.2019;FI;Щербаков;Иван;;15.03.1985;RUS",
        "2;13.03.2019;FI;SHERBAKOV;IVAN;;1985-03-15;RUS",
        "3;14.03.2019;FI;Shcherbakov;Ivan;;15.03.1985;RUS",
    )
    result = import_journal(db, actor=admin, path=path)
    assert result.persons_created == 1 and len(set(person_of_row(db).values())) == 1


def test_the_lookups_are_batched_not_one_query_per_row(db, admin, tmp_path):
    for n in range(20):
        on_record(db, f"KARIMOV{'A' * n}", "ALISHER", 1979, 4, 2)
    lines = [
        f"{n};12.03.2019;FI;Каримов{'а' * (n % 20)};Алишер;;{1 + n % 28:02d}.04.1979;RUS"
        for n in range(1, 401)
    ]
    statements: list[str] = []

    def count(conn, cursor, statement, *args):
        reads = statement.lstrip().upper().startswith("SELECT")
        if reads and ("FROM person" in statement or "FROM name_candidate" in statement):
            statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        result = import_journal(db, actor=admin, path=journal(tmp_path, *lines))
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    assert result.imported == 400
    # One batch: the name index once, then the persons of all (surname key, date) terms
    # in a few queries of 200 terms: not one query per row.
    assert 2 <= len(statements) <= 20, len(statements)


def test_the_cached_agreement_answer_is_explain_for_every_day():
    from datetime import date, timedelta

    from borderdesk.domain.agreements import explain
    from borderdesk.domain.reference import load_agreements
    from borderdesk.journal import JournalRow
    from borderdesk.services.journal.cases import book_dates, coverage_checker

    book = load_agreements()
    check = coverage_checker(book)
    # Each day around every date of the book, and a spread of ordinary days.
    days = {d + timedelta(days=k) for d in book_dates(book) for k in (-1, 0, 1)}
    days |= {date(2005, 1, 1) + timedelta(days=97 * k) for k in range(80)}
    for state in ("FIN", "DEU", "POL", "LTU", "KAZ", "EST"):
        for nationality in ("UZB", "XXA", "RUS", "DEU"):
            for day in sorted(days):
                row = JournalRow(1, "1", day, state, "X", nationality=nationality)
                stateless = nationality == "XXA"
                expected = explain(
                    book,
                    partner=state,
                    nationality=None if stateless else nationality,
                    stateless=stateless,
                    on=day,
                )
                got = check(row)
                assert (got.agreement, got.applies, got.reason_code, got.category) == (
                    expected.agreement,
                    expected.applies,
                    expected.reason_code,
                    expected.category,
                ), (state, nationality, day)
                assert got.requested_party == expected.requested_party


def test_a_corrected_row_of_a_yearly_register_updates_its_own_year(db, admin, tmp_path):
    first = journal(
        tmp_path,
        "1;12.03.2019;FI;Каримов;Алишер;;02.04.1979;UZB",
        "1;09.01.2020;FI;Усманов;Шерзод;;11.11.1991;UZB",
    )
    assert import_journal(db, actor=admin, path=first, yearly_numbers=True).imported == 2
    with db.read() as session:
        identities = set(session.exec(select(JournalEntry.identity)).all())
    assert identities == {"no:2019:1", "no:2020:1"}
    corrected = journal(
        tmp_path,
        "1;12.03.2019;FI;Каримов;Алишер;;02.04.1979;UZB",
        "1;09.01.2020;FI;Усманов;Шерзод;;11.11.1992;UZB",
    )
    again = import_journal(db, actor=admin, path=corrected, yearly_numbers=True)
    assert (again.unchanged, again.updated, again.imported) == (1, 1, 0)


def test_next_years_number_is_not_taken_for_a_correction(english, db, admin, tmp_path):
    first = journal(tmp_path, "15;12.03.2019;FI;Каримов;Алишер;;02.04.1979;UZB")
    assert import_journal(db, actor=admin, path=first).imported == 1
    path = tmp_path / "2020.csv"
    path.write_text(HEAD + "15;09.01.2020;FI;Усманов;Шерзод;;11.11.1991;UZB\n", "utf-8")
    refused = import_journal(db, actor=admin, path=path, partial=True)
    (cell,) = refused.refused
    assert (cell.row, cell.column, cell.value, refused.updated) == (2, "A", "15", 0)
    assert "No. 15 was imported with a date of receipt in 2019" in cell.reason
    with db.read() as session:
        (case,) = session.exec(select(ReadmissionCase)).all()
    assert case.received_on.year == 2019  # the 2019 case was left as it was
    yearly = import_journal(db, actor=admin, path=path, yearly_numbers=True)
    assert (yearly.imported, yearly.updated) == (1, 0)


def test_the_birth_index_finds_every_record_whose_known_parts_agree():
    import uuid

    from borderdesk.domain.partial_date import PartialDate
    from borderdesk.services.journal.people import Candidate, _BirthIndex

    index = _BirthIndex()
    births = {
        "full": PartialDate(1985, 3, 15),
        "other_day": PartialDate(1985, 3, 16),
        "month": PartialDate(1985, 3),
        "other_month": PartialDate(1985, 4),
        "year": PartialDate(1985),
        "other_year": PartialDate(1986),
    }
    ids = {name: uuid.uuid4() for name in births}
    for name, birth in births.items():
        index.add("SHCHERBAKOV", Candidate(ids[name], "X", "Y", birth, "RUS"))

    def found(birth):
        return {c.id for c in index.agreeing("SHCHERBAKOV", birth)}

    assert found(PartialDate(1985, 3, 15)) == {ids["full"], ids["month"], ids["year"]}
    assert found(PartialDate(1985, 3)) == {ids["full"], ids["other_day"], ids["month"], ids["year"]}
    assert found(PartialDate(1985)) == {ids[n] for n in births if n != "other_year"}
    assert index.agreeing("SHERBAKOV", PartialDate(1985, 3, 15)) == []
