"""Stamps every synchronised write and appends it to the change log and the audit chain.

It runs on SQLAlchemy's ``before_flush``, inside the same transaction as the write,
so a record can never be saved without its change-log and audit entries.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Table, event, func, inspect, select
from sqlalchemy.orm import Session
from sqlmodel import col

from borderdesk.domain.clock import HybridLogicalClock, utc_now
from borderdesk.store import audit_head, batch_seals
from borderdesk.store.audit_head import AUDIT_HEAD_KEY, GENESIS_HASH
from borderdesk.store.fast_json import canonical_row_json
from borderdesk.store.raw_insert import (
    bound_once,
    execute_columns,
    insert_counted_run,
)
from borderdesk.store.records import SyncRecord
from borderdesk.store.row_digest import record_digest, row_digests
from borderdesk.store.serialise import canonical_json, plain_value
from borderdesk.store.tables.audit import AuditEntry
from borderdesk.store.tables.changelog import ChangeLogEntry
from borderdesk.store.tables.sites import LocalSetting

HLC_OBSERVED_KEY = "hlc_observed"
__all__ = ["AUDIT_HEAD_KEY", "GENESIS_HASH", "WriteContext", "append_audit", "audit_hash"]


@dataclass
class WriteContext:
    """Who is writing, where, and on which clock. Set by ``Database.write``."""

    site: str
    actor: str
    clock: HybridLogicalClock
    # Set while applying an imported package: keep the remote stamps as they are.
    replaying: bool = False


class UntrackedWrite(RuntimeError):
    """A synchronised record was written outside ``Database.write`` (a programming error)."""


def audit_hash(prev_hash: str, fields: dict[str, Any]) -> str:
    # canonical_row_json: canonical_json's very text, by orjson where it spells it alike
    # (an entry's fields are flat; a batch seal's changes are half a megabyte of text).
    return hashlib.sha256((prev_hash + "|" + canonical_row_json(fields)).encode()).hexdigest()


def audit_fields(entry: AuditEntry) -> dict[str, Any]:
    return entry_fields(
        {
            "seq": entry.seq,
            "at": plain_value(entry.at),
            "site": entry.site,
            "actor": entry.actor,
            "action": entry.action,
            "table_name": entry.table_name,
            "record_id": plain_value(entry.record_id),
            "changes": entry.changes,
            "row_hash": entry.row_hash,
        }
    )


def entry_fields(entry: dict[str, Any]) -> dict[str, Any]:
    """The hashed fields of an entry given as plain values (here, in packages, at HQ).

    ``row_hash`` joins only when present: entries written before rows were sealed keep
    the hash they were written with.
    """
    fields = {
        "seq": entry["seq"],
        "at": entry["at"],
        "site": entry["site"],
        "actor": entry["actor"],
        "action": entry["action"],
        "table": entry.get("table_name", ""),
        "record_id": entry.get("record_id"),
        "changes": entry.get("changes", "{}"),
    }
    if entry.get("row_hash"):
        fields["row_hash"] = entry["row_hash"]
    return fields


def _chain_head(session: Session, site: str) -> tuple[LocalSetting, int, str]:
    """The head to append after, checked once per transaction against the log.

    Kept on the session: entries appended in one flush must chain to each other. A
    stored head that disagrees with the log or its signature is noted (``audit verify``
    reports it) and the chain continues after its real last entry: never a crash.
    """
    head = session.info.get(AUDIT_HEAD_KEY)
    if head is None:
        stmt = select(LocalSetting).where(col(LocalSetting.key) == AUDIT_HEAD_KEY).with_for_update()
        head = session.execute(stmt).scalar_one_or_none()
        problem = audit_head.head_problem(session, site)
        if problem:
            audit_head.note_broken(session, problem, utc_now().isoformat())
        last = audit_head.last_entry(session)
        if head is None:
            head = LocalSetting(key=AUDIT_HEAD_KEY, value=last.value)
            session.add(head)
        else:
            head.value = last.value
        session.info[AUDIT_HEAD_KEY] = head
        audit_head.mark_for_signing(session, head, site)
    parsed = audit_head.parse_head(head.value)
    assert parsed is not None  # set from the log above
    return head, parsed.seq, parsed.hash


def append_audit(
    session: Session,
    *,
    actor: str,
    site: str,
    action: str,
    table_name: str = "",
    record_id: Any = None,
    changes: dict[str, Any] | None = None,
    at: datetime | None = None,
    row_hash: str = "",
    spelt_changes: str | None = None,
) -> AuditEntry:
    """Append one entry to the hash chain (also for events that change no record: logins).

    ``row_hash`` seals the record the entry describes as it is after the write
    (``store.row_digest``): ``audit verify`` compares it with the stored row.
    ``spelt_changes``: ``canonical_json(changes)`` where the caller has it already.
    """
    with session.no_autoflush:
        head, seq, prev = _chain_head(session, site)
        entry = AuditEntry(
            seq=seq + 1,
            at=at or utc_now(),
            site=site,
            actor=actor,
            action=action,
            table_name=table_name,
            record_id=record_id,
            changes=spelt_changes if spelt_changes is not None else canonical_json(changes or {}),
            prev_hash=prev,
            hash="",
            row_hash=row_hash,
        )
        entry.hash = audit_hash(prev, audit_fields(entry))
        head.value = f"{entry.seq}:{entry.hash}"
        session.add(entry)
    return entry


def append_row_seals(
    session: Session,
    *,
    actor: str,
    site: str,
    action: str,
    table: Table,
    rows: Sequence[Mapping[str, Any]],
    digests: Sequence[str] | None = None,
) -> None:
    """One entry per row written in bulk (import, demo, sync), each sealing its row.

    Inserted with one prepared statement: a batch of thousands must not become
    thousands of ORM objects. The batch's own summary entry is the caller's.
    ``digests``: the rows' ``row_digest``s where the caller has them already.
    """
    if not rows:
        return
    if digests is None:
        digests = row_digests(table, rows)
    _append_seals(
        session, actor=actor, site=site, action=action, table_name=str(table.name),
        record_ids=[row["id"] for row in rows], digests=digests,
    )  # fmt: skip


def append_batch_seal(
    session: Session,
    *,
    actor: str,
    site: str,
    action: str,
    table_name: str,
    record_ids: Sequence[str],
    digests: Sequence[str],
) -> None:
    """Entries sealing the new rows a sync package brought, one for each
    ``batch_seals.ROWS_PER_ENTRY`` of them (``store.batch_seals``): record ids as
    canonical UUID text, digests as hex."""
    if record_ids:
        session.flush()  # entries of pending ORM writes first: they take their numbers now
    step = batch_seals.ROWS_PER_ENTRY
    for start in range(0, len(record_ids), step):
        append_audit(
            session, actor=actor, site=site, action=action, table_name=str(table_name),
            spelt_changes=batch_seals.changes_text(record_ids[start : start + step],
                                                   digests[start : start + step]),
        )  # fmt: skip


def _append_seals(
    session: Session,
    *,
    actor: str,
    site: str,
    action: str,
    table_name: str,
    record_ids: Sequence[Any],
    digests: Sequence[str],
) -> None:
    session.flush()  # entries of pending ORM writes first: they take their numbers now
    with session.no_autoflush:
        head, seq, prev = _chain_head(session, site)
    at = utc_now()
    sealed = _seal_text(at=plain_value(at), site=site, actor=actor, action=action,
                        table_name=table_name)  # fmt: skip
    sha256 = hashlib.sha256
    first = seq + 1
    # Each entry links to the one before, the first to the head; the hex chains on (it
    # is in the next entry's hashed text), the bytes are what HexDigest stores.
    hashes: list[bytes] = [bytes.fromhex(prev)]
    for seq, record_id, digest in zip(
        range(first, first + len(record_ids)), record_ids, digests, strict=True
    ):
        link = sha256((prev + "|" + sealed(seq, record_id, digest)).encode()).digest()
        prev = link.hex()
        hashes.append(link)
    count = len(hashes) - 1
    head.value = f"{first + count - 1}:{prev}"
    table = AuditEntry.__table__  # type: ignore[attr-defined]
    if session.get_bind().dialect.name == "sqlite":
        ids = _id_bytes(record_ids)
        digests_raw = _digest_bytes(digests)
        if ids is not None and digests_raw is not None:
            dialect = session.get_bind().dialect
            given = {"at": at, "site": site, "actor": actor, "action": action,
                     "table_name": table_name, "changes": "{}"}  # fmt: skip
            links = b"".join(hashes)  # the head's hash, then each entry's
            insert_counted_run(
                session, table.name, counter="seq", first=first, count=count,
                shared={n: bound_once(table.c[n], v, dialect) for n, v in given.items()},
                blobs={"record_id": (ids, 16, 0), "prev_hash": (links, 32, 0),
                       "hash": (links, 32, 32), "row_hash": (digests_raw, 32, 0)},
            )  # fmt: skip
            return
    prevs, hashes = hashes[:-1], hashes[1:]
    columns: dict[str, list[Any]] = {
        "seq": list(range(first, first + count)),
        "at": [at] * count,
        "site": [site] * count,
        "actor": [actor] * count,
        "action": [action] * count,
        "table_name": [table_name] * count,
        "record_id": list(record_ids),
        "changes": ["{}"] * count,
        "prev_hash": prevs,
        "row_hash": list(digests),
        "hash": hashes,
    }
    execute_columns(session, table, columns)


def _id_bytes(record_ids: Sequence[Any]) -> bytes | None:
    """Every record id's 16 bytes, one after the other; None where one is not a
    ``uuid.UUID`` (the caller then binds them one by one)."""
    if not all(type(r) is uuid.UUID for r in record_ids):
        return None
    return b"".join(r.bytes for r in record_ids)


def _digest_bytes(digests: Sequence[str]) -> bytes | None:
    """Every digest's 32 bytes, one after the other; None unless each is 64 hex digits."""
    if not digests or set(map(len, digests)) != {64} or not all(type(d) is str for d in digests):
        return None
    try:
        raw = bytes.fromhex("".join(digests))
    except ValueError:
        return None
    return raw if len(raw) == 32 * len(digests) else None  # fromhex skips whitespace


def _seal_text(
    *, at: str, site: str, actor: str, action: str, table_name: str
) -> Callable[[int, Any, str], str]:
    """The canonical JSON of a row seal's hashed fields (``entry_fields``), as
    ``audit_hash`` spells it: the fields a batch shares are spelt once, in sorted order.
    A record id is a ``uuid.UUID`` or a text (spelt as JSON would)."""
    head = '{{"action":{},"actor":{},"at":{},"changes":{},"record_id":'.format(
        *map(canonical_json, (action, actor, at, "{}"))
    )
    tail = ',"site":{},"table":{}}}'.format(*map(canonical_json, (site, table_name)))

    def text(seq: int, record_id: Any, row_hash: str) -> str:
        if type(record_id) is uuid.UUID or _needs_no_escape(record_id):
            spelt = f'"{record_id}"'
        else:
            spelt = canonical_json(plain_value(record_id))
        digest = f'"{row_hash}"' if _needs_no_escape(row_hash) else canonical_json(row_hash)
        return f'{head}{spelt},"row_hash":{digest},"seq":{seq:d}{tail}'

    return text


def _needs_no_escape(value: Any) -> bool:
    """A text JSON spells as it is between quotes: letters, digits and dashes (a UUID,
    a hex digest); ``canonical_json`` keeps such letters of any script unescaped."""
    return type(value) is str and value.replace("-", "").isalnum()


def _diff(record: SyncRecord, *, inserting: bool = False) -> dict[str, list[Any]]:
    """{field: [old, new]} of what this flush changes; a new record lists what it was
    given, without empty defaults (``deleted: False`` says nothing)."""
    hidden = record.__bookkeeping__ | getattr(record, "__secret_fields__", frozenset())
    state = inspect(record)
    changes: dict[str, list[Any]] = {}
    for attr in state.mapper.column_attrs:
        if attr.key in hidden:
            continue
        history = state.attrs[attr.key].history
        if history.has_changes():
            old = history.deleted[0] if history.deleted else None
            new = history.added[0] if history.added else None
            if inserting and new in (None, "", False):
                continue
            changes[attr.key] = [plain_value(old), plain_value(new)]
    for secret in getattr(record, "__secret_fields__", frozenset()):
        if state.attrs[secret].history.has_changes():
            changes[secret] = ["***", "***"]
    return changes


def observe_stored_stamps(session: Session, ctx: WriteContext) -> None:
    """Move the clock past the newest stamp in the database, once per transaction.

    Another process (the CLI beside the GUI, a second HQ client on PostgreSQL) may have
    written newer stamps since this clock was made; on SQLite the write lock is held here.
    """
    if session.info.get(HLC_OBSERVED_KEY):
        return
    newest = session.execute(select(func.max(ChangeLogEntry.hlc))).scalar_one_or_none()
    if newest:
        ctx.clock.observe(newest)
    session.info[HLC_OBSERVED_KEY] = True


def _log(session: Session, ctx: WriteContext, record: SyncRecord, operation: str) -> None:
    if ctx.replaying:
        if record.hlc:
            ctx.clock.observe(record.hlc)
    else:
        stamp = ctx.clock.now()
        now = utc_now()
        record.hlc = stamp.encode()
        record.updated_at = now
        record.version = (record.version or 0) + 1
        if operation == "insert":
            record.origin_site = record.origin_site or ctx.site
            record.created_at = record.created_at or now
    table_name = record.__tablename__
    assert isinstance(table_name, str)  # typed str | declared_attr; a str on every table
    changes = _diff(record, inserting=operation == "insert")
    session.add(
        ChangeLogEntry(
            table_name=table_name,
            record_id=record.id,
            operation=operation,
            version=record.version,
            hlc=record.hlc,
            origin_site=record.origin_site,
            recorded_at=utc_now(),
            payload="",  # nothing reads a copy of the row (tables.changelog)
        )
    )
    # Audited even when only stamps changed: the row's seal must follow the row.
    append_audit(
        session,
        actor=ctx.actor,
        site=ctx.site,
        action=f"{table_name}.{operation}",
        table_name=table_name,
        record_id=record.id,
        changes=changes,
        # The row as it will be stored: every stamp above is set, defaults are filled.
        row_hash=record_digest(record),
    )


# The tables whose surnames store.name_index files (tests compare with its owners).
NAME_INDEXED_TABLES = frozenset({"person", "watchlist_person"})


@event.listens_for(Session, "before_flush")
def _track_writes(session: Session, _flush_context: Any, _instances: Any) -> None:
    ctx: WriteContext | None = session.info.get("write_context")
    pending = [o for o in session.new if isinstance(o, SyncRecord)]
    dirty = [o for o in session.dirty if isinstance(o, SyncRecord) and session.is_modified(o)]
    removed = [o for o in session.deleted if isinstance(o, SyncRecord)]
    if not (pending or dirty or removed):
        return
    if ctx is None:
        raise UntrackedWrite("synchronised records are written through Database.write()")
    if removed:
        raise UntrackedWrite("synchronised records are never deleted; set deleted=True")
    if not ctx.replaying:
        with session.no_autoflush:
            observe_stored_stamps(session, ctx)
    for record in pending:
        _log(session, ctx, record, "insert")
    for record in dirty:
        _log(session, ctx, record, "delete" if _became_tombstone(record) else "update")
    named = [o for o in pending + dirty if getattr(o, "__tablename__", "") in NAME_INDEXED_TABLES]
    if named:  # the name-candidate index of persons (its matcher loads only when needed)
        from borderdesk.store.name_index import index_records

        index_records(session, named)


@event.listens_for(Session, "do_orm_execute")
def _refuse_bulk_delete(orm_execute_state: Any) -> None:
    # session.execute(delete(Person)) would bypass before_flush: no tombstone, no log.
    if orm_execute_state.is_delete:
        mapper = orm_execute_state.bind_mapper
        if mapper is not None and issubclass(mapper.class_, SyncRecord):
            raise UntrackedWrite("synchronised records are never deleted; set deleted=True")


def _became_tombstone(record: SyncRecord) -> bool:
    history = inspect(record).attrs["deleted"].history
    return bool(history.added and history.added[0])
