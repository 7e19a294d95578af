"""Refused logins look alike, slow down, lock without locking anyone out for good."""

from __future__ import annotations

from datetime import timedelta

import pytest
from argon2 import PasswordHasher

from borderdesk.domain.clock import utc_now
from borderdesk.errors import AuthenticationError, InputError
from borderdesk.services.access import audit, auth, passwords, users
from borderdesk.services.site.settings import settings
from helpers import USER_PASSWORD, add_user, login, strict_password_policy


@pytest.fixture
def accounts(db, admin):
    add_user(db, admin, "ivanov", "officer")
    add_user(db, admin, "petrov", "officer")
    add_user(db, admin, "sidorov", "officer")
    users.set_disabled(db, actor=admin, username="petrov")
    for _ in range(settings().security.lockout_attempts):
        with pytest.raises(AuthenticationError):
            login(db, "sidorov", "nope")
    return admin


ATTEMPTS = {
    "unknown": ("nobody", "whatever"),
    "wrong": ("ivanov", "nope"),
    "disabled": ("petrov", USER_PASSWORD),
    "locked": ("sidorov", USER_PASSWORD),
}


def test_every_refusal_says_the_same(db, accounts):
    messages = set()
    for username, password in ATTEMPTS.values():
        with pytest.raises(AuthenticationError) as refused:
            login(db, username, password)
        messages.add(refused.value.message)
        assert username not in refused.value.message
    assert messages == {auth.refusal_message()}


def test_every_refusal_does_one_argon2_check(db, accounts, monkeypatch):
    calls: list[str] = []
    real = passwords.verify_password

    def counting(stored: str, password: str) -> bool:
        calls.append(stored)
        return real(stored, password)

    monkeypatch.setattr(auth, "verify_password", counting)
    for username, password in ATTEMPTS.values():
        calls.clear()
        with pytest.raises(AuthenticationError):
            login(db, username, password)
        assert len(calls) == 1, username


def test_every_refusal_does_the_same_work(db, admin, monkeypatch):
    """Unknown, wrong, disabled and locked all cost one Argon2 verification of a real-cost
    hash, so timing does not tell which names exist. (Counted, not timed: a wall-clock
    limit in a test fails on a loaded machine; benchmarks measure time.)"""
    real = PasswordHasher()  # RFC 9106 cost
    calls: list[int] = []

    class Counting(PasswordHasher):
        def verify(self, hash, password):  # noqa: A002 - argon2's own parameter name
            calls.append(1)
            return real.verify(hash, password)

    monkeypatch.setattr(passwords, "_hasher", lambda: Counting())
    auth._dummy_hash.cache_clear()
    add_user(db, admin, "ivanov", "officer")
    add_user(db, admin, "petrov", "officer")
    add_user(db, admin, "sidorov", "officer")
    users.set_disabled(db, actor=admin, username="petrov")
    monkeypatch.setattr(auth, "pause", lambda _seconds: None)
    for _ in range(settings().security.lockout_attempts):
        with pytest.raises(AuthenticationError):
            login(db, "sidorov", "nope")
    work: dict[str, list[int]] = {}
    for kind, (username, password) in ATTEMPTS.items():
        calls.clear()
        with pytest.raises(AuthenticationError) as refused:
            login(db, username, password)
        work[kind] = list(calls)
        assert str(refused.value) == auth.refusal_message()
    auth._dummy_hash.cache_clear()
    assert len({len(c) for c in work.values()}) == 1 and all(len(c) == 1 for c in work.values())


def test_the_delay_doubles_after_failures_and_is_capped(db, admin, monkeypatch):
    add_user(db, admin, "ivanov", "officer")
    waits: list[float] = []
    monkeypatch.setattr(auth, "pause", waits.append)
    policy = settings().security
    attempts = _after_each_lock(monkeypatch, policy.lockout_minutes)
    for _ in range(10):
        next(attempts)
        with pytest.raises(AuthenticationError):
            login(db, "ivanov", "nope")
    first = policy.delay_after_failures
    assert waits[:first] == [0.0] * first
    assert waits[first : first + 3] == [1.0, 2.0, 4.0]
    assert max(waits) == policy.max_delay_seconds
    # An unknown name is slowed the same way, so the delay tells no names either.
    unknown: list[float] = []
    monkeypatch.setattr(auth, "pause", unknown.append)
    for _ in range(10):
        next(attempts)
        with pytest.raises(AuthenticationError):
            login(db, "nobody", "nope")
    assert unknown == waits


def _after_each_lock(monkeypatch, minutes: int):
    """Move the clock past any lock before each attempt (an attacker who waits)."""
    start = utc_now()
    step = 0
    while True:
        step += 1
        moved = start + timedelta(minutes=(minutes + 1) * step)
        monkeypatch.setattr(auth, "utc_now", lambda moved=moved: moved)
        yield


def test_a_locked_out_administrator_is_unlocked_with_file_access(db, admin):
    for _ in range(settings().security.lockout_attempts):
        with pytest.raises(AuthenticationError):
            login(db, "admin", "nope")
    with pytest.raises(AuthenticationError):
        login(db)
    users.unlock_with_file_access(db, username="Admin", by="os:root")
    actor = login(db)
    entries = audit.list_entries(db, actor=actor)
    unlocked = [e for e in entries if e.action == "login.unlocked"]
    assert [e.actor for e in unlocked] == ["os:root"]
    failed = [e for e in entries if e.action == "login.failed" and e.actor == "admin"]
    assert len(failed) == settings().security.lockout_attempts
    assert failed[0].changes["reason"] == "wrong_password"


@pytest.mark.parametrize(
    "password",
    ["short-pw", "password123456", "qwertyuiop12", "ivanov-ivanov-1", "1234567890123"],
)
def test_weak_passwords_are_refused(db, admin, monkeypatch, password):
    strict_password_policy(monkeypatch)
    with pytest.raises(InputError):
        users.add_user(db, actor=admin, username="ivanov", role="officer", password=password)
    add_user(db, admin, "petrov", "officer", password="Zastava-7-Orenburg-Night")
    with pytest.raises(InputError):
        users.set_password(db, actor=admin, username="petrov", password=password)


def test_a_long_unusual_password_is_accepted(db, admin, monkeypatch):
    strict_password_policy(monkeypatch)
    assert settings().security.min_password_length >= 12
    users.add_user(
        db, actor=admin, username="ivanov", role="officer", password="Zastava-7-Orenburg-Night"
    )
    assert login(db, "ivanov", "Zastava-7-Orenburg-Night").username == "ivanov"


def test_the_demo_keeps_its_password(tmp_path, monkeypatch):
    from borderdesk.services.demo import builder

    strict_password_policy(monkeypatch)
    db, summary = builder.create_or_open(
        path=tmp_path / "demo.sqlite3", url=None, persons=0, seed=1
    )
    try:
        assert summary.password == "demo"
        for name in summary.users:
            assert login(db, name, "demo").username == name
    finally:
        db.dispose()
