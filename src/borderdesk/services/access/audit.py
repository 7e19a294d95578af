"""Reading and verifying the hash-chained audit log."""

from __future__ import annotations

import json
import uuid
from contextlib import AbstractContextManager
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from borderdesk.errors import InputError

# forms.digest, not forms.qr: a login (which reads the head) must not load reportlab.
from borderdesk.forms.digest import AuditMark, parse_qr_payload
from borderdesk.i18n import N_, _
from borderdesk.services.access.permissions import Actor, Permission, require
from borderdesk.store import audit_head, batch_seals
from borderdesk.store.audit_head import AUDIT_HEAD_KEY, GENESIS_HASH, Head
from borderdesk.store.database import Database
from borderdesk.store.limits import check_search_text
from borderdesk.store.row_digest import audited_tables, row_digest
from borderdesk.store.tables import AuditEntry
from borderdesk.store.tracking import audit_fields, audit_hash


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
    # Rows a sync import sealed with this one entry (store.batch_seals); their digests
    # are left out of ``changes``, which holds their number instead.
    sealed: int = 0

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
class SignedHead:
    """This site's chain head as stored, and whether the site key's signature holds."""

    seq: int
    hash: str
    signature_valid: bool


# A peer's head: proven (its kept signature checks with its key now), none (no signed
# package from it yet), not_kept (proven before signatures were kept: the next package
# proves it again) or signature_invalid (the kept head or signature was edited here).
PEER_HEAD_STATES = ("proven", "none", "not_kept", "signature_invalid")


@dataclass(frozen=True)
class PeerHead:
    site: str
    seq: int | None
    hash: str
    state: str

    def to_json(self) -> dict[str, object]:
        return {"site": self.site, "seq": self.seq, "hash": self.hash or None,
                "state": self.state, "proven": self.state == "proven"}  # fmt: skip


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    checked: int
    broken_seq: int | None
    message: str
    # What ``audit verify`` shows beside the verdict: this site's signed head and each
    # peer's head proven by the peer's own signature (from its sync packages).
    own_head: SignedHead | None = None
    peers: tuple[PeerHead, ...] = ()

    def heads_json(self) -> dict[str, object]:
        own = self.own_head
        return {
            "head": None
            if own is None
            else {"seq": own.seq, "hash": own.hash, "signature_valid": own.signature_valid},
            "peers": [peer.to_json() for peer in self.peers],
        }


def list_entries(db: Database, *, actor: Actor, where: AuditFilter | None = None) -> list[AuditRow]:
    require(actor, Permission.view_audit)
    where = where or AuditFilter()
    stmt = select(AuditEntry)
    if where.actor:
        stmt = stmt.where(AuditEntry.actor == where.actor)
    if where.action:
        check_search_text(where.action)
        stmt = stmt.where(col(AuditEntry.action).contains(where.action, autoescape=True))
    if where.since:
        stmt = stmt.where(AuditEntry.at >= where.since)
    if where.until:
        stmt = stmt.where(AuditEntry.at < where.until)
    stmt = stmt.order_by(col(AuditEntry.seq).desc()).limit(where.limit)
    with db.read() as session:
        return [_row(e) for e in session.exec(stmt)]


def _row(entry: AuditEntry) -> AuditRow:
    changes = _changes(entry.changes)
    sealed = batch_seals.sealed_count(entry.record_id, entry.row_hash, changes)
    if sealed:
        changes = {batch_seals.SEALED_ROWS: sealed}
    return AuditRow(
        seq=entry.seq,
        at=entry.at,
        site=entry.site,
        actor=entry.actor,
        action=entry.action,
        table_name=entry.table_name,
        record_id=str(entry.record_id) if entry.record_id else "",
        changes=changes,
        sealed=sealed,
    )


def _changes(text: str) -> dict[str, Any]:
    """An entry's ``changes`` as stored; one that does not read as an object shows as
    itself (the page lists the entry; ``audit verify`` says whether it was altered)."""
    try:
        value = json.loads(text or "{}")
    except (ValueError, TypeError, RecursionError):
        return {"?": text}
    return value if isinstance(value, dict) else {"?": value}


def verify_chain(db: Database, *, actor: Actor) -> VerifyResult:
    """The log against itself, its signed head, and the data it describes.

    Editing an entry breaks its hash; deleting or reordering entries breaks the sequence
    or a link; a head that disagrees with the log or does not carry the site's signature
    says the log was rewritten or cut; and every record must still be the row its last
    audit entry sealed, so a direct edit of a table (or a wiped log) shows too.
    """
    require(actor, Permission.verify_audit)
    site = db.site_code or ""
    with db.read() as session:
        result = check_log(session, site)
        return replace(result, own_head=_own_head(session, site), peers=_peer_heads(session))


def _own_head(session: Session, site: str) -> SignedHead | None:
    signed = audit_head.signed_head(session)
    if signed is None:
        return None
    head, signature = signed
    public = audit_head.site_public_key(session, site)
    valid = audit_head.signature_valid(public, site, head.value, signature)
    return SignedHead(head.seq, head.hash, valid)


def _peer_heads(session: Session) -> tuple[PeerHead, ...]:
    from borderdesk.store.tables import SyncPeer
    from borderdesk.sync.head_proof import peer_head_proof

    out = []
    for peer in session.exec(select(SyncPeer).order_by(col(SyncPeer.site_code))):
        proof = peer_head_proof(session, peer)
        if proof.head is None:
            state = "none"
        elif proof.valid:
            state = "proven"
        else:
            state = "signature_invalid" if proof.signature else "not_kept"
        head = proof.head
        out.append(
            PeerHead(peer.site_code, head.seq if head else None, head.hash if head else "", state)
        )
    return tuple(out)


def head_lines(result: VerifyResult) -> list[str]:
    """``audit verify``'s lines about the heads, in the user's language."""
    lines = []
    own = result.own_head
    if own is None:
        lines.append(_("This site's chain head: not signed yet."))
    elif own.signature_valid:
        lines.append(
            _("This site's chain head: entry {seq}, {hash}…, signed with this site's key.").format(
                seq=own.seq, hash=own.hash[:16]
            )
        )
    else:
        lines.append(
            _("This site's chain head: entry {seq}, {hash}…, NOT signed with this site's key.")
            .format(seq=own.seq, hash=own.hash[:16])
        )  # fmt: skip
    for peer in result.peers:
        lines.append(_peer_line(peer))
    return lines


def _peer_line(peer: PeerHead) -> str:
    if peer.state == "proven":
        return _(
            "{site}: proven head entry {seq}, {hash}…, signed by {site} (checked with its key)."
        ).format(site=peer.site, seq=peer.seq, hash=peer.hash[:16])
    if peer.state == "not_kept":
        return _(
            "{site}: head entry {seq}, {hash}…, proven on import; its signature was not kept "
            "(the next package from {site} proves it again)."
        ).format(site=peer.site, seq=peer.seq, hash=peer.hash[:16])
    if peer.state == "signature_invalid":
        return _(
            "{site}: head entry {seq}, {hash}…, does NOT match the signature {site} made: "
            "it was changed here."
        ).format(site=peer.site, seq=peer.seq, hash=peer.hash[:16])
    return _("{site}: no proven head yet (no signed package from it).").format(site=peer.site)


def check_log(session: Session, site: str) -> VerifyResult:
    """``verify_chain`` on a given session (also used by the administrator's alert)."""
    walk = _walk_chain(session)
    if isinstance(walk, VerifyResult):
        return walk
    checked, prev, seals = walk
    head_failure = _check_head(session, site, checked, prev)
    if head_failure is not None:
        return head_failure
    row_failure = _check_rows(session, seals, checked)
    if row_failure is not None:
        return row_failure
    return VerifyResult(
        ok=True,
        checked=checked,
        broken_seq=None,
        message=_("Audit log intact: {n} entries checked.").format(n=checked),
    )


def _walk_chain(session: Session) -> VerifyResult | tuple[int, str, dict[tuple[str, str], str]]:
    prev = GENESIS_HASH
    expected_seq = 1
    checked = 0
    # (table, record id) -> the row hash of the last entry that sealed it
    seals: dict[tuple[str, str], str] = {}
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
            return _broken(entry.seq, checked, _("entry {seq} was altered").format(seq=entry.seq))
        if entry.row_hash and entry.record_id is not None:
            seals[(entry.table_name, str(entry.record_id))] = entry.row_hash
        else:
            for record_id, digest in batch_seals.sealed_rows(
                entry.record_id, entry.row_hash, entry.changes
            ).items():
                seals[(entry.table_name, record_id)] = digest
        prev = entry.hash
        expected_seq += 1
        checked += 1
    return checked, prev, seals


def _check_head(session: Session, site: str, checked: int, prev: str) -> VerifyResult | None:
    stored = audit_head.setting(session, AUDIT_HEAD_KEY)
    head = audit_head.parse_head(stored) if stored is not None else Head(0, GENESIS_HASH)
    if head is None:
        return _head_broken(checked, "head_unreadable", "")
    if head.seq != checked:
        if head.seq < checked:
            # Entries appended behind the chain's back (the head was not moved).
            first = head.seq + 1
            return _broken(first, checked, _("entry {seq} was added").format(seq=first))
        return _broken(
            checked + 1, checked, _("entries after {seq} were removed").format(seq=checked)
        )
    if head.hash != prev:
        # The last entry was rewritten with a fresh hash: nothing after it to break a link.
        return _broken(checked, checked, _("entry {seq} was altered").format(seq=checked))
    noted = audit_head.setting(session, audit_head.BROKEN_KEY)
    if noted:  # found (and kept) by a write since: the head was re-signed after it
        problem, _sep, at = noted.partition("|")
        return _head_broken(checked, problem, at)
    problem = audit_head.head_problem(session, site)
    return _head_broken(checked, problem, "") if problem else None


def _check_rows(
    session: Session, seals: dict[tuple[str, str], str], checked: int
) -> VerifyResult | None:
    """Every synchronised row is the one its last audit entry sealed."""
    legacy = audit_head.setting(session, audit_head.LEGACY_ROWS_KEY) is not None
    for table in sorted(audited_tables(), key=lambda t: t.name):
        for row in session.execute(sa_select(table)).mappings():
            record_id = str(row["id"])
            sealed = seals.get((table.name, record_id))
            if sealed is None:
                if legacy:  # written before rows were sealed (migration 0009a)
                    continue
                detail = _("record {id} in {table} has no audit entry").format(
                    id=record_id, table=table.name
                )
            elif sealed != row_digest(table, row):
                detail = _("record {id} in {table} was changed outside BorderDesk").format(
                    id=record_id, table=table.name
                )
            else:
                continue
            return VerifyResult(
                ok=False,
                checked=checked,
                broken_seq=None,
                message=_("Audit log does not match the data: {detail}.").format(detail=detail),
            )
    return None


def _broken(seq: int, checked: int, detail: str) -> VerifyResult:
    return VerifyResult(
        ok=False,
        checked=checked,
        broken_seq=seq,
        message=_("Audit log broken at entry {seq}: {detail}.").format(seq=seq, detail=detail),
    )


_HEAD_PROBLEMS = {
    "head_missing": N_("the head of the log is missing"),
    "head_unreadable": N_("the head of the log is unreadable"),
    "tail_removed": N_("entries at the end of the log were removed"),
    "head_moved": N_("the head of the log was moved back, or entries were added behind it"),
    "head_rewritten": N_("the last entry of the log was rewritten"),
    "head_unsigned": N_("the head of the log is not signed"),
    "head_signature": N_("the head of the log does not carry this site's signature"),
}


def _head_broken(checked: int, problem: str, at: str) -> VerifyResult:
    detail = _(_HEAD_PROBLEMS.get(problem, _HEAD_PROBLEMS["head_unreadable"]))
    if at:
        detail = _("{problem} (found {at})").format(problem=detail, at=at[:19])
    return VerifyResult(
        ok=False,
        checked=checked,
        broken_seq=None,
        message=_("Audit log broken: {detail}.").format(detail=detail),
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


def integrity_alert(db: Database, *, actor: Actor) -> str:
    """A line for the administrator when the log's head no longer holds ("" otherwise).

    Cheap (the head, its signature and the last entry; no walk): shown at login. Only to
    those who may verify the log; a bad stored value gives the alert, never an error.
    """
    if not actor.can(Permission.verify_audit):
        return ""
    with db.read() as session:
        noted = audit_head.setting(session, audit_head.BROKEN_KEY)
        problem = noted.partition("|")[0] if noted else ""
        problem = problem or audit_head.head_problem(session, db.site_code or "")
    if not problem:
        return ""
    detail = _(_HEAD_PROBLEMS.get(problem, _HEAD_PROBLEMS["head_unreadable"]))
    return _(
        "Warning: the audit log may have been tampered with ({detail}). "
        "Run 'borderdesk audit verify' and keep a copy of this database."
    ).format(detail=detail)


def form_mark(db: Database) -> AuditMark | None:
    """The signed head a printed form carries in its QR code (None before one is signed).

    Called by the services that print, after their own permission check.
    """
    with db.read() as session:
        signed = audit_head.signed_head(session)
    if signed is None:
        return None
    head, signature = signed
    raw = audit_head.decode_signature(signature)
    return AuditMark(head.seq, head.hash[:16], raw) if raw is not None else None


def printing(db: Database) -> AbstractContextManager[None]:
    """``with audit.printing(db): render(...)``: the form's QR code carries the head."""
    from borderdesk.forms.document import printed_with_audit_mark  # only when printing

    return printed_with_audit_mark(form_mark(db))


def verify_form_mark(db: Database, *, actor: Actor, text: str) -> VerifyResult:
    """Check a printed form's QR text: its signed head is in this log, and the log holds."""
    require(actor, Permission.verify_audit)
    try:
        payload = parse_qr_payload(text)
    except ValueError:
        raise InputError(_("Not a BorderDesk form code."), code="bad_qr") from None
    mark = payload.audit_mark
    if mark is None:
        return _mark_failed(_("The code carries no audit mark (printed by an older BorderDesk)."))
    site = db.site_code or ""
    with db.read() as session:
        entry = session.get(AuditEntry, mark.seq)
        if entry is None:
            return _mark_failed(
                _("Entry {seq} of the printed mark is no longer in the audit log.").format(
                    seq=mark.seq
                )
            )
        head = f"{entry.seq}:{entry.hash}"
        public = audit_head.site_public_key(session, site)
        whole = check_log(session, site)
    if not entry.hash.startswith(mark.hash_prefix):
        return _mark_failed(
            _("Entry {seq} differs from the printed mark: the log was rewritten.").format(
                seq=mark.seq
            )
        )
    signature = audit_head.encode_signature(mark.signature)
    if not audit_head.signature_valid(public, site, head, signature):
        return _mark_failed(_("The printed mark is not signed with this site's key."))
    if not whole.ok:
        return whole
    return VerifyResult(
        ok=True,
        checked=whole.checked,
        broken_seq=None,
        message=_("The printed mark matches the audit log up to entry {seq}.").format(seq=mark.seq),
    )


def _mark_failed(message: str) -> VerifyResult:
    return VerifyResult(ok=False, checked=0, broken_seq=None, message=message)
