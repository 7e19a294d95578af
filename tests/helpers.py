"""Shared test factories: a fresh database per test, logged-in users, cheap password hashes.

Other layers' tests import these; keep the names and signatures stable.
"""

from __future__ import annotations

import atexit
import dataclasses
import shutil
import sqlite3
import tempfile
from pathlib import Path

import pytest
from alembic import command
from argon2 import PasswordHasher

from borderdesk.services.access import auth, passwords, users
from borderdesk.services.access.permissions import Actor, issue_actor
from borderdesk.services.site import settings as site_settings
from borderdesk.services.site import setup
from borderdesk.store import migrations
from borderdesk.store.database import Database
from borderdesk.store.tables.users import Role

SITE_CODE = "POST-07"
SITE_NAME = "Застава 7"
ADMIN_USER = "admin"
ADMIN_PASSWORD = "secret1"
USER_PASSWORD = "pw-1234"
BACKUP_PASSPHRASE = "Granitsa-Orenburg-2026"


def use_fast_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Still Argon2id, with the smallest cost: tests log in hundreds of times."""
    fast = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    monkeypatch.setattr(passwords, "_hasher", lambda: fast)


def relax_password_policy(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests use short passwords (ADMIN_PASSWORD, USER_PASSWORD): 4 characters, no score.

    Tests of the policy itself restore the site's policy with ``strict_password_policy``.
    """
    real = site_settings.settings()
    relaxed = dataclasses.replace(
        real,
        security=dataclasses.replace(real.security, min_password_length=4, min_password_score=0),
    )
    monkeypatch.setattr(users, "settings", lambda: relaxed)


def strict_password_policy(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(users, "settings", site_settings.settings)


def make_database(
    tmp_path: Path,
    name: str = "borderdesk.sqlite3",
    *,
    url: str | None = None,
    site_code: str = SITE_CODE,
    kind: str = "post",
) -> Database:
    """A freshly initialised database (site + administrator), as `borderdesk init` makes it.

    SQLite: a copy of one `setup.initialise` result per test session (running every
    migration for every test is slow), so each test still gets its own file.
    """
    if url:
        return _initialise(None, url, site_code, kind)
    path = tmp_path / name
    assert not path.exists(), path
    shutil.copyfile(_template(site_code, kind), path)
    return Database.open(path=path)


def _initialise(path: Path | None, url: str | None, site_code: str, kind: str) -> Database:
    return setup.initialise(
        path=path,
        url=url,
        site_code=site_code,
        site_name=SITE_NAME,
        kind=kind,
        admin_user=ADMIN_USER,
        admin_password=ADMIN_PASSWORD,
    )


_templates: dict[tuple[str, str], Path] = {}


def _template(site_code: str, kind: str) -> Path:
    key = (site_code, kind)
    if key not in _templates:
        folder = Path(tempfile.mkdtemp(prefix="borderdesk-template-"))
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        path = folder / "template.sqlite3"
        _initialise(path, None, site_code, kind).dispose()
        conn = sqlite3.connect(path)  # fold any WAL into the file before it is copied
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.close()
        _templates[key] = path
    return _templates[key]


def build_demo_file(path: Path, *, persons: int, seed: int) -> Path:
    """What ``borderdesk demo`` builds at ``path`` (same builder), with cheap Argon2id
    hashes so that building it is quick; the logins against it are the real ones (argon2
    verifies with the cost stored in each hash). Closed, its WAL folded into the file, so
    tests copy it as a template."""
    from borderdesk.services.demo.builder import create_or_open

    with pytest.MonkeyPatch.context() as monkeypatch:
        use_fast_password_hashing(monkeypatch)
        database, summary = create_or_open(path=path, url=None, persons=persons, seed=seed)
    database.dispose()  # the last connection folds the WAL into the file
    assert summary.created and summary.persons == persons
    return path


def login(db: Database, username: str = ADMIN_USER, password: str = ADMIN_PASSWORD) -> Actor:
    return auth.login(db, username=username, password=password)


def add_user(
    db: Database,
    admin: Actor,
    username: str,
    role: str | Role,
    *,
    password: str = USER_PASSWORD,
    full_name: str = "",
) -> Actor:
    """Add an account and return the Actor it acts as (without spending a login on it)."""
    role = Role(role)
    users.add_user(
        db,
        actor=admin,
        username=username,
        role=role.value,
        password=password,
        full_name=full_name,
    )
    return issue_actor(username, role, db.site_code or "", full_name)


def move_to(db: Database, revision: str) -> None:
    """Upgrade ``db`` to ``"head"`` or downgrade it to ``revision`` (a migration test)."""
    with db.engine.begin() as conn:
        config = migrations.config(conn)
        if revision == "head":
            command.upgrade(config, revision)
        else:
            command.downgrade(config, revision)
