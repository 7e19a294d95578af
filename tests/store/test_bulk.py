"""Bulk inserts store every value exactly as an ORM write does, and log each record."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlmodel import select

from borderdesk.domain.clock import new_id
from borderdesk.store import bulk
from borderdesk.store.serialise import canonical_json
from borderdesk.store.tables import CaseEvent, ChangeLogEntry, Person, ReadmissionCase


def test_bulk_rows_read_back_like_orm_rows(db):
    person_id, case_id = new_id(), new_id()
    at = datetime(2019, 3, 12, 9, 30, tzinfo=UTC)
    with db.write(actor="admin") as session:
        bulk.insert_records(
            session,
            Person,
            [{"id": person_id, "surname": "Иванов", "birth_year": 1980, "nationality": "RUS"}],
        )
        session.add(
            ReadmissionCase(
                id=case_id,
                case_number="X-RA-2019-0001",
                kind="incoming",
                person_id=person_id,
                requesting_state="FIN",
                requested_state="RUS",
                agreement_id="EU-RU",
                received_on=date(2019, 3, 12),
            )
        )
        session.flush()
        bulk.insert_records(
            session,
            CaseEvent,
            [
                {
                    "case_id": case_id,
                    "at": at,
                    "effective_on": date(2019, 3, 12),
                    "author": "admin",
                    "kind": "opened",
                    "to_status": "registered",
                }
            ],
        )
    with db.read() as session:
        person = session.get(Person, person_id)
        event = session.exec(select(CaseEvent).where(CaseEvent.case_id == case_id)).one()
        logged = {
            entry.record_id: (entry.operation, entry.version, entry.hlc, entry.payload)
            for entry in session.exec(select(ChangeLogEntry))
        }
    assert (person.surname, person.birth_year, person.given_names, person.deleted) == (
        "Иванов",
        1980,
        "",
        False,
    )
    assert (event.at, event.effective_on, event.from_status) == (at, date(2019, 3, 12), None)
    assert event.version == 1 and event.origin_site == db.site_code
    # Logged as a tracked write logs them: the stamp, no copy of the row.
    assert logged[event.id] == ("insert", 1, event.hlc, "")
    assert logged[person_id] == ("insert", 1, person.hlc, "")


def test_the_remembering_spelling_is_plain_value_even_across_zones():
    from datetime import timedelta, timezone

    from borderdesk.store.serialise import remembering_plain_value

    plain = remembering_plain_value()
    moscow = timezone(timedelta(hours=3))
    values = [
        datetime(2019, 1, 1, 3, 0, tzinfo=moscow),
        datetime(2019, 1, 1, 0, 0, tzinfo=UTC),  # the same instant, another spelling
        date(2019, 1, 1),
        datetime(2019, 1, 1),
        new_id(),
        7,
        None,
    ]
    for _ in range(2):
        record = {f"v{i}": v for i, v in enumerate(values)}
        assert canonical_json(record, default=plain) == canonical_json(record)
