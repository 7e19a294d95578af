"""Alembic, driven from code: the schema version of a database and the way up to head.

Reading a database's version and the known revisions needs no Alembic import (it
costs a noticeable part of a cold start); Alembic itself is loaded only to upgrade.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, inspect, text

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parent
_REVISION = re.compile(r"^revision\s*=\s*['\"]([^'\"]+)['\"]", re.MULTILINE)
_DOWN = re.compile(r"^down_revision\s*=\s*(None|['\"]([^'\"]+)['\"])", re.MULTILINE)


def config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


@cache
def _revisions() -> dict[str, str | None]:
    """Each revision shipped with this BorderDesk and the one it follows."""
    revisions: dict[str, str | None] = {}
    for script in sorted((MIGRATIONS_DIR / "versions").glob("*.py")):
        source = script.read_text(encoding="utf-8")
        revision, down = _REVISION.search(source), _DOWN.search(source)
        if revision and down:
            revisions[revision.group(1)] = down.group(2)
    return revisions


def head() -> str:
    revisions = _revisions()
    followed = {down for down in revisions.values() if down}
    heads = [rev for rev in revisions if rev not in followed]
    if len(heads) != 1:
        raise RuntimeError(f"migrations must form one line, found heads {heads}")
    return heads[0]


def is_known(revision: str) -> bool:
    return revision in _revisions()


def current_revision(connection: Connection) -> str | None:
    if not inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade(connection: Connection, target: str = "head") -> None:
    """Run every pending step inside the caller's transaction: all or nothing."""
    from alembic import command

    command.upgrade(config(connection), target)
