"""A checked document finds or creates its person; the person's card and history."""

from __future__ import annotations

import pytest
from check_samples import NOW, add_person, make_officer, passport, row_counts

from borderdesk.domain.case_workflow import kind_label
from borderdesk.domain.mrz import parse_mrz
from borderdesk.domain.partial_date import PartialDate
from borderdesk.errors import InputError, NotFoundError
from borderdesk.services import checks
from borderdesk.services.people import persons
from borderdesk.services.people.history import history_record
from borderdesk.services.site.sites import site_today


@pytest.fixture
def officer(db, admin):
    return make_officer(db, admin)


def check(db, officer, lines, **kwargs):
    return checks.check_document(db, actor=officer, mrz_lines=lines, now=NOW, **kwargs)


def test_same_document_same_person(db, officer):
    first = check(db, officer, passport("TSOI", "VIKTOR"))
    again = check(db, officer, passport("TSOI", "VIKTOR"))
    assert first.matched_by == "new" and again.matched_by == "document"
    assert again.check.person_id == first.check.person_id
    assert again.check.document_id == first.check.document_id
    counts = row_counts(db)
    assert counts["person"] == 1 and counts["identity_document"] == 1


def test_new_passport_same_name_birth_and_nationality(db, officer):
    first = check(db, officer, passport("TSOI", "VIKTOR", number="700000001"))
    renewed = check(db, officer, passport("TSOY", "VIKTOR", number="700000002"))
    assert renewed.matched_by == "name_birth_nationality"
    assert renewed.check.person_id == first.check.person_id
    card = persons.person_card(db, actor=officer, person_id=first.check.person_id)
    assert sorted(d.number for d in card.documents) == ["700000001", "700000002"]
    assert [h.record_id for h in card.history] == [renewed.check.id, first.check.id]


def test_a_recorded_person_in_cyrillic_is_found_by_the_passport(db, officer):
    person = add_person(db, "Цой", "Виктор", birth=PartialDate(1980, 5, 17))
    outcome = check(db, officer, passport("TSOI", "VIKTOR"))
    assert outcome.check.person_id == person.id
    assert outcome.person.surname == "Цой"  # as recorded, not as the MRZ prints it


def test_a_recorded_person_is_found_under_a_spelling_no_rule_lists(db, officer):
    person = add_person(db, "Щербаков", "Иван Петрович", birth=PartialDate(1985, 3, 15))
    outcome = check(db, officer, passport("SHERBAKOV", "IVAN", birth=PartialDate(1985, 3, 15)))
    assert outcome.matched_by == "name_birth_nationality"
    assert outcome.check.person_id == person.id


def test_a_surname_one_typo_away_is_not_linked(db, officer):
    person = add_person(db, "Щербаков", "Иван", birth=PartialDate(1985, 3, 15))
    outcome = check(db, officer, passport("SHCHERBAKIV", "IVAN", birth=PartialDate(1985, 3, 15)))
    assert outcome.matched_by == "new"  # a namesake for the officer to review, not a link
    assert outcome.check.person_id != person.id


@pytest.mark.parametrize(
    "changes",
    [
        {"birth": PartialDate(1981, 5, 17)},
        {"nationality": "KAZ"},
        {"given": "OLEG"},
    ],
)
def test_other_details_mean_another_person(db, officer, changes):
    first = check(db, officer, passport("TSOI", "VIKTOR", number="700000001"))
    values = {"given": "VIKTOR", "number": "700000002", **changes}
    given = values.pop("given")
    other = check(db, officer, passport("TSOI", given, **values))
    assert other.matched_by == "new"
    assert other.check.person_id != first.check.person_id


def test_partial_birth_date_never_matches_by_name_alone(db, officer):
    unknown = check(db, officer, passport("TSOI", "VIKTOR", birth=PartialDate(1980)))
    assert unknown.person.birth_date == PartialDate(1980)
    again = check(
        db, officer, passport("TSOI", "VIKTOR", number="700000009", birth=PartialDate(1980))
    )
    assert again.matched_by == "name_birth_nationality"  # the same partial date is the same


def test_a_document_recorded_for_someone_else(db, officer):
    check(db, officer, passport("TSOI", "VIKTOR", number="700000001"))
    outcome = check(db, officer, passport("IVANOV", "OLEG", number="700000001"))
    finding = next(f for f in outcome.findings if f.code == "document_holder_differs")
    assert finding.severity == "warning" and "TSOI VIKTOR" in finding.params["name"]


def test_find_person_writes_nothing(db, officer):
    before = row_counts(db)
    with db.read() as session:
        match = persons.find_person(session, parse_mrz(passport("TSOI", "VIKTOR")))
    assert match.matched_by == "new" and match.person.person_id is None
    assert row_counts(db) == before


def test_history_composes_checks_and_cases_without_any_registration(db, officer):
    """The card asks checks, cases and stays directly: no module has to be imported first."""
    from borderdesk.services import cases

    outcome = check(db, officer, passport("TSOI", "VIKTOR"))
    person_id = outcome.check.person_id
    case = cases.open_case(
        db,
        actor=officer,
        kind="incoming",
        person_id=person_id,
        requesting="DEU",
        requested="RUS",
        received=site_today(db),
    )
    card = persons.person_card(db, actor=officer, person_id=str(person_id))
    assert sorted(h.kind for h in card.history) == ["case", "check"]
    entry = next(h for h in card.history if h.kind == "case")
    assert entry.reference == case.case_number and entry.record_id == case.id
    assert history_record(entry) == "Дело: " + kind_label("incoming")
    assert card.to_json()["history"][0]["kind"] in ("case", "check")


def test_person_card_errors(db, officer):
    with pytest.raises(InputError):
        persons.person_card(db, actor=officer, person_id="not-an-id")
    with pytest.raises(NotFoundError):
        persons.person_card(db, actor=officer, person_id="01900000-0000-7000-8000-000000000000")
