"""The case workflow as data, the procedure, a case's due dates, deemed acceptance, evidence."""

from __future__ import annotations

from datetime import date

import pytest

from borderdesk import i18n
from borderdesk.domain.case_evidence import match_evidence_type
from borderdesk.domain.case_schedule import CaseFacts, case_schedule, deemed_acceptance_on
from borderdesk.domain.case_workflow import (
    IllegalTransition,
    WorkflowDataError,
    WorkflowError,
    choose_procedure,
    load_workflow,
)
from borderdesk.domain.reference import load_agreements
from borderdesk.errors import InputError

BOOK = load_agreements()
OPEN = ("registered", "under_examination", "accepted", "deemed_accepted", "transfer_scheduled")


@pytest.fixture(autouse=True)
def _english():
    i18n.set_language("en")


def test_the_legal_path_from_registered_to_closed():
    flow = load_workflow()
    path = ["registered", "under_examination", "accepted", "transfer_scheduled"]
    path += ["transferred", "closed"]
    for current, wanted in zip(path, path[1:], strict=False):
        flow.check(current, wanted)
    flow.check("under_examination", "refused")
    flow.check("refused", "closed")
    flow.check("deemed_accepted", "transfer_scheduled")


@pytest.mark.parametrize(
    ("current", "wanted"),
    [
        ("registered", "accepted"),
        ("registered", "transferred"),
        ("under_examination", "closed"),
        ("accepted", "refused"),
        ("refused", "accepted"),
        ("closed", "registered"),
        ("withdrawn", "under_examination"),
        ("transferred", "withdrawn"),
    ],
)
def test_illegal_steps_name_both_statuses(current, wanted):
    flow = load_workflow()
    with pytest.raises(IllegalTransition) as info:
        flow.check(current, wanted)
    message = str(info.value)
    assert current.replace("_", " ") in message and wanted.replace("_", " ") in message


@pytest.mark.parametrize("status", OPEN)
def test_withdrawn_from_every_open_status(status):
    load_workflow().check(status, "withdrawn")
    assert load_workflow().is_open(status)


def test_deemed_acceptance_is_the_systems_step_only():
    flow = load_workflow()
    with pytest.raises(IllegalTransition):
        flow.check("under_examination", "deemed_accepted")
    flow.check("under_examination", "deemed_accepted", by="system")
    flow.check("registered", "deemed_accepted", by="system")


def test_unknown_status_and_event_kind_are_input_errors():
    flow = load_workflow()
    with pytest.raises(InputError):
        flow.check("registered", "approved")
    with pytest.raises(InputError):
        flow.check_event_kind("deemed_accepted")  # the system's, not a user's
    flow.check_event_kind("contact")


def test_workflow_file_is_read_strictly(tmp_path):
    path = tmp_path / "case_workflow.toml"
    path.write_text(
        '[apprehension]\nneighbour_state = "KAZ"\n'
        '[[status]]\nid = "registered"\nopen = true\n'
        '[[transition]]\nfrom = ["registered"]\nto = "nowhere"\n',
        encoding="utf-8",
    )
    with pytest.raises(WorkflowDataError, match="transition"):
        load_workflow(path)
    path.write_text('[[status]]\nid = "registered"\nopne = true\n', encoding="utf-8")
    with pytest.raises(WorkflowDataError, match="status"):
        load_workflow(path)


# --------------------------------------------------------------------------- procedure


def test_accelerated_only_for_apprehensions_under_an_agreement_that_has_it():
    kz, uz = BOOK.get("RU-KZ"), BOOK.get("RU-UZ")
    assert choose_procedure(kz, "apprehension", accelerated=True) == "accelerated"
    assert choose_procedure(kz, "apprehension", accelerated=False) == "normal"
    with pytest.raises(WorkflowError, match="Russia–Uzbekistan"):
        choose_procedure(uz, "apprehension", accelerated=True)
    with pytest.raises(WorkflowError):
        choose_procedure(kz, "outgoing", accelerated=True)


# --------------------------------------------------------------------------- schedule


def incoming(**changes) -> CaseFacts:
    values = dict(
        kind="incoming",
        status="under_examination",
        agreement_id="EU-RU",
        procedure="normal",
        requesting_state="DEU",
        requested_state="RUS",
        received_on=date(2024, 1, 10),
    )
    values.update(changes)
    return CaseFacts(**values)


def apprehension(**changes) -> CaseFacts:
    values = dict(
        kind="apprehension",
        status="registered",
        agreement_id="RU-KZ",
        procedure="accelerated",
        requesting_state="RUS",
        requested_state="KAZ",
        facts_known_on=date(2024, 3, 1),
    )
    values.update(changes)
    return CaseFacts(**values)


def test_reply_due_25_calendar_days_from_receipt_with_its_rule():
    schedule = case_schedule(BOOK, incoming())
    reply = schedule.get("reply")
    assert reply is not None and reply.due == date(2024, 2, 4)
    assert reply.day_kind == "calendar" and reply.acting_state == "RUS"
    assert reply.unverified
    assert "25 calendar days" in reply.rule and "EU–Russia" in reply.rule
    assert reply.banner().endswith("unconfirmed")
    assert schedule.next == reply
    assert reply.state(date(2024, 2, 4)) == "pending"
    assert reply.state(date(2024, 2, 5)) == "overdue"


def test_facts_known_gives_the_application_time_limit():
    schedule = case_schedule(BOOK, incoming(facts_known_on=date(2023, 12, 1)))
    application = schedule.get("application")
    assert application is not None
    assert application.met_on == date(2024, 1, 10)
    assert application.state(date(2024, 1, 11)) == "met"


def test_extension_supersedes_the_reply_and_spain_excludes_it():
    schedule = case_schedule(BOOK, incoming(extension_requested=True))
    assert schedule.get("reply").superseded
    assert schedule.extended_reply_due == date(2024, 3, 10)  # 60 days in total
    assert schedule.next.step == "reply_extended"
    spain = case_schedule(BOOK, incoming(requesting_state="ESP", extension_requested=True))
    assert spain.extended_reply_due is None
    assert any("Spain" in problem for problem in spain.problems)


def test_accelerated_application_over_a_weekend():
    schedule = case_schedule(BOOK, apprehension())  # Friday 1 March 2024
    item = schedule.next
    assert item.step == "accelerated_application"
    assert item.due == date(2024, 3, 5) and item.day_kind == "working"
    assert item.acting_state == "RUS"


def test_accelerated_application_over_a_russian_holiday():
    schedule = case_schedule(BOOK, apprehension(facts_known_on=date(2024, 6, 11)))
    item = schedule.get("accelerated_application")
    assert item.due == date(2024, 6, 14)
    assert item.skipped == (date(2024, 6, 12),)  # Russia Day


def test_accelerated_reply_counts_the_working_days_of_kazakhstan():
    facts = apprehension(status="under_examination", submitted_on=date(2024, 3, 7))
    reply = case_schedule(BOOK, facts).next
    assert reply.step == "accelerated_reply" and reply.acting_state == "KAZ"
    assert reply.due == date(2024, 3, 12)
    assert reply.skipped == (date(2024, 3, 8),)


def test_transfer_due_after_acceptance_and_nothing_after_transfer():
    accepted = incoming(status="accepted", decision="accepted", decided_on=date(2024, 1, 20))
    accepted = CaseFacts(**{**accepted.__dict__, "replied_on": date(2024, 1, 20)})
    schedule = case_schedule(BOOK, accepted)
    assert schedule.transfer_due == date(2024, 4, 19)
    assert schedule.next.step == "transfer"
    assert schedule.get("reply").state(date(2024, 5, 1)) == "met"
    done = CaseFacts(
        **{**accepted.__dict__, "status": "transferred", "transferred_on": date(2024, 3, 1)}
    )
    assert case_schedule(BOOK, done).next is None


def test_silence_means_consent_under_eu_ru_only():
    facts = incoming()
    assert deemed_acceptance_on(BOOK, facts, date(2024, 2, 4)) is None
    assert deemed_acceptance_on(BOOK, facts, date(2024, 2, 5)) == date(2024, 2, 5)
    kz = apprehension(
        status="under_examination", procedure="normal", submitted_on=date(2024, 1, 10)
    )
    assert deemed_acceptance_on(BOOK, kz, date(2024, 6, 1)) is None


# --------------------------------------------------------------------------- evidence


def test_evidence_type_from_the_agreements_lists():
    i18n.set_language("en")
    eu = load_agreements().get("EU-RU")
    found = match_evidence_type(
        eu, kind="proof", evidence_type="  Passport of any KIND, even expired"
    )
    assert found.evidence_type == "passport of any kind, even expired"
    assert found.subject == "nationality" and found.listed
    transit = match_evidence_type(
        eu, kind="presumption", evidence_type="statement by the person", subject="transit"
    )
    assert transit.subject == "transit"
    with pytest.raises(InputError, match="driving licence"):
        match_evidence_type(eu, kind="proof", evidence_type="driving licence")


def test_evidence_lists_in_the_users_language_accept_the_other_one():
    i18n.set_language("ru")
    eu = load_agreements().get("EU-RU")
    assert eu.evidence is not None
    assert "паспорт любого вида, в том числе просроченный" in eu.evidence.nationality_proof
    # Recorded while the user read English: still the listed type, shown in Russian.
    found = match_evidence_type(eu, kind="proof", evidence_type="military service book")
    assert found.listed and found.evidence_type == "военный билет"
    with pytest.raises(InputError, match="водительское удостоверение"):
        match_evidence_type(eu, kind="proof", evidence_type="водительское удостоверение")


def test_agreement_without_lists_accepts_any_type_marked_unlisted():
    found = match_evidence_type(BOOK.get("RU-KZ"), kind="proof", evidence_type="паспорт")
    assert not found.listed and found.evidence_type == "паспорт"
