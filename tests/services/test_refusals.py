"""Refused permissions are audited; who may correct a check; literal text in case search."""

from __future__ import annotations

from datetime import date

import pytest
from check_samples import NOW, make_officer, make_supervisor, passport

from borderdesk.errors import PermissionDenied
from borderdesk.services import cases, checks
from borderdesk.services.access import audit, users
from borderdesk.store.tables import Person
from helpers import USER_PASSWORD, add_user, login


def _actions(db, admin, action: str):
    return [e for e in audit.list_entries(db, actor=admin) if e.action == action]


def test_a_refused_permission_is_audited(db, admin):
    add_user(db, admin, "ivanov", "officer")
    officer = login(db, "ivanov", USER_PASSWORD)
    with pytest.raises(PermissionDenied):
        users.list_users(db, actor=officer)
    [entry] = _actions(db, admin, "permission.denied")
    assert entry.actor == "ivanov"
    assert entry.changes == {"permission": "manage_users", "role": "officer"}
    assert audit.verify_chain(db, actor=admin).ok


def test_only_the_author_or_a_supervisor_corrects_a_check(db, admin):
    author = make_officer(db, admin)
    supervisor = make_supervisor(db, admin)
    add_user(db, admin, "sokolov", "officer")
    colleague = login(db, "sokolov", USER_PASSWORD)
    record = checks.check_document(
        db, actor=author, mrz_lines=passport("IVANOV"), decision="admit", now=NOW
    ).check

    with pytest.raises(PermissionDenied):
        checks.correct_check(
            db, actor=colleague, check_id=record.id, decision="refuse", ground="no_visa"
        )
    [refused] = _actions(db, admin, "permission.denied")
    assert (refused.actor, refused.changes["permission"]) == ("sokolov", "correct_any_check")

    mine = checks.correct_check(
        db, actor=author, check_id=record.id, decision="refuse", ground="no_visa", now=NOW
    )
    assert mine.corrects_id == record.id
    theirs = checks.correct_check(
        db, actor=supervisor, check_id=mine.id, decision="detain", now=NOW
    )
    assert theirs.corrects_id == mine.id
    assert theirs.officer == "volkov"


def _case_for(db, admin, surname: str):
    with db.write(actor="admin") as session:
        record = Person(surname=surname, given_names="Arif", nationality="BGD")
        session.add(record)
    return cases.open_case(
        db,
        actor=admin,
        kind="incoming",
        person_id=record.id,
        requesting="DEU",
        requested="RUS",
        received=date(2024, 1, 10),
    )


def test_percent_and_underscore_in_case_search_are_literal(db, admin):
    underscore = _case_for(db, admin, "Ab_cde")
    _case_for(db, admin, "Abxcde")
    percent = _case_for(db, admin, "Ho%ssain")
    _case_for(db, admin, "Hossain")

    def found(text: str) -> set:
        return {row.id for row in cases.list_cases(db, actor=admin, text=text)}

    assert found("b_c") == {underscore.id}
    assert found("o%s") == {percent.id}
    assert found("%") == {percent.id}
    assert found("_") == {underscore.id}
    assert len(found("cde")) == 2
