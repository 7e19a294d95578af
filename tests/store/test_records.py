"""Synchronised records: stamping, change log, audit, tombstones (DESIGN.md, "Data rules")."""

from __future__ import annotations

import json
import threading
from datetime import UTC, timedelta

import pytest
from sqlalchemy import delete, func
from sqlmodel import Session, col, select

from borderdesk.domain.clock import HlcStamp, new_id, utc_now
from borderdesk.store.database import Database
from borderdesk.store.tables import AuditEntry, ChangeLogEntry, LocalSetting, Person
from borderdesk.store.tracking import AUDIT_HEAD_KEY, UntrackedWrite


def add_person(db: Database, surname: str = "Иванов", **fields) -> Person:
    with db.write(actor="admin") as session:
        person = Person(surname=surname, **fields)
        session.add(person)
    return person


def get_person(db: Database, person_id) -> Person:
    with db.read() as session:
        person = session.get(Person, person_id)
        assert person is not None
        return person


def log_rows(db: Database, record_id=None) -> list[ChangeLogEntry]:
    stmt = select(ChangeLogEntry).order_by(col(ChangeLogEntry.seq))
    if record_id is not None:
        stmt = stmt.where(ChangeLogEntry.record_id == record_id)
    with db.read() as session:
        return list(session.exec(stmt))


def counts(db: Database) -> tuple[int, int, int, str]:
    with db.read() as session:
        head = session.get(LocalSetting, AUDIT_HEAD_KEY)
        return (
            session.exec(select(func.count()).select_from(Person)).one(),
            session.exec(select(func.count()).select_from(ChangeLogEntry)).one(),
            session.exec(select(func.count()).select_from(AuditEntry)).one(),
            head.value if head else "",
        )


def test_ids_are_uuid7_and_ordered_by_creation(db):
    people = [add_person(db, f"N{i}") for i in range(5)]
    assert all(p.id.version == 7 for p in people)
    assert [p.id for p in people] == sorted(p.id for p in people)
    many = [new_id() for _ in range(500)]
    assert many == sorted(many)
    assert len(set(many)) == 500


def test_times_are_aware_utc(db):
    before = utc_now()
    person = add_person(db)
    stored = get_person(db, person.id)
    for value in (stored.created_at, stored.updated_at):
        assert value.tzinfo is not None
        assert value.utcoffset() == timedelta(0)
        assert before <= value <= utc_now()
    assert stored.created_at <= stored.updated_at


def test_update_bumps_version_time_and_stamp(db):
    person = add_person(db)
    stamps = [get_person(db, person.id).hlc]
    for version, name in ((2, "Петров"), (3, "Сидоров")):
        with db.write(actor="admin") as session:
            row = session.get(Person, person.id)
            row.surname = name
        stored = get_person(db, person.id)
        assert stored.version == version
        assert stored.updated_at > stored.created_at
        stamps.append(stored.hlc)
    assert stamps == sorted(stamps) and len(set(stamps)) == 3
    assert stored.created_at == person.created_at


def test_origin_site_and_stamp_name_this_site(db):
    stored = get_person(db, add_person(db).id)
    assert stored.origin_site == "POST-07"
    assert HlcStamp.decode(stored.hlc).site == "POST-07"


def test_unchanged_assignment_writes_nothing(db):
    person = add_person(db)
    before = counts(db)
    with db.write(actor="admin") as session:
        row = session.get(Person, person.id)
        row.surname = row.surname
    assert counts(db) == before
    assert get_person(db, person.id).version == 1


def test_hlc_stamps_strictly_increase_across_writes(db):
    for i in range(20):
        add_person(db, f"N{i}")
    stamps = [row.hlc for row in log_rows(db)]
    assert stamps == sorted(stamps)
    assert len(set(stamps)) == len(stamps)
    decoded = [HlcStamp.decode(s) for s in stamps]
    assert decoded == sorted(decoded)


def _future_stamp(days: int = 1) -> str:
    wall = int((utc_now() + timedelta(days=days)).timestamp() * 1000)
    return HlcStamp(wall, 3, "HQ").encode()


def _replay_person(db: Database, hlc: str) -> Person:
    """Apply a record as an import would: remote stamps kept as they are."""
    now = utc_now()
    remote = Person(
        surname="Remote",
        origin_site="HQ",
        created_at=now,
        updated_at=now,
        version=1,
        hlc=hlc,
    )
    with db.write(actor="sync", replaying=True) as session:
        session.add(remote)
    return remote


def test_replayed_record_keeps_remote_stamp_and_clock_moves_past_it(db):
    future = _future_stamp()
    remote = _replay_person(db, future)
    stored = get_person(db, remote.id)
    assert (stored.hlc, stored.origin_site, stored.version) == (future, "HQ", 1)
    assert log_rows(db, remote.id)[0].hlc == future
    assert add_person(db).hlc > future


def test_clock_survives_reopening(db, tmp_path):
    future = _future_stamp()
    _replay_person(db, future)
    db.dispose()
    reopened = Database.open(path=db.path)
    try:
        assert reopened.clock.now().encode() > future
        assert add_person(reopened).hlc > future
    finally:
        reopened.dispose()


def test_second_process_sees_newer_stamps(db):
    """Two Database objects on one file (GUI and CLI): stamps still increase."""
    other = Database.open(path=db.path)
    try:
        add_person(other)  # makes other's clock
        future = _future_stamp()
        _replay_person(db, future)
        assert add_person(other).hlc > future
    finally:
        other.dispose()


def test_every_write_logs_in_the_same_transaction(db):
    person = add_person(db, nationality="BGD")
    with db.write(actor="admin") as session:
        session.get(Person, person.id).given_names = "Али"
    rows = log_rows(db, person.id)
    assert [(r.operation, r.version, r.table_name) for r in rows] == [
        ("insert", 1, "person"),
        ("update", 2, "person"),
    ]
    stored = get_person(db, person.id)
    assert rows[-1].hlc == stored.hlc
    assert rows[-1].origin_site == "POST-07"
    # No copy of the row: packages are built from the rows themselves.
    assert [r.payload for r in rows] == ["", ""]
    with db.read() as session:
        audit = session.exec(
            select(AuditEntry).where(AuditEntry.record_id == person.id).order_by(AuditEntry.seq)
        ).all()
    assert [a.action for a in audit] == ["person.insert", "person.update"]
    assert json.loads(audit[-1].changes) == {"given_names": ["", "Али"]}


def test_failed_transaction_leaves_no_record_log_or_audit(db):
    before = counts(db)
    with pytest.raises(RuntimeError, match="boom"), db.write(actor="admin") as session:
        session.add(Person(surname="Призрак"))
        session.flush()  # the record, its log and audit rows are written ...
        raise RuntimeError("boom")  # ... and must all be rolled back
    assert counts(db) == before
    add_person(db)  # the chain continues from the committed head
    assert counts(db)[2] == before[2] + 1


def test_hard_delete_is_refused(db):
    person = add_person(db)
    with pytest.raises(UntrackedWrite), db.write(actor="admin") as session:
        session.delete(session.get(Person, person.id))
    with pytest.raises(UntrackedWrite), db.write(actor="admin") as session:
        session.execute(delete(Person).where(Person.id == person.id))
    assert get_person(db, person.id).deleted is False


def test_tombstone_is_logged_as_delete(db):
    person = add_person(db)
    with db.write(actor="admin") as session:
        session.get(Person, person.id).deleted = True
    stored = get_person(db, person.id)
    assert stored.deleted is True
    assert stored.version == 2
    last = log_rows(db, person.id)[-1]
    assert (last.operation, last.version) == ("delete", 2)
    with db.read() as session:
        actions = session.exec(
            select(AuditEntry.action).where(AuditEntry.record_id == person.id)
        ).all()
    assert actions[-1] == "person.delete"


def test_writing_outside_db_write_raises(db):
    with pytest.raises(UntrackedWrite), db.read() as session:
        session.add(Person(surname="Мимо"))
        session.flush()
    person = add_person(db)
    with pytest.raises(UntrackedWrite), Session(db.engine) as session:
        session.get(Person, person.id).surname = "Мимо"
        session.commit()
    assert get_person(db, person.id).surname == "Иванов"


def test_concurrent_writers_keep_one_chain(db):
    """Two Database objects writing at once: BEGIN IMMEDIATE queues them, nothing is lost."""
    from borderdesk.services.access import audit
    from helpers import login

    other = Database.open(path=db.path)
    errors: list[BaseException] = []

    def writer(database: Database, prefix: str) -> None:
        try:
            for i in range(15):
                add_person(database, f"{prefix}{i}")
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [
        threading.Thread(target=writer, args=(db, "A")),
        threading.Thread(target=writer, args=(other, "B")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    other.dispose()
    assert errors == []
    stamps = [row.hlc for row in log_rows(db) if row.table_name == "person"]
    assert len(stamps) == len(set(stamps)) == 30
    assert audit.verify_chain(db, actor=login(db)).ok


def test_naive_datetime_is_refused(db):
    person = add_person(db)
    with pytest.raises(Exception, match="naive"), db.write(actor="admin") as session:
        row = session.get(Person, person.id)
        row.surname = "X"
        row.created_at = utc_now().replace(tzinfo=None)
        session.flush()
    assert get_person(db, person.id).created_at.tzinfo == UTC


def test_every_tables_audit_action_fits_its_column():
    """PostgreSQL enforces VARCHAR lengths (SQLite does not): '<table>.update' must fit."""
    from sqlmodel import SQLModel

    from borderdesk.store.tables import load_all

    load_all()  # every table on the metadata

    limit = AuditEntry.__table__.c.action.type.length
    actions = [f"{name}.update" for name in SQLModel.metadata.tables]
    assert [action for action in actions if len(action) > limit] == []
