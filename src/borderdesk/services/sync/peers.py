"""This site's identity file, trusting a peer's, and the state of every peer."""

from __future__ import annotations

import json
from dataclasses import dataclass

from borderdesk.domain.clock import utc_now
from borderdesk.services.access.permissions import Actor, Permission, require
from borderdesk.store.database import Database
from borderdesk.sync import packages, peers, status
from borderdesk.sync.status import PeerStatus


@dataclass(frozen=True)
class AddedPeer:
    code: str
    kind: str
    name: str
    fingerprint: str


def _me(db: Database) -> str:
    return db.site_code or ""


def identity_text(db: Database, *, actor: Actor) -> str:
    """The identity file of this site: code, kind, name and public keys, nothing secret."""
    require(actor, Permission.sync)
    with db.read() as session:
        identity = peers.identity_of(session, _me(db))
    return json.dumps(identity, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def add_peer(db: Database, *, actor: Actor, text: str) -> AddedPeer:
    """Trust the site described by an identity file (its keys replace any earlier ones)."""
    require(actor, Permission.manage_peers)
    identity = peers.parse_identity(text)
    with db.write(actor=actor.username, replaying=True) as session:
        peer = peers.add_peer(session, identity, me=_me(db), now=utc_now())
        added = AddedPeer(
            code=peer.site_code,
            kind=peer.kind,
            name=peer.name,
            fingerprint=peers.fingerprint(peer.signing_public_key, peer.encryption_public_key),
        )
    return added


def sync_status(db: Database, *, actor: Actor) -> list[PeerStatus]:
    """Per peer: sent, acknowledged, received, and the oldest change still unacknowledged."""
    require(actor, Permission.sync)
    with db.read() as session:
        return status.peer_statuses(session, packages.local_site(session, _me(db)))


list_peers = sync_status
