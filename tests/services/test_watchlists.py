"""Watchlists: CSV import (all or nothing, or partial) and hits at a check."""

from __future__ import annotations

from datetime import timedelta

import pytest
from check_samples import NOW, make_officer, make_supervisor, passport, row_counts

from borderdesk.domain.partial_date import PartialDate
from borderdesk.errors import InputError, PermissionDenied
from borderdesk.i18n import set_language
from borderdesk.services import checks
from borderdesk.services.people import watchlists


@pytest.fixture
def officer(db, admin):
    return make_officer(db, admin)


@pytest.fixture
def supervisor(db, admin):
    return make_supervisor(db, admin)


def write(tmp_path, text: str, name: str = "list.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


DOCUMENTS = """issuing_state,number,reason,source,valid_until
RUS,751234567,stolen,МВД России,
KAZ,N 1234-5678,lost,КНБ РК,31.12.2030
"""

PERSONS = """\ufeffSurname;Given_Names;Birth_Date;Nationality;Reason;Source;Valid_Until
SCHERBAKOV;IVAN;1980-05-17;RUS;federal search;ФСИН;
Юсупов;Бахтиёр;1991-??-??;UZB;entry ban;МВД;2030-01-01
Цой;Виктор;;;wanted;Interpol;
"""


def test_import_documents_and_persons(db, supervisor, tmp_path):
    report = watchlists.import_csv(
        db, actor=supervisor, path=write(tmp_path, DOCUMENTS), kind="documents"
    )
    assert (report.rows, report.added, report.rejected) == (2, 2, ())
    report = watchlists.import_csv(
        db, actor=supervisor, path=write(tmp_path, PERSONS), kind="persons"
    )
    assert (report.rows, report.added) == (3, 3)
    counts = row_counts(db)
    assert counts["watchlist_document"] == 2 and counts["watchlist_person"] == 3


def test_a_bad_row_stops_the_import_with_its_line(db, supervisor, tmp_path):
    set_language("en")
    text = DOCUMENTS + "XYZ,123,stolen,,\nRUS,,lost,,\n"
    before = row_counts(db)
    with pytest.raises(InputError) as info:
        watchlists.import_csv(db, actor=supervisor, path=write(tmp_path, text), kind="documents")
    message = str(info.value)
    assert "line 4" in message and "XYZ" in message and "\n" not in message
    assert "1 more bad row" in message and "Nothing was imported" in message
    assert row_counts(db) == before


def test_partial_import_keeps_the_good_rows(db, supervisor, tmp_path):
    text = PERSONS + "Иванов;Иван;1980-13-01;RUS;wanted;;\n;Иван;;;wanted;;\n"
    report = watchlists.import_csv(
        db, actor=supervisor, path=write(tmp_path, text), kind="persons", partial=True
    )
    assert report.added == 3
    assert [r.line for r in report.rejected] == [5, 6]
    assert "birth_date" in report.rejected[0].message
    assert report.to_json()["rejected"][1]["line"] == 6


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("issuing_state,number,colour\nRUS,1,red\n", "colour"),
        ("issuing_state,reason\nRUS,lost\n", "number"),
        ("", "empty"),
    ],
)
def test_bad_header(db, supervisor, tmp_path, text, expected):
    set_language("en")
    with pytest.raises(InputError) as info:
        watchlists.import_csv(db, actor=supervisor, path=write(tmp_path, text), kind="documents")
    assert expected in str(info.value).lower()


def test_importing_again_updates_instead_of_duplicating(db, supervisor, tmp_path):
    path = write(tmp_path, DOCUMENTS)
    watchlists.import_csv(db, actor=supervisor, path=path, kind="documents")
    again = watchlists.import_csv(db, actor=supervisor, path=path, kind="documents")
    assert (again.added, again.updated, again.unchanged) == (0, 0, 2)
    changed = write(tmp_path, DOCUMENTS.replace("stolen", "stolen blank"), "changed.csv")
    report = watchlists.import_csv(db, actor=supervisor, path=changed, kind="documents")
    assert (report.added, report.updated, report.unchanged) == (0, 1, 1)
    assert row_counts(db)["watchlist_document"] == 2


def test_officers_may_not_import(db, officer, tmp_path):
    with pytest.raises(PermissionDenied):
        watchlists.import_csv(db, actor=officer, path=write(tmp_path, DOCUMENTS), kind="documents")


def test_unreadable_file(db, supervisor, tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes("issuing_state,number,reason\nRUS,1,vol\xe9\n".encode("latin-1"))
    with pytest.raises(InputError):
        watchlists.import_csv(db, actor=supervisor, path=path, kind="documents")
    with pytest.raises(InputError):
        watchlists.import_csv(db, actor=supervisor, path=tmp_path / "none.csv", kind="documents")


# ------------------------------------------------------------------ hits at a check


@pytest.fixture
def listed(db, supervisor, tmp_path):
    watchlists.import_csv(db, actor=supervisor, path=write(tmp_path, DOCUMENTS), kind="documents")
    watchlists.import_csv(db, actor=supervisor, path=write(tmp_path, PERSONS), kind="persons")


def test_document_hit(db, officer, listed):
    outcome = checks.assess(
        db, actor=officer, mrz_lines=passport("PETROV", "OLEG", number="751234567"), now=NOW
    )
    hit = next(f for f in outcome.findings if f.code == "watchlist_document")
    assert hit.severity == "critical" and hit.params["reason"] == "stolen"
    assert outcome.verdict == "alert"
    assert "751234567" in hit.message("en")


def test_document_hit_needs_the_same_state(db, officer, listed):
    outcome = checks.assess(
        db,
        actor=officer,
        mrz_lines=passport("PETROV", "OLEG", number="751234567", nationality="KAZ"),
        now=NOW,
    )
    assert "watchlist_document" not in [f.code for f in outcome.findings]


def test_person_hit_for_a_transliterated_name(db, officer, listed):
    # Listed as SCHERBAKOV (legacy spelling); the passport says SHCHERBAKOV.
    outcome = checks.assess(
        db, actor=officer, mrz_lines=passport("SHCHERBAKOV", "IVAN", number="700000001"), now=NOW
    )
    hit = next(f for f in outcome.findings if f.code == "watchlist_person")
    assert hit.severity == "critical" and hit.params["score"] == 100.0
    assert hit.params["level"] == "alert"
    assert {"surname_same_key", "birth_date_equal", "nationality_equal"} <= set(
        hit.params["reasons"]
    )
    assert "same surname" in hit.message("en")
    surname = hit.params["explanation"][0]
    assert (surname["part"], surname["query"], surname["candidate"]) == (
        "surname",
        "SHCHERBAKOV",
        "SCHERBAKOV",
    )


def test_person_hit_for_a_cyrillic_listing(db, officer, listed):
    lines = passport(
        "YUSUPOV", "BAKHTIYOR", number="FA1234567", nationality="UZB", birth=PartialDate(1991, 4, 2)
    )
    outcome = checks.assess(db, actor=officer, mrz_lines=lines, now=NOW)
    hit = next(f for f in outcome.findings if f.code == "watchlist_person")
    assert "birth_date_compatible" in hit.params["reasons"]
    assert hit.params["name"] == "Юсупов Бахтиёр"


def test_a_namesake_with_another_birth_date_is_no_alert(db, officer, listed):
    # Born decades apart: another person of that name (at most a warning; here none).
    lines = passport("SHCHERBAKOV", "IVAN", number="700000002", birth=PartialDate(1961, 2, 3))
    outcome = checks.assess(db, actor=officer, mrz_lines=lines, now=NOW)
    assert "watchlist_person" not in [f.code for f in outcome.findings]
    # One digit of the date mistyped: a warning to look at.
    lines = passport("SHCHERBAKOV", "IVAN", number="700000004", birth=PartialDate(1980, 5, 12))
    outcome = checks.assess(db, actor=officer, mrz_lines=lines, now=NOW)
    hits = [f for f in outcome.findings if f.code == "watchlist_person"]
    assert [h.severity for h in hits] == ["warning"]
    assert "birth_date_near" in hits[0].params["reasons"]
    other = checks.assess(
        db,
        actor=officer,
        mrz_lines=passport(
            "SHCHERBAKOV",
            "IVAN",
            number="700000003",
            nationality="KAZ",
            birth=PartialDate(1961, 2, 3),
        ),
        now=NOW,
    )
    assert "watchlist_person" not in [f.code for f in other.findings]


ISSUE_EXAMPLES = """Surname;Given_Names;Birth_Date;Nationality;Reason;Source;Valid_Until
SHERBAKOV;IVAN;1985-03-15;RUS;federal search;ФСИН;
JUSUPOV;RUSTAM;1985-03-15;RUS;federal search;ФСИН;
SCHTSCHERBAKOW;PAVEL;1985-03-15;RUS;entry ban;BKA;
"""


@pytest.mark.parametrize(
    ("surname", "given", "listed", "system"),
    [
        ("SHCHERBAKOV", "IVAN", "SHERBAKOV", "english"),
        ("IUSUPOV", "RUSTAM", "JUSUPOV", "german"),
        ("SHCHERBAKOV", "PAVEL", "SCHTSCHERBAKOW", "german"),
    ],
)
def test_spellings_no_rule_lists_are_alerts(
    db, officer, supervisor, tmp_path, surname, given, listed, system
):
    watchlists.import_csv(
        db, actor=supervisor, path=write(tmp_path, ISSUE_EXAMPLES), kind="persons"
    )
    lines = passport(surname, given, number="700000009", birth=PartialDate(1985, 3, 15))
    outcome = checks.assess(db, actor=officer, mrz_lines=lines, now=NOW)
    hits = [f for f in outcome.findings if f.code == "watchlist_person"]
    assert [(h.severity, h.params["name"]) for h in hits] == [("critical", f"{listed} {given}")]
    assert "surname_same_skeleton" in hits[0].params["reasons"]
    assert f"spelling_{system}" in hits[0].params["reasons"]
    assert outcome.verdict == "alert"


def test_a_typo_in_the_listed_surname_is_an_alert(db, officer, supervisor, tmp_path):
    text = ISSUE_EXAMPLES.replace("SHERBAKOV;IVAN", "SHCHERBKAOV;IVAN")
    watchlists.import_csv(db, actor=supervisor, path=write(tmp_path, text), kind="persons")
    lines = passport("SHCHERBAKOV", "IVAN", number="700000010", birth=PartialDate(1985, 3, 15))
    outcome = checks.assess(db, actor=officer, mrz_lines=lines, now=NOW)
    assert [f.severity for f in outcome.findings if f.code == "watchlist_person"] == ["critical"]


def test_expired_entries_no_longer_hit(db, officer, listed):
    later = NOW + timedelta(days=365 * 5)
    outcome = checks.assess(
        db,
        actor=officer,
        mrz_lines=passport("PETROV", "OLEG", number="N12345678", nationality="KAZ"),
        now=NOW,
    )
    assert "watchlist_document" in [f.code for f in outcome.findings]
    outcome = checks.assess(
        db,
        actor=officer,
        mrz_lines=passport("PETROV", "OLEG", number="N12345678", nationality="KAZ"),
        now=later,
    )
    assert "watchlist_document" not in [f.code for f in outcome.findings]
