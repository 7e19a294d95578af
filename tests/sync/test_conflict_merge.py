"""Merging a conflict field by field: chosen fields from the other version, the rest
the winner's, checked like any edit, and converging at both sites."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select
from sync_sites import HQ, POST, export, import_, synced_rows

from borderdesk.domain.names import full_name_key
from borderdesk.errors import InputError
from borderdesk.services import sync as sync_service
from borderdesk.store.tables import AuditEntry, Person, SyncConflict, WatchlistPerson
from borderdesk.sync import conflicts
from borderdesk.sync.conflicts_merge import choosable_fields, merged_version, parse_choices
from helpers import login

pytestmark = pytest.mark.usefixtures("row_path")


def exchange(hq, post) -> None:
    to_hq, to_post = export(post, HQ), export(hq, POST)
    import_(hq, to_hq)
    import_(post, to_post)


def concurrent_watchlist_edit(hq, post) -> WatchlistPerson:
    """HQ changes reason and source, the post reason and nationality; HQ wins."""
    with hq.write(actor="supervisor") as session:
        entry = WatchlistPerson(surname="DZHURAEV", name_key="dzhuraev", reason="wanted")
        session.add(entry)
    exchange(hq, post)
    with post.write(actor="petrov") as session:
        row = session.get(WatchlistPerson, entry.id)
        row.reason, row.nationality = "wanted: theft", "UZB"
    with hq.write(actor="sidorov") as session:
        row = session.get(WatchlistPerson, entry.id)
        row.reason, row.source = "wanted: fraud", "MVD circular 12"
    exchange(hq, post)
    return entry


def open_conflict(db) -> SyncConflict:
    with db.read() as session:
        stmt = select(SyncConflict).where(SyncConflict.status == "open")
        (conflict,) = session.execute(stmt).scalars()
        return conflict


def resolve(db, conflict_id, **kwargs) -> None:
    sync_service.resolve_conflict(db, actor=login(db), conflict_id=str(conflict_id), **kwargs)


def test_the_merged_version_takes_the_chosen_fields_and_converges_at_both_sites(hq, post):
    entry = concurrent_watchlist_edit(hq, post)
    conflict = open_conflict(hq)
    resolve(hq, conflict.id, keep="merge", fields={"reason": "other", "source": "winner"})
    with hq.read() as session:
        merged = session.get(WatchlistPerson, entry.id)
        # reason from the post; source and nationality (not named) the winner's
        assert (merged.reason, merged.source) == ("wanted: theft", "MVD circular 12")
        assert merged.nationality == ""
        assert session.get(SyncConflict, conflict.id).status == "merged"
    import_(post, export(hq, POST))
    with post.read() as session:
        at_post = session.get(WatchlistPerson, entry.id)
        assert (at_post.reason, at_post.source) == ("wanted: theft", "MVD circular 12")
        closed = session.get(SyncConflict, open_conflict_id(session))
        assert (closed.status, closed.resolved_by) == (conflicts.RESOLVED_ELSEWHERE, HQ)
    exchange(hq, post)  # nothing new is queued either way
    for db in (hq, post):
        with db.read() as session:
            stmt = select(func.count()).select_from(SyncConflict)
            stmt = stmt.where(SyncConflict.status == "open")
            assert session.execute(stmt).scalar_one() == 0
    assert synced_rows(hq, tables={"watchlist_person"}) == synced_rows(
        post, tables={"watchlist_person"}
    )


def open_conflict_id(session):
    return session.execute(select(SyncConflict.id)).scalar_one()


def test_the_merge_is_one_audited_resolution_naming_the_fields(hq, post):
    concurrent_watchlist_edit(hq, post)
    conflict = open_conflict(hq)
    resolve(hq, conflict.id, keep="merge", fields={"reason": "other"})
    with hq.read() as session:
        stmt = select(AuditEntry).where(AuditEntry.action == "sync.resolve")
        (entry,) = session.execute(stmt).scalars()
    changes = json.loads(entry.changes)
    assert changes["keep"] == "merge" and changes["fields"] == {"reason": "other"}


def concurrent_person_edit(hq, post) -> Person:
    with post.write(actor="ivanov") as session:
        person = Person(
            surname="ИВАНОВ", surname_latin="IVANOV", name_key=full_name_key("ИВАНОВ"),
            given_names="ПЁТР", birth_year=1990, birth_month=1, birth_day=31,
        )  # fmt: skip
        session.add(person)
    exchange(hq, post)
    with post.write(actor="ivanov") as session:
        row = session.get(Person, person.id)
        row.surname, row.surname_latin = "ИВАНОВА", "IVANOVA"
        row.name_key = full_name_key("ИВАНОВА", "ПЁТР")
        row.birth_month, row.birth_day = 1, 30
    with hq.write(actor="sidorov") as session:
        row = session.get(Person, person.id)
        row.birth_month, row.birth_day = 2, 28
    exchange(hq, post)
    return person


def test_a_name_brings_its_transliteration_and_the_search_key_is_computed_anew(hq, post):
    person = concurrent_person_edit(hq, post)
    conflict = open_conflict(hq)
    assert "name_key" not in choosable_fields(conflicts.differences(conflict))
    assert "surname_latin" not in choosable_fields(conflicts.differences(conflict))
    resolve(hq, conflict.id, keep="merge", fields={"surname": "other"})
    with hq.read() as session:
        row = session.get(Person, person.id)
        assert (row.surname, row.surname_latin) == ("ИВАНОВА", "IVANOVA")
        assert row.name_key == full_name_key("ИВАНОВА", "ПЁТР")
        assert (row.birth_month, row.birth_day) == (2, 28)  # the winner's


def test_a_merge_that_makes_no_date_is_refused_and_writes_nothing(hq, post, english):
    person = concurrent_person_edit(hq, post)
    conflict = open_conflict(hq)
    before = synced_rows(hq)
    # the winner's month (February) with the other's day (30): no such date
    with pytest.raises(InputError) as refused:
        resolve(hq, conflict.id, keep="merge", fields={"birth_day": "other"})
    assert "date of birth" in refused.value.message and "\n" not in refused.value.message
    assert synced_rows(hq) == before
    assert open_conflict(hq).id == conflict.id
    with hq.read() as session:
        assert session.get(Person, person.id).birth_day == 28
        stmt = select(func.count()).select_from(AuditEntry)
        stmt = stmt.where(AuditEntry.action == "sync.resolve")
        assert session.execute(stmt).scalar_one() == 0


def test_a_field_that_does_not_differ_or_no_field_of_the_other_is_refused(hq, post, english):
    concurrent_watchlist_edit(hq, post)
    conflict = open_conflict(hq)
    with pytest.raises(InputError, match="does not differ"):
        resolve(hq, conflict.id, keep="merge", fields={"surname": "other"})
    with pytest.raises(InputError, match="at least one"):
        resolve(hq, conflict.id, keep="merge", fields={"reason": "winner"})
    with pytest.raises(InputError):
        resolve(hq, conflict.id, keep="merge")
    with pytest.raises(InputError):
        resolve(hq, conflict.id, keep="other", fields={"reason": "other"})
    assert open_conflict(hq).status == "open"


def test_an_overlong_merged_text_is_refused():
    table_limit = WatchlistPerson.__table__.c["reason"].type.length
    winner = {"surname": "A", "reason": "x", "name_key": "a"}
    other = {"surname": "A", "reason": "y" * (table_limit + 1), "name_key": "a"}
    merged = merged_version(winner, other, ["reason"], {"reason": "other"})
    from borderdesk.sync.conflicts_merge import merge_problem

    assert "200" in (merge_problem(WatchlistPerson, merged) or "")


def test_choices_are_read_from_name_equals_side(english):
    assert parse_choices(["reason=other", " source = Winner "]) == {
        "reason": "other",
        "source": "winner",
    }
    with pytest.raises(InputError, match="NAME=winner"):
        parse_choices(["reason"])
    with pytest.raises(InputError):
        parse_choices(["reason=both"])
