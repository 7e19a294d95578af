"""Purging tombstones every peer has acknowledged, after the retention in sync.toml.

A deleted record stays as a tombstone (``deleted = True``) so the deletion travels.
Once every peer has acknowledged it (its stamp is at or below what each peer says it
holds from its author) and ``tombstone_days`` have passed since the deletion, the row
and its change-log entries go. A tombstone some row still refers to stays (the
reference would break); one a peer has not acknowledged stays however old it is.

A peer needs nothing from us of a change it made itself, nor of one it sent us: so a
post whose one peer is HQ lets HQ's tombstones go (HQ wrote them, or passed them on),
while its own wait for HQ's acknowledgement (:func:`held_by_every_peer`).
"""

from __future__ import annotations

import json
import tomllib
from datetime import datetime, timedelta
from functools import cache

from sqlalchemy import Table, and_, delete, exists, func, or_, select
from sqlalchemy.orm import Session
from sqlmodel import SQLModel

from borderdesk.paths import resource
from borderdesk.store.tables import ChangeLogEntry, SyncPeer, load_all
from borderdesk.sync import routing
from borderdesk.sync.rows import chunks
from borderdesk.sync.watermarks import AUTHOR_OFFSET, Watermarks, merged

_LOG: Table = ChangeLogEntry.__table__  # type: ignore[attr-defined]


@cache
def tombstone_days() -> int:
    with resource("sync.toml").open("rb") as fh:
        return int(tomllib.load(fh)["retention"]["tombstone_days"])


def _referrers(table: Table) -> list[tuple[Table, list[tuple[str, str]]]]:
    """Every table with a foreign key to ``table``: (that table, [(its column, ours)])."""
    load_all()  # store.tables loads lazily: a referrer not yet imported would be missed
    out = []
    for other in SQLModel.metadata.tables.values():
        pairs = [
            (fk.parent.name, fk.column.name)
            for fk in other.foreign_keys
            if fk.column.table is table
        ]
        if pairs:
            out.append((other, pairs))
    return out


def _marks(text: str | None) -> Watermarks:
    try:
        value = json.loads(text or "{}")
    except ValueError:
        return {}  # a damaged mark acknowledges nothing
    return {str(k): str(v) for k, v in value.items()} if isinstance(value, dict) else {}


def held_by_every_peer(session: Session) -> dict[str, str | None]:
    """Per author site, the stamp up to which no peer needs its changes from us any
    more (None: no peer ever does, the only peers being the author itself).

    A peer holds what it acknowledged and what it sent us; it needs nothing it wrote.
    """
    held = {
        p.site_code: merged(_marks(p.acked_upto), _marks(p.received_upto))
        for p in session.execute(select(SyncPeer)).scalars()
    }
    authors = set(held) | {author for marks in held.values() for author in marks}
    out: dict[str, str | None] = {}
    for author in authors:
        others = [marks.get(author, "") for code, marks in held.items() if code != author]
        if not others:
            out[author] = None
        elif min(others):
            out[author] = min(others)
    return out


def purge_tombstones(session: Session, *, now: datetime) -> int:
    """Delete the tombstones no peer needs and the retention let go; how many went."""
    marks = held_by_every_peer(session)
    if not marks:
        return 0
    cutoff = now - timedelta(days=tombstone_days())
    purged = 0
    # Children first: a child tombstone going may free its parent in the same pass.
    for table in reversed(routing.synced_tables()):
        author = func.substr(table.c.hlc, AUTHOR_OFFSET + 1)
        acknowledged = [
            author == site if upto is None else and_(author == site, table.c.hlc <= upto)
            for site, upto in marks.items()
        ]
        conditions = [
            table.c.deleted.is_(True),
            table.c.updated_at < cutoff,
            or_(*acknowledged),
        ]
        for other, pairs in _referrers(table):
            for theirs, ours in pairs:
                conditions.append(~exists().where(other.c[theirs] == table.c[ours]))
        ids = list(session.execute(select(table.c.id).where(*conditions)).scalars())
        for chunk in chunks(ids):
            session.execute(delete(table).where(table.c.id.in_(chunk)))
            session.execute(
                delete(_LOG).where(_LOG.c.table_name == table.name, _LOG.c.record_id.in_(chunk))
            )
        purged += len(ids)
    return purged
