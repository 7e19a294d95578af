"""Building a package for a peer from a session: every change past what it acknowledged.

The change log says *which* records changed since the peer's watermarks; the package
carries each record's current row (a newer state supersedes the older ones), so the
log's payloads are never needed here and can be pruned once acknowledged.
"""

from __future__ import annotations

import json
import operator
import uuid
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Table, and_, func, or_, select
from sqlalchemy.orm import Session
from sqlmodel import col

from borderdesk.store import write_barrier
from borderdesk.store.serialise import plain_value
from borderdesk.store.tables import (
    AuditEntry,
    ChangeLogEntry,
    ForeignAuditEntry,
    SyncPeer,
    SyncSharedPerson,
)
from borderdesk.store.tables.sites import SiteKind
from borderdesk.sync import conflicts, routing, storage, unreadable_dates
from borderdesk.sync.body import Columns, PackageBody, TableBlock, blocks_of_records
from borderdesk.sync.envelope import FORMAT_VERSION
from borderdesk.sync.rows import chunks
from borderdesk.sync.watermarks import AUTHOR_OFFSET, Watermarks, advanced

_LOG: Table = ChangeLogEntry.__table__  # type: ignore[attr-defined]
_AUDIT: Table = AuditEntry.__table__  # type: ignore[attr-defined]
_FOREIGN_AUDIT: Table = ForeignAuditEntry.__table__  # type: ignore[attr-defined]
# An audit entry's link to the one before and its own hash: derivable, so not sent.
AUDIT_LINKS = frozenset({"prev_hash", "hash"})


@dataclass(frozen=True)
class LocalSite:
    code: str
    kind: str
    schema: str  # the Alembic revision of this database
    audit_head: str  # "seq:hash" of this site's chain
    audit_head_signature: str = ""  # the site key's signature of that head (head_proof)


@dataclass
class ExportedPackage:
    header: dict[str, Any]
    body: PackageBody


def _author() -> ColumnElement[str]:
    return func.substr(_LOG.c.hlc, AUTHOR_OFFSET + 1)


def window_condition(me: LocalSite, peer: SyncPeer, upto: str | None = None) -> ColumnElement[bool]:
    """Change-log entries the peer has not acknowledged and should get from this site,
    none past ``upto`` (``write_barrier.safe_point``: a write in flight may still commit
    a stamp below what is visible now, and the next package starts past this one)."""
    since: Watermarks = json.loads(peer.acked_upto or "{}")
    author = _author()
    if me.kind != SiteKind.hq:
        # A post or centre sends what it wrote itself.
        cond = and_(author == me.code, _LOG.c.hlc > since.get(me.code, ""))
    else:
        # HQ relays every site's changes, but never a site's own back to it.
        known = [and_(author == a, _LOG.c.hlc > w) for a, w in since.items() if a != peer.site_code]
        unknown = author.not_in(list(since) + [peer.site_code])
        cond = or_(unknown, *known) if known else unknown
    return cond if upto is None else and_(cond, _LOG.c.hlc <= upto)


def _window(session: Session, cond: ColumnElement[bool]) -> list[tuple[str, str]]:
    """The window's newest stamp per table and author (all ``advanced`` needs of it), in
    the database: not a row per change. Compared as bytes, as Python compares them."""
    collation = "C" if session.get_bind().dialect.name == "postgresql" else "BINARY"
    newest = func.max(_LOG.c.hlc.collate(collation))
    stmt = select(_LOG.c.table_name, newest).where(cond).group_by(_LOG.c.table_name, _author())
    return [(name, hlc) for name, hlc in session.execute(stmt)]


@dataclass
class _Scan:
    """One pass over the window's change-log entries (SQLite): the newest stamp per
    table and author, and each table's changed records (their stored ids as one JSON
    array, a record edited twice there twice). Asking the log once per table instead
    costs a walk over the whole window for each, even for a table with one change;
    grouping in SQLite leaves no Python work per entry."""

    newest: list[tuple[str, str]]
    ids: dict[str, str]

    def columns(self, session: Session, table: Table) -> Columns:
        """The changed rows of ``table`` in the package's spelling, in no particular
        order (the caller orders them by stamp)."""
        ids = self.ids.get(table.name)
        if ids is None:
            return Columns([c.name for c in table.columns], [[] for _c in table.columns])
        return storage.fetch_canonical_by_ids(session, table, ids)


def _scan_window(session: Session, cond: ColumnElement[bool]) -> _Scan:
    stmt = (
        select(_LOG.c.table_name, func.max(_LOG.c.hlc), func.json_group_array(_LOG.c.record_id))
        .where(cond)
        .group_by(_LOG.c.table_name, _author())
    )
    sql = str(stmt.compile(dialect=session.get_bind().dialect,
                           compile_kwargs={"literal_binds": True}))  # fmt: skip
    newest: list[tuple[str, str]] = []
    arrays: dict[str, list[str]] = defaultdict(list)
    for name, hlc, ids in storage.driver_rows(session, sql):
        newest.append((name, hlc))
        arrays[name].append(ids)
    # A table changed by several authors (HQ relays every site's): their arrays joined
    # as text (each is "[...]" of quoted hex ids, never empty: a group has a row).
    joined = {name: "[" + ",".join(a[1:-1] for a in found) + "]" for name, found in arrays.items()}
    return _Scan(newest, joined)


def _changed_columns(
    session: Session, table: Table, cond: ColumnElement[bool], scan: _Scan | None
) -> Columns:
    """The window's changed rows of ``table``: by the one pass on SQLite, else asking
    the log for this table."""
    if scan is not None:
        return scan.columns(session, table)
    return _window_columns(session, table, cond)


def _window_columns(session: Session, table: Table, cond: ColumnElement[bool]) -> Columns:
    """The changed rows of ``table`` column by column, in the package's spelling (the
    caller puts them in stamp order: mostly they come in it, by their UUIDv7 keys).
    PostgreSQL hands a join's rows out in no such order: it sorts them by stamp, as
    Python compares them (the "C" collation), quicker than the caller reorders them."""
    changed = select(_LOG.c.record_id).where(cond, _LOG.c.table_name == table.name)
    where = table.c.id.in_(changed)
    if storage.uses_storage_form(session):
        return storage.fetch_canonical_columns(session, table, where)
    dialect = session.get_bind().dialect.name
    by_stamp = table.c.hlc.collate("C") if dialect == "postgresql" else None
    return storage.fetch_typed_columns(session, table, where, order_by=by_stamp)


def _rows_by_ids(session: Session, table: Table, column: str, ids: set[uuid.UUID]) -> list[dict]:
    out: list[dict[str, Any]] = []
    for chunk in chunks(sorted(ids)):
        stmt = select(table).where(table.c[column].in_(chunk))
        out.extend(dict(row) for row in session.execute(stmt).mappings())
    return out


def build_package(
    session: Session,
    *,
    me: LocalSite,
    peer: SyncPeer,
    created_at: datetime,
    progress: Callable[[int, int], None] | None = None,
) -> ExportedPackage:
    """The next package for ``peer``; moves the peer's "sent" bookkeeping in ``session``.

    ``progress(done, total)`` counts tables read, then tables written into the package.
    """
    since: Watermarks = json.loads(peer.acked_upto or "{}")
    # First, before any row lock: it may wait for writers in flight (PostgreSQL).
    cond = window_condition(me, peer, write_barrier.safe_point(session))
    scan = _scan_window(session, cond) if storage.uses_storage_form(session) else None
    window = scan.newest if scan is not None else _window(session, cond)
    upto = advanced(since, [hlc for _table, hlc in window])
    changed_tables = {name for name, _hlc in window}
    number = peer.sent_number + 1
    selected: dict[str, Columns] = {}
    tables = routing.synced_tables()
    steps = 2 * len(tables)

    def step(done: int) -> None:
        if progress is not None:
            progress(done, steps)

    if me.kind == SiteKind.hq:
        selected = _for_site(session, me, peer, cond, number, scan)
        step(len(tables))
    else:
        for done, table in enumerate(tables, start=1):
            if table.name in changed_tables:
                selected[table.name] = _changed_columns(session, table, cond, scan)
            step(done)
    blocks: list[TableBlock] = []
    local_users = routing.site_local_users(session, me.code)
    for done, table in enumerate(tables, start=len(tables) + 1):
        step(done - 1)
        columns = selected.get(table.name)
        if columns is not None and len(columns):
            blocks += _blocks(session, table, columns, peer.site_code, local_users)
    step(steps)
    unreadable_dates.check_export(blocks, recipient=peer.site_code)
    audit = _audit_entries(session, me, peer)
    header = {
        "format": FORMAT_VERSION,
        "schema": me.schema,
        "sender": me.code,
        "sender_kind": me.kind,
        "recipient": peer.site_code,
        "created_at": plain_value(created_at),
        "number": number,
        "since": since,
        "since_number": peer.acked_number,
        "upto": upto,
        "acks": {
            "number": peer.received_number,
            "upto": json.loads(peer.received_upto or "{}"),
        },
        "audit_head": me.audit_head,
        "audit_head_signature": me.audit_head_signature,
        "counts": {"records": sum(len(b) for b in blocks), "audit": len(audit)},
    }
    peer.sent_number = number
    peer.sent_at = created_at
    peer.sent_upto = json.dumps(upto, sort_keys=True)
    session.add(peer)
    return ExportedPackage(header=header, body=PackageBody(blocks=blocks, audit_columns=audit))


def _blocks(
    session: Session, table: Table, columns: Columns, recipient: str, local_users: set[uuid.UUID]
) -> list[TableBlock]:
    """A table's rows for the package, oldest stamp first, each with the stamps this
    site's log holds for it and its last editor (for records edited more than once)."""
    if table.name in routing.SECRET_COLUMNS or table.name == "user_account":
        return _blocks_row_by_row(session, table, list(columns.rows()), recipient, local_users)
    hlcs = columns.values[columns.names.index("hlc")]
    if not all(map(operator.le, hlcs, hlcs[1:])):  # read in order already, mostly (C)
        # Two or more rows (one is in order): itemgetter of them all returns a tuple.
        pick = operator.itemgetter(*sorted(range(len(hlcs)), key=hlcs.__getitem__))
        columns = Columns(columns.names, [list(pick(v)) for v in columns.values])
        hlcs = columns.values[columns.names.index("hlc")]
    ids = columns.values[columns.names.index("id")]
    versions = columns.values[columns.names.index("version")]
    # A record at version 1 was written once, anywhere: its only stamp is its own.
    edited_at = [i for i, v in enumerate(versions) if (v or 0) > 1] if _any_edited(versions) else []
    block = TableBlock(table.name, columns)
    if edited_at:
        edited = [_uuid(ids[i]) for i in edited_at]
        history = _histories(session, table.name, edited)
        for record_id, stamps in conflicts.resolved_stamps(session, edited).items():
            history[record_id] = sorted({*history.get(record_id, []), *stamps})
        editors = _editors(session, edited)
        for i in edited_at:
            key = str(ids[i])
            past = history.get(key)
            if past and past != [hlcs[i]]:
                block.history[i] = past
            if key in editors:
                block.editors[i] = editors[key]
    return [block]


def _any_edited(versions: list[Any]) -> bool:
    """Whether any record is past version 1: one ``max`` in C where every version is a
    number (as stored), else the answer that makes the caller look at each."""
    try:
        return bool(max(versions, default=0) > 1)
    except TypeError:  # a None among them: not comparable
        return True


def _blocks_row_by_row(
    session: Session,
    table: Table,
    rows: list[dict[str, Any]],
    recipient: str,
    local_users: set[uuid.UUID],
) -> list[TableBlock]:
    """The same for the few rows of a table with secrets (users): one by one."""
    if table.name == "user_account" and local_users:
        rows = [r for r in rows if _uuid(r["id"]) not in local_users]
    edited = [_uuid(r["id"]) for r in rows if (r.get("version") or 0) > 1]
    history = _histories(session, table.name, edited)
    for record_id, stamps in conflicts.resolved_stamps(session, edited).items():
        history[record_id] = sorted({*history.get(record_id, []), *stamps})
    editors = _editors(session, edited)
    rows.sort(key=lambda r: r["hlc"])
    secret = table.name in routing.SECRET_COLUMNS
    records: list[dict[str, Any]] = []
    for row in rows:
        entry: dict[str, Any] = {
            "t": table.name,
            "row": routing.strip_secrets(table.name, row, recipient) if secret else row,
        }
        past = history.get(str(row["id"]))
        if past and past != [row["hlc"]]:
            entry["h"] = past
        if str(row["id"]) in editors:
            entry["by"] = editors[str(row["id"])]
        records.append(entry)
    return blocks_of_records(records)


def _histories(session: Session, table: str, ids: list[uuid.UUID]) -> dict[str, list[str]]:
    """Every stamp this site's log holds for each record, oldest first."""
    out: dict[str, list[str]] = defaultdict(list)
    for chunk in chunks(ids):
        stmt = (
            select(_LOG.c.record_id, _LOG.c.hlc)
            .where(_LOG.c.table_name == table, _LOG.c.record_id.in_(chunk))
            .order_by(_LOG.c.hlc)
        )
        for record_id, hlc in session.execute(stmt):
            if not out[str(record_id)] or out[str(record_id)][-1] != hlc:
                out[str(record_id)].append(hlc)
    return out


def _editors(session: Session, ids: list[uuid.UUID]) -> dict[str, str]:
    """Who made the last edit of each record, as this site's audit log says; for a
    record it has no entry of its own for (one a package brought here new, sealed with
    its batch), as the copy of another site's log says (HQ's: the site that wrote it),
    as ``conflicts.last_editor`` reads it."""
    out = _last_actors(session, _AUDIT, _AUDIT.c.seq, ids)
    others = [i for i in ids if str(i) not in out]
    return {**out, **_last_actors(session, _FOREIGN_AUDIT, _FOREIGN_AUDIT.c.at, others)}


def _last_actors(
    session: Session, log: Table, order: ColumnElement[Any], ids: list[uuid.UUID]
) -> dict[str, str]:
    """The actor of each record's last entry in ``log``, in ``order``."""
    out: dict[str, str] = {}
    for chunk in chunks(ids):
        stmt = (
            select(log.c.record_id, log.c.actor).where(log.c.record_id.in_(chunk)).order_by(order)
        )
        for record_id, actor in session.execute(stmt):
            out[str(record_id)] = actor
    return out


def _audit_entries(session: Session, me: LocalSite, peer: SyncPeer) -> Columns:
    """This site's own audit entries the peer lacks; only HQ keeps other sites' chains."""
    if peer.kind != SiteKind.hq:
        return Columns()
    after = _AUDIT.c.seq > peer.acked_audit_seq
    if storage.uses_storage_form(session):
        # The links are left out: each follows from the entry before it, and the
        # recipient recomputes them and checks the end against the signed head.
        return storage.fetch_canonical_columns(
            session, _AUDIT, after, order_by=_AUDIT.c.seq, leave_out=AUDIT_LINKS
        )
    return storage.fetch_typed_columns(
        session, _AUDIT, after, order_by=_AUDIT.c.seq, leave_out=AUDIT_LINKS
    )


def _for_site(
    session: Session,
    me: LocalSite,
    peer: SyncPeer,
    cond: ColumnElement[bool],
    number: int,
    scan: _Scan | None,
) -> dict[str, Columns]:
    """HQ to a site: reference data, and the files of the persons that concern it."""

    def changed(table: Table) -> Columns:
        return _changed_columns(session, table, cond, scan)

    # Reference data (watchlists can be large) stays column by column.
    out: dict[str, Columns] = {name: changed(_table(name)) for name in routing.REFERENCE_TABLES}
    concerned = routing.concerned_persons(session, routing.routing_policy())
    shared = {
        pid: n
        for pid, n in session.execute(
            select(col(SyncSharedPerson.person_id), col(SyncSharedPerson.package_number)).where(
                col(SyncSharedPerson.peer) == peer.site_code
            )
        )
    }
    # Known to the peer: sent in a package it has acknowledged. Others get their whole file.
    known = {pid for pid, n in shared.items() if n <= peer.acked_number and pid in concerned}
    fresh = concerned - known
    fresh_cases: set[uuid.UUID] = set()
    for name, column in routing.PERSON_TABLES.items():
        table = _table(name)
        rows = [r for r in changed(table).rows() if _uuid(r[column]) in known]
        rows += _rows_by_ids(session, table, column, fresh)
        out[name] = Columns.of_dicts(_unique(rows))
        if name == "readmission_case":
            fresh_cases = {_uuid(r["id"]) for r in rows if _uuid(r["person_id"]) in fresh}
    cases = _table("readmission_case")
    for name in routing.CASE_TABLES:
        table = _table(name)
        rows = list(changed(table).rows())
        wanted = select(cases.c.id, cases.c.person_id).where(
            cases.c.id.in_({_uuid(r["case_id"]) for r in rows})
        )
        person_of = {case_id: person_id for case_id, person_id in session.execute(wanted)}
        rows = [r for r in rows if person_of.get(_uuid(r["case_id"])) in known]
        rows += _rows_by_ids(session, table, "case_id", fresh_cases)
        out[name] = Columns.of_dicts(_unique(rows))
    _remember_shared(session, peer.site_code, fresh, concerned, number)
    return out


def _remember_shared(
    session: Session, peer: str, fresh: set[uuid.UUID], concerned: set[uuid.UUID], number: int
) -> None:
    gone = select(SyncSharedPerson).where(col(SyncSharedPerson.peer) == peer)
    for row in session.execute(gone).scalars():
        if row.person_id not in concerned:
            session.delete(row)
        elif row.person_id in fresh:
            row.package_number = number
            fresh = fresh - {row.person_id}
    for pid in fresh:
        session.add(SyncSharedPerson(peer=peer, person_id=pid, package_number=number))


def _unique(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return list({r["id"]: r for r in rows}.values())


def _uuid(value: Any) -> uuid.UUID:
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


def _table(name: str) -> Table:
    table = routing.table_named(name)
    assert table is not None, name
    return table
