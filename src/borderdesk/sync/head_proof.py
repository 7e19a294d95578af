"""The sender's signed audit head in a package header, and its proof at the receiver.

A package header carries ``audit_head`` ("seq:hash") and, since this change,
``audit_head_signature``: the Ed25519 signature the sender's site key made over that
head (local setting ``audit_head_signature``). The receiver checks it with the sender's
key before anything is applied and notes per peer which head was proven, so HQ can
show that a site's history up to that head was signed by the site itself. A package
from an older BorderDesk (no signature) still imports; its head is then unproven.
"""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from borderdesk.i18n import _
from borderdesk.store import audit_head
from borderdesk.store.tables import LocalSetting, SyncPeer
from borderdesk.sync.refusals import PackageRefused

HEADER_FIELD = "audit_head_signature"
_PROVEN = "peer_audit_head_proven:"  # + peer code -> the last proven "seq:hash"


def own_head_signature(session: Session) -> str:
    return audit_head.setting(session, audit_head.SIGNATURE_KEY) or ""


def prove_peer_head(session: Session, peer: SyncPeer, header: dict[str, Any]) -> bool:
    """Check the header's signed head with the sender's key; refuse a bad signature.

    Returns whether the head is proven (False: an older package without a signature).
    """
    head = str(header.get("audit_head", ""))
    signature = header.get(HEADER_FIELD)
    key = _PROVEN + peer.site_code
    noted = session.get(LocalSetting, key)
    if signature is None or signature == "":
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
    if noted is None:
        noted = LocalSetting(key=key, value=head)
    noted.value = head
    session.add(noted)
    return True


def proven_peer_head(session: Session, peer_code: str) -> str | None:
    """The peer's last audit head proven by its signature ("seq:hash"), or None."""
    return audit_head.setting(session, _PROVEN + peer_code)
