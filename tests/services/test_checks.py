"""Document checks: verdict, the immutable record, corrections, regimes, bad input."""

from __future__ import annotations

from datetime import timedelta

import pytest
from check_samples import (
    NOW,
    TODAY,
    make_officer,
    make_supervisor,
    passport,
    row_counts,
    visa,
)

from borderdesk.domain.partial_date import PartialDate
from borderdesk.errors import BorderDeskError, InputError, PermissionDenied
from borderdesk.services import checks
from borderdesk.store.tables import DocumentCheck
from borderdesk.store.tables.checks import ImmutableCheck

TKM = dict(nationality="TKM", number="TM1234567")
KAZ = dict(nationality="KAZ", number="N12345678")


@pytest.fixture
def officer(db, admin):
    return make_officer(db, admin)


@pytest.fixture
def supervisor(db, admin):
    return make_supervisor(db, admin)


def codes(outcome_or_record) -> list[str]:
    return [f.code for f in outcome_or_record.findings]


def test_a_check_is_recorded_with_its_findings(db, officer):
    outcome = checks.check_document(
        db, actor=officer, mrz_lines=passport("SHCHERBAKOV", "IVAN"), decision="admit", now=NOW
    )
    record = outcome.check
    assert record is not None and record.decision == "admit"
    assert record.protocol_number == "POST-07-2026-000001"
    assert record.officer == "petrov" and record.officer_name == "Петров Илья Сергеевич"
    assert record.site == "POST-07" and record.checked_at == NOW
    assert outcome.verdict == "clear" and codes(outcome) == ["own_national"]
    assert outcome.matched_by == "new" and outcome.person.person_id == record.person_id
    assert record.digest_ok and len(record.content_digest) == 64
    data = outcome.to_json()
    assert data["id"] == str(record.id)
    assert data["document"]["document_number"] == "751234567"
    assert data["person_id"] == str(record.person_id)
    second = checks.check_document(
        db, actor=officer, mrz_lines=passport("SHCHERBAKOV", "IVAN"), direction="exit", now=NOW
    )
    assert second.check.protocol_number == "POST-07-2026-000002"
    assert second.check.decision is None
    assert [h.record_id for h in second.history] == [record.id]
    assert "history_checked_before" in codes(second)


@pytest.mark.parametrize(
    "lines",
    [
        ["P<RUSIVANOV<<IVAN", "123"],  # wrong length
        [
            "P<RUSIVANOV<<IVAN<<<<<<<<<<<<<<<<<<<<<<<<<<",
            "7512345672RUS8005171M3101012<<<<<<<<<<<<<<0ж",
        ],
        ["only one line"],
        [],
    ],
)
def test_bad_mrz_is_one_line_and_writes_nothing(db, officer, lines):
    before = row_counts(db)
    with pytest.raises(InputError) as info:
        checks.check_document(db, actor=officer, mrz_lines=lines, decision="admit", now=NOW)
    assert "\n" not in str(info.value)
    assert row_counts(db) == before


def test_bad_visa_decision_or_note_writes_nothing(db, officer):
    before = row_counts(db)
    good = passport("BERDYEV", "AMAN", **TKM)
    for kwargs in (
        {"visa_lines": ["V<RUSBERDYEV", "xx"]},
        {"decision": "maybe"},
        {"direction": "sideways"},
        {"note": "x" * 2001},
    ):
        with pytest.raises(InputError):
            checks.check_document(db, actor=officer, mrz_lines=good, now=NOW, **kwargs)
    assert row_counts(db) == before


def test_assess_writes_nothing(db, officer):
    before = row_counts(db)
    outcome = checks.assess(db, actor=officer, mrz_lines=passport("TSOI", "VIKTOR"), now=NOW)
    assert outcome.check is None and outcome.person.person_id is None
    assert row_counts(db) == before


def test_failed_check_digit_is_red_and_still_recorded(db, officer):
    line1, line2 = passport("IVANOV", "IVAN")
    bad = line2[:9] + ("0" if line2[9] != "0" else "1") + line2[10:]
    outcome = checks.check_document(db, actor=officer, mrz_lines=[line1, bad], now=NOW)
    assert outcome.verdict == "alert"
    assert ("mrz_error", "critical") in [(f.code, f.severity) for f in outcome.findings]
    assert outcome.check is not None


def test_expired_passport_is_an_alert(db, officer):
    """Issue #9: an expired document must stop the officer (severity from the data file)."""
    lines = passport("IVANOV", "IVAN", expiry=TODAY - timedelta(days=3))
    outcome = checks.assess(db, actor=officer, mrz_lines=lines, now=NOW)
    expired = [f for f in outcome.findings if f.params.get("mrz_code") == "expired"]
    assert expired and expired[0].severity == "critical"
    assert outcome.verdict == "alert"


def test_saved_check_is_immutable_and_corrections_chain(db, officer):
    first = checks.check_document(
        db, actor=officer, mrz_lines=passport("IVANOV", "IVAN"), now=NOW
    ).check
    with pytest.raises(ImmutableCheck), db.write(actor="petrov") as session:
        row = session.get(DocumentCheck, first.id)
        row.decision = "admit"
        session.add(row)
    assert checks.get_check(db, actor=officer, check_id=first.id).decision is None

    second = checks.correct_check(
        db,
        actor=officer,
        check_id=first.id,
        decision="refuse",
        ground="no_visa",
        note="no invitation",
        now=NOW,
    )
    assert second.corrects_id == first.id and second.decision == "refuse"
    assert second.checked_at == first.checked_at and second.id != first.id
    assert second.protocol_number == "POST-07-2026-000002"
    assert second.findings == first.findings and second.digest_ok
    with pytest.raises(BorderDeskError) as info:
        checks.correct_check(db, actor=officer, check_id=first.id, decision="admit")
    assert second.protocol_number in str(info.value)
    third = checks.correct_check(db, actor=officer, check_id=second.id, decision="detain")
    assert third.detained_for_case and third.note == "no invitation"

    reread = checks.get_check(db, actor=officer, check_id=first.id)
    assert reread.corrected_by_id == second.id and reread.decision is None
    assert checks.get_check(db, actor=officer, check_id=third.id).corrected_by_id is None
    # History shows the check as it stands: only the last correction.
    later = checks.assess(db, actor=officer, mrz_lines=passport("IVANOV", "IVAN"), now=NOW)
    assert [h.record_id for h in later.history] == [third.id]
    assert "history_detained_before" in codes(later)


def test_record_decision_after_assess_and_only_once(db, officer):
    outcome = checks.assess(db, actor=officer, mrz_lines=passport("IVANOV", "IVAN"), now=NOW)
    saved = checks.record_decision(db, actor=officer, outcome=outcome, decision="detain")
    assert saved.check.detained_for_case and saved.person.person_id is not None
    with pytest.raises(BorderDeskError):
        checks.record_decision(db, actor=officer, outcome=saved, decision="admit")


def test_visa_required_and_missing(db, officer):
    outcome = checks.assess(
        db, actor=officer, mrz_lines=passport("BERDYEV", "AMAN", **TKM), now=NOW
    )
    found = {f.code: f for f in outcome.findings}
    assert found["visa_required_missing"].severity == "warning"
    assert outcome.verdict == "warning"

    with_visa = checks.assess(
        db,
        actor=officer,
        mrz_lines=passport("BERDYEV", "AMAN", **TKM),
        visa_lines=visa("BERDYEV", "AMAN"),
        now=NOW,
    )
    assert "visa_required_missing" not in codes(with_visa)
    assert with_visa.verdict == "clear"

    someone_else = checks.assess(
        db,
        actor=officer,
        mrz_lines=passport("BERDYEV", "AMAN", **TKM),
        visa_lines=visa("ORAZOV", "MERDAN", birth=PartialDate(1975, 1, 2)),
        now=NOW,
    )
    assert {"visa_holder_mismatch", "visa_required_missing"} <= set(codes(someone_else))


def test_stay_allowance_from_earlier_entry_and_exit_checks(db, officer):
    lines = passport("AKHMETOV", "ERLAN", **KAZ)
    entered = NOW - timedelta(days=150)
    left = entered + timedelta(days=89)  # 90 days in the country
    checks.check_document(db, actor=officer, mrz_lines=lines, decision="admit", now=entered)
    checks.check_document(
        db, actor=officer, mrz_lines=lines, direction="exit", decision="admit", now=left
    )
    outcome = checks.assess(db, actor=officer, mrz_lines=lines, now=NOW)
    found = {f.code: f for f in outcome.findings}
    assert found["stay_allowance_exceeded"].severity == "warning"
    assert found["stay_allowance_exceeded"].params["used"] == 91
    assert found["stay_allowance_exceeded"].params["allowance"] == 90
    assert "90" in found["stay_allowance_exceeded"].message("en")


def test_refused_entries_do_not_count_as_stays(db, officer):
    lines = passport("AKHMETOV", "ERLAN", **KAZ)
    entered = NOW - timedelta(days=150)
    checks.check_document(
        db, actor=officer, mrz_lines=lines, decision="refuse", ground="no_visa", now=entered
    )
    checks.check_document(
        db,
        actor=officer,
        mrz_lines=lines,
        direction="exit",
        now=entered + timedelta(days=89),
    )
    outcome = checks.assess(db, actor=officer, mrz_lines=lines, now=NOW)
    assert "stay_allowance_exceeded" not in codes(outcome)
    days = next(f for f in outcome.findings if f.code == "stay_days")
    assert days.params["used"] == 1


def test_exit_has_no_regime_findings(db, officer):
    outcome = checks.assess(
        db, actor=officer, mrz_lines=passport("BERDYEV", "AMAN", **TKM), direction="exit", now=NOW
    )
    assert not [f for f in outcome.findings if f.source == "regime"]


def test_permissions(db, officer, supervisor):
    with pytest.raises(PermissionDenied):
        checks.check_document(db, actor=supervisor, mrz_lines=passport("IVANOV"), now=NOW)
    record = checks.check_document(db, actor=officer, mrz_lines=passport("IVANOV"), now=NOW).check
    assert checks.get_check(db, actor=supervisor, check_id=record.id).id == record.id
    # Who may correct a check: tests/services/test_refusals.py.


def test_findings_are_worded_in_both_languages(db, officer):
    outcome = checks.assess(
        db, actor=officer, mrz_lines=passport("BERDYEV", "AMAN", **TKM), now=NOW
    )
    finding = next(f for f in outcome.findings if f.code == "visa_required_missing")
    assert "Turkmenistan" in finding.message("en")
    assert "Туркмен" in finding.message("ru")


def test_protocol_numbers_restart_each_year(db, officer):
    last_year = NOW.replace(year=2025)
    lines = passport("IVANOV")
    a = checks.check_document(db, actor=officer, mrz_lines=lines, now=last_year).check
    b = checks.check_document(db, actor=officer, mrz_lines=lines, now=NOW).check
    assert a.protocol_number == "POST-07-2025-000001"
    assert b.protocol_number == "POST-07-2026-000001"


def test_findings_write_dates_in_the_one_day_format():
    """A finding's dates read as every table writes them, never as ISO or '1 дек. 2026 г.'."""
    from borderdesk.services.checks.findings import CheckFinding

    held = CheckFinding(
        "in_custody", "critical", "history", {"stay": "S-1", "date": "2026-12-01", "site": "X"}
    )
    assert "с 01.12.2026 (X)" in held.message("ru")
    assert "since 01 Dec 2026 (X)" in held.message("en")
    known = CheckFinding(
        "document_holder_differs", "warning", "history", {"name": "A B", "birth": "1961-10-??"}
    )
    assert "дата рождения 10.1961:" in known.message("ru")
    assert "born Oct 1961:" in known.message("en")
    refused = CheckFinding(
        "history_refused_before",
        "warning",
        "history",
        {"date": "2026-03-05", "site": "POST-07", "protocol": "P-1"},
    )
    assert "05.03.2026" in refused.message("ru") and "2026-03-05" not in refused.message("ru")
