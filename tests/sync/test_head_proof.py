"""A package carries the sender's signed audit head; HQ proves it with the sender's key
and notes it per peer. A bad signature is refused before anything is applied; a package
from an older BorderDesk (no signature) still imports, its head unproven."""

from __future__ import annotations

import pytest
from sqlmodel import select
from sync_sites import HQ, POST, add_person, export, import_

from borderdesk.services import sync
from borderdesk.store.tables import SyncPeer
from borderdesk.sync import head_proof
from borderdesk.sync.refusals import PackageRefused
from helpers import login

pytestmark = pytest.mark.usefixtures("row_path")


def _peer(session, code: str) -> SyncPeer:
    return session.exec(select(SyncPeer).where(SyncPeer.site_code == code)).one()


def test_hq_proves_the_posts_signed_head(hq, post):
    add_person(post, "KARIMOV")
    import_(hq, export(post, HQ))
    with hq.read() as session:
        proven = head_proof.proven_peer_head(session, POST)
        assert proven is not None and proven == _peer(session, POST).audit_head
        assert int(proven.split(":")[0]) > 0
    (status,) = [s for s in sync.sync_status(hq, actor=login(hq)) if s.code == POST]
    assert status.audit_head_proven == proven


def test_a_wrong_signature_is_refused_and_an_old_header_is_unproven(hq, post):
    add_person(post, "KARIMOV")
    import_(hq, export(post, HQ))
    with hq.write(actor="admin") as session:
        peer = _peer(session, POST)
        head = peer.audit_head
        with pytest.raises(PackageRefused) as caught:
            head_proof.prove_peer_head(
                session, peer, {"audit_head": head, "audit_head_signature": "AAAA"}
            )
        assert caught.value.code == "head_signature"
        # A real signature of the post, but over another head, does not prove this one.
        with post.read() as own:
            good = head_proof.own_head_signature(own)
        assert good
        with pytest.raises(PackageRefused):
            head_proof.prove_peer_head(
                session, peer, {"audit_head": "1:" + "0" * 64, "audit_head_signature": good}
            )
        assert head_proof.prove_peer_head(session, peer, {"audit_head": head}) is False
        session.flush()
        assert head_proof.proven_peer_head(session, POST) is None
