"""A barrier between writers and sync export on PostgreSQL.

Export reads the change log past a peer's watermark and moves the watermark to the
newest stamp it read. That is only safe if no write still in flight can commit a
*lower* stamp later: on SQLite the write lock makes it so; on PostgreSQL two clients'
transactions commit in any order. So every write transaction there holds a shared
advisory lock from its start to its end, and export takes the same lock exclusively
for a moment: once it has it, every writer that began before has ended, and every
writer after it reads the newest stamp before taking its own (``store.tracking``), so
its stamps come after. Export then reads nothing past the newest stamp at that moment
(``safe_point``). Shared locks do not wait for each other: writers are not serialised.
"""

from __future__ import annotations

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session
from sqlmodel import col

from borderdesk.store.tables.changelog import ChangeLogEntry

# Any fixed 64-bit key: "BDSYNC" in ASCII.
LOCK_KEY = 0x424453594E43


def _postgresql(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def enter_writer(session: Session) -> None:
    """Called as a write transaction begins (``Database.write``); held until it ends."""
    if _postgresql(session):
        session.execute(text("SELECT pg_advisory_xact_lock_shared(:key)"), {"key": LOCK_KEY})


def safe_point(session: Session) -> str | None:
    """The newest stamp no write in flight can undercut (None: no such limit needed).

    Call it in a transaction opened with ``Database.write(exporting=True)`` (one that
    holds the writers' lock would deadlock with a second exporter), before it takes any
    row lock (a writer it waits for might wait for that lock): waits for the writers in
    flight, then lets new ones go.
    """
    if not _postgresql(session):
        return None  # SQLite: the exporter holds the write lock already
    connection = session.connection()
    # Session-level, so it can be let go at once (a transaction lock lasts to commit).
    connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": LOCK_KEY})
    try:
        newest = connection.execute(select(func.max(col(ChangeLogEntry.hlc)))).scalar_one_or_none()
    finally:
        connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": LOCK_KEY})
    return newest or ""
