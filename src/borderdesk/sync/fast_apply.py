"""Merging a format 2 package: rows new at this site in bulk, everything else row by row.

A batch of a table whose rows are all new here (no row of that id, no id twice), with
every column and nothing a unique column or a secret could make a conflict of, needs
none of the merge's per-row decisions: each row is inserted as sent, logged, sealed
and (persons, watchlist entries) filed in the name index, exactly as ``sync.apply``
would, but column by column: one ``executemany`` on SQLite (in the stored form of
``sync.storage``), one ``COPY`` on PostgreSQL. Any other batch goes through
``sync.apply._apply_table`` as its format 1 entries. The result is the same database;
the sync tests compare every synchronised table row by row across both paths.

The garbage collector is paused while a package is applied: the hundreds of thousands
of rows and values made here are all alive until the end, and its passes over them
would cost more than the work.
"""

from __future__ import annotations

import gc
import hashlib
import re
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from functools import cache
from typing import Any

import orjson
from sqlalchemy import Table, insert, select, text
from sqlalchemy.orm import Session

from borderdesk.store.fast_json import FAST_TYPES
from borderdesk.store.name_index import index_table_surnames
from borderdesk.store.raw_insert import copy_columns, uses_copy
from borderdesk.store.row_digest import row_digests
from borderdesk.store.tables import ChangeLogEntry
from borderdesk.store.tracking import WriteContext, append_batch_seal
from borderdesk.sync import routing, storage
from borderdesk.sync.apply import BATCH, ApplyResult, Progress, _apply_table
from borderdesk.sync.body import TableBlock
from borderdesk.sync.rows import chunks, respelt, to_uuid, typed_row

_LOG: Table = ChangeLogEntry.__table__  # type: ignore[attr-defined]
_LOG_COLUMNS = (
    "table_name", "record_id", "operation", "version", "hlc", "origin_site", "recorded_at",
    "payload",
)  # fmt: skip


@contextmanager
def paused_gc() -> Iterator[None]:
    """No collection while the block runs (a package's rows live until it is applied)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def apply_blocks(
    session: Session,
    blocks: list[TableBlock],
    *,
    sender: str,
    now: datetime,
    progress: Progress | None = None,
) -> ApplyResult:
    """Merge the blocks of a format 2 body into ``session`` (as ``apply.apply_records``
    merges the same records)."""
    if session.get_bind().dialect.name == "sqlite":
        # Parents and children may arrive in one package; check the keys at commit.
        session.execute(text("PRAGMA defer_foreign_keys = ON"))
    by_table: dict[str, list[TableBlock]] = defaultdict(list)
    for block in blocks:
        by_table[block.table].append(block)
    total = sum(len(block) for block in blocks)
    result, done = ApplyResult(), 0

    def moved(count: int) -> None:
        nonlocal done
        done += count
        if progress is not None:
            progress(done, total)

    for table in routing.synced_tables():
        mine = by_table.pop(table.name, [])
        if len(mine) == 1 and _bulk_table(table, mine[0]):
            block = mine[0]
            for start in range(0, len(block), BATCH):
                stop = min(start + BATCH, len(block))
                bulk = _insert_new(session, table, block, start, stop, now)
                if bulk is None:
                    bulk = _apply_table(session, table, block.entries(start, stop), sender, now)
                result.add(bulk)
                moved(stop - start)
            continue
        # In batches, parents first, so a progress bar moves (all in one transaction).
        entries = [entry for block in mine for entry in block.entries()]
        for start in range(0, len(entries), BATCH):
            batch = entries[start : start + BATCH]
            result.add(_apply_table(session, table, batch, sender, now))
            moved(len(batch))
    # Tables this schema does not have cannot arrive (a newer schema is refused first).
    result.skipped += sum(len(block) for rest in by_table.values() for block in rest)
    return result


@cache
def _unique_columns(table: Table) -> bool:
    return any(c.unique and not c.primary_key for c in table.columns)


def _bulk_table(table: Table, block: TableBlock) -> bool:
    """Whether new rows of this block may be inserted in bulk: every column there, no
    secret kept back, no unique value that could clash with another record here."""
    return (
        table.name not in routing.SECRET_COLUMNS
        and not _unique_columns(table)
        and len(block.columns.names) == len(table.columns)
        and set(block.columns.names) == set(table.columns.keys())
    )


def _insert_new(
    session: Session, table: Table, block: TableBlock, start: int, stop: int, now: datetime
) -> ApplyResult | None:
    """Rows ``start:stop`` of ``block`` inserted in bulk, or None (nothing written) where
    one of them is not new here or is spelt unlike what this path writes."""
    names = [c.name for c in table.columns]
    given = {
        name: block.columns.values[i][start:stop] for i, name in enumerate(block.columns.names)
    }
    sent = {name: given[name] for name in names}  # in the table's order
    ids = sent["id"]
    # Ids spelt as str(uuid.UUID) (a row is sealed by its UUID), each once, none here.
    if not _all_normal("uuid", ids) or None in ids or len(set(ids)) != len(ids):
        return None
    if _any_here(session, table, ids):
        return None
    written: tuple[dict[str, list[Any]], list[str]] | None
    if storage.uses_storage_form(session):
        written = _write_stored(session, table, sent, now)
    else:
        written = _write_typed(session, table, sent, now)
    if written is None:
        return None
    canonical, record_ids = written
    digests = _digests(table, canonical)
    ctx: WriteContext = session.info["write_context"]
    # One entry seals the batch: ids of UUID shape (checked above), hex digests.
    append_batch_seal(
        session, actor=ctx.actor, site=ctx.site, action=f"{table.name}.sync",
        table_name=str(table.name), record_ids=record_ids, digests=digests,
    )  # fmt: skip
    result = ApplyResult()
    result.applied = len(ids)
    result.applied_stamps = list(sent["hlc"])
    return result


def _stored_ids_json(ids: list[str]) -> str:
    """The records' ids as SQLite stores them, as one JSON list made in one pass: each
    is str(uuid.UUID) (checked by the caller), hex digits once its dashes go, nothing
    JSON would escape."""
    return '["' + '","'.join(ids).replace("-", "") + '"]'


def _any_here(session: Session, table: Table, ids: list[Any]) -> bool:
    """Whether any of these records (canonical UUID texts) is here already."""
    dialect = session.get_bind().dialect.name
    connection = session.connection()
    if dialect == "sqlite" and storage.uses_storage_form(session):
        found = connection.exec_driver_sql(
            f'SELECT 1 FROM "{table.name}" WHERE id IN (SELECT value FROM json_each(?)) LIMIT 1',
            (_stored_ids_json(ids),),
        )
        return found.first() is not None
    if dialect == "postgresql":
        found = connection.exec_driver_sql(
            f'SELECT 1 FROM "{table.name}" WHERE id = ANY(%(ids)s::uuid[]) LIMIT 1',
            {"ids": "{" + ",".join(ids) + "}"},  # an array's text: UUIDs need no quotes
        )
        return found.first() is not None
    for chunk in chunks([to_uuid(i) for i in ids]):
        if session.execute(select(table.c.id).where(table.c.id.in_(chunk)).limit(1)).first():
            return True
    return False


def _write_stored(
    session: Session, table: Table, sent: dict[str, list[Any]], now: datetime
) -> tuple[dict[str, list[Any]], list[str]]:
    """SQLite: rows, change log and name index in the stored form; returns the rows as
    they read back (``storage.canonical``) and the records' ids as canonical text. A
    record id column with a value that is not one is refused before anything is written
    (``storage.refuse_unreadable_ids``, one pattern over each column)."""
    storage.refuse_unreadable_ids(table, sent)
    stored = dict(sent)
    canonical = dict(sent)
    for name, into, out in storage.spellings(table):
        stored[name] = values = storage.stored_column(
            table, name, sent[name], into, records=sent["id"], repeats=name not in _KEYS
        )
        if storage.kind_of(table.c[name]) != "uuid":
            canonical[name] = respelt(values, out, repeats=name not in _KEYS)
        # A record id reads back as sent: each was checked to be str(uuid.UUID) above.
    for name in storage.flag_columns(table):
        canonical[name] = [None if v is None else bool(v) for v in sent[name]]
    last = storage.last_rowid(session, table)
    storage.insert_stored_columns(session, table, stored)
    _index_names(session, table, stored)
    recorded_at = storage.stored(_LOG, {"recorded_at": now.isoformat()})["recorded_at"]
    _log_inserted(session, table, last, recorded_at)
    return canonical, canonical["id"]


def _log_inserted(session: Session, table: Table, last: int, recorded_at: str) -> None:
    """SQLite: the change-log entries of the rows just inserted (``_log_columns``'
    entries), copied from the rows by SQLite itself, in the rows' order: no value bound
    from Python per entry. ``last``: the table's largest rowid before them (SQLite gives
    each new row the next one, so theirs are the ones above it)."""
    columns = ", ".join(f'"{n}"' for n in _LOG_COLUMNS)
    storage.driver_execute(
        session,
        f'INSERT INTO "{_LOG.name}" ({columns}) '
        f"SELECT ?, t.id, ?, t.version, t.hlc, t.origin_site, ?, ? "
        f'FROM "{table.name}" AS t WHERE t.rowid > ? ORDER BY t.rowid',
        (str(table.name), "insert", recorded_at, "", last),
    )


# Columns whose values are unique (ids): not worth remembering each spelling.
_KEYS = frozenset({"id"})


def _write_typed(
    session: Session, table: Table, sent: dict[str, list[Any]], now: datetime
) -> tuple[dict[str, list[Any]], list[str]] | None:
    """PostgreSQL (and the typed path): by COPY of the package's texts where the
    server reads them as the typed path binds them; None where a value is spelt
    otherwise (then the batch goes row by row)."""
    for name, kind in _kinds(table):
        if not _all_normal(kind, sent[name]):
            return None
    if uses_copy(session):
        quoted = ", ".join(f'"{n}"' for n in sent)
        copy_columns(session, f'COPY "{table.name}" ({quoted}) FROM STDIN', list(sent.values()))
        log = _log_columns(table, sent, now.isoformat())
        quoted = ", ".join(f'"{n}"' for n in log)
        copy_columns(session, f'COPY "{_LOG.name}" ({quoted}) FROM STDIN', list(log.values()))
    else:
        rows = [
            typed_row(table, dict(zip(sent, r, strict=True)))
            for r in zip(*sent.values(), strict=True)
        ]
        session.execute(insert(table), rows)
        log = _log_columns(table, sent, now.isoformat())
        session.execute(
            insert(_LOG),
            [
                typed_row(_LOG, dict(zip(log, r, strict=True)))
                for r in zip(*log.values(), strict=True)
            ],
        )
    _index_names(session, table, sent)
    return sent, sent["id"]


def _log_columns(table: Table, rows: dict[str, list[Any]], recorded_at: Any) -> dict[str, list]:
    """The change-log entries of inserted rows (as ``apply._apply_table`` writes them)."""
    count = len(rows["id"])
    return dict(
        zip(
            _LOG_COLUMNS,
            (
                [str(table.name)] * count,
                rows["id"],
                ["insert"] * count,
                rows["version"],
                rows["hlc"],
                rows["origin_site"],
                [recorded_at] * count,
                # Export rebuilds packages from the rows: an imported change needs no copy.
                [""] * count,
            ),
            strict=True,
        )
    )


def _index_names(session: Session, table: Table, rows: dict[str, list[Any]]) -> None:
    if "surname" in rows and "deleted" in rows:
        # index_rows' choice (live rows with a surname), without a dict per row.
        named = {s for s, d in zip(rows["surname"], rows["deleted"], strict=True) if s and not d}
        index_table_surnames(session, table.name, named)


def _digests(table: Table, rows: dict[str, list[Any]]) -> list[str]:
    """``row_digests`` of the rows as they read back, column by column: each row's
    canonical JSON by orjson (sorted names, so no sorting per row)."""
    names = sorted(rows)
    if not all(set(map(type, rows[name])) <= FAST_TYPES for name in names):
        return row_digests(
            table, [dict(zip(rows, r, strict=True)) for r in zip(*rows.values(), strict=True)]
        )
    dumps, sha256, out = orjson.dumps, hashlib.sha256, []
    for values in zip(*(rows[name] for name in names), strict=True):
        try:
            spelt = dumps(dict(zip(names, values, strict=True)))
        except TypeError:  # orjson refuses it (a lone surrogate): the standard way
            out.append(row_digests(table, [dict(zip(names, values, strict=True))])[0])
            continue
        out.append(sha256(spelt).hexdigest())
    return out


# The shapes of str(uuid.UUID), datetime.isoformat() of a UTC time and date.isoformat():
# what the typed path reads back and seals. Whether the digits make a date was checked
# before anything was written (sync.unreadable_dates); the server checks a UUID's.
_SHAPES = {
    "uuid": re.compile(r"(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\x1f)*"),
    "time": re.compile(r"(?:\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.(?!000000)\d{6})?\+00:00\x1f)*"),
    "date": re.compile(r"(?:\d{4}-\d\d-\d\d\x1f)*"),
}


def _all_normal(kind: str, values: list[Any]) -> bool:
    """Whether every value of a column of this kind is spelt as the typed path spells it
    (one pass of a pattern over the column, not a call per value)."""
    present = [v for v in values if v is not None]
    if kind == "flag":
        return all(type(v) is bool for v in present)
    if kind not in _SHAPES:
        # COPY's text form of a list (JSON) or of bytes (a digest) is not the
        # package's spelling: such values go by the typed path, row by row.
        return not present
    if not all(type(v) is str for v in present):
        return False
    joined = "".join(v + "\x1f" for v in present)
    # One separator per value: none smuggles one in to pass as two values.
    return joined.count("\x1f") == len(present) and _SHAPES[kind].fullmatch(joined) is not None


@cache
def _kinds(table: Table) -> tuple[tuple[str, str], ...]:
    return tuple((c.name, storage.kind_of(c)) for c in table.columns if storage.kind_of(c))
