"""Logging in: Argon2id, wrong and unknown names, disabled accounts, the lockout."""

from __future__ import annotations

from datetime import timedelta

import pytest
from argon2 import profiles
from sqlmodel import select

from borderdesk.domain.clock import utc_now
from borderdesk.errors import AuthenticationError
from borderdesk.services.access import audit, auth, passwords, users
from borderdesk.services.site.settings import settings
from borderdesk.store.tables import LoginState, User
from helpers import USER_PASSWORD, add_user, login

# The product's hasher, before a fixture swaps in the fast one tests use.
PRODUCT_HASHER = passwords._hasher


@pytest.fixture
def officer(db, admin):
    return add_user(db, admin, "ivanov", "officer")


def login_state(db, username: str) -> LoginState | None:
    with db.read() as session:
        return session.get(LoginState, username)


def last_actions(db, admin, n: int) -> list[str]:
    rows = sorted(audit.list_entries(db, actor=admin), key=lambda row: row.seq)
    return [row.action for row in rows[-n:]]


def shift_time(monkeypatch, delta: timedelta) -> None:
    moved = utc_now() + delta
    monkeypatch.setattr(auth, "utc_now", lambda: moved)


def test_real_hashes_are_argon2id_with_rfc9106_cost(monkeypatch):
    monkeypatch.setattr(passwords, "_hasher", PRODUCT_HASHER)  # undo the fast test hasher
    stored = passwords.hash_password("secret1")
    assert stored.startswith("$argon2id$")
    assert "m=65536,t=3,p=4" in stored
    # The cost comes from settings.toml and is RFC 9106's second recommended option.
    policy = settings().security
    rfc = profiles.RFC_9106_LOW_MEMORY
    assert (policy.argon2_time_cost, policy.argon2_memory_kib, policy.argon2_parallelism) == (
        rfc.time_cost,
        rfc.memory_cost,
        rfc.parallelism,
    )
    assert passwords.verify_password(stored, "secret1")
    assert not passwords.verify_password(stored, "secret2")
    assert not passwords.verify_password("not a hash", "secret1")


def test_stored_hash_is_argon2id(db, officer):
    with db.read() as session:
        stored = session.exec(select(User.password_hash).where(User.username == "ivanov")).one()
    assert stored.startswith("$argon2id$")
    assert USER_PASSWORD not in stored


def test_correct_password_gives_the_actor(db, officer):
    actor = login(db, "ivanov", USER_PASSWORD)
    assert (actor.username, actor.role.value, actor.site_code) == ("ivanov", "officer", "POST-07")
    assert login_state(db, "ivanov").last_login_at is not None


def test_user_name_is_not_case_sensitive(db, officer):
    assert login(db, "  Ivanov ", USER_PASSWORD).username == "ivanov"


def test_wrong_password_and_unknown_user_look_the_same(db, admin, officer):
    with pytest.raises(AuthenticationError) as wrong:
        login(db, "ivanov", "nope")
    with pytest.raises(AuthenticationError) as unknown:
        login(db, "nobody", "nope")
    assert wrong.value.message == unknown.value.message
    assert last_actions(db, admin, 2) == ["login.failed", "login.failed"]
    # Unknown names count failures too: their growing delay must match a real account's.
    assert login_state(db, "nobody").failed_logins == login_state(db, "ivanov").failed_logins


def test_very_long_unknown_name_is_just_refused(db, admin):
    with pytest.raises(AuthenticationError):
        login(db, "x" * 500, "nope")
    assert audit.verify_chain(db, actor=admin).ok


def test_disabled_user_is_refused_even_with_the_right_password(db, admin, officer):
    users.set_disabled(db, actor=admin, username="ivanov")
    with pytest.raises(AuthenticationError, match=auth.refusal_message()):
        login(db, "ivanov", USER_PASSWORD)
    assert last_actions(db, admin, 1) == ["login.disabled"]
    users.set_disabled(db, actor=admin, username="ivanov", disabled=False)
    assert login(db, "ivanov", USER_PASSWORD).username == "ivanov"


def test_failures_below_the_limit_are_forgotten_after_a_success(db, officer):
    for _ in range(settings().security.lockout_attempts - 1):
        with pytest.raises(AuthenticationError):
            login(db, "ivanov", "nope")
    assert login_state(db, "ivanov").failed_logins == 4
    login(db, "ivanov", USER_PASSWORD)
    assert login_state(db, "ivanov").failed_logins == 0


def test_five_failures_lock_for_fifteen_minutes(db, admin, officer, monkeypatch):
    policy = settings().security
    assert (policy.lockout_attempts, policy.lockout_minutes) == (5, 15)
    started = utc_now()
    for _ in range(4):
        with pytest.raises(AuthenticationError):
            login(db, "ivanov", "nope")
    with pytest.raises(AuthenticationError, match="15"):
        login(db, "ivanov", "nope")
    locked_until = login_state(db, "ivanov").locked_until
    assert started + timedelta(minutes=15) <= locked_until <= utc_now() + timedelta(minutes=15)

    with pytest.raises(AuthenticationError, match=auth.refusal_message()):
        login(db, "ivanov", USER_PASSWORD)  # right password, still locked
    assert last_actions(db, admin, 1) == ["login.locked"]
    [row] = [r for r in users.list_users(db, actor=admin) if r.username == "ivanov"]
    assert row.locked_until == locked_until

    shift_time(monkeypatch, timedelta(minutes=14))
    with pytest.raises(AuthenticationError):
        login(db, "ivanov", USER_PASSWORD)
    shift_time(monkeypatch, timedelta(minutes=16))
    assert login(db, "ivanov", USER_PASSWORD).username == "ivanov"
    assert login_state(db, "ivanov").locked_until is None


def test_expired_lock_is_not_listed(db, admin, officer):
    with db.write(actor="test") as session:
        session.add(LoginState(username="ivanov", locked_until=utc_now() - timedelta(minutes=1)))
    [row] = [r for r in users.list_users(db, actor=admin) if r.username == "ivanov"]
    assert row.locked_until is None


def test_admin_password_reset_lifts_the_lock(db, admin, officer):
    for _ in range(5):
        with pytest.raises(AuthenticationError):
            login(db, "ivanov", "nope")
    assert login_state(db, "ivanov").locked_until is not None
    users.set_password(db, actor=admin, username="ivanov", password="fresh-pw")
    state = login_state(db, "ivanov")
    assert (state.locked_until, state.failed_logins) == (None, 0)
    with pytest.raises(AuthenticationError):
        login(db, "ivanov", USER_PASSWORD)
    assert login(db, "ivanov", "fresh-pw").username == "ivanov"


def test_unlock_check_counts_towards_the_lockout(db, officer):
    actor = login(db, "ivanov", USER_PASSWORD)
    assert auth.unlock_check(db, actor=actor, password=USER_PASSWORD)
    assert not auth.unlock_check(db, actor=actor, password="nope")
    assert login_state(db, "ivanov").failed_logins == 1
