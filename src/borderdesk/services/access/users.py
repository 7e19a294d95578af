"""Managing user accounts (administrators only); a user's own account (everyone)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, select

from borderdesk.domain.clock import utc_now
from borderdesk.domain.safe_text import shown_in_message, stripped_name
from borderdesk.errors import BorderDeskError, InputError, NotFoundError
from borderdesk.i18n import _
from borderdesk.services.access.passwords import hash_password, password_score
from borderdesk.services.access.permissions import (
    Actor,
    Permission,
    require,
    require_signed_in,
    role_label,
)
from borderdesk.services.site.settings import settings
from borderdesk.store.database import Database
from borderdesk.store.tables import LoginState, User
from borderdesk.store.tables.users import Role
from borderdesk.store.tracking import append_audit

USERNAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")


@dataclass(frozen=True)
class UserRow:
    """A user as the GUI and CLI show it: no hash, no secrets."""

    username: str
    full_name: str
    role: str
    role_label: str
    disabled: bool
    locked_until: datetime | None
    last_login_at: datetime | None
    created_at: datetime
    position: str = ""

    def to_json(self) -> dict[str, object]:
        return {
            "username": self.username,
            "full_name": self.full_name,
            "position": self.position,
            "role": self.role,
            "disabled": self.disabled,
            "locked_until": self.locked_until.isoformat() if self.locked_until else None,
            "last_login_at": self.last_login_at.isoformat() if self.last_login_at else None,
            "created_at": self.created_at.isoformat(),
        }


def parse_role(value: str) -> Role:
    try:
        return Role(value)
    except ValueError:
        raise InputError(
            _("Unknown role '{role}': use officer, centre, supervisor or admin.").format(
                role=shown_in_message(value)
            )
        ) from None


def check_username(username: str) -> str:
    name = username.strip().lower()
    if not USERNAME_PATTERN.match(name):
        raise InputError(
            _(
                "User name '{name}' is not allowed: 2-64 characters, Latin letters, "
                "digits, dot, dash or underscore."
            ).format(name=shown_in_message(username))
        )
    return name


def check_position(position: str) -> str:
    """Position and rank, one line of at most 200 characters."""
    text = " ".join(position.split())
    if len(text) > 200:
        raise InputError(_("The position is too long: at most 200 characters."))
    return text


def check_password(password: str, *, username: str = "", full_name: str = "") -> None:
    """Refuse short and guessable passwords (the site's policy in settings.toml)."""
    policy = settings().security
    if len(password) < policy.min_password_length:
        raise InputError(
            _("The password is too short: at least {n} characters.").format(
                n=policy.min_password_length
            )
        )
    if (
        policy.min_password_score > 0
        and password_score(password, hints=[username, *full_name.split()])
        < policy.min_password_score
    ):
        raise InputError(
            _(
                "The password is too easy to guess (a common password, a name, a date or "
                "a keyboard pattern). Use a longer phrase of unrelated words."
            )
        )


def create_user_record(
    *,
    username: str,
    role: Role,
    password: str,
    full_name: str = "",
    position: str = "",
    enforce_policy: bool = True,
) -> User:
    """A new user row, validated; the caller adds it inside its own transaction.

    ``enforce_policy=False`` is for the demo's published password only.
    """
    if enforce_policy:
        check_password(password, username=username, full_name=full_name)
    return User(
        username=check_username(username),
        role=role.value,
        full_name=stripped_name(full_name).strip(),  # no direction or control tricks
        position=check_position(position),
        password_hash=hash_password(password),
    )


def add_user(
    db: Database,
    *,
    actor: Actor,
    username: str,
    role: str,
    password: str,
    full_name: str = "",
    position: str = "",
) -> UserRow:
    require(actor, Permission.manage_users)
    record = create_user_record(
        username=username,
        role=parse_role(role),
        password=password,
        full_name=full_name,
        position=position,
    )
    with db.write(actor=actor.username) as session:
        existing = session.exec(select(User).where(User.username == record.username)).first()
        if existing is not None:
            raise BorderDeskError(
                _("User {name} already exists.").format(name=record.username), code="duplicate"
            )
        session.add(record)
    return _row(record, None)


def list_users(db: Database, *, actor: Actor) -> list[UserRow]:
    require(actor, Permission.manage_users)
    with db.read() as session:
        users = session.exec(select(User).where(User.deleted == False).order_by(User.username))  # noqa: E712
        states = {s.username: s for s in session.exec(select(LoginState))}
        return [_row(u, states.get(u.username)) for u in users]


def own_account(db: Database, *, actor: Actor) -> UserRow:
    """The signed-in user's own account, position included (any role)."""
    require_signed_in(actor)
    with db.read() as session:
        user = _get(session, actor.username)
        state = session.get(LoginState, user.username)
        return _row(user, state)


def _get(session: Session, username: str) -> User:
    user = session.exec(select(User).where(User.username == username.strip().lower())).first()
    if user is None or user.deleted:
        raise NotFoundError(_("No user {name}.").format(name=username))
    return user


def set_disabled(db: Database, *, actor: Actor, username: str, disabled: bool = True) -> UserRow:
    require(actor, Permission.manage_users)
    if disabled and username.strip().lower() == actor.username:
        raise BorderDeskError(_("You cannot disable your own account."))
    with db.write(actor=actor.username) as session:
        user = _get(session, username)
        user.disabled = disabled
        session.add(user)
        state = session.get(LoginState, user.username)
    return _row(user, state)


def set_position(db: Database, *, actor: Actor, username: str, position: str) -> UserRow:
    """Change the position and rank printed under a user's name on later forms."""
    require(actor, Permission.manage_users)
    text = check_position(position)
    with db.write(actor=actor.username) as session:
        user = _get(session, username)
        if (user.position or "") != text:
            user.position = text
            session.add(user)
        state = session.get(LoginState, user.username)
    return _row(user, state)


def set_password(db: Database, *, actor: Actor, username: str, password: str) -> None:
    """Reset a password (admin) and lift any lock on the account."""
    require(actor, Permission.manage_users)
    check_password(password, username=username)
    with db.write(actor=actor.username) as session:
        user = _get(session, username)
        user.password_hash = hash_password(password)
        session.add(user)
        state = session.get(LoginState, user.username)
        if state is not None:
            state.failed_logins = 0
            state.locked_until = None
            session.add(state)


def unlock_with_file_access(db: Database, *, username: str, by: str) -> None:
    """Lift the lock and the failure count of an account, without a login.

    The recovery step when the administrator is locked out: whoever can write the
    database file can do this (and more) anyway. Recorded in the audit log as ``by``.
    """
    name = username.strip().lower()
    with db.write(actor=by) as session:
        user = _get(session, name)
        state = session.get(LoginState, user.username)
        if state is not None:
            state.failed_logins = 0
            state.locked_until = None
            session.add(state)
        append_audit(
            session,
            actor=by[:64],
            site=db.site_code or "",
            action="login.unlocked",
            table_name="user_account",
            record_id=user.id,
        )


def _row(user: User, state: LoginState | None) -> UserRow:
    return UserRow(
        username=user.username,
        full_name=user.full_name,
        position=user.position or "",
        role=user.role,
        role_label=role_label(user.role),
        disabled=user.disabled,
        # A lock that has run out is no lock: the list must not still show it.
        locked_until=(
            state.locked_until
            if state and state.locked_until and state.locked_until > utc_now()
            else None
        ),
        last_login_at=state.last_login_at if state else None,
        created_at=user.created_at,
    )
