"""Reading and verifying the hash-chained audit log."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import col, select

from borderdesk.i18n import _
from borderdesk.services.access.permissions import Actor, Permission, require
from borderdesk.store.database import Database
from borderdesk.store.tables import AuditEntry, LocalSetting
from borderdesk.store.tracking import AUDIT_HEAD_KEY, GENESIS_HASH, audit_fields, audit_hash


@dataclass(frozen=True)
class AuditRow:
    seq: int
    at: datetime
    site: str
    actor: str
    action: str
    table_name: str
    record_id: str
    changes: dict[str, object]

    def changes_text(self) -> str:
        return ", ".join(f"{key}: {value}" for key, value in self.changes.items())


@dataclass(frozen=True)
class AuditFilter:
    actor: str = ""
    action: str = ""
    since: datetime | None = None
    until: datetime | None = None
    limit: int = 5000


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    checked: int
    broken_seq: int | None
    message: str


def list_entries(db: Database, *, actor: Actor, where: AuditFilter | None = None) -> list[AuditRow]:
    require(actor, Permission.view_audit)
    where = where or AuditFilter()
    stmt = select(AuditEntry)
    if where.actor:
        stmt = stmt.where(AuditEntry.actor == where.actor)
    if where.action:
        stmt = stmt.where(col(AuditEntry.action).contains(where.action))
    if where.since:
        stmt = stmt.where(AuditEntry.at >= where.since)
    if where.until:
        stmt = stmt.where(AuditEntry.at < where.until)
    stmt = stmt.order_by(col(AuditEntry.seq).desc()).limit(where.limit)
    with db.read() as session:
        return [
            AuditRow(
                seq=e.seq,
                at=e.at,
                site=e.site,
                actor=e.actor,
                action=e.action,
                table_name=e.table_name,
                record_id=str(e.record_id) if e.record_id else "",
                changes=json.loads(e.changes or "{}"),
            )
            for e in session.exec(stmt)
        ]


def verify_chain(db: Database, *, actor: Actor) -> VerifyResult:
    """Walk the chain: each entry's hash, its link to the previous one, and the stored head.

    Editing a row breaks its hash; deleting or reordering rows breaks the sequence or a
    link; cutting entries off the end disagrees with the head kept beside the log.
    """
    require(actor, Permission.verify_audit)
    prev = GENESIS_HASH
    expected_seq = 1
    checked = 0
    with db.read() as session:
        for entry in session.exec(select(AuditEntry).order_by(col(AuditEntry.seq))):
            if entry.seq != expected_seq:
                return _broken(
                    expected_seq, checked, _("entry {seq} is missing").format(seq=expected_seq)
                )
            if entry.prev_hash != prev:
                return _broken(
                    entry.seq,
                    checked,
                    _("entry {seq} does not link to the one before it").format(seq=entry.seq),
                )
            if audit_hash(prev, audit_fields(entry)) != entry.hash:
                return _broken(
                    entry.seq, checked, _("entry {seq} was altered").format(seq=entry.seq)
                )
            prev = entry.hash
            expected_seq += 1
            checked += 1
        head = session.get(LocalSetting, AUDIT_HEAD_KEY)
    head_seq, _sep, head_hash = (head.value if head else f"0:{GENESIS_HASH}").partition(":")
    if head_seq != str(checked):
        if head_seq.isdigit() and int(head_seq) < checked:
            # Entries appended behind the chain's back (the head was not moved).
            first = int(head_seq) + 1
            return _broken(first, checked, _("entry {seq} was added").format(seq=first))
        return _broken(
            checked + 1, checked, _("entries after {seq} were removed").format(seq=checked)
        )
    if head_hash != prev:
        # The last entry was rewritten with a fresh hash: nothing after it to break a link.
        return _broken(checked, checked, _("entry {seq} was altered").format(seq=checked))
    return VerifyResult(
        ok=True,
        checked=checked,
        broken_seq=None,
        message=_("Audit log intact: {n} entries checked.").format(n=checked),
    )


def _broken(seq: int, checked: int, detail: str) -> VerifyResult:
    return VerifyResult(
        ok=False,
        checked=checked,
        broken_seq=seq,
        message=_("Audit log broken at entry {seq}: {detail}.").format(seq=seq, detail=detail),
    )


def _number_queries() -> dict[str, Any]:
    """Per audited table: a query from record ids to the number people know the record by."""
    from borderdesk.store.tables import (
        CaseEvent,
        CaseEvidence,
        CaseScan,
        CentreStay,
        DocumentCheck,
        ReadmissionCase,
        Transfer,
        User,
    )

    def own(model: Any, number: Any) -> Any:
        return lambda ids: select(model.id, number).where(col(model.id).in_(ids))

    def of_case(model: Any) -> Any:
        return lambda ids: (
            select(model.id, ReadmissionCase.case_number)
            .join(ReadmissionCase, col(ReadmissionCase.id) == col(model.case_id))
            .where(col(model.id).in_(ids))
        )

    return {
        "readmission_case": own(ReadmissionCase, ReadmissionCase.case_number),
        "case_event": of_case(CaseEvent),
        "case_evidence": of_case(CaseEvidence),
        "case_scan": of_case(CaseScan),
        "centre_stay": own(CentreStay, CentreStay.stay_number),
        "centre_transfer": own(Transfer, Transfer.transfer_number),
        "document_check": own(DocumentCheck, DocumentCheck.protocol_number),
        "user_account": own(User, User.username),
    }


def record_numbers(db: Database, *, actor: Actor, rows: list[AuditRow]) -> dict[str, str]:
    """Record id → its case, stay, transfer or protocol number (or user name), for ``rows``.

    One query per table that has such a number; records without one are left out.
    """
    require(actor, Permission.view_audit)
    queries = _number_queries()
    wanted: dict[str, set[uuid.UUID]] = {}
    for row in rows:
        if row.record_id and row.table_name in queries:
            try:
                wanted.setdefault(row.table_name, set()).add(uuid.UUID(row.record_id))
            except ValueError:  # a bad stored id is shown raw, not a crash
                continue
    numbers: dict[str, str] = {}
    with db.read() as session:
        for table, ids in wanted.items():
            for record_id, number in session.exec(queries[table](list(ids))).all():
                if number:
                    numbers[str(record_id)] = str(number)
    return numbers
