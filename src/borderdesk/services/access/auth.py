"""Logging in: Argon2id check, failed-login lockout, audit of every attempt."""

from __future__ import annotations

import logging
import secrets
import time
from datetime import timedelta
from functools import cache, partial
from typing import Any

from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import select

from borderdesk.domain.clock import utc_now
from borderdesk.errors import AuthenticationError, BorderDeskError
from borderdesk.i18n import _
from borderdesk.services.access.passwords import hash_password, verify_password
from borderdesk.services.access.permissions import (
    Actor,
    Permission,
    issue_actor,
    set_forgery_recorder,
)
from borderdesk.services.site.settings import settings
from borderdesk.store.database import Database
from borderdesk.store.tables import LoginState, User
from borderdesk.store.tables.users import Role
from borderdesk.store.tracking import append_audit

log = logging.getLogger(__name__)


def login(db: Database, *, username: str, password: str) -> Actor:
    """Check the password; slow down and lock an account after failures in a row.

    An unknown name, a wrong password, a disabled and a locked account get the same
    message after the same work (one Argon2 check each), so neither the words nor the
    time tell which names exist. After ``delay_after_failures`` failures each attempt
    waits, doubling up to ``max_delay_seconds``; ``lockout_attempts`` failures lock the
    account for ``lockout_minutes`` (``borderdesk user unlock`` lifts it). Every attempt
    is recorded (and committed) whatever its outcome, so the error is raised only after
    the transaction.
    """
    policy = settings().security
    # Names are stored lower-case (users.check_username); the audit column holds 64.
    username = username.strip().lower()[:64]
    pause(failure_delay(_failures_so_far(db, username)))
    now = utc_now()
    actor: Actor | None = None
    with db.write(actor=username) as session:
        user = session.exec(select(User).where(User.username == username)).first()
        state = session.get(LoginState, username) or LoginState(username=username)
        site = db.site_code or ""
        known = user is not None and not user.deleted
        # The same Argon2 work on every path: a dummy hash for unknown names.
        matches = verify_password(user.password_hash if known and user else _dummy_hash(), password)
        locked = state.locked_until is not None and state.locked_until > now
        if not known or user is None:
            reason, record_id = "unknown_user", None
        else:
            record_id = user.id
            if locked:
                reason = "locked"
            elif user.disabled:
                reason = "disabled"
            elif not matches:
                reason = "wrong_password"
            else:
                reason = ""
        changes: dict[str, object] = {"reason": reason} if reason else {}
        if reason in ("wrong_password", "unknown_user"):
            state.failed_logins += 1
            changes["failed_logins"] = state.failed_logins
            if reason == "wrong_password" and state.failed_logins >= policy.lockout_attempts:
                state.locked_until = now + timedelta(minutes=policy.lockout_minutes)
                changes["locked_until"] = state.locked_until.isoformat()
        elif not reason:
            state.failed_logins = 0
            state.locked_until = None
            state.last_login_at = now
            assert user is not None
            actor = issue_actor(
                user.username,
                Role(user.role),
                site,
                user.full_name,
                still_valid=partial(_account_unchanged, db, user.username, Role(user.role)),
                on_refusal=partial(_record_refusal, db),
            )
            set_forgery_recorder(partial(_record_forgery, db))
        session.add(state)
        append_audit(
            session,
            actor=username,
            site=site,
            action=_AUDIT_ACTIONS.get(reason, "login.failed"),
            table_name="user_account" if record_id is not None else "",
            record_id=record_id,
            changes=changes,
        )
    if actor is None:
        raise AuthenticationError(refusal_message())
    return actor


# Kept apart in the audit log (administrators read why), never in what the user is told.
_AUDIT_ACTIONS = {"": "login.ok", "locked": "login.locked", "disabled": "login.disabled"}


def _record_refusal(db: Database, actor: Actor, permission: Permission) -> None:
    """Audit a refused permission in its own small transaction (the use case rolls back)."""
    try:
        with db.write(actor=actor.username) as session:
            append_audit(
                session,
                actor=actor.username,
                site=db.site_code or "",
                action="permission.denied",
                changes={"permission": permission.value, "role": actor.role.value},
            )
    except (BorderDeskError, SQLAlchemyError):
        # The refusal itself must still reach the user; the log says the entry is missing.
        log.warning("a refused permission could not be recorded", exc_info=True)


@cache
def _account_statement() -> Any:
    """The three columns ``_account_unchanged`` reads: a Core statement built once (it
    runs before every use case, every scan included)."""
    from sqlalchemy import bindparam
    from sqlalchemy import select as core_select

    c = User.__table__.c  # type: ignore[attr-defined]
    return core_select(c.deleted, c.disabled, c.role).where(c.username == bindparam("username"))


def _account_unchanged(db: Database, username: str, role: Role) -> bool:
    """Still enabled, not deleted, in the same role: checked on every use case."""
    with db.read() as session:
        connection = session.connection()
        user = connection.execute(_account_statement(), {"username": username}).first()
    return user is not None and not user.deleted and not user.disabled and user.role == role


def _record_forgery(db: Database, actor: Actor, permission: Permission) -> None:
    """Audit a use case tried with an actor no login here made (who it claimed to be)."""
    try:
        with db.write(actor=actor.username[:64]) as session:
            append_audit(
                session,
                actor=actor.username[:64],
                site=db.site_code or "",
                action="actor.forged",
                changes={"permission": permission.value, "role": str(actor.role)},
            )
    except (BorderDeskError, SQLAlchemyError):
        log.warning("a forged actor's attempt could not be recorded", exc_info=True)


def refusal_message() -> str:
    policy = settings().security
    return _(
        "Wrong user name or password, or the account is disabled, or it is locked for "
        "{minutes} minutes after {n} failed logins."
    ).format(minutes=policy.lockout_minutes, n=policy.lockout_attempts)


def failure_delay(failures: int) -> float:
    """Seconds to wait before checking, after ``failures`` failed logins in a row."""
    policy = settings().security
    if failures < policy.delay_after_failures or policy.max_delay_seconds <= 0:
        return 0.0
    return float(min(policy.max_delay_seconds, 2 ** (failures - policy.delay_after_failures)))


def pause(seconds: float) -> None:
    # Outside the write transaction: a waiting attempt must not hold the database lock.
    if seconds > 0:
        time.sleep(seconds)


def _failures_so_far(db: Database, username: str) -> int:
    with db.read() as session:
        state = session.get(LoginState, username)
        return state.failed_logins if state is not None else 0


@cache
def _dummy_hash() -> str:
    return hash_password(secrets.token_hex(16))


def unlock_check(db: Database, *, actor: Actor, password: str) -> bool:
    """Re-enter the password to leave the idle lock; failures count towards the lockout."""
    try:
        login(db, username=actor.username, password=password)
    except AuthenticationError:
        return False
    return True
