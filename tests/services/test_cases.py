"""Readmission cases through the services: opening, workflow, audit, deadlines, evidence."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlmodel import col, select

from borderdesk import i18n
from borderdesk.domain.case_workflow import IllegalTransition, WorkflowError
from borderdesk.domain.deadlines import DeadlineError
from borderdesk.domain.mrz.compose import compose_td3
from borderdesk.errors import BorderDeskError, InputError, PermissionDenied
from borderdesk.services import cases
from borderdesk.services.access.audit import verify_chain
from borderdesk.services.cases import CaseRefused
from borderdesk.services.people.persons import person_card
from borderdesk.services.site.sites import site_today
from borderdesk.store.tables import AuditEntry, CaseScan, DocumentCheck, Person
from helpers import add_user


@pytest.fixture(autouse=True)
def _english():
    i18n.set_language("en")


def person(db, surname="Hossain", nationality="BGD", **fields):
    with db.write(actor="admin") as session:
        record = Person(surname=surname, given_names="Arif", nationality=nationality, **fields)
        session.add(record)
    return record.id


def incoming(db, actor, *, state="DEU", received=date(2024, 1, 10), nationality="BGD", **kw):
    return cases.open_case(
        db,
        actor=actor,
        kind="incoming",
        person_id=person(db, nationality=nationality),
        requesting=state,
        requested="RUS",
        received=received,
        **kw,
    )


def apprehension(db, actor, *, received=date(2024, 3, 1), accelerated=True, **kw):
    return cases.open_case(
        db,
        actor=actor,
        kind="apprehension",
        person_id=person(db, nationality="TJK"),
        requesting="RUS",
        requested="KAZ",
        received=received,
        accelerated=accelerated,
        **kw,
    )


# --------------------------------------------------------------------------- opening


def test_incoming_case_under_eu_ru_with_its_reply_due(db, admin):
    case = incoming(db, admin, today=date(2024, 1, 12))
    assert case.case_number == "POST-07-RA-2024-0001"
    assert (case.kind, case.status, case.agreement_id) == ("incoming", "registered", "EU-RU")
    assert case.category == "third_country" and case.coverage.applies
    assert case.due("reply").due == date(2024, 2, 4)
    assert case.next_due.step == "reply" and not case.overdue
    assert "25 calendar days" in case.banner and case.banner.endswith("unconfirmed")
    assert [e.kind for e in case.timeline] == ["opened"]
    assert case.timeline[0].author == "admin"
    second = incoming(db, admin, today=date(2024, 1, 12))
    assert second.case_number == "POST-07-RA-2024-0002"


def test_own_national_and_stateless_categories(db, admin):
    assert incoming(db, admin, nationality="RUS").category == "own_national"
    assert incoming(db, admin, nationality="XXA").category == "stateless"


def test_outgoing_to_tajikistan_is_refused_with_the_reason(db, admin):
    with pytest.raises(CaseRefused, match="Tajikistan"):
        cases.open_case(
            db,
            actor=admin,
            kind="outgoing",
            person_id=person(db, nationality="TJK"),
            requesting="RUS",
            requested="TJK",
            received=date(2024, 3, 1),
        )


def test_outgoing_to_uzbekistan_only_for_uzbek_nationals(db, admin):
    with pytest.raises(CaseRefused) as info:
        cases.open_case(
            db,
            actor=admin,
            kind="outgoing",
            person_id=person(db, nationality="PAK"),
            requesting="RUS",
            requested="UZB",
            received=date(2024, 3, 1),
        )
    assert info.value.code == "not_covered:not_covered_third_country"
    case = cases.open_case(
        db,
        actor=admin,
        kind="outgoing",
        person_id=person(db, nationality="UZB"),
        requesting="RUS",
        requested="UZB",
        received=date(2024, 3, 1),
    )
    assert case.agreement_id == "RU-UZ" and case.category == "own_national"
    assert case.submitted_on == date(2024, 3, 1) and case.due("reply").acting_state == "UZB"


def test_wrong_directions_and_bad_input(db, admin):
    pid = person(db)
    base = dict(actor=admin, person_id=pid, received=date(2024, 3, 1))
    with pytest.raises(InputError):
        cases.open_case(db, kind="incoming", requesting="DEU", requested="KAZ", **base)
    with pytest.raises(InputError):
        cases.open_case(db, kind="outgoing", requesting="KAZ", requested="RUS", **base)
    with pytest.raises(CaseRefused):  # Denmark does not take part in EU-RU
        cases.open_case(db, kind="incoming", requesting="DNK", requested="RUS", **base)
    with pytest.raises(InputError):
        cases.open_case(db, kind="incoming", requesting="QQQ", requested="RUS", **base)
    with pytest.raises(InputError):
        cases.open_case(
            db,
            actor=admin,
            kind="incoming",
            person_id=pid,
            requesting="DEU",
            requested="RUS",
            received=date.today() + timedelta(days=2),
        )
    with pytest.raises(WorkflowError):  # RU-UZ has no accelerated procedure
        cases.open_case(
            db, kind="apprehension", requesting="RUS", requested="UZB", accelerated=True,
            actor=admin, person_id=person(db, nationality="UZB"), received=date(2024, 3, 1),
        )  # fmt: skip


def test_open_from_mrz_finds_or_creates_the_person(db, admin):
    lines = compose_td3(
        surname="HOSSAIN",
        given_names="MOHAMMAD ARIF",
        document_number="BX1234567",
        nationality="BGD",
        birth_date=date(1988, 11, 2),
        sex="M",
        expiry_date=date(2030, 1, 1),
    )
    first = cases.open_case(
        db, actor=admin, kind="incoming", mrz_lines=lines, requesting="POL",
        requested="RUS", received=date(2024, 3, 1),
    )  # fmt: skip
    again = cases.open_case(
        db, actor=admin, kind="incoming", mrz_lines=lines, requesting="POL",
        requested="RUS", received=date(2024, 3, 2),
    )  # fmt: skip
    assert first.person.id == again.person.id
    assert first.person.documents[0][2] == "BX1234567"
    card = person_card(db, actor=admin, person_id=first.person.id)
    assert {h.reference for h in card.history if h.kind == "case"} == {
        first.case_number,
        again.case_number,
    }


def test_permissions(db, admin):
    supervisor = add_user(db, admin, "sup", "supervisor")
    officer = add_user(db, admin, "off", "officer")
    case = incoming(db, officer)
    with pytest.raises(PermissionDenied):
        incoming(db, supervisor)
    with pytest.raises(PermissionDenied):
        cases.decide(db, actor=supervisor, case_id=case.id, accept=True, reason="")
    assert [r.id for r in cases.list_cases(db, actor=supervisor)] == [case.id]


# --------------------------------------------------------------------------- workflow


def test_every_step_is_legal_timed_authored_and_audited(db, admin):
    officer = add_user(db, admin, "off", "officer")
    case = incoming(db, officer, received=date.today() - timedelta(days=3))
    with pytest.raises(IllegalTransition, match="registered"):
        cases.advance(db, actor=officer, case_id=case.id, to_status="transferred")
    case = cases.advance(db, actor=officer, case_id=case.id, to_status="under_examination")
    case = cases.decide(db, actor=officer, case_id=case.case_number, accept=True, reason="ok")
    assert case.status == "accepted" and case.next_due.step == "transfer"
    for step in ("transfer_scheduled", "transferred", "closed"):
        case = cases.advance(db, actor=officer, case_id=case.id, to_status=step, note=step)
    assert case.status == "closed" and case.closed_on == site_today(db)
    assert case.next_due is None and case.allowed_steps == ()
    with pytest.raises(IllegalTransition):
        cases.advance(db, actor=officer, case_id=case.id, to_status="withdrawn")
    steps = [(e.from_status, e.to_status, e.author) for e in case.timeline if e.to_status]
    assert steps == [
        (None, "registered", "off"),
        ("registered", "under_examination", "off"),
        ("under_examination", "accepted", "off"),
        ("accepted", "transfer_scheduled", "off"),
        ("transfer_scheduled", "transferred", "off"),
        ("transferred", "closed", "off"),
    ]
    with db.read() as session:
        audit = session.exec(
            select(AuditEntry).where(AuditEntry.record_id == case.id).order_by(col(AuditEntry.seq))
        ).all()
        events = session.exec(
            select(AuditEntry).where(AuditEntry.action == "case_event.insert")
        ).all()
    statuses = [json.loads(a.changes).get("status") for a in audit]
    assert [s[1] for s in statuses if s] == [
        "registered",
        "under_examination",
        "accepted",
        "transfer_scheduled",
        "transferred",
        "closed",
    ]
    assert all(a.actor == "off" for a in audit) and len(events) == 6
    assert verify_chain(db, actor=admin).ok


def test_decide_walks_through_examination_and_a_refusal_needs_its_reason(db, admin):
    case = incoming(db, admin, received=date.today() - timedelta(days=2))
    with pytest.raises(InputError):
        cases.decide(db, actor=admin, case_id=case.id, accept=False, reason=" ")
    case = cases.decide(db, actor=admin, case_id=case.id, accept=False, reason="Not Russian")
    assert case.status == "refused" and case.decision_reason == "Not Russian"
    assert [e.to_status for e in case.timeline] == ["registered", "under_examination", "refused"]
    assert case.next_due is None and case.due("reply").state(case.today) == "met"
    with pytest.raises(IllegalTransition):
        cases.decide(db, actor=admin, case_id=case.id, accept=True, reason="")


def test_free_events_on_the_timeline(db, admin):
    case = incoming(db, admin, received=date.today() - timedelta(days=3))
    row = cases.add_event(db, actor=admin, case_id=case.id, kind="contact", note="Called BAMF")
    assert row.kind == "contact"
    with pytest.raises(InputError):
        cases.add_event(db, actor=admin, case_id=case.id, kind="deemed_accepted", note="x")
    with pytest.raises(InputError):
        cases.add_event(db, actor=admin, case_id=case.id, kind="status", note="x")
    shown = cases.get_case(db, actor=admin, case_id=case.id)
    assert [e.kind for e in shown.timeline] == ["opened", "contact"]


# --------------------------------------------------------------------------- deadlines


def test_deemed_acceptance_appears_on_its_own_under_eu_ru(db, admin):
    case = incoming(db, admin, received=date(2024, 1, 10), today=date(2024, 1, 12))
    assert cases.apply_silence(db, actor=admin, today=date(2024, 2, 4)) == 0
    early = cases.list_cases(db, actor=admin, today=date(2024, 2, 4))
    assert early[0].status == "registered" and early[0].next_due == date(2024, 2, 4)
    assert cases.apply_silence(db, actor=admin, today=date(2024, 2, 10)) == 1
    rows = cases.list_cases(db, actor=admin, today=date(2024, 2, 10))
    assert rows[0].status == "deemed_accepted" and rows[0].next_step == "transfer"
    shown = cases.get_case(db, actor=admin, case_id=case.id, today=date(2024, 2, 10))
    deemed = shown.timeline[-1]
    assert (deemed.kind, deemed.author, deemed.day) == (
        "deemed_accepted",
        "system",
        date(2024, 2, 5),
    )
    assert shown.decided_on == date(2024, 2, 5) and shown.replied_on is None
    assert shown.due("reply").state(shown.today) == "lapsed"
    assert shown.due("transfer").due == date(2024, 5, 5)
    with pytest.raises(WorkflowError, match="counts as accepted"):
        cases.decide(db, actor=admin, case_id=case.id, accept=False, reason="late")
    assert cases.apply_silence(db, actor=admin, today=date(2024, 3, 1)) == 0  # once only


def test_no_deemed_acceptance_under_ru_kz_only_overdue(db, admin):
    case = apprehension(db, admin, accelerated=False)
    cases.advance(db, actor=admin, case_id=case.id, to_status="under_examination",
                  on=date(2024, 3, 4))  # fmt: skip
    rows = cases.list_cases(db, actor=admin, today=date(2024, 6, 1))
    assert rows[0].status == "under_examination"
    assert rows[0].overdue and rows[0].next_step == "reply" and rows[0].days_left < 0
    assert [r.id for r in cases.list_cases(db, actor=admin, overdue=True, today=date(2024, 6, 1))]
    assert cases.list_cases(db, actor=admin, overdue=True, today=date(2024, 3, 10)) == []
    assert len(cases.list_cases(db, actor=admin, due_within=30, today=date(2024, 3, 10))) == 1
    assert cases.list_cases(db, actor=admin, due_within=5, today=date(2024, 3, 10)) == []


@pytest.mark.parametrize("days", [-1, 36_501, 10**20])
def test_due_within_is_bounded_to_a_hundred_years_of_days(db, admin, days):
    # 10**20 days once overflowed the date arithmetic (a crash, not an error).
    apprehension(db, admin, accelerated=False)
    with pytest.raises(InputError, match="36500"):
        cases.list_cases(db, actor=admin, due_within=days, today=date(2024, 3, 10))
    assert len(cases.list_cases(db, actor=admin, due_within=36_500, today=date(2024, 3, 10))) == 1


def test_accelerated_apprehension_over_a_weekend(db, admin):
    case = apprehension(db, admin)  # Friday 1 March 2024
    assert case.procedure == "accelerated"
    assert case.next_due.step == "accelerated_application"
    assert case.next_due.due == date(2024, 3, 5)
    case = cases.advance(db, actor=admin, case_id=case.id, to_status="under_examination",
                         on=date(2024, 3, 7))  # fmt: skip
    assert case.submitted_on == date(2024, 3, 7)
    assert case.due("accelerated_application").state(case.today) == "late"
    reply = case.next_due
    assert (reply.step, reply.due, reply.skipped) == (
        "accelerated_reply",
        date(2024, 3, 12),
        (date(2024, 3, 8),),
    )


def test_extension_and_spains_protocol(db, admin):
    case = incoming(db, admin, received=date.today() - timedelta(days=5))
    case = cases.request_extension(db, actor=admin, case_id=case.id, note="Identity unclear")
    assert case.extension_requested
    assert case.due("reply_extended").due == case.received_on + timedelta(days=60)
    assert case.next_due.step == "reply_extended"
    with pytest.raises(WorkflowError):
        cases.request_extension(db, actor=admin, case_id=case.id)
    spain = incoming(db, admin, state="ESP", received=date.today() - timedelta(days=5))
    with pytest.raises(DeadlineError, match="Spain"):
        cases.request_extension(db, actor=admin, case_id=spain.id)
    old = incoming(db, admin, received=date(2024, 1, 10))
    with pytest.raises(WorkflowError):
        cases.request_extension(db, actor=admin, case_id=old.id, on=date(2024, 3, 1))


# --------------------------------------------------------------------------- evidence


def test_evidence_type_validation_and_scan_hash(db, admin, tmp_path):
    case = incoming(db, admin)
    with pytest.raises(InputError, match="not a means of proof"):
        cases.add_evidence(db, actor=admin, case_id=case.id, kind="proof",
                           evidence_type="horoscope", description="")  # fmt: skip
    scan = tmp_path / "passport.jpg"
    scan.write_bytes(b"\xff\xd8\xff scan of page 2" * 100)
    row = cases.add_evidence(
        db,
        actor=admin,
        case_id=case.id,
        kind="proof",
        evidence_type="Passport of any kind, even expired",
        description="AB123, original kept",
        scan_path=scan,
    )
    digest = hashlib.sha256(scan.read_bytes()).hexdigest()
    assert row.scan_sha256 == digest and row.scan_filename == "passport.jpg"
    assert row.evidence_type == "passport of any kind, even expired"
    name, content = cases.get_scan(db, actor=admin, evidence_id=row.id)
    assert (name, content) == ("passport.jpg", scan.read_bytes())
    shown = cases.get_case(db, actor=admin, case_id=case.id, today=date(2024, 1, 12))
    assert shown.evidence[0].scan_sha256 == digest and shown.timeline[-1].kind == "evidence"
    with db.read() as session:
        stored = session.exec(select(CaseScan)).one()
        audit = session.exec(select(AuditEntry).where(AuditEntry.record_id == stored.id)).one()
    assert stored.sha256 == digest and "content_b64" not in audit.changes
    with pytest.raises(InputError):
        cases.add_evidence(db, actor=admin, case_id=case.id, kind="rumour",
                           evidence_type="x", description="")  # fmt: skip


def test_a_scan_must_be_an_image_or_pdf_by_its_content(db, admin, tmp_path):
    case = incoming(db, admin)
    program = tmp_path / "passport.pdf"
    program.write_bytes(b"MZ\x90\x00 not a pdf at all")
    before = len(cases.get_case(db, actor=admin, case_id=case.id).evidence)
    with pytest.raises(InputError, match="not an image") as refused:
        cases.add_evidence(db, actor=admin, case_id=case.id, kind="proof",
                           evidence_type="Passport of any kind, even expired",
                           description="", scan_path=program)  # fmt: skip
    assert refused.value.code == "scan_not_image"
    assert len(cases.get_case(db, actor=admin, case_id=case.id).evidence) == before
    tiff = tmp_path / "scan.bin"  # the content decides, not the name
    tiff.write_bytes(b"II*\x00" + bytes(100))
    cases.add_evidence(db, actor=admin, case_id=case.id, kind="proof",
                       evidence_type="Passport of any kind, even expired",
                       description="", scan_path=tiff)  # fmt: skip
    with db.read() as session:
        assert session.exec(select(CaseScan)).one().media_type == "image/tiff"


def test_scan_names_are_stored_and_shown_without_direction_tricks(db, admin, tmp_path):
    case = incoming(db, admin)
    scan = tmp_path / "invoice\u202efdp.exe"
    scan.write_bytes(b"%PDF-1.4\n%fake")
    row = cases.add_evidence(db, actor=admin, case_id=case.id, kind="proof",
                             evidence_type="Passport of any kind, even expired",
                             description="kept \u202eoriginal", scan_path=scan)  # fmt: skip
    assert row.scan_filename == "invoicefdp.exe"
    shown = cases.get_case(db, actor=admin, case_id=case.id).evidence[-1]
    assert "\u202e" not in shown.description and "<U+202E>" in shown.description
    assert cases.get_scan(db, actor=admin, evidence_id=row.id)[0] == "invoicefdp.exe"


# --------------------------------------------------------------------------- from a check


def _check(db, person_id, decision="detain"):
    with db.write(actor="admin") as session:
        check = DocumentCheck(
            site="POST-07",
            officer="admin",
            checked_at=datetime(2024, 3, 1, 8, 30, tzinfo=UTC),
            direction="entry",
            person_id=person_id,
            verdict="alert",
            decision=decision,
            protocol_number=f"PP-{decision}-{person_id.hex[:6]}",
            content_digest="0" * 64,
            note="Crossed outside a crossing point",
        )
        session.add(check)
    return check.id


def test_apprehension_from_a_detain_check(db, admin):
    pid = person(db, nationality="UZB")
    check_id = _check(db, pid)
    case = cases.open_apprehension_from_check(db, actor=admin, check_id=check_id)
    assert (case.kind, case.requested_state, case.procedure) == (
        "apprehension",
        "KAZ",
        "accelerated",
    )
    assert case.person.id == pid and case.source_check_id == check_id
    assert case.facts_known_on == date(2024, 3, 1)
    assert case.notes == "Crossed outside a crossing point"
    with pytest.raises(BorderDeskError, match=case.case_number):
        cases.open_apprehension_from_check(db, actor=admin, check_id=check_id)
    with pytest.raises(BorderDeskError):
        cases.open_apprehension_from_check(db, actor=admin, check_id=_check(db, pid, "admit"))


def _counts(db) -> tuple[int, int, str]:
    from sqlmodel import func, select

    from borderdesk.store.tables import AuditEntry, ChangeLogEntry

    with db.read() as session:
        changes = session.exec(select(func.count()).select_from(ChangeLogEntry)).one()
        audits = session.exec(select(func.count()).select_from(AuditEntry)).one()
        head = session.exec(select(AuditEntry.hash).order_by(AuditEntry.seq.desc())).first()
    return changes, audits, head or ""


def test_reading_cases_writes_nothing_even_when_silence_is_due(db, admin):
    case = incoming(db, admin, received=date(2024, 1, 10), today=date(2024, 1, 12))
    before = _counts(db)
    rows = cases.list_cases(db, actor=admin, today=date(2024, 3, 1))
    shown = cases.get_case(db, actor=admin, case_id=case.id, today=date(2024, 3, 1))
    cases.list_cases(db, actor=admin, overdue=True, today=date(2024, 3, 1))
    assert _counts(db) == before
    # The reply date has passed, but only the explicit step records the deemed acceptance.
    assert rows[0].status == shown.status == "registered"
    assert cases.apply_silence(db, actor=admin, today=date(2024, 3, 1)) == 1
    assert _counts(db) != before
    assert cases.get_case(db, actor=admin, case_id=case.id).status == "deemed_accepted"


def test_silence_writes_only_when_a_case_is_due_with_its_own_audit_entry(db, admin):
    incoming(db, admin, received=date(2024, 1, 10), today=date(2024, 1, 12))
    before = _counts(db)
    assert cases.apply_silence(db, actor=admin, today=date(2024, 2, 4)) == 0
    assert _counts(db) == before  # nothing due: not even an audit entry
    assert cases.apply_silence(db, actor=admin, today=date(2024, 3, 1)) == 1
    after = _counts(db)
    assert cases.apply_silence(db, actor=admin, today=date(2024, 3, 2)) == 0
    assert _counts(db) == after
    from sqlmodel import select

    from borderdesk.store.tables import AuditEntry

    with db.read() as session:
        entries = session.exec(
            select(AuditEntry).where(AuditEntry.action == "case.silence_applied")
        ).all()
    assert [e.actor for e in entries] == [admin.username]
    assert '"deemed_accepted":1' in entries[0].changes.replace(" ", "")


def test_apprehension_choices_say_which_agreement_covers_whom(db, admin, english):
    """The Detain dialog's states: covered with the agreement's reason, or refused with
    the reason open_case gives; an unknown nationality covers nothing."""
    from borderdesk.services.cases import apprehension_choices

    choices = apprehension_choices(actor=admin, nationality="KAZ", on=date(2026, 6, 1))
    kaz = choices.of("KAZ")
    assert kaz is not None and kaz.covered and kaz.agreement
    assert kaz.agreement_title and kaz.reason
    assert choices.suggested == "KAZ"
    uzb = choices.of("UZB")
    assert uzb is not None and not uzb.covered and uzb.reason  # own nationals only
    nobody = apprehension_choices(actor=admin, nationality="XXX", on=date(2026, 6, 1))
    assert not any(s.covered for s in nobody.states) and nobody.suggested is None
    assert "not known" in nobody.states[0].reason
