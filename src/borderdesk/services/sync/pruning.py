"""``sync prune``: let go of what no peer needs, and optionally give the space back.

Every import already does the letting go (``retention.let_go``): an acknowledgement
only ever arrives in a package. This is the same step on demand, for a tombstone whose
retention has run out since the last import, and with ``compact`` the database file is
rebuilt (SQLite's VACUUM) so the freed pages leave the file instead of waiting to be
reused. On PostgreSQL ``compact`` vacuums the change log (space for reuse; the server's
files shrink only with VACUUM FULL, which a site's operator runs).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from borderdesk.domain.clock import utc_now
from borderdesk.services.access.permissions import Actor, Permission, require
from borderdesk.store.database import Database
from borderdesk.sync import retention


@dataclass(frozen=True)
class PruneResult:
    pruned: int  # change-log payloads emptied: every peer holds those changes
    purged: int  # tombstones gone: every peer holds them, and the retention passed
    compacted: bool
    bytes_before: int | None  # the SQLite file (None on a server)
    bytes_after: int | None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def prune_log(db: Database, *, actor: Actor, compact: bool = False) -> PruneResult:
    """Prune payloads and purge tombstones no peer needs; with ``compact``, shrink the file."""
    require(actor, Permission.sync)
    before = _file_size(db)
    with db.write(actor=actor.username, replaying=True) as session:
        pruned, purged = retention.let_go(session, now=utc_now())
    if compact:
        _vacuum(db)
    return PruneResult(pruned, purged, compact, before, _file_size(db))


def _vacuum(db: Database) -> None:
    """VACUUM, which runs outside any transaction (the engine's own BEGIN included)."""
    if db.engine.dialect.name != "sqlite":
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM change_log")
        return
    raw = db.engine.raw_connection()
    try:
        sqlite = raw.driver_connection
        assert sqlite is not None  # None only for an invalidated connection
        sqlite.execute("VACUUM")
        sqlite.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the rebuilt pages into the file
    finally:
        raw.close()


def _file_size(db: Database) -> int | None:
    if db.path is None:
        return None
    wal = db.path.with_name(db.path.name + "-wal")
    return db.path.stat().st_size + (wal.stat().st_size if wal.exists() else 0)
