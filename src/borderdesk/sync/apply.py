"""Merging a package into a session: idempotent, order-independent, all or nothing.

Each record arrives as its sender's current row and the stamps the sender's log holds
for it. Against the row here (stamp ``L``) the incoming row (stamp ``I``):

- is new here, or ``L`` is among the sender's stamps: the sender built on what is
  here, so take it;
- ``I == L``, or ``I`` is among this site's own stamps of the record: old news, skip;
- otherwise both sites edited concurrently: the higher stamp wins (an HLC stamp ends
  with its site code, so ties go by site), the same at every site, and the other
  version waits in the conflict queue. Saved checks never conflict.

Rows are written with Core ``executemany`` (not the ORM), with their stamps as sent,
and logged in the change log so that HQ can pass them on and later edits see them.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Table, bindparam, insert, select, text, update
from sqlalchemy.orm import Session
from sqlmodel import col

from borderdesk.store.name_index import index_rows
from borderdesk.store.serialise import canonical_json
from borderdesk.store.tables import ChangeLogEntry, SyncConflict
from borderdesk.store.tracking import WriteContext, append_row_seals
from borderdesk.sync import routing, storage
from borderdesk.sync.conflicts import close_superseded, last_editor
from borderdesk.sync.rows import blank_row, chunks, to_uuid, typed_row
from borderdesk.sync.watermarks import author_of

_LOG: Table = ChangeLogEntry.__table__  # type: ignore[attr-defined]


@dataclass
class ApplyResult:
    applied: int = 0
    skipped: int = 0
    conflicts: int = 0
    duplicates: int = 0
    applied_stamps: list[str] = field(default_factory=list)

    def add(self, other: ApplyResult) -> None:
        self.applied += other.applied
        self.skipped += other.skipped
        self.conflicts += other.conflicts
        self.duplicates += other.duplicates
        self.applied_stamps += other.applied_stamps


def _local_stamps(session: Session, table: Table, ids: list[uuid.UUID]) -> dict[uuid.UUID, str]:
    out: dict[uuid.UUID, str] = {}
    for chunk in chunks(ids):
        stmt = select(table.c.id, table.c.hlc).where(table.c.id.in_(chunk))
        out.update((i, h) for i, h in session.execute(stmt))
    return out


def _history_here(session: Session, table: str, record_id: uuid.UUID) -> set[str]:
    stmt = select(_LOG.c.hlc).where(_LOG.c.table_name == table, _LOG.c.record_id == record_id)
    return set(session.execute(stmt).scalars())


Progress = Callable[[int, int], None]  # (records done, records in all)
BATCH = 5000


def apply_records(
    session: Session,
    records: list[dict[str, Any]],
    *,
    sender: str,
    now: datetime,
    progress: Progress | None = None,
) -> ApplyResult:
    """Merge the records of a package (or of a peer's identity) into ``session``."""
    if session.get_bind().dialect.name == "sqlite":
        # Parents and children may arrive in one package; check the keys at commit.
        session.execute(text("PRAGMA defer_foreign_keys = ON"))
    by_table: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for entry in records:
        by_table[entry["t"]].append(entry)
    result, done = ApplyResult(), 0
    for table in routing.synced_tables():
        entries = by_table.pop(table.name, [])
        # In batches, parents first, so a progress bar moves (all in one transaction).
        for start in range(0, len(entries), BATCH):
            batch = entries[start : start + BATCH]
            result.add(_apply_table(session, table, batch, sender, now))
            done += len(batch)
            if progress is not None:
                progress(done, len(records))
    # Tables this schema does not have cannot arrive (a newer schema is refused first).
    result.skipped += sum(len(v) for v in by_table.values())
    return result


def _apply_table(
    session: Session, table: Table, entries: list[dict[str, Any]], sender: str, now: datetime
) -> ApplyResult:
    result = ApplyResult()
    target = storage.writable(session, table)
    # One look at the engine per table, not per row.
    spell = storage.stored if storage.uses_storage_form(session) else typed_row
    typed = [(spell(table, e["row"]), e) for e in entries]
    here = _local_stamps(session, target, [row["id"] for row, _e in typed])
    inserts: list[dict[str, Any]] = []
    updates: list[dict[str, Any]] = []
    blank = blank_row(table)
    queued = _open_conflict_ids(session, table.name)
    for row, entry in typed:
        local = here.get(row["id"])
        incoming = row["hlc"]
        if local is None:
            inserts.append({**blank, **row})
            here[row["id"]] = incoming  # a second copy in the same package is old news
            continue
        if incoming == local or table.name in routing.IMMUTABLE_TABLES:
            continue
        if local in entry.get("h", ()):
            updates.append(row)
            if to_uuid(row["id"]) in queued:  # perhaps the resolution of a conflict here
                seen = {*entry["h"], incoming}
                close_superseded(session, to_uuid(row["id"]), seen, sender=sender, now=now)
            continue
        if incoming in _history_here(session, table.name, to_uuid(row["id"])):
            continue
        result.conflicts += 1
        if _queue_conflict(session, table, row, entry, now):
            updates.append(row)
    inserts, result.duplicates = _without_duplicates(session, table, inserts, sender, now)
    if inserts and storage.uses_storage_form(session):
        storage.insert_stored(session, table, inserts)
    elif inserts:
        session.execute(insert(target), inserts)
    # Persons and watchlist entries written here must be findable by any spelling: file
    # their surnames in the name index, as store.tracking and store.bulk do for local writes.
    index_rows(session, table.name, [*inserts, *updates])
    for columns, group in _grouped(updates).items():
        stmt = (
            update(target)
            .where(target.c.id == bindparam("match_id"))
            .values({c: bindparam(f"v_{c}") for c in columns if c != "id"})
        )
        session.execute(
            stmt, [{"match_id": r["id"], **{f"v_{c}": r[c] for c in columns}} for r in group]
        )
    changed = [(r, "insert") for r in inserts] + [
        (r, "delete" if r.get("deleted") else "update") for r in updates
    ]
    if changed:
        recorded_at = storage.for_writing(session, _LOG, {"recorded_at": now.isoformat()})
        name = str(table.name)  # a plain str: sqlite3 adapts SQLAlchemy's quoted_name slowly
        log_rows = [
            {
                "table_name": name,
                "record_id": r["id"],
                "operation": op,
                "version": r.get("version", 0),
                "hlc": r["hlc"],
                "origin_site": r.get("origin_site", ""),
                "recorded_at": recorded_at["recorded_at"],
                # Export rebuilds packages from the rows: an imported change needs no copy.
                "payload": "",
            }
            for r, op in changed
        ]
        if storage.uses_storage_form(session):
            storage.insert_stored(session, _LOG, log_rows)
        else:
            session.execute(insert(_LOG), log_rows)
        _seal_applied(session, table, [r for r, _op in changed])
    result.applied = len(changed)
    # Conflicts are counted apart and also as applied (incoming won) or skipped (lost).
    result.skipped = len(typed) - len(changed) - result.duplicates
    result.applied_stamps = [r["hlc"] for r, _op in changed]
    return result


def _open_conflict_ids(session: Session, table: str) -> set[uuid.UUID]:
    stmt = select(col(SyncConflict.record_id)).where(
        col(SyncConflict.table_name) == table, col(SyncConflict.status) == "open"
    )
    return set(session.execute(stmt).scalars())


def _seal_applied(session: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    """Seal each applied row in this site's audit log as ``audit verify`` will read it.

    A complete row (every column, no secret kept from this site, each record once) is
    sealed as written, in the spelling it reads back in; any other is read back first.
    """
    ctx: WriteContext = session.info["write_context"]
    width = len(table.columns)
    ids = [r["id"] for r in rows]
    if (
        table.name not in routing.SECRET_COLUMNS
        and all(len(r) == width for r in rows)
        and len(set(ids)) == len(ids)
    ):
        if storage.uses_storage_form(session):
            sealed = [{**storage.canonical(table, r), "id": to_uuid(r["id"])} for r in rows]
        else:
            sealed = rows
        append_row_seals(
            session, actor=ctx.actor, site=ctx.site, action=f"{table.name}.sync", table=table,
            rows=sealed,
        )  # fmt: skip
        return
    for chunk in chunks([to_uuid(i) for i in ids]):
        read = [
            dict(r) for r in session.execute(select(table).where(table.c.id.in_(chunk))).mappings()
        ]
        append_row_seals(
            session, actor=ctx.actor, site=ctx.site, action=f"{table.name}.sync", table=table,
            rows=read,
        )  # fmt: skip


def _grouped(rows: list[dict[str, Any]]) -> dict[tuple[str, ...], list[dict[str, Any]]]:
    out: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        out[tuple(sorted(row))].append(row)
    return out


def _queued(session: Session, record_id: uuid.UUID, stamps: set[str]) -> bool:
    """Whether this pair of versions is in the queue already (a later package repeats
    a change until it is acknowledged): a conflict is queued, and resolved, once."""
    stmt = select(col(SyncConflict.winner_hlc), col(SyncConflict.other_hlc)).where(
        col(SyncConflict.record_id) == record_id
    )
    return any({w, o} == stamps for w, o in session.execute(stmt))


def _queue_conflict(
    session: Session, table: Table, row: dict[str, Any], entry: dict[str, Any], now: datetime
) -> bool:
    """Queue the losing version; True when the incoming one wins and is to be written."""
    record_id = to_uuid(row["id"])
    current = session.execute(select(table).where(table.c.id == record_id)).mappings().one()
    local_row = dict(current)
    local_by = last_editor(session, record_id)
    incoming_wins = row["hlc"] > local_row["hlc"]
    incoming_json = canonical_json(entry["row"])
    local_json = canonical_json(local_row)
    win_row, lose_row = (
        (incoming_json, local_json) if incoming_wins else (local_json, incoming_json)
    )
    win_by, lose_by = (
        (entry.get("by", ""), local_by) if incoming_wins else (local_by, entry.get("by", ""))
    )
    win_hlc, lose_hlc = (
        (row["hlc"], local_row["hlc"]) if incoming_wins else (local_row["hlc"], row["hlc"])
    )
    if _queued(session, record_id, {win_hlc, lose_hlc}):
        return incoming_wins
    session.add(
        SyncConflict(
            table_name=table.name,
            record_id=record_id,
            detected_at=now,
            winner_hlc=win_hlc,
            winner_site=author_of(win_hlc),
            winner_user=win_by,
            winner_row=win_row,
            other_hlc=lose_hlc,
            other_site=author_of(lose_hlc),
            other_user=lose_by,
            other_row=lose_row,
        )
    )
    return incoming_wins


def _without_duplicates(
    session: Session, table: Table, rows: list[dict[str, Any]], sender: str, now: datetime
) -> tuple[list[dict[str, Any]], int]:
    """New rows whose unique value (a user name, a site code) is taken here by another
    record wait in the conflict queue instead of failing the whole package."""
    unique = [c for c in table.columns if c.unique and not c.primary_key]
    if not unique or not rows:
        return rows, 0
    kept, held = [], 0
    taken: dict[str, dict[Any, tuple[uuid.UUID, str]]] = {}
    for column in unique:
        values = sorted({r[column.name] for r in rows if r.get(column.name) is not None})
        found: dict[Any, tuple[uuid.UUID, str]] = {}
        for chunk in chunks(values):
            stmt = select(column, table.c.id, table.c.hlc).where(column.in_(chunk))
            found.update({v: (i, h) for v, i, h in session.execute(stmt)})
        taken[column.name] = found
    for row in rows:
        clash = next(
            (taken[c][row[c]] for c in taken if row.get(c) in taken[c]),
            None,
        )
        if clash is None:
            kept.append(row)
            continue
        held += 1
        if _queued(session, to_uuid(row["id"]), {clash[1], row["hlc"]}):
            continue
        local = session.execute(select(table).where(table.c.id == clash[0])).mappings().one()
        session.add(
            SyncConflict(
                table_name=table.name,
                record_id=to_uuid(row["id"]),
                kind="duplicate",
                detected_at=now,
                winner_hlc=clash[1],
                winner_site=author_of(clash[1]),
                winner_row=canonical_json(dict(local)),
                other_hlc=row["hlc"],
                other_site=author_of(row["hlc"]) or sender,
                other_row=canonical_json(row),
            )
        )
    return kept, held


def observe_stamps(session: Session, stamps: list[str]) -> None:
    """Move this site's clock past what arrived: a later local edit must sort after it."""
    ctx: WriteContext | None = session.info.get("write_context")
    if ctx is not None and stamps:
        ctx.clock.observe(max(stamps))
