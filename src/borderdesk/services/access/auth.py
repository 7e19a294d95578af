"""Logging in: Argon2id check, failed-login lockout, audit of every attempt."""

from __future__ import annotations

import secrets
from datetime import timedelta
from functools import cache

from sqlmodel import select

from borderdesk.domain.clock import utc_now
from borderdesk.errors import AuthenticationError
from borderdesk.i18n import _, format_datetime
from borderdesk.services.access.passwords import hash_password, verify_password
from borderdesk.services.access.permissions import Actor
from borderdesk.services.site.settings import settings
from borderdesk.store.database import Database
from borderdesk.store.tables import LoginState, User
from borderdesk.store.tables.users import Role
from borderdesk.store.tracking import append_audit


def login(db: Database, *, username: str, password: str) -> Actor:
    """Check the password; lock the account after too many failures in a row.

    The attempt is recorded (and committed) whatever its outcome, so the error is
    raised only after the transaction.
    """
    policy = settings().security
    now = utc_now()
    failure: str | None = None
    actor: Actor | None = None
    # Names are stored lower-case (users.check_username); the audit column holds 64.
    username = username.strip().lower()[:64]
    with db.write(actor=username) as session:
        user = session.exec(select(User).where(User.username == username)).first()
        state = session.get(LoginState, username) or LoginState(username=username)
        site = db.site_code or ""
        if user is None or user.deleted:
            # Spend the same time as a real check, so timing does not tell which names exist.
            verify_password(_dummy_hash(), password)
            failure = _("Wrong user name or password.")
            append_audit(
                session,
                actor=username,
                site=site,
                action="login.failed",
                changes={"reason": "unknown_user"},
            )
        elif state.locked_until is not None and state.locked_until > now:
            failure = _(
                "Account {user} is locked until {time} after too many failed logins."
            ).format(user=username, time=format_datetime(state.locked_until, fmt="short"))
            append_audit(
                session,
                actor=username,
                site=site,
                action="login.locked",
                table_name="user_account",
                record_id=user.id,
            )
        elif user.disabled:
            failure = _("Account {user} is disabled.").format(user=username)
            append_audit(
                session,
                actor=username,
                site=site,
                action="login.disabled",
                table_name="user_account",
                record_id=user.id,
            )
        elif not verify_password(user.password_hash, password):
            state.failed_logins += 1
            changes: dict[str, object] = {"failed_logins": state.failed_logins}
            if state.failed_logins >= policy.lockout_attempts:
                state.locked_until = now + timedelta(minutes=policy.lockout_minutes)
                state.failed_logins = 0
                changes["locked_until"] = state.locked_until.isoformat()
                failure = _(
                    "Wrong password. Account {user} is now locked for {minutes} minutes."
                ).format(user=username, minutes=policy.lockout_minutes)
            else:
                failure = _("Wrong user name or password.")
            session.add(state)
            append_audit(
                session,
                actor=username,
                site=site,
                action="login.failed",
                table_name="user_account",
                record_id=user.id,
                changes=changes,
            )
        else:
            state.failed_logins = 0
            state.locked_until = None
            state.last_login_at = now
            session.add(state)
            append_audit(
                session,
                actor=username,
                site=site,
                action="login.ok",
                table_name="user_account",
                record_id=user.id,
            )
            actor = Actor(
                username=user.username,
                role=Role(user.role),
                site_code=site,
                full_name=user.full_name,
            )
    if failure is not None:
        raise AuthenticationError(failure)
    assert actor is not None
    return actor


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
