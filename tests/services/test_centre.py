"""The centre's services: rooms, intake, one person per bed (also under a race), release."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy.exc import IntegrityError

from borderdesk.errors import BorderDeskError, InputError, NotFoundError, PermissionDenied
from borderdesk.services import centre
from borderdesk.services.centre import BelongingLine, ReturnLine, RoomSpec, Vulnerability
from borderdesk.services.centre import admission as centre_intake
from borderdesk.store.database import Database
from borderdesk.store.tables import CentreStay
from centre_samples import centre_database, men, passport, staff
from helpers import add_user


@pytest.fixture
def cdb(tmp_path):
    database = centre_database(tmp_path)
    yield database
    database.dispose()


@pytest.fixture
def people(cdb):
    return staff(cdb)


@pytest.fixture
def worker(people):
    return people[1]


def _one_room(cdb, admin, beds=("A", "B")):
    """Shrink the centre to one men's room (and a women's room) for capacity tests."""
    centre.configure_rooms(
        cdb,
        actor=admin,
        rooms=[
            RoomSpec("M1", "Men", ("men",), beds),
            RoomSpec("W1", "Women", ("women",), ("A",)),
        ],
    )


def test_default_rooms_once(cdb, worker):
    rooms = centre.list_rooms(cdb, actor=worker)
    assert [r.code for r in rooms][:3] == ["1", "2", "3"]
    assert sum(r.capacity for r in rooms) == 44
    again = centre.ensure_default_rooms(cdb, actor=worker)
    assert sum(r.capacity for r in again) == 44


def test_intake_from_a_scan_suggests_the_first_suitable_bed(cdb, worker):
    stay = centre.intake(
        cdb,
        actor=worker,
        mrz_lines=passport(),
        escorts=["сержант Ковалёв И. П."],
        belongings=[
            BelongingLine("Телефон", 1, "Samsung"),
            BelongingLine("", currency="rub", amount="12450"),
        ],
        languages=["казахский", "русский"],
    )
    assert stay.bed == "1/A" and stay.status == "in"
    assert stay.stay_number == f"RC-ORB-{stay.arrived_at.year}-0001" or stay.stay_number.startswith(
        "RC-ORB-"
    )
    assert stay.person.nationality == "KAZ" and stay.person.document_number == "N12345678"
    assert stay.received_by == "Ахметова Динара Маратовна"
    assert stay.languages == "казахский, русский"
    assert [b.currency for b in stay.belongings] == ["", "RUB"]
    assert stay.belongings[1].amount == Decimal(12450)
    assert stay.term.days_in == 1 and stay.term.max_days == 90
    assert stay.legal_basis.source and stay.cost_source
    woman = centre.intake(
        cdb, actor=worker, mrz_lines=passport("OMAROVA", "AIGERIM", "N7654321", sex="F")
    )
    assert woman.bed == "5/A"
    residents = centre.list_residents(cdb, actor=worker)
    assert [(r.bed, r.days_in, r.days_left) for r in residents] == [("1/A", 1, 89), ("5/A", 1, 89)]
    assert set(residents[0].to_json()) >= {
        "stay_id",
        "bed",
        "person",
        "days_in",
        "days_left",
        "flags",
    }


def test_the_same_scan_finds_the_same_person(cdb, worker):
    first = centre.intake(cdb, actor=worker, mrz_lines=passport())
    with pytest.raises(BorderDeskError) as err:
        centre.intake(cdb, actor=worker, mrz_lines=passport())
    assert err.value.code == "already_in_centre"
    centre.release(cdb, actor=worker, stay_id=first.id, reason="Решение суда")
    second = centre.intake(cdb, actor=worker, mrz_lines=passport())
    assert second.person.id == first.person.id and second.id != first.id


def test_a_broken_scan_is_refused(cdb, worker):
    lines = passport()
    lines[1] = lines[1][:9] + ("0" if lines[1][9] != "0" else "1") + lines[1][10:]
    with pytest.raises(InputError):
        centre.intake(cdb, actor=worker, mrz_lines=lines)


@pytest.mark.parametrize("quantity", [0, 10_000, 10**20])
def test_a_belongings_quantity_lies_between_1_and_9999(cdb, worker, quantity):
    # 10**20 reached SQLite, which cannot hold it: a crash after the checks.
    with pytest.raises(InputError) as err:
        centre.intake(
            cdb, actor=worker, mrz_lines=passport(), belongings=[BelongingLine("Носки", quantity)]
        )
    assert err.value.code == "belonging_quantity"
    assert centre.list_residents(cdb, actor=worker) == []
    stay = centre.intake(
        cdb, actor=worker, mrz_lines=passport(), belongings=[BelongingLine("Носки", 9999)]
    )
    assert stay.belongings[0].quantity == 9999


def test_a_chosen_bed_must_be_free_and_suitable(cdb, worker):
    centre.intake(cdb, actor=worker, mrz_lines=passport(), bed="2/C")
    with pytest.raises(BorderDeskError) as taken:
        centre.intake(cdb, actor=worker, mrz_lines=men(1)[0], bed="2/C")
    assert taken.value.code == "bed_occupied"
    with pytest.raises(BorderDeskError) as unsuitable:
        centre.intake(cdb, actor=worker, mrz_lines=men(1)[0], bed="5/A")
    assert unsuitable.value.code == "bed_unsuitable"
    with pytest.raises(NotFoundError):
        centre.intake(cdb, actor=worker, mrz_lines=men(1)[0], bed="99/Z")
    with pytest.raises(InputError):
        centre.intake(cdb, actor=worker, mrz_lines=men(1)[0], bed="2C")


def test_capacity_can_never_be_exceeded(cdb, people):
    admin, worker = people
    _one_room(cdb, admin)
    for lines in men(2):
        centre.intake(cdb, actor=worker, mrz_lines=lines)
    with pytest.raises(BorderDeskError) as full:
        centre.intake(cdb, actor=worker, mrz_lines=passport("KHAN", "IMRAN", "PK1111111", "PAK"))
    assert full.value.code == "no_free_bed"
    rooms = centre.list_rooms(cdb, actor=worker)
    assert [(r.code, r.occupied, r.capacity) for r in rooms] == [("M1", 2, 2), ("W1", 0, 1)]


def test_the_database_itself_refuses_a_second_person_in_a_bed(cdb, worker):
    """Even a write that skips the services' check cannot put two people in one bed."""
    first = centre.intake(cdb, actor=worker, mrz_lines=passport())
    other = centre.intake(cdb, actor=worker, mrz_lines=men(1)[0])
    with pytest.raises(IntegrityError), cdb.write(actor="test") as session:
        record = session.get(CentreStay, other.id)
        record.bed_id = session.get(CentreStay, first.id).bed_id
        session.add(record)
    # A released stay frees the bed: history keeps its bed, the index ignores it.
    centre.release(cdb, actor=worker, stay_id=first.id, reason="Суд")
    moved = centre.move_bed(cdb, actor=worker, stay_id=other.id, bed=first.bed)
    assert moved.bed == first.bed


@pytest.mark.parametrize("choose_bed", [True, False])
def test_two_simultaneous_intakes_for_the_last_bed(cdb, people, tmp_path, choose_bed):
    admin, worker = people
    _one_room(cdb, admin, beds=("A",))
    path = cdb.path
    barrier = threading.Barrier(2)
    outcomes: list[object] = []

    def take_in(lines):
        db = Database.open(path=path)
        try:
            barrier.wait()
            stay = centre.intake(
                db, actor=worker, mrz_lines=lines, bed="M1/A" if choose_bed else None
            )
            outcomes.append(stay)
        except BorderDeskError as exc:
            outcomes.append(exc)
        finally:
            db.dispose()

    threads = [threading.Thread(target=take_in, args=(lines,)) for lines in men(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    winners = [o for o in outcomes if isinstance(o, centre.StayDetail)]
    losers = [o for o in outcomes if isinstance(o, BorderDeskError)]
    assert len(winners) == 1 and len(losers) == 1, outcomes
    assert losers[0].code in ("bed_occupied", "no_free_bed")
    assert str(losers[0])  # a sentence, not a traceback
    assert len(centre.list_residents(cdb, actor=worker)) == 1


def test_the_constraint_wins_a_race_the_check_misses(cdb, people, monkeypatch):
    """With the services' own check switched off, the partial unique index still holds."""
    admin, worker = people
    _one_room(cdb, admin, beds=("A",))
    centre.intake(cdb, actor=worker, mrz_lines=men(1)[0], bed="M1/A")
    monkeypatch.setattr(centre_intake, "occupant", lambda session, bed_id: None)
    with pytest.raises(BorderDeskError) as err:
        centre.intake(cdb, actor=worker, mrz_lines=men(2)[1], bed="M1/A")
    assert err.value.code == "bed_occupied"


def test_release_needs_belongings_back_or_an_explanation(cdb, worker):
    stay = centre.intake(
        cdb,
        actor=worker,
        mrz_lines=passport(),
        belongings=[
            BelongingLine("Телефон", 1),
            BelongingLine("Носки", 3),
            BelongingLine("", currency="KZT", amount="3000.50"),
        ],
    )
    with pytest.raises(InputError):
        centre.release(cdb, actor=worker, stay_id=stay.id, reason=" ")
    short = [
        ReturnLine("1", quantity=1),
        ReturnLine("2", quantity=2),
        ReturnLine("3", amount=Decimal("3000.50")),
    ]
    with pytest.raises(BorderDeskError) as err:
        centre.release(cdb, actor=worker, stay_id=stay.id, reason="Суд отменил", returned=short)
    assert err.value.code == "belongings_discrepancy"
    assert "Носки" in str(err.value)
    assert centre.get_stay(cdb, actor=worker, stay_id=stay.id).status == "in"
    ended = centre.release(
        cdb,
        actor=worker,
        stay_id=stay.stay_number,
        reason="Суд отменил",
        returned=short,
        explanation="Одна пара утеряна при стирке, акт № 4",
    )
    assert ended.status == "released" and ended.ended_at is not None
    assert ended.belongings_explanation == "Одна пара утеряна при стирке, акт № 4"
    assert [b.returned_quantity for b in ended.belongings[:2]] == [1, 2]
    assert ended.belongings[2].returned_amount == Decimal("3000.50")
    assert ended.belongings[1].return_note == "Одна пара утеряна при стирке, акт № 4"
    assert centre.list_residents(cdb, actor=worker) == []
    with pytest.raises(BorderDeskError) as again:
        centre.release(cdb, actor=worker, stay_id=stay.id, reason="x")
    assert again.value.code == "stay_ended"


def test_release_with_everything_returned(cdb, worker):
    stay = centre.intake(
        cdb, actor=worker, mrz_lines=passport(), belongings=[BelongingLine("Рюкзак")]
    )
    ended = centre.release(cdb, actor=worker, stay_id=stay.id, reason="Добровольный выезд")
    assert ended.belongings[0].returned_quantity == 1 and not ended.belongings_explanation


def test_families_minors_and_unknown_sex(cdb, worker):
    father = centre.intake(
        cdb, actor=worker, mrz_lines=passport("RAKHIMOV", "BAKHTIYOR", "FA1234567", "UZB")
    )
    son = centre.intake(
        cdb,
        actor=worker,
        mrz_lines=passport("RAKHIMOV", "AZIZ", "FA7654321", "UZB", birth=None),
        vulnerability=Vulnerability(minor=True, family_stay_id=father.id),
    )
    assert son.bed == "7/A" and son.minor and "family" in son.flags
    # The father joins his son in the family room.
    father = centre.move_bed(cdb, actor=worker, stay_id=father.id, bed="7/B")
    assert father.bed == "7/B"
    alone = centre.intake(
        cdb,
        actor=worker,
        mrz_lines=passport("KARIMOV", "ALI", "FA0000001", "UZB"),
        vulnerability=Vulnerability(minor=True, unaccompanied_minor=True),
    )
    assert alone.bed == "9/A" and "unaccompanied_minor" in alone.flags
    with pytest.raises(BorderDeskError):
        centre.move_bed(cdb, actor=worker, stay_id=alone.id, bed="1/A")
    with pytest.raises(InputError) as unknown:
        centre.intake(
            cdb, actor=worker, mrz_lines=passport("DOE", "J", "XX0000001", "BGD", sex="X")
        )
    assert unknown.value.code == "choose_bed"
    chosen = centre.intake(
        cdb, actor=worker, mrz_lines=passport("DOE", "J", "XX0000001", "BGD", sex="X"), bed="6/A"
    )
    assert chosen.bed == "6/A"


def test_minor_from_the_date_of_birth(cdb, worker):
    today = date.today()
    from borderdesk.domain.partial_date import PartialDate

    stay = centre.intake(
        cdb,
        actor=worker,
        mrz_lines=passport(
            "ALIEV", "TIMUR", "FA5555555", "UZB", birth=PartialDate(today.year - 15, 1, 1)
        ),
    )
    assert stay.minor and stay.bed.startswith("9/")


def test_intake_from_a_case(cdb, worker):
    from borderdesk.services import cases

    case = cases.open_case(
        cdb,
        actor=worker,
        kind="apprehension",
        mrz_lines=passport(),
        requesting="RUS",
        requested="KAZ",
        received=date.today(),
    )
    stay = centre.intake(cdb, actor=worker, case_id=case.id, arriving_from="КПП «Илецк»")
    assert stay.case_id == case.id and stay.person.id == case.person.id
    assert centre.list_residents(cdb, actor=worker)[0].case_id == case.id
    with pytest.raises(NotFoundError):
        centre.intake(cdb, actor=worker, case_id="01a21e9b-063b-728b-975a-9b086a824aa3")


def test_past_arrival_and_legal_basis(cdb, worker):
    arrived = datetime(2024, 3, 1, 9, 0, tzinfo=UTC)
    stay = centre.intake(
        cdb, actor=worker, mrz_lines=passport(), arrived_at=arrived, legal_basis="identification"
    )
    residents = centre.list_residents(cdb, actor=worker, today=date(2024, 3, 12))
    assert (residents[0].days_in, residents[0].days_left, residents[0].level) == (12, -2, "overdue")
    detail = centre.get_stay(cdb, actor=worker, stay_id=stay.id, today=date(2024, 3, 5))
    assert detail.term.cost_so_far == 5 * centre.load_centre_rules().cost.per_day
    with pytest.raises(InputError):
        centre.intake(cdb, actor=worker, mrz_lines=men(1)[0], legal_basis="holiday")


def test_configure_rooms_keeps_history_and_guards_occupied_beds(cdb, people):
    admin, worker = people
    stay = centre.intake(cdb, actor=worker, mrz_lines=passport(), bed="1/B")
    with pytest.raises(PermissionDenied):
        centre.configure_rooms(cdb, actor=worker, rooms=[RoomSpec("1", "x", ("men",), ("A",))])
    with pytest.raises(BorderDeskError) as err:
        centre.configure_rooms(cdb, actor=admin, rooms=[RoomSpec("1", "Men 1", ("men",), ("A",))])
    assert err.value.code == "bed_occupied"
    with pytest.raises(InputError):
        centre.configure_rooms(cdb, actor=admin, rooms=[RoomSpec("1", "x", ("soldiers",), ("A",))])
    rooms = centre.configure_rooms(
        cdb,
        actor=admin,
        rooms=[
            RoomSpec("1", "Мужская 1", ("men",), ("A", "B", "G")),
            RoomSpec("10", "Новая", ("women",), ("A",)),
        ],
    )
    active = [r for r in rooms if r.active]
    assert [(r.code, r.capacity) for r in active] == [("1", 3), ("10", 1)]
    assert centre.get_stay(cdb, actor=worker, stay_id=stay.id).bed == "1/B"
    assert sum(r.capacity for r in centre.list_rooms(cdb, actor=worker)) == 4


def test_officers_cannot_run_the_centre(cdb, people):
    admin, _worker = people
    officer = add_user(cdb, admin, "ivanov", "officer")
    with pytest.raises(PermissionDenied):
        centre.list_residents(cdb, actor=officer)
    with pytest.raises(PermissionDenied):
        centre.intake(cdb, actor=officer, mrz_lines=passport())


def test_suggest_bed_from_a_scan_or_a_profile(cdb, worker):
    from borderdesk.domain.partial_date import PartialDate

    assert centre.suggest_bed(cdb, actor=worker, mrz_lines=passport()) == "1/A"
    woman = passport("OMAROVA", "AIGERIM", "N7654321", sex="F")
    assert centre.suggest_bed(cdb, actor=worker, mrz_lines=woman) == "5/A"
    child = passport(
        "ALIEV", "TIMUR", "FA5555555", "UZB", birth=PartialDate(date.today().year - 12)
    )
    assert centre.suggest_bed(cdb, actor=worker, mrz_lines=child) == "9/A"
    profile = centre.ResidentProfile("F", in_family=True)
    assert centre.suggest_bed(cdb, actor=worker, profile=profile) == "7/A"
    assert centre.suggest_bed(cdb, actor=worker, profile=centre.ResidentProfile("X")) is None
    assert centre.list_residents(cdb, actor=worker) == []  # nothing was written


def test_demo_fills_the_centre_to_about_seventy_percent(cdb, worker):
    from borderdesk.services.demo.centre import add_demo_centre
    from borderdesk.services.demo.people import generate
    from borderdesk.store import bulk
    from borderdesk.store.tables import Person

    today = date.today()
    rows = [
        {
            "surname": p.surname,
            "given_names": p.given_names,
            "surname_latin": p.surname_latin,
            "given_names_latin": p.given_names_latin,
            "name_key": p.name_key,
            "birth_year": p.birth.year,
            "birth_month": p.birth.month,
            "birth_day": p.birth.day,
            "sex": p.sex,
            "nationality": p.nationality,
        }
        for p in generate(150, seed=3, today=today)
    ]
    with cdb.write(actor="test") as session:
        bulk.insert_records(session, Person, rows)
    summary = add_demo_centre(cdb, 3, today)
    assert summary.beds == 44
    assert 0.6 <= summary.residents / summary.beds <= 0.75
    assert 1 <= summary.transfers <= 5
    residents = centre.list_residents(cdb, actor=worker)
    assert len(residents) == summary.residents
    assert max(r.days_in for r in residents) > 30  # stays of realistic length
    from borderdesk.services import transfers

    planned = transfers.list_transfers(cdb, actor=worker, status="planned")
    assert all(0 < (t.planned_date - today).days <= 7 for t in planned)
    # A stay whose basis rests on a court decision carries its number and date (#14).
    needs = {b.code for b in centre.legal_bases() if b.decision_ru}
    stays = [centre.get_stay(cdb, actor=worker, stay_id=r.stay_id) for r in residents]
    assert any(s.legal_basis.code in needs for s in stays)
    for stay in stays:
        if stay.legal_basis.code in needs:
            assert stay.decision_number.startswith("5-") and stay.decision_date is not None
            assert stay.decision_date <= stay.arrived_at.date() + timedelta(days=1)
        else:
            assert not stay.decision_number and stay.decision_date is None
