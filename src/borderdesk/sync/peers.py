"""Site identities (public keys, no secrets) and the peers made from them."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from borderdesk.errors import InputError
from borderdesk.i18n import _
from borderdesk.store.serialise import canonical_json, plain_value
from borderdesk.store.tables import Site, SyncPeer
from borderdesk.sync.apply import apply_records
from borderdesk.sync.retention import restore_entries

IDENTITY_FORMAT = "borderdesk-site-identity/1"


def identity_of(session: Session, code: str) -> dict[str, Any]:
    """This site's identity file: who it is and its public keys. Never a private key."""
    site = session.execute(select(Site).where(col(Site.code) == code)).scalar_one()
    row = {c.name: plain_value(getattr(site, c.name)) for c in Site.__table__.columns}  # type: ignore[attr-defined]
    return {
        "format": IDENTITY_FORMAT,
        "code": site.code,
        "kind": site.kind,
        "name": site.name,
        "signing_public_key": site.signing_public_key,
        "encryption_public_key": site.encryption_public_key,
        # The site's own record, so every database knows it under the same key.
        "site": row,
    }


def fingerprint(signing_public_key: str, encryption_public_key: str) -> str:
    """What two administrators read to each other over the phone to trust a file."""
    digest = hashlib.sha256(
        bytes.fromhex(signing_public_key) + bytes.fromhex(encryption_public_key)
    ).hexdigest()[:32]
    return " ".join(digest[i : i + 4] for i in range(0, len(digest), 4)).upper()


def parse_identity(text: str) -> dict[str, Any]:
    try:
        identity = json.loads(text)
    except ValueError:
        identity = None
    keys = ("code", "kind", "name", "signing_public_key", "encryption_public_key", "site")
    if (
        not isinstance(identity, dict)
        or identity.get("format") != IDENTITY_FORMAT
        or not all(k in identity for k in keys)
    ):
        raise InputError(_("This file is not a BorderDesk site identity."))
    try:
        for key in ("signing_public_key", "encryption_public_key"):
            if len(bytes.fromhex(identity[key])) != 32:
                raise ValueError(key)
    except (ValueError, TypeError):
        raise InputError(_("The identity file holds no valid public keys.")) from None
    if "private" in canonical_json(identity).lower():
        raise InputError(_("This file is not a BorderDesk site identity."))
    return identity


def add_peer(session: Session, identity: dict[str, Any], *, me: str, now: datetime) -> SyncPeer:
    """Trust a site's keys and know its record; its keys can change only by a new add."""
    code = identity["code"]
    if code == me:
        raise InputError(_("A site cannot be its own peer."))
    peer = session.get(SyncPeer, code)
    if peer is None:
        # A new peer's first package reads the log: the entries it forgot come back first.
        restore_entries(session)
        peer = SyncPeer(
            site_code=code,
            kind=identity["kind"],
            added_at=now,
            signing_public_key="",
            encryption_public_key="",
        )
    peer.name = identity["name"]
    peer.kind = identity["kind"]
    peer.signing_public_key = identity["signing_public_key"]
    peer.encryption_public_key = identity["encryption_public_key"]
    session.add(peer)
    apply_records(session, [{"t": "site", "row": identity["site"]}], sender=code, now=now)
    return peer
