"""The typed row path (PostgreSQL at HQ; a merged conflict and audit entries everywhere)
refuses a value that is not what its column holds in one line naming the table, record,
column and text, instead of stopping on a ValueError; the import writes nothing."""

from __future__ import annotations

import sqlite3
import uuid
from contextlib import closing
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select
from sync_sites import HQ, add_person, export, import_

from borderdesk.domain.unreadable import UnreadableDate, UnreadableDateTime
from borderdesk.store.tables import IdentityDocument, Person, load_all
from borderdesk.sync.rows import UnreadableValue, typed_row

DOCUMENTS = IdentityDocument.__table__  # type: ignore[attr-defined]
RECORD = "0195f2a0-0000-7000-8000-000000000001"


def _row(**values: object) -> dict[str, object]:
    return {"id": RECORD, "person_id": RECORD, "expiry_date": "2031-05-01"} | values


def test_readable_values_are_typed():
    load_all()
    typed = typed_row(DOCUMENTS, _row(updated_at="2026-12-01T10:00:00+00:00"))
    assert typed["id"] == uuid.UUID(RECORD) and typed["expiry_date"] == date(2031, 5, 1)
    assert typed["updated_at"] == datetime(2026, 12, 1, 10, tzinfo=UTC)
    # Values typed already (a merge hands them so) stay as they are.
    again = typed_row(DOCUMENTS, typed)
    assert again["expiry_date"] == date(2031, 5, 1) and again["id"] == uuid.UUID(RECORD)


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize(
    ("column", "value", "kind"),
    [
        ("person_id", "not-a-record-id", "a record id"),
        ("person_id", 12345, "a record id"),
        ("person_id", RECORD.upper(), "a record id"),  # refused on SQLite's path too
        ("person_id", RECORD.replace("-", ""), "a record id"),
        ("person_id", "{" + RECORD + "}", "a record id"),
        ("expiry_date", "2024-13-45", "a date"),
        ("expiry_date", 12345, "a date"),
        ("expiry_date", UnreadableDate.of("yesterday"), "a date"),
        ("updated_at", "tomorrow noon", "a time"),
        ("updated_at", UnreadableDateTime.of("\u202enoon"), "a time"),
    ],
)
def test_an_unreadable_value_is_refused_in_one_line(column, value, kind):
    with pytest.raises(UnreadableValue) as refused:
        typed_row(DOCUMENTS, _row(**{column: value}))
    message = refused.value.message
    assert refused.value.code == "unreadable_value" and "\n" not in message
    assert "identity_document" in message and column in message and RECORD in message
    assert message.endswith(f"which is not {kind}.")
    assert "\u202e" not in message  # a stored override is shown, never obeyed


@pytest.mark.usefixtures("english")
def test_hq_on_the_typed_path_applies_nothing_of_such_a_package(hq, post, monkeypatch):
    from borderdesk.sync import storage

    person = add_person(post, "KARIMOV")
    with closing(sqlite3.connect(post.path)) as con, con:
        con.execute("update identity_document set person_id = 'not-a-record-id'")
    data = export(post, HQ)  # the date check has nothing to say about a record id
    monkeypatch.setattr(storage, "uses_storage_form", lambda session: False)
    with pytest.raises(UnreadableValue, match="Nothing was applied") as refused:
        import_(hq, data)
    assert "identity_document" in refused.value.message
    assert "person_id" in refused.value.message
    with hq.read() as session:
        assert session.get(Person, person.id) is None  # not even the readable records
        assert session.execute(select(func.count()).select_from(IdentityDocument)).scalar() == 0


@pytest.mark.usefixtures("english")
def test_hq_on_postgresql_refuses_it_and_its_log_verifies(pg_hq, post_of):
    from borderdesk.services.access import audit
    from helpers import login

    person = add_person(post_of, "KARIMOV")
    with closing(sqlite3.connect(post_of.path)) as con, con:
        con.execute("update identity_document set person_id = 'not-a-record-id'")
    data = export(post_of, HQ)
    with pytest.raises(UnreadableValue, match="person_id"):
        import_(pg_hq, data)
    with pg_hq.read() as session:
        assert session.get(Person, person.id) is None
    assert audit.verify_chain(pg_hq, actor=login(pg_hq)).ok
