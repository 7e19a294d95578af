"""The sender's signed audit head in a package header, and its proof at the receiver.

A package header carries ``audit_head`` ("seq:hash") and, since this change,
``audit_head_signature``: the Ed25519 signature the sender's site key made over that
head (local setting ``audit_head_signature``). The receiver checks it with the sender's
key before anything is applied and keeps, per peer, the proven head *and its
signature*, so the proof can be shown and checked again at any time (``audit verify``):
a head edited at the receiver no longer matches the signature the peer made. A package
from an older BorderDesk (no signature) still imports; its head is then unproven.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlmodel import Session

from borderdesk.i18n import _
from borderdesk.store import audit_head
from borderdesk.store.tables import LocalSetting, SyncPeer
from borderdesk.sync.refusals import PackageRefused

HEADER_FIELD = "audit_head_signature"
_PROVEN = "peer_audit_head_proven:"  # + peer code -> the last proven "seq:hash"
_SIGNATURE = "peer_audit_head_signature:"  # + peer code -> the peer's signature of it


@dataclass(frozen=True)
class PeerHeadProof:
    """A peer's last proven audit head as kept here, checked again with its key now."""

    site: str
    head: audit_head.Head | None  # None: none proven (no signed package yet)
    signature: str
    valid: bool  # the kept signature is the peer's over the kept head


def own_head_signature(session: Session) -> str:
    return audit_head.setting(session, audit_head.SIGNATURE_KEY) or ""


def prove_peer_head(session: Session, peer: SyncPeer, header: dict[str, Any]) -> bool:
    """Check the header's signed head with the sender's key; refuse a bad signature.

    Returns whether the head is proven (False: an older package without a signature).
    """
    head = str(header.get("audit_head", ""))
    signature = header.get(HEADER_FIELD)
    if signature is None or signature == "":
        for prefix in (_PROVEN, _SIGNATURE):
            noted = session.get(LocalSetting, prefix + peer.site_code)
            if noted is not None:
                session.delete(noted)
        return False
    if not isinstance(signature, str) or not audit_head.signature_valid(
        peer.signing_public_key, peer.site_code, head, signature
    ):
        raise PackageRefused(
            _(
                "The package's audit head is not signed with the key of {site}: its "
                "history cannot be proven, and nothing was imported."
            ).format(site=peer.site_code),
            code="head_signature",
        )
    _note(session, _PROVEN + peer.site_code, head)
    _note(session, _SIGNATURE + peer.site_code, signature)
    return True


def _note(session: Session, key: str, value: str) -> None:
    noted = session.get(LocalSetting, key)
    if noted is None:
        noted = LocalSetting(key=key, value=value)
    noted.value = value
    session.add(noted)


def proven_peer_head(session: Session, peer_code: str) -> str | None:
    """The peer's last audit head proven by its signature ("seq:hash"), or None."""
    return audit_head.setting(session, _PROVEN + peer_code)


def proven_peer_signature(session: Session, peer_code: str) -> str | None:
    """The peer's own signature of its proven head, as its package carried it."""
    return audit_head.setting(session, _SIGNATURE + peer_code)


def peer_head_proof(session: Session, peer: SyncPeer) -> PeerHeadProof:
    """The peer's kept head and signature, the signature checked again with its key."""
    text = proven_peer_head(session, peer.site_code)
    signature = proven_peer_signature(session, peer.site_code) or ""
    if text is None:
        return PeerHeadProof(peer.site_code, None, "", False)
    head = audit_head.parse_head(text)
    valid = head is not None and audit_head.signature_valid(
        peer.signing_public_key, peer.site_code, text, signature
    )
    return PeerHeadProof(peer.site_code, head, signature, valid)
