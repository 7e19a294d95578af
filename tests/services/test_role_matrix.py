"""The role matrix: every service use case refuses a role without its permission, first.

The functions are found by walking ``borderdesk.services`` (every public function with a
keyword-only ``actor``), so a new use case fails here until it is listed below with the
permission it checks, or in the allow-list of use cases any logged-in user may call.
A refusal must come before the database is touched: while the refused call runs, opening
a session (``db.read``/``db.write``) or checking a connection out of the engine's pool
fails the test, and the change log and audit trail must not have grown.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from check_samples import NOW, TODAY, passport
from sqlalchemy import event, func, select

import borderdesk.services
from borderdesk.domain.case_workflow import CASE_KINDS, EVIDENCE_KINDS
from borderdesk.errors import BorderDeskError, PermissionDenied
from borderdesk.services.access.permissions import ROLE_PERMISSIONS, Permission, issue_actor
from borderdesk.services.centre.rooms import RoomSpec
from borderdesk.services.checks.checking import assess
from borderdesk.store.database import Database
from borderdesk.store.tables import AuditEntry, ChangeLogEntry
from borderdesk.store.tables.users import Role
from helpers import SITE_CODE

P = Permission

# The permission each use case checks before anything else (``require``'s error code names
# it, so a use case checking the wrong permission fails too).
REQUIRED: dict[str, Permission] = {
    "access.audit.list_entries": P.view_audit,
    "access.audit.record_numbers": P.view_audit,
    "people.watchlist_import.watchlists_summary": P.manage_watchlists,
    "people.watchlist_entries.wanted_person_entries": P.manage_watchlists,
    "access.audit.verify_chain": P.verify_audit,
    "access.audit.verify_form_mark": P.verify_audit,
    "site.key_backup.backup_to_key": P.backup,
    "access.users.add_user": P.manage_users,
    "access.users.list_users": P.manage_users,
    "access.users.set_disabled": P.manage_users,
    "access.users.set_password": P.manage_users,
    "access.users.set_position": P.manage_users,
    "cases.application_form.application_data": P.view_cases,
    "cases.application_form.application_pdf": P.view_cases,
    "cases.application_form.write_application": P.view_cases,
    "cases.coverage.apprehension_choices": P.manage_cases,
    "cases.opening.open_apprehension_from_check": P.manage_cases,
    "cases.opening.open_case": P.manage_cases,
    "cases.queries.get_case": P.view_cases,
    "cases.queries.get_scan": P.view_cases,
    "cases.queries.list_cases": P.view_cases,
    "cases.silence.apply_silence": P.view_cases,
    "cases.steps.add_event": P.manage_cases,
    "cases.steps.add_evidence": P.manage_cases,
    "cases.steps.advance": P.manage_cases,
    "cases.steps.decide": P.manage_cases,
    "cases.steps.request_extension": P.manage_cases,
    "centre.admission.intake": P.run_centre,
    "centre.admission.suggest_bed": P.run_centre,
    "centre.forms.render_intake": P.run_centre,
    "centre.rooms.configure_rooms": P.configure_centre,
    "centre.rooms.ensure_default_rooms": P.run_centre,
    "centre.rooms.list_rooms": P.view_centre,
    "centre.stays.get_stay": P.run_centre,
    "centre.stays.list_residents": P.view_centre,
    "centre.stays.move_bed": P.run_centre,
    "centre.stays.release": P.run_centre,
    "checks.checking.assess": P.check_documents,
    "checks.checking.check_document": P.check_documents,
    "checks.checking.record_decision": P.check_documents,
    "people.persons.person_card": P.search_persons,
    "people.search.search": P.search_persons,
    "people.watchlist_import.import_csv": P.manage_watchlists,
    "checks.checking.correct_check": P.check_documents,
    "journal.importing.import_journal": P.import_journal,
    "journal.importing.save_journal_report": P.import_journal,
    "sync.conflicts.list_conflicts": P.sync,
    "sync.conflicts.resolve_conflict": P.resolve_conflicts,
    "sync.exchange.export_package": P.sync,
    "sync.exchange.import_package": P.sync,
    "sync.batch.import_packages": P.sync,
    "sync.peers.identity_text": P.sync,
    "sync.peers.add_peer": P.manage_peers,
    "sync.peers.sync_status": P.sync,
    "sync.peers.list_peers": P.sync,  # the same function as sync_status
    "sync.pruning.prune_log": P.sync,  # what every import does, on demand
    "journal.preview.journal_sheets": P.import_journal,
    "journal.preview.preview_journal": P.import_journal,
    "access.legacy_seals.seal_legacy_rows": P.seal_legacy_rows,
    "returns.monthly.marked_return": P.view_reports,
    "returns.monthly.monthly_return": P.view_reports,
    "returns.monthly.return_sites": P.view_reports,
    "returns.monthly.write_monthly_return": P.view_reports,
    "site.backup.backup": P.backup,
    "site.reference.agreement_book": P.view_reference,
    "site.reference.case_choices": P.view_cases,
    "site.reference.evidence_choices": P.view_cases,
    "transfers.alternatives.record_alternative": P.run_centre,
    "transfers.handover.cancel_transfer": P.plan_transfers,
    "transfers.handover.complete_transfer": P.plan_transfers,
    "transfers.handover_form.render_handover": P.plan_transfers,
    "transfers.planning.check_destination": P.plan_transfers,
    "transfers.planning.plan_transfer": P.plan_transfers,
    "transfers.queries.get_transfer": P.plan_transfers,
    "transfers.queries.list_transfers": P.plan_transfers,
}

# Use cases any logged-in user may call, each with the reason. Adding to this list is a
# decision about who may do what, not a way to make this test pass.
# A use case that a second permission also opens: correcting one's own check needs
# check_documents, correcting anyone's (supervisors) correct_any_check.
OR_ALSO: dict[str, Permission] = {"checks.checking.correct_check": P.correct_any_check}

ANY_ROLE: dict[str, str] = {
    # Re-entering one's own password to leave the idle lock: whoever is logged in.
    "access.auth.unlock_check": "the user's own password",
    # The Overview's "Signed in" box: one's own account (position), nobody else's.
    "access.users.own_account": "the user's own account (require_signed_in)",
    # Empty for whoever may not verify the log: the alert is theirs only.
    "access.audit.integrity_alert": "an empty line without verify_audit",
    # Reading a saved check needs any one of check_documents, search_persons or view_cases
    # (checks.checking.require_view), so officers, centre staff and supervisors may.
    "checks.checking.get_check": "require_view",
    "checks.listing.recent_checks": "require_view's rule: any of check_documents, search, cases",
    "checks.protocol_form.check_protocol_pdf": "require_view, through get_check",
    "checks.protocol_form.protocol_data": "require_view, through get_check",
    "checks.protocol_form.write_check_protocol": "require_view, through get_check",
}


# The permission checks themselves: they take an actor, but they are what use cases call.
CHECKS = frozenset(
    {
        "access.permissions.require",
        "access.permissions.require_signed_in",
        "access.permissions.end_session",
        "checks.checking.require_view",
    }
)

# Public service functions that take a database but no actor, each with the reason: none of
# them is a user's use case (a new one without an actor fails the test until listed here).
WITHOUT_ACTOR: dict[str, str] = {
    "access.auth.login": "makes the actor",
    "access.audit.form_mark": "the signed head printed forms carry, for checked use cases",
    "access.audit.printing": "form_mark around a checked use case's rendering",
    "site.form_mapping.officer_positions": "officers' printed positions, for checked use cases",
    # whoever can write the database file: the recovery step
    "access.users.unlock_with_file_access": "the recovery step (file access)",
    "cases.validation.read_check": "open_apprehension_from_check's reader, after its check",
    "centre.rooms.site_and_zone": "this site's code and time zone, for checked use cases",
    "centre.rooms.today_and_zone": "this site's day and time zone, for checked use cases",
    "transfers.queries.today_and_zone": "this site's day and time zone, for checked use cases",
    "site.sites.this_site": "this site's own record: code, name, kind, time zone",
    "site.sites.site_today": "this site's day, for checked use cases",
    "site.form_mapping.site_name_and_timezone": "a form's site heading, for checked use cases",
    "demo.builder.add_demo_persons": "the demo builder (borderdesk demo), no user logged in",
    "demo.actors.demo_system_actor": "the demo builder acts as the system",
    "demo.cases.add_demo_cases": "the demo builder (borderdesk demo), no user logged in",
    "demo.centre.add_demo_centre": "the demo builder (borderdesk demo), no user logged in",
    "demo.checks.add_demo_watchlists_and_checks": "the demo builder, no user logged in",
}


def _public_functions() -> Iterator[tuple[str, Callable[..., Any]]]:
    prefix = borderdesk.services.__name__ + "."
    for info in pkgutil.walk_packages(borderdesk.services.__path__, prefix):
        module = importlib.import_module(info.name)
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if not name.startswith("_") and function.__module__ == module.__name__:
                yield f"{module.__name__.removeprefix(prefix)}.{name}", function


def _use_cases() -> dict[str, Callable[..., Any]]:
    """Every public service function with an ``actor`` parameter, by dotted name."""
    return {
        name: function
        for name, function in _public_functions()
        if "actor" in inspect.signature(function).parameters and name not in CHECKS
    }


USE_CASES = _use_cases()


def _refusals() -> Iterator[Any]:
    """(use case, role, withdrawn): every role without the permission; if every role has it
    (view_cases, search_persons, view_reference), an officer from whom it is withdrawn."""
    for name, permission in sorted(REQUIRED.items()):
        opening = {permission, OR_ALSO.get(name, permission)}
        lacking = [role for role in Role if not opening & ROLE_PERMISSIONS[role]]
        for role in lacking:
            yield pytest.param(name, role, False, id=f"{name}-{role.value}")
        if not lacking:
            yield pytest.param(name, Role.officer, True, id=f"{name}-officer-without-{permission}")


# ------------------------------------------------------------------ the arguments
# Required arguments by parameter name, then by use case where a name means different things
# in different use cases. Valid-looking, so that only the refusal can stop the call.
Factory = Callable[[Path, Database], Any]


def _outcome(tmp_path: Path, db: Database) -> Any:
    # A real assessment, made (read only) by someone allowed to before the guard is up.
    checker = issue_actor("admin", Role.admin, SITE_CODE)
    return assess(db, actor=checker, mrz_lines=passport("IVANOV", "IVAN"), now=NOW)


def _return(tmp_path: Path, db: Database) -> Any:
    # A real return, computed by someone allowed to before the guard is up.
    from borderdesk.services.returns import monthly_return

    reporter = issue_actor("admin", Role.admin, SITE_CODE)
    last_month = (date.today().replace(day=1) - timedelta(days=1)).strftime("%Y-%m")
    return monthly_return(db, actor=reporter, month=last_month)


def _watchlist_csv(tmp_path: Path, db: Database) -> Path:
    path = tmp_path / "watchlist.csv"
    path.write_text("surname,given_names,birth_date,nationality\nIVANOV,IVAN,1980-05-17,RUS\n")
    return path


def _id(tmp_path: Path, db: Database) -> uuid.UUID:
    return uuid.uuid4()


BY_NAME: dict[str, Factory] = {
    "case_id": _id,
    "check_id": _id,
    "evidence_id": _id,
    "stay_id": _id,
    "transfer_id": _id,
    "person_id": _id,
    "username": lambda t, d: "someone",
    "role": lambda t, d: Role.officer.value,
    "password": lambda t, d: "pw-1234",
    "position": lambda t, d: "inspector",
    "requesting": lambda t, d: "KAZ",
    "requested": lambda t, d: "RUS",
    "received": lambda t, d: TODAY,
    "on": lambda t, d: TODAY,
    "date": lambda t, d: TODAY,
    "note": lambda t, d: "a note",
    "reason": lambda t, d: "a reason",
    "evidence_type": lambda t, d: "passport",
    "description": lambda t, d: "a passport copy",
    "to_status": lambda t, d: "submitted",
    "accept": lambda t, d: True,
    "decision": lambda t, d: "admit",
    "out": lambda t, d: t / "out.pdf",
    # Last month: begun wherever the site is.
    "month": lambda t, d: (date.today().replace(day=1) - timedelta(days=1)).strftime("%Y-%m"),
    "rooms": lambda t, d: (RoomSpec(code="1", name="Room 1", suitable_for=("men",), beds=("1",)),),
    "bed": lambda t, d: "1-1",
    "mrz_lines": lambda t, d: passport("IVANOV", "IVAN"),
    "outcome": _outcome,
    "ret": _return,
    "suffix": lambda t, d: ".pdf",
    "query": lambda t, d: "IVANOV",
    "rows": lambda t, d: [],
    "paths": lambda t, d: [],
    "conflict_id": lambda t, d: "01900000-0000-7000-8000-000000000000",
    "keep": lambda t, d: "winner",
    "passphrase": lambda t, d: "correct horse battery staple",
    "to": lambda t, d: "HQ",
    "text": lambda t, d: "not an identity",
    "path": _watchlist_csv,
    "agreement_id": lambda t, d: "RU-KZ",
    "destination": lambda t, d: "KAZ",
    "nationality": lambda t, d: "UZB",
}

BY_USE_CASE: dict[tuple[str, str], Factory] = {
    ("cases.opening.open_case", "kind"): lambda t, d: CASE_KINDS[0],
    ("cases.steps.add_event", "kind"): lambda t, d: "status",
    ("cases.steps.add_evidence", "kind"): lambda t, d: EVIDENCE_KINDS[0],
    ("people.watchlist_import.import_csv", "kind"): lambda t, d: "persons",
    ("site.reference.evidence_choices", "kind"): lambda t, d: CASE_KINDS[0],
    ("transfers.alternatives.record_alternative", "kind"): lambda t, d: "voluntary_departure",
    ("site.backup.backup", "out"): lambda t, d: t / "backup.sqlite3",
    ("site.key_backup.backup_to_key", "out"): lambda t, d: t / "backup.sqlite3",
    ("site.key_backup.backup_to_key", "identity_text"): lambda t, d: "{}",
    ("access.audit.verify_form_mark", "text"): lambda t, d: "BD1:CHECK:X:" + "0" * 64,
    ("journal.importing.save_journal_report", "report"): lambda t, d: t / "report.xlsx",
}


def _arguments(name: str, tmp_path: Path, db: Database) -> dict[str, Any]:
    arguments: dict[str, Any] = {}
    for parameter in inspect.signature(USE_CASES[name]).parameters.values():
        if parameter.name == "db":
            arguments["db"] = db
        elif parameter.name == "actor" or parameter.default is not parameter.empty:
            continue
        elif (name, parameter.name) in BY_USE_CASE:
            arguments[parameter.name] = BY_USE_CASE[(name, parameter.name)](tmp_path, db)
        elif parameter.name in BY_NAME:
            arguments[parameter.name] = BY_NAME[parameter.name](tmp_path, db)
        else:
            pytest.fail(f"no argument factory for {name}({parameter.name}=...)")
    return arguments


# -------------------------------------------------------------------- the guard
class DatabaseTouched(BaseException):
    """Raised (past any ``except Exception``) when a refused call reaches the database."""


@contextmanager
def _no_database(db: Database, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    touched: list[str] = []

    def refuse(what: str) -> Callable[..., Any]:
        def opened(*args: Any, **kwargs: Any) -> Any:
            touched.append(what)
            raise DatabaseTouched(what)

        return opened

    def checkout(*args: Any) -> None:
        touched.append("pool checkout")

    with monkeypatch.context() as patch:
        patch.setattr(db, "read", refuse("db.read()"))
        patch.setattr(db, "write", refuse("db.write()"))
        event.listen(db.engine, "checkout", checkout)
        try:
            yield touched
        finally:
            event.remove(db.engine, "checkout", checkout)


def _trail(db: Database) -> tuple[int, int]:
    with db.read() as session:
        changes = session.execute(select(func.count()).select_from(ChangeLogEntry)).scalar_one()
        audit = session.execute(select(func.count()).select_from(AuditEntry)).scalar_one()
    return changes, audit


# -------------------------------------------------------------------- the tests
def test_every_service_with_a_database_takes_an_actor():
    parameters = {name: inspect.signature(f).parameters for name, f in _public_functions()}
    without = {n for n, p in parameters.items() if "db" in p and "actor" not in p}
    new, gone = sorted(without - set(WITHOUT_ACTOR)), sorted(set(WITHOUT_ACTOR) - without)
    assert not new, f"service functions with a database but no actor: {new}"
    assert not gone, f"listed in WITHOUT_ACTOR but gone or taking an actor now: {gone}"


def test_every_use_case_is_in_the_matrix():
    listed = set(REQUIRED) | set(ANY_ROLE)
    unlisted = sorted(set(USE_CASES) - listed)
    assert not unlisted, f"use cases with an actor but no permission in the matrix: {unlisted}"
    gone = sorted(listed - set(USE_CASES))
    assert not gone, f"listed in the matrix but no longer a use case: {gone}"
    assert not set(REQUIRED) & set(ANY_ROLE)


@pytest.mark.parametrize(("name", "role", "withdrawn"), list(_refusals()))
def test_refused_before_the_database(name, role, withdrawn, db, tmp_path, monkeypatch):
    arguments = _arguments(name, tmp_path, db)
    if withdrawn:
        kept = ROLE_PERMISSIONS[role] - {REQUIRED[name]}
        monkeypatch.setitem(ROLE_PERMISSIONS, role, kept)
    actor = issue_actor(f"{role.value}-user", role, SITE_CODE)
    before = _trail(db)
    with _no_database(db, monkeypatch) as touched:
        try:
            USE_CASES[name](**arguments, actor=actor)
        except PermissionDenied as refusal:
            assert refusal.code == f"forbidden:{REQUIRED[name].value}"
        except DatabaseTouched:
            pass  # reported below, with everything it touched
        else:
            pytest.fail(f"{name} let {role.value} through")
    assert not touched, f"{name} reached the database before refusing {role.value}: {touched}"
    assert _trail(db) == before
    assert not list(tmp_path.glob("out.pdf")) and not list(tmp_path.glob("backup*"))


def _permitted() -> Iterator[Any]:
    for name in sorted(REQUIRED):
        for role in Role:
            if {REQUIRED[name], OR_ALSO.get(name, REQUIRED[name])} & ROLE_PERMISSIONS[role]:
                yield pytest.param(name, role, id=f"{name}-{role.value}")
    for name in sorted(ANY_ROLE):
        for role in Role:
            yield pytest.param(name, role, id=f"{name}-{role.value}")


@pytest.mark.parametrize(("name", "role"), list(_permitted()))
def test_permitted_roles_get_past_the_check(name, role, db, tmp_path):
    """The matrix is exact: a role with the permission is not refused (the made-up ids may
    still be unknown: a clear BorderDesk error is what such a call ends in)."""
    arguments = _arguments(name, tmp_path, db)
    actor = issue_actor(f"{role.value}-user", role, SITE_CODE)
    try:
        USE_CASES[name](**arguments, actor=actor)
    except PermissionDenied as refusal:
        pytest.fail(f"{name} refused {role.value}: {refusal}")
    except BorderDeskError:
        pass
