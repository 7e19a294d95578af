"""The database handle, as the layers above services (UI, CLI) see it.

They never import ``borderdesk.store``: they open and pass around a ``Database``
obtained here, and hand it to service functions.
"""

from __future__ import annotations

from pathlib import Path

from borderdesk.store.database import Database

__all__ = ["Database", "open_database"]


def open_database(*, url: str | None, path: Path | None, must_exist: bool = True) -> Database:
    """Open an existing database, upgrading its schema first (after a backup copy)."""
    return Database.open(url=url, path=path, must_exist=must_exist)
