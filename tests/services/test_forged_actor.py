"""Only an actor a login in this process made is accepted; a disabled session ends."""

from __future__ import annotations

import dataclasses

import pytest
from sqlmodel import col, select

from borderdesk import i18n
from borderdesk.errors import PermissionDenied
from borderdesk.services.access import audit, users
from borderdesk.services.access.permissions import Actor
from borderdesk.store.tables import AuditEntry, User
from borderdesk.store.tables.users import Role
from helpers import USER_PASSWORD, add_user, login


@pytest.fixture(autouse=True)
def _english():
    i18n.set_language("en")


def user_count(db) -> int:
    with db.read() as session:
        return len(session.exec(select(User)).all())


def last_entry(db) -> AuditEntry:
    with db.read() as session:
        return session.exec(select(AuditEntry).order_by(col(AuditEntry.seq).desc())).first()


def test_a_forged_admin_is_refused_and_audited(db, admin):
    before = user_count(db)
    mallory = Actor("mallory", Role.admin, db.site_code or "")
    with pytest.raises(PermissionDenied) as refused:
        users.add_user(db, actor=mallory, username="eve", role="admin", password="pw-12345")
    assert refused.value.code == "forged_actor"
    assert "\n" not in refused.value.message and "log in" in refused.value.message
    assert user_count(db) == before
    entry = last_entry(db)
    assert (entry.action, entry.actor) == ("actor.forged", "mallory")
    assert '"permission":"manage_users"' in entry.changes


def test_a_real_actor_copied_with_another_role_is_refused(db, admin):
    officer = add_user(db, admin, "ivanov", "officer")
    promoted = dataclasses.replace(officer, role=Role.admin)
    with pytest.raises(PermissionDenied, match="not opened by a login"):
        users.list_users(db, actor=promoted)
    renamed = dataclasses.replace(admin, username="someone")
    with pytest.raises(PermissionDenied, match="not opened by a login"):
        audit.verify_chain(db, actor=renamed)


def test_a_disabled_users_session_stops_at_the_next_call(db, admin):
    add_user(db, admin, "sidorov", "supervisor")
    supervisor = login(db, "sidorov", USER_PASSWORD)
    assert audit.verify_chain(db, actor=supervisor).ok
    users.set_disabled(db, actor=admin, username="sidorov")
    with pytest.raises(PermissionDenied) as ended:
        audit.verify_chain(db, actor=supervisor)
    assert ended.value.code == "session_ended" and "sidorov" in ended.value.message
    # Ended for good in this process, even if the account is enabled again.
    users.set_disabled(db, actor=admin, username="sidorov", disabled=False)
    with pytest.raises(PermissionDenied):
        audit.verify_chain(db, actor=supervisor)


def test_a_role_changed_elsewhere_ends_the_session(db, admin):
    add_user(db, admin, "petrova", "supervisor")
    supervisor = login(db, "petrova", USER_PASSWORD)
    with db.write(actor="admin") as session:  # another process (the CLI) changed the role
        user = session.exec(select(User).where(User.username == "petrova")).one()
        user.role = Role.officer.value
    with pytest.raises(PermissionDenied, match="disabled or changed"):
        audit.verify_chain(db, actor=supervisor)
