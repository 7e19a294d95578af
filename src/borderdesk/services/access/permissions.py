"""Who may do what. Services call ``require`` on every use case; the GUI only mirrors it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from borderdesk.errors import PermissionDenied
from borderdesk.i18n import N_, _
from borderdesk.store.tables.users import Role


class Permission(StrEnum):
    manage_users = "manage_users"
    view_audit = "view_audit"
    verify_audit = "verify_audit"
    backup = "backup"
    check_documents = "check_documents"
    # Correct a check someone else made (the author may always correct their own).
    correct_any_check = "correct_any_check"
    search_persons = "search_persons"
    manage_watchlists = "manage_watchlists"
    manage_cases = "manage_cases"
    view_cases = "view_cases"
    run_centre = "run_centre"
    view_centre = "view_centre"  # the occupancy board and residents, read only
    configure_centre = "configure_centre"  # rooms and beds: administrators only
    plan_transfers = "plan_transfers"
    view_reports = "view_reports"
    view_reference = "view_reference"
    sync = "sync"
    import_journal = "import_journal"  # legacy journals (issue #12)
    manage_peers = "manage_peers"  # trust another site's keys: administrators only
    resolve_conflicts = "resolve_conflicts"
    seal_legacy_rows = "seal_legacy_rows"  # seal rows older than the row seals: administrators


_ALL = frozenset(Permission)

ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.officer: frozenset(
        {
            Permission.check_documents,
            Permission.search_persons,
            Permission.manage_cases,
            Permission.view_cases,
            Permission.view_reference,
            Permission.sync,
        }
    ),
    Role.centre: frozenset(
        {
            Permission.search_persons,
            Permission.manage_cases,
            Permission.view_cases,
            Permission.run_centre,
            Permission.view_centre,
            Permission.plan_transfers,
            Permission.view_reference,
            Permission.sync,
        }
    ),
    Role.supervisor: frozenset(
        {
            Permission.search_persons,
            Permission.view_cases,
            Permission.view_audit,
            Permission.verify_audit,
            Permission.view_reports,
            Permission.manage_watchlists,
            Permission.view_reference,
            Permission.sync,
            Permission.resolve_conflicts,
            Permission.backup,
            Permission.import_journal,
            Permission.view_centre,
            Permission.correct_any_check,
        }
    ),
    Role.admin: _ALL,
}

ROLE_LABELS = {
    Role.officer: N_("Border officer"),
    Role.centre: N_("Centre staff"),
    Role.supervisor: N_("Supervisor"),
    Role.admin: N_("Administrator"),
}


@dataclass(frozen=True)
class Actor:
    """The logged-in user a service acts for.

    Only an actor made by ``issue_actor`` (``auth.login``, and the demo builder and tests
    through it) is accepted: ``require`` refuses one built by hand (``Actor("mallory",
    Role.admin, ...)``), or copied from a real one with another name or role.
    """

    username: str
    role: Role
    site_code: str
    full_name: str = ""
    #: Records a refused permission in the audit log (set by auth.login; None: not recorded).
    on_refusal: Callable[[Actor, Permission], None] | None = field(
        default=None, compare=False, repr=False
    )
    #: The session ``issue_actor`` registered (an object only this process holds).
    token: object = field(default=None, compare=False, repr=False)

    def can(self, permission: Permission) -> bool:
        return permission in ROLE_PERMISSIONS[self.role]


SYSTEM_ACTOR = "system"


@dataclass(frozen=True)
class _Session:
    token: object
    username: str
    role: Role
    # False once the account is disabled, deleted or given another role (None: always).
    still_valid: Callable[[], bool] | None


# The sessions issued in this process, by id of their token (the token keeps it unique).
_SESSIONS: dict[int, _Session] = {}
# Records a forged actor's attempt (set by auth.login: the database logged in to).
_forgery_recorder: list[Callable[[Actor, Permission], None]] = []


def issue_actor(
    username: str,
    role: Role,
    site_code: str,
    full_name: str = "",
    *,
    still_valid: Callable[[], bool] | None = None,
    on_refusal: Callable[[Actor, Permission], None] | None = None,
) -> Actor:
    """The sanctioned way to an actor: after a login, or for the demo builder and tests."""
    token = object()
    _SESSIONS[id(token)] = _Session(token, username, Role(role), still_valid)
    return Actor(
        username=username,
        role=Role(role),
        site_code=site_code,
        full_name=full_name,
        on_refusal=on_refusal,
        token=token,
    )


def end_session(actor: Actor) -> None:
    _SESSIONS.pop(id(actor.token), None)


def set_forgery_recorder(recorder: Callable[[Actor, Permission], None]) -> None:
    _forgery_recorder[:] = [recorder]


def _session_of(actor: Actor) -> _Session | None:
    session = _SESSIONS.get(id(actor.token)) if actor.token is not None else None
    if session is None or session.token is not actor.token:
        return None
    if session.username != actor.username or session.role != actor.role:
        return None
    return session


def _forged() -> PermissionDenied:
    return PermissionDenied(
        _("This session was not opened by a login here: log in again."), code="forged_actor"
    )


def _ensure_still_valid(actor: Actor, session: _Session) -> None:
    """End the session whose account was disabled or changed since its login."""
    if session.still_valid is not None and not session.still_valid():
        end_session(actor)
        raise PermissionDenied(
            _("The account {user} was disabled or changed: log in again.").format(
                user=actor.username
            ),
            code="session_ended",
        )


def require(actor: Actor, permission: Permission) -> None:
    session = _session_of(actor)
    if session is None:
        for record in _forgery_recorder:
            record(actor, permission)
        raise _forged()
    if not actor.can(permission):
        if actor.on_refusal is not None:
            actor.on_refusal(actor, permission)
        raise PermissionDenied(
            _("User {user} ({role}) may not do this.").format(
                user=actor.username, role=_(ROLE_LABELS[actor.role])
            ),
            code=f"forbidden:{permission.value}",
        )
    # After the permission: a refused call never reaches the database.
    _ensure_still_valid(actor, session)


def require_signed_in(actor: Actor) -> None:
    """For what every signed-in user may do about their own account (no permission needed):
    the actor must come from a login here and its account still be as it was."""
    session = _session_of(actor)
    if session is None:
        raise _forged()
    _ensure_still_valid(actor, session)


def role_label(role: str) -> str:
    return _(ROLE_LABELS[Role(role)])
