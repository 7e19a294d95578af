"""The audit chain's head ("seq:hash"), signed with the site's Ed25519 key.

Every transaction that appends to the chain re-signs the head before it commits, so a
head moved by hand (the tail cut off, entries rewritten and re-hashed) no longer carries
a valid signature. Before appending, the head found is checked against the log and its
signature; a mismatch is recorded (never raised: a login must still work) and reported
by ``audit verify`` and the administrator's alert.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from sqlalchemy import event, select
from sqlalchemy.orm import Session
from sqlmodel import col

from borderdesk.store.tables.audit import AuditEntry
from borderdesk.store.tables.sites import LocalSetting, Site, SiteKeys

AUDIT_HEAD_KEY = "audit_head"
SIGNATURE_KEY = "audit_head_signature"
BROKEN_KEY = "audit_head_broken"
# Set by migration 0009a on a database that had entries before rows were sealed.
LEGACY_ROWS_KEY = "audit_rows_legacy"
GENESIS_HASH = "0" * 64
_SIGNED_HEAD = "signed_head"  # session.info: the head value this transaction must sign


@dataclass(frozen=True)
class Head:
    seq: int
    hash: str

    @property
    def value(self) -> str:
        return f"{self.seq}:{self.hash}"


def parse_head(value: str | None) -> Head | None:
    """``"seq:hash"`` or None when the stored text is not one (a bad value never crashes)."""
    seq, sep, digest = (value or "").partition(":")
    if not sep or not seq.isdigit() or len(digest) != 64:
        return None
    return Head(int(seq), digest)


def head_message(site: str, head: str) -> bytes:
    return f"BorderDesk audit head\n{site}\n{head}".encode()


def encode_signature(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_signature(text: str) -> bytes | None:
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except ValueError:
        return None
    return raw if len(raw) == 64 else None


def sign(private_hex: str, site: str, head: str) -> str:
    key = Ed25519PrivateKey.from_private_bytes(bytes.fromhex(private_hex))
    return encode_signature(key.sign(head_message(site, head)))


def signature_valid(public_hex: str, site: str, head: str, signature: str) -> bool:
    raw = decode_signature(signature)
    if raw is None or not public_hex:
        return False
    try:
        Ed25519PublicKey.from_public_bytes(bytes.fromhex(public_hex)).verify(
            raw, head_message(site, head)
        )
    except (InvalidSignature, ValueError):
        return False
    return True


def setting(session: Session, key: str) -> str | None:
    row = session.get(LocalSetting, key)
    return row.value if row is not None else None


def site_public_key(session: Session, site: str) -> str:
    stmt = select(col(Site.signing_public_key)).where(col(Site.code) == site)
    return session.execute(stmt).scalar_one_or_none() or ""


def last_entry(session: Session) -> Head:
    # LIMIT 1: ``first()`` of an ORM session's result fetches every row before it takes
    # one (0.17 s a write with 20 000 audit entries, seconds on a big log).
    row = session.execute(
        select(col(AuditEntry.seq), col(AuditEntry.hash))
        .order_by(col(AuditEntry.seq).desc())
        .limit(1)
    ).first()
    return Head(row[0], row[1]) if row else Head(0, GENESIS_HASH)


def head_problem(session: Session, site: str) -> str:
    """What is wrong with the stored head against the log and its signature ("" if fine).

    Keys of the message catalogue are left to the caller: this returns a short code.
    """
    stored = setting(session, AUDIT_HEAD_KEY)
    last = last_entry(session)
    if stored is None:
        return "" if last.seq == 0 else "head_missing"
    head = parse_head(stored)
    if head is None:
        return "head_unreadable"
    if head.seq > last.seq:
        return "tail_removed"
    if head.seq < last.seq:
        return "head_moved"
    if head != last:
        return "head_rewritten"
    signature = setting(session, SIGNATURE_KEY)
    if signature is None:
        return "" if head.seq == 0 else "head_unsigned"
    if not signature_valid(site_public_key(session, site), site, stored, signature):
        return "head_signature"
    return ""


def note_broken(session: Session, problem: str, at: str) -> None:
    """Remember the first problem found; re-signing must not erase the evidence."""
    if session.get(LocalSetting, BROKEN_KEY) is None:
        session.add(LocalSetting(key=BROKEN_KEY, value=f"{problem}|{at}"))


def mark_for_signing(session: Session, head: LocalSetting, site: str) -> None:
    """Sign ``head`` (its value at commit, after every append) with ``site``'s key."""
    session.info[_SIGNED_HEAD] = (head, site)


@event.listens_for(Session, "before_commit")
def _sign_head(session: Session) -> None:
    # Flushed first: the entries of the transaction are appended on flush (and the keys
    # ``init`` adds become readable).
    session.flush()
    pending: tuple[LocalSetting, str] | None = session.info.pop(_SIGNED_HEAD, None)
    if pending is None:
        return
    head_row, site = pending
    head = head_row.value
    keys = session.get(SiteKeys, site) if site else None
    if keys is None:
        # Before the site's keys exist (the first steps of ``init``): nothing to sign with.
        return
    session.merge(LocalSetting(key=SIGNATURE_KEY, value=sign(keys.signing_private_key, site, head)))


@event.listens_for(Session, "after_rollback")
def _forget_head(session: Session) -> None:
    session.info.pop(_SIGNED_HEAD, None)


def signed_head(session: Session) -> tuple[Head, str] | None:
    """The stored head and its signature, or None when there is none to show."""
    head = parse_head(setting(session, AUDIT_HEAD_KEY))
    signature = setting(session, SIGNATURE_KEY)
    if head is None or signature is None:
        return None
    return head, signature
