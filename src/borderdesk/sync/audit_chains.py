"""Other sites' audit chains, kept apart from this site's own so both verify.

A post's entries reach HQ in its packages; each package also carries the post's signed
chain head, so HQ can tell whether the entries it holds are the chain the post has.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session
from sqlmodel import col

from borderdesk.i18n import _
from borderdesk.store.tables import ForeignAuditEntry
from borderdesk.store.tracking import GENESIS_HASH, audit_hash, entry_fields
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


def store_entries(session: Session, site: str, entries: list[dict[str, Any]]) -> int:
    """Append the entries that continue ``site``'s chain here; refuse a chain that breaks."""
    seq, prev = held_up_to(session, site)
    new = sorted((e for e in entries if int(e.get("seq", 0)) > seq), key=lambda e: e["seq"])
    rows = []
    for entry in new:
        if entry.get("site") != site or entry["seq"] != seq + 1 or entry["prev_hash"] != prev:
            raise _broken(site, seq + 1)
        if audit_hash(prev, _fields(entry)) != entry["hash"]:
            raise _broken(site, entry["seq"])
        rows.append(typed_row(_TABLE, entry))
        seq, prev = entry["seq"], entry["hash"]
    if rows:
        session.execute(insert(_TABLE), rows)
    return len(rows)


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
            _("The audit log of {site} held here differs from the head it signed.").format(
                site=site
            ),
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
