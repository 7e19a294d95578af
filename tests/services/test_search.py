"""Search: any spelling of a name, document numbers, dates of birth; indexed queries only."""

from __future__ import annotations

import pytest
from check_samples import NOW, add_person, make_officer, passport
from sqlalchemy import event

from borderdesk.domain.partial_date import PartialDate
from borderdesk.errors import InputError, PermissionDenied
from borderdesk.services import checks
from borderdesk.services.people import search
from helpers import add_user

# (as recorded, as typed into the search box): real spelling pairs.
SPELLINGS = [
    ("Щербаков", "SHCHERBAKOV"),
    ("Щербаков", "SCHERBAKOV"),
    ("SHCHERBAKOV", "Щербаков"),
    ("SCHERBAKOV", "SHCHERBAKOV"),
    ("Юсупов", "IUSUPOV"),
    ("Юсупов", "YUSUPOV"),
    ("IUSUPOV", "Юсупов"),
    ("YUSUPOV", "IUSUPOV"),
    ("Цой", "TSOI"),
    ("Цой", "TSOY"),
    ("TSOY", "Цой"),
    ("TSOI", "TSOY"),
]


@pytest.fixture
def officer(db, admin):
    return make_officer(db, admin)


@pytest.mark.parametrize(("recorded", "query"), SPELLINGS)
def test_spellings_find_each_other(db, officer, recorded, query):
    person = add_person(db, recorded, "Виктор")
    add_person(db, "Петров", "Виктор")
    hits = search.search(db, actor=officer, query=query)
    assert [h.person_id for h in hits] == [person.id]
    assert hits[0].score == 100.0


def test_full_name_in_another_spelling_and_order(db, officer):
    person = add_person(db, "Щербаков", "Александр Петрович")
    other = add_person(db, "Щербаков", "Иван")
    hits = search.search(db, actor=officer, query="SCHERBAKOV ALEXANDR")
    assert hits[0].person_id == person.id and hits[0].score >= 90
    assert other.id not in [h.person_id for h in hits]
    swapped = search.search(db, actor=officer, query="Александр Щербаков")
    assert swapped[0].person_id == person.id


def test_feminine_form_and_typo_are_found_fuzzily(db, officer):
    person = add_person(db, "Щербакова", "Анна")
    hits = search.search(db, actor=officer, query="SHCHERBAKOV ANNA")
    assert hits and hits[0].person_id == person.id and 80 <= hits[0].score < 100


@pytest.mark.parametrize(
    ("recorded", "query"),
    [
        ("Щербаков", "SHERBAKOV"),  # everyday English: no rule lists Щ as SH
        ("Щербаков", "SCHTSCHERBAKOW"),  # German
        ("SHCHERBAKOV", "SZCZERBAKOW"),  # Polish
        ("Юсупов", "JUSUPOV"),  # German / Czech J for Й
        ("Хрущёв", "CHRUSCHTSCHOW"),
        ("Чаудхри", "CHOWDHURY"),
        ("Хуссейн", "HOSSAIN"),
        ("Щербаков", "SHCHERBKAOV"),  # two letters swapped
        ("Щербаков", "SHCHERBAKIV"),  # one letter wrong
    ],
)
def test_spellings_no_rule_lists_and_typos_are_found(db, officer, recorded, query):
    person = add_person(db, recorded, "Иван")
    add_person(db, "Петров", "Иван")
    hits = search.search(db, actor=officer, query=f"{query} IVAN")
    assert [h.person_id for h in hits] == [person.id]
    assert hits[0].reasons[0] in ("surname_same_skeleton", "surname_typo")


def test_given_name_first_in_another_spelling(db, officer):
    person = add_person(db, "Юсупов", "Рустам", birth=PartialDate(1985, 3, 15))
    hits = search.search(db, actor=officer, query="RUSTAM JUSUPOW 1985-03-15")
    assert [h.person_id for h in hits] == [person.id]
    assert "names_swapped" in hits[0].reasons


def test_best_first(db, officer):
    exact = add_person(db, "Юсупов", "Бахтиёр")
    near = add_person(db, "Юсупова", "Бахтиёр")
    hits = search.search(db, actor=officer, query="YUSUPOV BAKHTIYOR")
    assert [h.person_id for h in hits][:2] == [exact.id, near.id]
    assert hits[0].score > hits[1].score


def test_by_document_number(db, officer):
    outcome = checks.check_document(
        db, actor=officer, mrz_lines=passport("TSOI", "VIKTOR", number="N98765432"), now=NOW
    )
    hits = search.search(db, actor=officer, query="N98765432")
    assert [h.person_id for h in hits] == [outcome.check.person_id]
    assert hits[0].documents[0].number == "N98765432"
    assert search.search(db, actor=officer, query="n9876 5432") == hits  # as typed
    assert search.search(db, actor=officer, query="N9876543") == []  # exact only


@pytest.mark.parametrize("query", ["1980-05-17", "17.05.1980", "1980"])
def test_by_birth_date(db, officer, query):
    person = add_person(db, "Цой", "Виктор", birth=PartialDate(1980, 5, 17))
    add_person(db, "Иванов", "Иван", birth=PartialDate(1981, 5, 17))
    hits = search.search(db, actor=officer, query=query)
    assert [h.person_id for h in hits] == [person.id]


def test_partial_birth_dates_fit_but_rank_lower(db, officer):
    full = add_person(db, "Цой", "Виктор", birth=PartialDate(1980, 5, 17))
    year_only = add_person(db, "Ким", "Олег", birth=PartialDate(1980))
    add_person(db, "Пак", "Олег", birth=PartialDate(1980, 6, 1))
    hits = search.search(db, actor=officer, query="17.05.1980")
    assert [h.person_id for h in hits] == [full.id, year_only.id]
    assert hits[0].score > hits[1].score


def test_name_and_birth_date_together(db, officer):
    right = add_person(db, "Цой", "Виктор", birth=PartialDate(1980, 5, 17))
    add_person(db, "Цой", "Виктор", birth=PartialDate(1962, 6, 21))
    hits = search.search(db, actor=officer, query="TSOY VIKTOR 1980-05-17")
    assert [h.person_id for h in hits] == [right.id]


def test_json_shape(db, officer):
    outcome = checks.check_document(
        db, actor=officer, mrz_lines=passport("TSOI", "VIKTOR"), now=NOW
    )
    (hit,) = search.search(db, actor=officer, query="Цой")
    assert hit.to_json() == {
        "person_id": str(outcome.check.person_id),
        "surname": "TSOI",
        "given_names": "VIKTOR",
        "surname_latin": "TSOI",
        "birth_date": "1980-05-17",
        "nationality": "RUS",
        "documents": [
            {
                "document_type": "P",
                "issuing_state": "RUS",
                "number": "751234567",
                "expiry_date": "2034-01-01",
            }
        ],
        "score": 100.0,
    }


def test_bad_queries_and_permissions(db, admin, officer):
    with pytest.raises(InputError):
        search.search(db, actor=officer, query="  ")
    with pytest.raises(InputError):
        search.search(db, actor=officer, query="31.02.1980")
    centre = add_user(db, admin, "akhmetova", "centre")  # centre staff search too
    assert search.search(db, actor=centre, query="Цой") == []


def test_search_is_refused_without_the_permission(db, officer, monkeypatch):
    from borderdesk.services.access import permissions

    table = dict(permissions.ROLE_PERMISSIONS)
    table[officer.role] = table[officer.role] - {permissions.Permission.search_persons}
    monkeypatch.setattr(permissions, "ROLE_PERMISSIONS", table)
    with pytest.raises(PermissionDenied):
        search.search(db, actor=officer, query="Цой")


@pytest.mark.parametrize(
    "query", ["Щербаков", "SCHERBAKOV ALEXANDR", "Александр Щербаков", "N98765432", "17.05.1980"]
)
def test_only_indexed_lookups_reach_the_person_table(db, officer, query):
    add_person(db, "Щербаков", "Александр", number="N98765432")
    statements: list[tuple[str, object]] = []

    def remember(_conn, _cursor, statement, parameters, _context, _many):
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", remember)
    try:
        search.search(db, actor=officer, query=query)
    finally:
        event.remove(db.engine, "before_cursor_execute", remember)
    assert statements
    with db.engine.connect() as conn:
        for statement, parameters in statements:
            assert " LIKE " not in statement.upper()
            plan = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters).all()
            details = " | ".join(row[-1] for row in plan)
            for table in ("person", "identity_document"):
                assert f"SCAN {table}" not in details.replace(" AS ", " "), (statement, details)
