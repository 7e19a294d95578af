"""Onward transfer: only where an agreement obliges the destination; handover ends the stay."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from borderdesk.errors import BorderDeskError, InputError, PermissionDenied
from borderdesk.services import cases, centre, transfers
from borderdesk.services.centre import BelongingLine, ReturnLine
from borderdesk.services.transfers import TransferRefused
from borderdesk.store.tables import Transfer
from centre_samples import centre_database, passport, staff
from helpers import add_user

ARRIVED_2016 = datetime(2016, 2, 1, 8, 0, tzinfo=UTC)
PLANNED_2016 = date(2016, 3, 1)


@pytest.fixture
def cdb(tmp_path):
    database = centre_database(tmp_path)
    yield database
    database.dispose()


@pytest.fixture
def worker(cdb):
    return staff(cdb)[1]


@pytest.fixture
def english():
    from borderdesk import i18n

    i18n.set_language("en")


def _kazakh(cdb, worker, **kwargs):
    return centre.intake(
        cdb,
        actor=worker,
        mrz_lines=passport(),
        arrived_at=kwargs.pop("arrived_at", ARRIVED_2016),
        belongings=[
            BelongingLine("Телефон", 1, "Samsung"),
            BelongingLine("", currency="RUB", amount="500"),
        ],
        **kwargs,
    )


def test_no_agreement_with_tajikistan_is_refused_with_the_reason(cdb, worker, english):
    stay = centre.intake(
        cdb, actor=worker, mrz_lines=passport("RAHIMOV", "SHER", "A1234567", "TJK")
    )
    answer = transfers.check_destination(
        cdb, actor=worker, stay_id=stay.id, destination="TJK", on=date.today()
    )
    assert not answer.applies and answer.reason_code == "no_agreement"
    with pytest.raises(TransferRefused) as err:
        transfers.plan_transfer(
            cdb,
            actor=worker,
            stay_id=stay.id,
            destination="TJK",
            date=date.today() + timedelta(days=3),
            crossing_point="МАПП «Сагарчин»",
            escorts=["Иванов"],
        )
    assert err.value.code == "no_agreement:no_agreement"
    assert "Tajikistan" in str(err.value)
    # Nothing was pretended: no transfer, no case.
    assert transfers.list_transfers(cdb, actor=worker) == []
    assert cases.list_cases(cdb, actor=worker) == []
    # Staff record what they do instead.
    detail = transfers.record_alternative(
        cdb, actor=worker, stay_id=stay.id, kind="consular_document", note="Запрос в посольство"
    )
    assert detail.alternative == "consular_document"
    with pytest.raises(InputError):
        transfers.record_alternative(cdb, actor=worker, stay_id=stay.id, kind="deportation")


def test_an_agreement_obliging_russia_is_not_one_obliging_the_destination(cdb, worker, english):
    stay = centre.intake(cdb, actor=worker, mrz_lines=passport("KHAN", "IMRAN", "PK1234567", "PAK"))
    with pytest.raises(TransferRefused) as err:
        transfers.plan_transfer(
            cdb,
            actor=worker,
            stay_id=stay.id,
            destination="DEU",
            date=date.today() + timedelta(days=3),
            crossing_point="Шереметьево",
            escorts=["Иванов"],
        )
    assert err.value.code == "no_agreement:wrong_direction"


def test_uzbekistan_takes_back_its_own_nationals_only(cdb, worker):
    stay = centre.intake(cdb, actor=worker, mrz_lines=passport("KHAN", "IMRAN", "PK1234567", "PAK"))
    with pytest.raises(TransferRefused) as err:
        transfers.plan_transfer(
            cdb,
            actor=worker,
            stay_id=stay.id,
            destination="UZB",
            date=date.today() + timedelta(days=3),
            crossing_point="Аэропорт",
            escorts=["Иванов"],
        )
    assert err.value.code == "no_agreement:not_covered_third_country"


def test_kazakhstan_before_entry_into_force_is_refused(cdb, worker):
    stay = _kazakh(cdb, worker, arrived_at=datetime(2015, 1, 5, tzinfo=UTC))
    with pytest.raises(TransferRefused) as err:
        transfers.plan_transfer(
            cdb,
            actor=worker,
            stay_id=stay.id,
            destination="KAZ",
            date=date(2015, 2, 1),
            crossing_point="МАПП «Сагарчин»",
            escorts=["Иванов"],
        )
    assert err.value.code == "no_agreement:not_in_force"


def test_plan_and_complete_to_kazakhstan_ends_the_stay_and_closes_the_case(cdb, worker):
    stay = _kazakh(cdb, worker)
    row = transfers.plan_transfer(
        cdb,
        actor=worker,
        stay_id=stay.id,
        destination="KAZ",
        date=PLANNED_2016,
        crossing_point="МАПП «Сагарчин» – «Жайсан»",
        escorts=["ст. лейтенант Ковалёв И. П.", "прапорщик Ахметов Р. С."],
        transport="ГАЗель А123ВС 56",
    )
    assert row.status == "planned" and row.agreement_id == "RU-KZ"
    assert row.category == "own_national"
    assert row.case_id is not None and row.case_status == "registered"
    assert row.notice_due is None and "уведомление о передаче" in row.notice_rule  # RU-KZ: none
    assert [t.id for t in transfers.list_transfers(cdb, actor=worker)] == [row.id]
    with pytest.raises(BorderDeskError) as twice:
        transfers.plan_transfer(
            cdb,
            actor=worker,
            stay_id=stay.id,
            destination="KAZ",
            date=PLANNED_2016,
            crossing_point="x",
            escorts=["y"],
        )
    assert twice.value.code == "transfer_planned"

    done = transfers.complete_transfer(
        cdb,
        actor=worker,
        transfer_id=row.transfer_number,
        at=datetime(2016, 3, 1, 5, 30, tzinfo=UTC),
        receiving_authority="Пограничная служба КНБ РК",
        receiving_officer="майор Нурланов Е. Б.",
    )
    assert done.status == "completed" and done.completed_at is not None
    assert done.case_status == "closed"
    ended = centre.get_stay(cdb, actor=worker, stay_id=stay.id)
    assert ended.status == "transferred" and "МАПП" in ended.end_reason
    assert [b.returned_quantity for b in ended.belongings if not b.is_cash] == [1]
    assert centre.list_residents(cdb, actor=worker) == []
    case = cases.get_case(cdb, actor=worker, case_id=done.case_id)
    assert case.kind == "outgoing" and case.requested_state == "KAZ"
    assert [e.to_status for e in case.timeline if e.to_status][-3:] == [
        "transfer_scheduled",
        "transferred",
        "closed",
    ]
    with pytest.raises(BorderDeskError) as again:
        transfers.complete_transfer(cdb, actor=worker, transfer_id=row.id)
    assert again.value.code == "transfer_not_planned"


def test_an_accepted_case_is_scheduled_and_reused(cdb, worker):
    stay = _kazakh(cdb, worker, arrived_at=datetime.now(UTC) - timedelta(days=3))
    case = cases.open_case(
        cdb,
        actor=worker,
        kind="outgoing",
        person_id=stay.person.id,
        requesting="RUS",
        requested="KAZ",
        received=date.today() - timedelta(days=2),
    )
    cases.decide(cdb, actor=worker, case_id=case.id, accept=True, reason="Согласие")
    row = transfers.plan_transfer(
        cdb,
        actor=worker,
        stay_id=stay.id,
        destination="KAZ",
        date=date.today() + timedelta(days=2),
        crossing_point="МАПП «Сагарчин»",
        escorts=["Иванов"],
    )
    assert row.case_id == case.id and row.case_status == "transfer_scheduled"
    assert row.warnings == ()
    before = datetime.now(UTC)
    cancelled = transfers.cancel_transfer(cdb, actor=worker, transfer_id=row.id, reason="Болезнь")
    assert cancelled.status == "cancelled"
    with cdb.read() as session:
        stored = session.get(Transfer, row.id)
        # The time of the cancellation is kept: the monthly return counts it by it.
        assert stored is not None and stored.cancelled_at is not None
        assert before <= stored.cancelled_at <= datetime.now(UTC)
    assert transfers.list_transfers(cdb, actor=worker, status="planned") == []


def test_a_refused_application_is_not_planned(cdb, worker):
    stay = _kazakh(cdb, worker, arrived_at=datetime.now(UTC) - timedelta(days=3))
    case = cases.open_case(
        cdb,
        actor=worker,
        kind="outgoing",
        person_id=stay.person.id,
        requesting="RUS",
        requested="KAZ",
        received=date.today() - timedelta(days=2),
    )
    cases.decide(
        cdb, actor=worker, case_id=case.id, accept=False, reason="Гражданство не подтверждено"
    )
    with pytest.raises(TransferRefused) as err:
        transfers.plan_transfer(
            cdb,
            actor=worker,
            stay_id=stay.id,
            destination="KAZ",
            date=date.today() + timedelta(days=2),
            crossing_point="x",
            escorts=["y"],
        )
    assert err.value.code == "refused" and "Гражданство не подтверждено" in str(err.value)


def test_handover_with_belongings_missing_needs_an_explanation(cdb, worker):
    stay = _kazakh(cdb, worker)
    row = transfers.plan_transfer(
        cdb,
        actor=worker,
        stay_id=stay.id,
        destination="KAZ",
        date=PLANNED_2016,
        crossing_point="МАПП «Сагарчин»",
        escorts=["Иванов"],
    )
    at = datetime(2016, 3, 1, 6, 0, tzinfo=UTC)
    with pytest.raises(BorderDeskError) as err:
        transfers.complete_transfer(
            cdb, actor=worker, transfer_id=row.id, at=at, returned=[ReturnLine("1", quantity=1)]
        )
    assert err.value.code == "belongings_discrepancy"
    assert transfers.get_transfer(cdb, actor=worker, transfer_id=row.id).status == "planned"
    assert transfers.get_transfer(cdb, actor=worker, transfer_id=row.id).case_status == "registered"
    done = transfers.complete_transfer(
        cdb,
        actor=worker,
        transfer_id=row.id,
        at=at,
        returned=[ReturnLine("1", quantity=1)],
        explanation="Деньги зачислены на депозит",
    )
    assert done.status == "completed"


def test_input_checks(cdb, worker):
    stay = _kazakh(cdb, worker)
    common = dict(actor=worker, stay_id=stay.id, destination="KAZ", crossing_point="x")
    with pytest.raises(InputError):
        transfers.plan_transfer(cdb, date=PLANNED_2016, escorts=[], **common)
    with pytest.raises(InputError):
        transfers.plan_transfer(cdb, date=date(2016, 1, 1), escorts=["y"], **common)
    with pytest.raises(InputError):
        transfers.plan_transfer(
            cdb,
            actor=worker,
            stay_id=stay.id,
            destination="QQQ",
            date=PLANNED_2016,
            crossing_point="x",
            escorts=["y"],
        )
    with pytest.raises(InputError):
        transfers.list_transfers(cdb, actor=worker, status="lost")


def test_officers_cannot_plan_transfers(cdb, worker):
    from helpers import login

    officer = add_user(cdb, login(cdb), "ivanov", "officer")
    stay = _kazakh(cdb, worker)
    with pytest.raises(PermissionDenied):
        transfers.plan_transfer(
            cdb,
            actor=officer,
            stay_id=stay.id,
            destination="KAZ",
            date=PLANNED_2016,
            crossing_point="x",
            escorts=["y"],
        )


def test_the_notice_rule_is_shown_in_the_reader_s_language(cdb, worker):
    from borderdesk import i18n

    stay = _kazakh(cdb, worker, arrived_at=datetime.now(UTC) - timedelta(days=3))
    i18n.set_language("ru")  # planned by a Russian-speaking user
    planned = transfers.plan_transfer(
        cdb,
        actor=worker,
        stay_id=stay.id,
        destination="KAZ",
        date=date.today() + timedelta(days=2),
        crossing_point="МАПП «Сагарчин»",
        escorts=["Иванов"],
    )
    i18n.set_language("en")
    [row] = transfers.list_transfers(cdb, actor=worker, status="planned")
    assert row.id == planned.id
    assert row.notice_rule and row.notice_rule != planned.notice_rule
    assert not any("а" <= ch <= "я" for ch in row.notice_rule.lower())


def test_a_handover_before_the_application_names_the_day_as_people_write_it(cdb, worker):
    from borderdesk import i18n

    stay = _kazakh(cdb, worker, arrived_at=datetime.now(UTC) - timedelta(days=5))
    submitted = date.today() - timedelta(days=2)
    case = cases.open_case(
        cdb, actor=worker, kind="outgoing", person_id=stay.person.id,
        requesting="RUS", requested="KAZ", received=submitted,
    )  # fmt: skip
    cases.decide(cdb, actor=worker, case_id=case.id, accept=True, reason="Согласие")
    row = transfers.plan_transfer(
        cdb, actor=worker, stay_id=stay.id, destination="KAZ",
        date=date.today() + timedelta(days=2), crossing_point="МАПП «Сагарчин»", escorts=["Иванов"],
    )  # fmt: skip
    early = datetime.now(UTC) - timedelta(days=4)
    for lang in ("ru", "en"):
        i18n.set_language(lang)
        with pytest.raises(InputError) as err:
            transfers.complete_transfer(cdb, actor=worker, transfer_id=row.id, at=early)
        assert err.value.code == "date_order"
        assert i18n.format_day(submitted) in str(err.value)
        assert submitted.isoformat() not in str(err.value)
    i18n.set_language("ru")
    assert transfers.get_transfer(cdb, actor=worker, transfer_id=row.id).status == "planned"
