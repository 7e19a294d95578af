"""Other sites' audit chains, kept apart from this site's own so both verify.

A post's entries reach HQ in its packages; each package also carries the post's signed
chain head, so HQ can tell whether the entries it holds are the chain the post has.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Any

import orjson
from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session
from sqlmodel import col

from borderdesk.i18n import _
from borderdesk.store.raw_insert import copy_columns, uses_copy, uuid_blobs
from borderdesk.store.tables import ForeignAuditEntry
from borderdesk.store.tracking import GENESIS_HASH, audit_hash, entry_fields
from borderdesk.sync import storage
from borderdesk.sync.body import Columns
from borderdesk.sync.refusals import PackageRefused
from borderdesk.sync.rows import typed_row

_TABLE = ForeignAuditEntry.__table__  # type: ignore[attr-defined]


@dataclass(frozen=True)
class ChainCheck:
    site: str
    ok: bool
    entries: int
    message: str


def _fields(entry: dict[str, Any]) -> dict[str, Any]:
    # The same fields, in the same spelling, as store.tracking.audit_fields.
    return entry_fields(entry)


def held_up_to(session: Session, site: str) -> tuple[int, str]:
    """The last entry of ``site``'s chain held here: (seq, hash)."""
    row = session.execute(
        select(col(ForeignAuditEntry.seq), col(ForeignAuditEntry.hash))
        .where(col(ForeignAuditEntry.site) == site)
        .order_by(col(ForeignAuditEntry.seq).desc())
        .limit(1)
    ).first()
    return (row[0], row[1]) if row else (0, GENESIS_HASH)


def _hash(prev: str, fields: dict[str, Any]) -> str:
    """``audit_hash`` with orjson: the same canonical bytes for strings, whole numbers
    and nulls (the only values of an entry's fields), a tenth of the time."""
    if float in {type(v) for v in fields.values()}:  # orjson spells floats apart
        return audit_hash(prev, fields)
    try:
        text = orjson.dumps(fields, option=orjson.OPT_SORT_KEYS)
    except (TypeError, orjson.JSONEncodeError):
        return audit_hash(prev, fields)
    return hashlib.sha256(prev.encode() + b"|" + text).hexdigest()


def store_entries(session: Session, site: str, entries: list[dict[str, Any]]) -> int:
    """Append the entries that continue ``site``'s chain here; refuse a chain that breaks.

    A package leaves each entry's link and hash out (they follow from the fields and the
    entry before); they are computed here from the last entry held, and a package that
    still carries them must carry the same.
    """
    seq, prev = held_up_to(session, site)
    new = sorted((e for e in entries if _seq(e) > seq), key=_seq)
    rows = []
    for entry in new:
        if entry.get("site") != site or entry["seq"] != seq + 1:
            raise _broken(site, seq + 1)
        if entry.get("prev_hash", prev) != prev:
            raise _broken(site, seq + 1)
        try:
            digest = _hash(prev, _fields(entry))
        except (KeyError, TypeError, AttributeError):
            raise _broken(site, seq + 1) from None
        if entry.get("hash", digest) != digest:
            raise _broken(site, entry["seq"])
        rows.append({**entry, "prev_hash": prev, "hash": digest})
        seq, prev = entry["seq"], digest
    if rows:
        _refuse_unheld_values(site, {
            "seq": [r["seq"] for r in rows],
            "record_id": [r.get("record_id") for r in rows],
            "row_hash": [r.get("row_hash", "") for r in rows],
        })  # fmt: skip
    if rows and storage.uses_storage_form(session):
        storage.insert_stored(session, _TABLE, [storage.stored(_TABLE, r) for r in rows])
    elif rows:
        session.execute(insert(_TABLE), [typed_row(_TABLE, r) for r in rows])
    return len(rows)


_PLAIN = frozenset({str, int, type(None)})
_LINKS = frozenset({"prev_hash", "hash"})


def store_entry_columns(session: Session, site: str, audit: Columns) -> int:
    """:func:`store_entries` of a format 2 body's entries, column by column; entries
    that are not the plain run it expects (in order, fields of plain types, no links
    sent) take :func:`store_entries` itself."""
    if not len(audit):
        return 0
    names = [n for n in audit.names if n in _TABLE.c]
    seqs = audit.column("seq")
    plain = (
        seqs is not None
        and not _LINKS & set(audit.names)
        and all(set(map(type, audit.values[i])) <= _PLAIN for i in range(len(audit.names)))
        and all(type(n) is int for n in seqs)
        and all(a < b for a, b in zip(seqs, seqs[1:], strict=False))
    )
    if not plain:
        return store_entries(session, site, list(audit.rows()))
    assert seqs is not None
    seq, prev = held_up_to(session, site)
    start = bisect_right(seqs, seq)
    columns = {n: audit.values[audit.names.index(n)][start:] for n in names}
    count = len(seqs) - start
    if not count:
        return 0
    if seqs[start] != seq + 1 or seqs[-1] != seq + count:
        raise _broken(site, seq + 1)
    if any(s != site for s in columns.get("site", [None])):
        raise _broken(site, seq + 1)
    blank = [None] * count
    fields = [columns.get(n, blank) for n in ("action", "actor", "at", "seq")]
    if any(f is blank for f in fields):
        raise _broken(site, seq + 1)
    table_names = columns.get("table_name", [""] * count)
    record_ids = columns.get("record_id", blank)
    changes = columns.get("changes", ["{}"] * count)
    row_hashes = columns.get("row_hash", [""] * count)
    sha256, dumps = hashlib.sha256, orjson.dumps
    first, hashes = _digest_bytes(prev), []
    for action, actor, at, number, table, record, change, row_hash in zip(
        *fields[:3], fields[3], table_names, record_ids, changes, row_hashes, strict=True
    ):
        # entry_fields, keys in sorted order (no sorting per entry).
        entry: dict[str, Any] = {
            "action": action, "actor": actor, "at": at, "changes": change, "record_id": record,
        }  # fmt: skip
        if row_hash:
            entry["row_hash"] = row_hash
        entry["seq"], entry["site"], entry["table"] = number, site, table
        # The hex chains on (it is in the next entry's hashed text); the bytes are stored.
        digest = sha256(prev.encode() + b"|" + dumps(entry)).digest()
        prev = digest.hex()
        hashes.append(digest)
    columns["site"] = [site] * count
    # _refuse_unheld_values, its row seals refused (or not) as they are made bytes below.
    storage.refuse_unreadable_ids(_TABLE, columns)
    sqlite = storage.uses_storage_form(session)
    # As SQLite binds blobs fastest (store.raw_insert), as bytes elsewhere.
    blob = bytearray if sqlite else bytes
    # Each entry links to the one before: the first to the last held here.
    links = hashes if blob is bytes else list(map(blob, hashes))
    columns["prev_hash"], columns["hash"] = [blob(first), *links[:-1]], links
    if "row_hash" in columns:
        columns["row_hash"] = _row_hash_blobs(site, columns["seq"], columns["row_hash"], blob)
    if sqlite:
        if "record_id" in columns:  # each spelt as str(uuid.UUID): checked above
            columns["record_id"] = uuid_blobs(columns["record_id"])
        for name, into, _out in storage.spellings(_TABLE):
            if name in columns and name not in _SPELT:
                columns[name] = storage.stored_column(
                    _TABLE, name, columns[name], into, records=columns["seq"], repeats=name == "at"
                )
        # A site's bulk writes make long runs of entries that differ only in their
        # number, record and digests: those go in by SQLite's own loop.
        storage.insert_stored_in_runs(session, _TABLE, columns, counter="seq", widths=_WIDTHS)
    elif uses_copy(session) and _spelt_for_copy(columns):
        quoted = ", ".join(f'"{n}"' for n in columns)
        copy_columns(session, f'COPY "{_TABLE.name}" ({quoted}) FROM STDIN', list(columns.values()))
    else:
        rows = [dict(zip(columns, r, strict=True)) for r in zip(*columns.values(), strict=True)]
        session.execute(insert(_TABLE), [typed_row(_TABLE, r) for r in rows])
    return count


# The entry's blobs of one size (a record id, three digests; an empty row seal or a
# text left by an older program breaks a run).
_WIDTHS = {"record_id": 16, "prev_hash": 32, "hash": 32, "row_hash": 32}
# Columns the stored path has spelt as SQLite stores them already.
_SPELT = frozenset({"prev_hash", "hash", "row_hash", "record_id"})
# What a row seal's digest is: none, or SHA-256 as 64 lowercase hex digits.
_ROW_HASH = re.compile(r"(?:[0-9a-f]{64})?")


def _digest_bytes(text: str) -> bytes:
    """A held hash as HexDigest stores it; text that is not hex (an entry edited behind
    the program's back) as its bytes of text, as migration 0010f keeps it."""
    try:
        return bytes.fromhex(text)
    except ValueError:
        return text.encode()


def _refuse_unheld_values(site: str, columns: dict[str, list[Any]]) -> None:
    """Refuse entries this table cannot hold as sent, before anything is written: a
    record id not spelt as ``str(uuid.UUID)`` (the stored path's refusal, on every
    engine), or a row seal that is not a digest (stored as its bytes, it would read
    back otherwise and the chain would no longer verify)."""
    storage.refuse_unreadable_ids(_TABLE, columns)
    if "row_hash" in columns:
        _row_hash_blobs(site, columns["seq"], columns["row_hash"], bytes)


def _row_hash_blobs(
    site: str, seqs: list[Any], values: list[Any], blob: type[bytes] | type[bytearray]
) -> list[Any]:
    """The row seals' bytes (as ``blob``), or the refusal of the first entry whose seal
    is not a digest. One ``fromhex`` of the whole column: whitespace it would skip and
    capitals it would take show as a length or a text that differs."""
    sizes = list(map(len, values)) if all(type(v) is str for v in values) else None
    if sizes is not None and set(sizes) <= {0, 64}:
        joined = "".join(values)
        try:
            packed = blob.fromhex(joined) if joined == joined.lower() else None
        except ValueError:
            packed = None
        if packed is not None and 2 * len(packed) == len(joined):
            if set(sizes) == {64}:
                return [packed[at : at + 32] for at in range(0, len(packed), 32)]
            out, at = [], 0
            for size in sizes:
                out.append(packed[at : at + size // 2])
                at += size // 2
            return out
    for number, value in zip(seqs, values, strict=True):
        if type(value) is not str or not _ROW_HASH.fullmatch(value):
            raise _broken(site, number)
    return [blob.fromhex(v) for v in values]  # not reached: a value above was refused


_UUIDS = re.compile(r"(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12},)*")


def _spelt_for_copy(columns: dict[str, list[Any]]) -> bool:
    """Whether the server reads these texts as the typed path binds them: record ids of
    a UUID's shape, times in UTC with their zone (a zone-less one it would read in its
    own)."""
    ids = [v for v in columns.get("record_id", ()) if v is not None]
    if not all(type(v) is str for v in ids) or not _UUIDS.fullmatch("".join(v + "," for v in ids)):
        return False
    return all(
        type(v) is str and v.endswith("+00:00") and v[10:11] == "T" for v in set(columns["at"])
    )


def _seq(entry: dict[str, Any]) -> int:
    seq = entry.get("seq")
    return seq if isinstance(seq, int) and not isinstance(seq, bool) else 0


def check_head(session: Session, site: str, head: str) -> ChainCheck:
    """The end of ``site``'s chain as held here against the ``head`` it signed.

    Every entry was checked against the one before when it arrived (``store_entries``),
    so at import only the end needs comparing: no walk over years of entries.
    """
    seq, last = held_up_to(session, site)
    signed_seq = head.partition(":")[0]
    # As verify_chain: a head past what is held cannot be compared yet.
    if head and head != f"{seq}:{last}" and (not signed_seq.isdigit() or int(signed_seq) <= seq):
        return ChainCheck(site, False, seq, _differs(site))
    return ChainCheck(
        site,
        True,
        seq,
        _("Audit log of {site} intact: {n} entries checked.").format(site=site, n=seq),
    )


def _differs(site: str) -> str:
    return _("The audit log of {site} held here differs from the head it signed.").format(site=site)


def _broken(site: str, seq: int) -> PackageRefused:
    return PackageRefused(
        _("The audit log of {site} in this package does not continue at entry {seq}.").format(
            site=site, seq=seq
        ),
        code="audit_broken",
    )


def verify_chain(session: Session, site: str, head: str) -> ChainCheck:
    """Walk ``site``'s chain as held here and compare its end with the signed ``head``."""
    prev, expected, count = GENESIS_HASH, 1, 0
    stmt = (
        select(ForeignAuditEntry)
        .where(col(ForeignAuditEntry.site) == site)
        .order_by(col(ForeignAuditEntry.seq))
    )
    for entry in session.execute(stmt).scalars():
        fields = {c.name: getattr(entry, c.name) for c in _TABLE.columns}
        from borderdesk.store.serialise import plain_value

        fields = {k: plain_value(v) for k, v in fields.items()}
        if entry.seq != expected or entry.prev_hash != prev:
            return ChainCheck(site, False, count, _broken(site, expected).message)
        if audit_hash(prev, _fields(fields)) != entry.hash:
            return ChainCheck(site, False, count, _broken(site, entry.seq).message)
        prev, expected, count = entry.hash, expected + 1, count + 1
    if head and head != f"{count}:{prev}" and int(head.split(":", 1)[0]) <= count:
        return ChainCheck(
            site,
            False,
            count,
            _differs(site),
        )
    return ChainCheck(
        site,
        True,
        count,
        _("Audit log of {site} intact: {n} entries checked.").format(site=site, n=count),
    )


def count_held(session: Session, site: str) -> int:
    stmt = select(func.count()).select_from(_TABLE).where(_TABLE.c.site == site)
    return int(session.execute(stmt).scalar_one())
