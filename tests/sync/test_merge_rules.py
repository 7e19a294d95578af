"""A field-by-field merge keeps the table rules the normal edit paths keep (the services'
own validators, ``services.sync.merge_rules``): each rule refuses in one line, and a
refused merge writes nothing."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select
from sync_sites import HQ, POST, add_person, export, import_

from borderdesk.errors import InputError
from borderdesk.services import sync as sync_service
from borderdesk.services.sync.merge_rules import merge_rule_problem
from borderdesk.store.tables import AuditEntry, ReadmissionCase, SyncConflict, WatchlistPerson
from helpers import login

pytestmark = pytest.mark.usefixtures("english")

ARRIVED = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
STAY_ID = uuid.uuid4()

VALID: dict[str, dict] = {
    "readmission_case": {
        "kind": "incoming",
        "status": "refused",
        "decision": "refused",
        "decision_reason": "no proof of nationality",
        "received_on": date(2026, 3, 1),
        "decided_on": date(2026, 3, 20),
        "requesting_state": "DEU",
        "requested_state": "RUS",
        "agreement_id": "EU-RU",
    },
    "case_event": {"kind": "status", "from_status": "registered", "to_status": "withdrawn"},
    "case_evidence": {"kind": "presumption"},
    "centre_stay": {
        "id": STAY_ID,
        "status": "released",
        "arrived_at": ARRIVED,
        "ended_at": datetime(2026, 3, 5, tzinfo=UTC),
        "legal_basis": "readmission",
        "family_stay_id": None,
    },
    "centre_transfer": {
        "status": "cancelled",
        "cancelled_at": ARRIVED,
        "cancel_reason": "court order",
        "destination": "KAZ",
    },
    "person": {"nationality": "UZB"},
    "identity_document": {"issuing_state": "UZB"},
    "watchlist_person": {"category": "entry_ban", "nationality": ""},
    "watchlist_document": {"issuing_state": "TJK"},
    "user_account": {"role": "supervisor"},
}

# (table, the changed fields, words of the one-line refusal)
BROKEN = [
    ("readmission_case", {"kind": "sideways"}, "Unknown case kind"),
    ("readmission_case", {"status": "lost"}, "Unknown case status"),
    ("readmission_case", {"decision": "maybe"}, "Unknown decision"),
    ("readmission_case", {"decision": None}, "needs its decision"),
    ("readmission_case", {"status": "transfer_scheduled"}, "does not follow the decision"),
    ("readmission_case", {"decision_reason": "  "}, "refusal needs its reason"),
    ("readmission_case", {"decided_on": date(2026, 2, 1)}, "before the application"),
    ("readmission_case", {"status": "closed", "closed_on": None}, "closing date"),
    (
        "readmission_case",
        {"status": "transferred", "decision": "accepted", "transferred_on": None},
        "transfer date",
    ),
    ("readmission_case", {"requested_state": "XXQ"}, "unknown state code"),
    ("readmission_case", {"agreement_id": "RU-MARS"}, "No agreement"),
    ("case_event", {"kind": "gossip"}, "Unknown event kind"),
    ("case_event", {"to_status": "lost"}, "Unknown case status"),
    ("case_evidence", {"kind": "rumour"}, "Unknown kind of evidence"),
    ("centre_stay", {"status": "escaped"}, "Unknown stay status"),
    ("centre_stay", {"ended_at": datetime(2026, 2, 1, tzinfo=UTC)}, "before the arrival"),
    ("centre_stay", {"status": "in"}, "end time exactly when"),
    ("centre_stay", {"ended_at": None}, "end time exactly when"),
    ("centre_stay", {"legal_basis": "whim"}, "Unknown legal basis"),
    ("centre_stay", {"family_stay_id": STAY_ID}, "its own family"),
    ("centre_transfer", {"status": "lost"}, "Unknown transfer status"),
    ("centre_transfer", {"cancel_reason": ""}, "time and reason"),
    ("centre_transfer", {"status": "completed", "completed_at": None}, "completion time"),
    ("centre_transfer", {"destination": "RUS"}, "not a destination"),
    ("person", {"nationality": "XXQ"}, "unknown state code"),
    ("identity_document", {"issuing_state": ""}, "is empty"),
    ("watchlist_person", {"category": "WANTED"}, "expected wanted or entry_ban"),
    ("watchlist_person", {"nationality": "XXQ"}, "unknown state code"),
    ("watchlist_document", {"issuing_state": "XXQ"}, "unknown state code"),
    ("user_account", {"role": "king"}, "Unknown role"),
]


@pytest.mark.parametrize("table", sorted(VALID))
def test_a_valid_merged_record_passes(table):
    assert merge_rule_problem(table, VALID[table]) is None


@pytest.mark.parametrize(
    ("table", "change", "words"), BROKEN, ids=[f"{t}-{'-'.join(c)}" for t, c, _w in BROKEN]
)
def test_each_rule_refuses_in_one_line(table, change, words):
    problem = merge_rule_problem(table, {**VALID[table], **change})
    assert problem is not None and words in problem
    assert "\n" not in problem


def test_a_table_without_rules_passes():
    assert merge_rule_problem("centre_room", {"code": "1"}) is None


def test_the_refusal_is_in_russian(tmp_path):
    from borderdesk import i18n

    i18n.set_language("ru")
    try:
        problem = merge_rule_problem("centre_stay", {**VALID["centre_stay"], "status": "escaped"})
    finally:
        i18n.set_language("en")
    assert problem is not None and "escaped" in problem
    assert not any("a" <= ch <= "z" for ch in problem.replace("escaped", ""))


# --------------------------------------------------------------------------- end to end


def open_conflict(db) -> SyncConflict:
    with db.read() as session:
        stmt = select(SyncConflict).where(SyncConflict.status == "open")
        (conflict,) = session.execute(stmt).scalars()
        return conflict


def audit_count(db) -> int:
    with db.read() as session:
        return session.execute(select(func.count()).select_from(AuditEntry)).scalar_one()


def concurrent_case_edit(hq, post) -> uuid.UUID:
    """The post refuses a case it opened; HQ meanwhile edits its notes, later, so it wins."""
    person = add_person(post, "KARIMOV")
    with post.write(actor="ivanov") as session:
        case = ReadmissionCase(
            case_number="POST-07-RA-1",
            kind="incoming",
            person_id=person.id,
            requesting_state="DEU",
            requested_state="RUS",
            agreement_id="EU-RU",
            status="under_examination",
            received_on=date(2026, 3, 1),
        )
        session.add(case)
    import_(hq, export(post, HQ))
    import_(post, export(hq, POST))
    with post.write(actor="ivanov") as session:
        row = session.get(ReadmissionCase, case.id)
        row.status = row.decision = "refused"
        row.decision_reason, row.decided_on = "no proof of nationality", date(2026, 3, 20)
    with hq.write(actor="sidorov") as session:
        session.get(ReadmissionCase, case.id).notes = "file requested from Berlin"
    import_(hq, export(post, HQ))
    return case.id


@pytest.mark.usefixtures("row_path")
def test_a_merge_that_breaks_the_workflow_is_refused_and_writes_nothing(hq, post):
    case_id = concurrent_case_edit(hq, post)
    conflict = open_conflict(hq)
    actor = login(hq)  # a login is audited: before counting
    before = audit_count(hq)
    with hq.read() as session:
        kept = session.get(ReadmissionCase, case_id)
    for fields, words in (
        ({"status": "other"}, "needs its decision"),
        ({"status": "other", "decision": "other", "decided_on": "other"}, "needs its reason"),
    ):
        with pytest.raises(InputError, match=words) as refused:
            sync_service.resolve_conflict(
                hq, actor=actor, conflict_id=str(conflict.id), keep="merge", fields=fields
            )
        assert "\n" not in refused.value.message
    with hq.read() as session:
        assert session.get(ReadmissionCase, case_id).model_dump() == kept.model_dump()
        assert session.get(SyncConflict, conflict.id).status == "open"
    assert audit_count(hq) == before
    # The whole decision from the other version, the notes the winner's: accepted.
    fields = {"status": "other", "decision": "other", "decision_reason": "other"}
    fields |= {"decided_on": "other", "replied_on": "other"}
    differing = sync_service.list_conflicts(hq, actor=login(hq))[0].differences
    fields = {k: v for k, v in fields.items() if k in differing}
    sync_service.resolve_conflict(
        hq, actor=login(hq), conflict_id=str(conflict.id), keep="merge", fields=fields
    )
    with hq.read() as session:
        merged = session.get(ReadmissionCase, case_id)
        assert (merged.status, merged.notes) == ("refused", "file requested from Berlin")


@pytest.mark.usefixtures("row_path")
def test_a_merged_value_no_edit_path_accepts_is_refused(hq, post):
    """A version whose category this program does not know (a newer site's, or a hand
    edit): taking it is refused, keeping the winner is not."""
    with hq.write(actor="supervisor") as session:
        entry = WatchlistPerson(surname="DZHURAEV", name_key="dzhuraev", reason="wanted")
        session.add(entry)
    import_(post, export(hq, POST))
    with post.write(actor="petrov") as session:
        session.get(WatchlistPerson, entry.id).category = "entry_ban"
    with hq.write(actor="sidorov") as session:
        session.get(WatchlistPerson, entry.id).reason = "wanted: fraud"
    import_(hq, export(post, HQ))
    conflict = open_conflict(hq)
    with hq.write(actor="admin", replaying=True) as session:  # as if a newer site sent it
        queued = session.get(SyncConflict, conflict.id)
        other = json.loads(queued.other_row)
        other["category"] = "suspect"
        queued.other_row = json.dumps(other)
    with pytest.raises(InputError, match="expected wanted or entry_ban"):
        sync_service.resolve_conflict(
            hq,
            actor=login(hq),
            conflict_id=str(conflict.id),
            keep="merge",
            fields={"category": "other"},
        )
    with hq.read() as session:
        assert session.get(WatchlistPerson, entry.id).category == "wanted"
    sync_service.resolve_conflict(hq, actor=login(hq), conflict_id=str(conflict.id), keep="winner")
