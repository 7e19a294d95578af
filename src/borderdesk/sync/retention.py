"""What the change log and the tables let go once no peer needs it, by one rule.

No peer needs a change from us any more once it holds it: :func:`held_by_every_peer`.
Past that point two things go:

- the change-log entry's payload (:func:`prune_payloads`), a copy of the row that
  BorderDesk wrote before issue #10 (it writes none now). Nothing reads payloads: a
  package carries each record's current row, and the log's entries (kept, without
  their payload) say which records changed and hold the stamps conflicts are judged
  by. A peer that has not acknowledged, or one added later, gets the full rows;
- a tombstone, after the retention in sync.toml (:func:`purge_tombstones`);
- a change-log entry that says nothing its record's row does not (:func:`forget_entries`):
  the record's one entry, its stamp the row's own. The row names the record and holds
  that stamp; the log gives both back whenever they are needed again: a trigger on
  every synchronised table (migration 0010e) writes the stamp a row leaves back into
  the log if the log lacks it (so the stamp history conflicts are judged by is whole),
  and a peer added later has the entries of every row written back first
  (:func:`restore_entries`), so its first package still carries everything.

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

from sqlalchemy import (
    ColumnElement,
    Table,
    and_,
    case,
    delete,
    exists,
    false,
    func,
    insert,
    literal,
    or_,
    select,
    update,
)
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


def _held(hlc: ColumnElement[str], marks: dict[str, str | None]) -> ColumnElement[bool]:
    """Stamps ``hlc`` that no peer needs from us, by ``held_by_every_peer``'s ``marks``."""
    author = func.substr(hlc, AUTHOR_OFFSET + 1)
    return or_(
        *(
            author == site if upto is None else and_(author == site, hlc <= upto)
            for site, upto in marks.items()
        )
    )


def prune_payloads(session: Session) -> int:
    """Empty the payload of every change-log entry no peer needs; how many were emptied.

    The entry itself stays: it tells export which records changed and keeps the stamp
    history conflicts are judged by. With no peer at all nothing is emptied (a peer
    added later gets the rows anyway, but a lone site keeps its copy until it has one).
    """
    marks = held_by_every_peer(session)
    if not marks:
        return 0
    result = session.execute(
        update(_LOG).where(_held(_LOG.c.hlc, marks), _LOG.c.payload != "").values(payload="")
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def let_go(session: Session, *, now: datetime) -> tuple[int, int]:
    """Prune payloads and purge tombstones no peer needs: (payloads, tombstones); then
    forget the entries the rows say all of (:func:`forget_entries`)."""
    pruned, purged = prune_payloads(session), purge_tombstones(session, now=now)
    forget_entries(session)
    return pruned, purged


def forget_entries(session: Session) -> int:
    """Delete the change-log entries no peer needs that say nothing their row does not;
    how many went.

    An entry goes when every peer holds it, its payload is gone, it is its record's only
    entry and its stamp is the row's (so the row names the record, holds the stamp, the
    version and the origin). The log's newest entry stays: the clock and the export's
    safe point read the newest stamp from it. With no peer nothing goes.
    """
    marks = held_by_every_peer(session)
    newest = session.execute(select(func.max(_LOG.c.hlc))).scalar_one_or_none()
    if not marks or newest is None:
        return 0
    other = _LOG.alias("other_entry")
    alone = ~exists().where(
        other.c.record_id == _LOG.c.record_id,
        other.c.table_name == _LOG.c.table_name,
        other.c.seq != _LOG.c.seq,
    )
    # One pass over the log: each entry looks at the one table its record is in.
    row_says_it = case(
        *(
            (
                _LOG.c.table_name == table.name,
                exists().where(table.c.id == _LOG.c.record_id, table.c.hlc == _LOG.c.hlc),
            )
            for table in routing.synced_tables()
        ),
        else_=false(),
    )
    result = session.execute(
        delete(_LOG).where(
            _LOG.c.payload == "",
            _LOG.c.hlc < newest,
            _held(_LOG.c.hlc, marks),
            row_says_it,
            alone,
        )
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def restore_entries(session: Session) -> int:
    """Write back the entry of every row whose stamp the log lacks (its payload empty:
    packages are built from the rows); how many. Run when a peer is added: its window
    reads the log, and it must get every record (:func:`forget_entries`)."""
    restored = 0
    for table in routing.synced_tables():
        known = exists().where(
            _LOG.c.table_name == table.name,
            _LOG.c.record_id == table.c.id,
            _LOG.c.hlc == table.c.hlc,
        )
        rows = select(
            literal(table.name),
            table.c.id,
            case((table.c.deleted.is_(True), literal("delete")), else_=literal("insert")),
            table.c.version,
            table.c.hlc,
            table.c.origin_site,
            table.c.updated_at,
            literal(""),
        ).where(table.c.hlc != "", ~known)
        names = [
            "table_name", "record_id", "operation", "version", "hlc", "origin_site",
            "recorded_at", "payload",
        ]  # fmt: skip
        result = session.execute(insert(_LOG).from_select(names, rows))
        restored += int(result.rowcount or 0)  # type: ignore[attr-defined]
    return restored


def purge_tombstones(session: Session, *, now: datetime) -> int:
    """Delete the tombstones no peer needs and the retention let go; how many went."""
    marks = held_by_every_peer(session)
    if not marks:
        return 0
    cutoff = now - timedelta(days=tombstone_days())
    purged = 0
    # Children first: a child tombstone going may free its parent in the same pass.
    for table in reversed(routing.synced_tables()):
        conditions = [
            table.c.deleted.is_(True),
            table.c.updated_at < cutoff,
            _held(table.c.hlc, marks),
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
