"""User accounts and roles: only administrators manage them, enforced in the services."""

from __future__ import annotations

import pytest

from borderdesk.errors import BorderDeskError, InputError, NotFoundError, PermissionDenied
from borderdesk.services.access import users
from borderdesk.services.access.permissions import ROLE_PERMISSIONS, Permission
from borderdesk.store.tables.users import Role
from helpers import USER_PASSWORD, add_user, login


def usernames(db, admin) -> list[str]:
    return [row.username for row in users.list_users(db, actor=admin)]


def test_add_and_list(db, admin):
    row = users.add_user(
        db, actor=admin, username="Ivanov", role="officer", password="pw-1234", full_name=" И. "
    )
    assert (row.username, row.role, row.full_name, row.disabled) == (
        "ivanov",
        "officer",
        "И.",
        False,
    )
    assert usernames(db, admin) == ["admin", "ivanov"]
    listed = users.list_users(db, actor=admin)[1].to_json()
    assert set(listed) == {
        "username",
        "full_name",
        "role",
        "disabled",
        "locked_until",
        "last_login_at",
        "created_at",
        "position",
    }


@pytest.mark.parametrize(
    ("username", "role", "password", "error"),
    [
        ("ivanov", "general", "pw-1234", InputError),
        ("i", "officer", "pw-1234", InputError),
        ("иванов", "officer", "pw-1234", InputError),
        ("ivanov", "officer", "pw", InputError),
        ("admin", "officer", "pw-1234", BorderDeskError),
    ],
)
def test_bad_accounts_are_refused(db, admin, username, role, password, error):
    with pytest.raises(error):
        users.add_user(db, actor=admin, username=username, role=role, password=password)
    assert usernames(db, admin) == ["admin"]


def test_duplicate_is_reported_as_such(db, admin):
    add_user(db, admin, "ivanov", "officer")
    with pytest.raises(BorderDeskError, match="ivanov") as caught:
        users.add_user(db, actor=admin, username="IVANOV", role="centre", password="pw-1234")
    assert caught.value.code == "duplicate"


def test_officer_calling_the_service_directly_is_refused(db, admin):
    officer = add_user(db, admin, "ivanov", "officer")
    with pytest.raises(PermissionDenied) as caught:
        users.add_user(db, actor=officer, username="mallory", role="admin", password="pw-1234")
    assert caught.value.code == "forbidden:manage_users"
    for call in (
        lambda: users.list_users(db, actor=officer),
        lambda: users.set_disabled(db, actor=officer, username="admin"),
        lambda: users.set_password(db, actor=officer, username="admin", password="owned!"),
    ):
        with pytest.raises(PermissionDenied):
            call()
    assert usernames(db, admin) == ["admin", "ivanov"]
    assert login(db).username == "admin"  # password unchanged


@pytest.mark.parametrize("role", ["officer", "centre", "supervisor"])
def test_only_admins_manage_users(db, admin, role):
    actor = add_user(db, admin, "someone", role)
    with pytest.raises(PermissionDenied):
        users.add_user(db, actor=actor, username="other", role="officer", password="pw-1234")


def test_role_table():
    assert ROLE_PERMISSIONS[Role.admin] == frozenset(Permission)
    supervisor = ROLE_PERMISSIONS[Role.supervisor]
    assert Permission.verify_audit in supervisor
    assert Permission.manage_users not in supervisor
    for role in (Role.officer, Role.centre):
        assert Permission.verify_audit not in ROLE_PERMISSIONS[role]
        assert Permission.manage_users not in ROLE_PERMISSIONS[role]


def test_disable_and_self_protection(db, admin):
    add_user(db, admin, "ivanov", "officer")
    assert users.set_disabled(db, actor=admin, username="ivanov").disabled
    with pytest.raises(BorderDeskError):
        users.set_disabled(db, actor=admin, username="Admin")
    with pytest.raises(NotFoundError):
        users.set_disabled(db, actor=admin, username="nobody")
    with pytest.raises(NotFoundError):
        users.set_password(db, actor=admin, username="nobody", password="pw-1234")


def test_a_position_is_changed_after_the_account_is_made(db, admin):
    add_user(db, admin, "ivanov", "officer")
    row = users.set_position(
        db, actor=admin, username="Ivanov", position="  Старший   инспектор, капитан "
    )
    assert row.position == "Старший инспектор, капитан"
    assert [r.position for r in users.list_users(db, actor=admin) if r.username == "ivanov"] == [
        "Старший инспектор, капитан"
    ]
    with pytest.raises(InputError):
        users.set_position(db, actor=admin, username="ivanov", position="x" * 201)
    with pytest.raises(NotFoundError):
        users.set_position(db, actor=admin, username="nobody", position="Инспектор")
    officer = login(db, "ivanov", USER_PASSWORD)
    with pytest.raises(PermissionDenied):
        users.set_position(db, actor=officer, username="ivanov", position="Начальник")
    assert users.list_users(db, actor=admin)[1].position == "Старший инспектор, капитан"
