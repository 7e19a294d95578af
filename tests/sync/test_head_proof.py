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


def test_the_proof_keeps_the_signature_and_an_edit_here_breaks_it(hq, post):
    from sqlalchemy import update

    from borderdesk.store.tables import LocalSetting

    add_person(post, "KARIMOV")
    import_(hq, export(post, HQ))
    with hq.read() as session:
        peer = _peer(session, POST)
        proof = head_proof.peer_head_proof(session, peer)
        assert proof.valid and proof.head is not None and proof.signature
        assert proof.signature == head_proof.proven_peer_signature(session, POST)
        assert proof.head.value == head_proof.proven_peer_head(session, POST)
    # A motivated editor at HQ moves the proven head back: the kept signature says so.
    with hq.write(actor="admin") as session:
        session.execute(
            update(LocalSetting)
            .where(LocalSetting.key == "peer_audit_head_proven:" + POST)
            .values(value="1:" + "0" * 64)
        )
    with hq.read() as session:
        proof = head_proof.peer_head_proof(session, _peer(session, POST))
        assert proof.head is not None and proof.head.seq == 1 and not proof.valid
    # A package without a signature forgets head and signature both.
    with hq.write(actor="admin") as session:
        peer = _peer(session, POST)
        head_proof.prove_peer_head(session, peer, {"audit_head": peer.audit_head})
    with hq.read() as session:
        assert head_proof.proven_peer_signature(session, POST) is None
        assert head_proof.peer_head_proof(session, _peer(session, POST)).head is None


def test_verify_shows_the_own_signed_head_and_each_peers_proven_head(hq, post):
    from borderdesk.services.access import audit

    add_person(post, "KARIMOV")
    import_(hq, export(post, HQ))
    result = audit.verify_chain(hq, actor=login(hq))
    assert result.ok
    assert result.own_head is not None and result.own_head.signature_valid
    assert result.own_head.seq == result.checked
    (peer,) = result.peers
    with hq.read() as session:
        proven = head_proof.proven_peer_head(session, POST)
    assert peer.site == POST and peer.state == "proven"
    assert f"{peer.seq}:{peer.hash}" == proven
    assert result.heads_json()["peers"] == [
        {"site": POST, "seq": peer.seq, "hash": peer.hash, "state": "proven", "proven": True}
    ]
    # The post has HQ as a peer, but no package from it yet.
    at_post = audit.verify_chain(post, actor=login(post))
    assert [(p.site, p.state, p.seq) for p in at_post.peers] == [(HQ, "none", None)]


def test_audit_verify_prints_the_heads_in_both_languages_and_in_json(hq, post):
    import json

    from sync_sites import run_as_admin

    add_person(post, "KARIMOV")
    import_(hq, export(post, HQ))
    with hq.read() as session:
        proven = head_proof.proven_peer_head(session, POST)
    assert proven is not None
    seq, digest = proven.split(":")
    hq.dispose()
    english = run_as_admin(hq, "audit", "verify")
    assert english.returncode == 0, english.stderr
    lines = english.stdout.strip().splitlines()
    assert lines[0].startswith("Audit log intact")
    assert "This site's chain head: entry" in lines[1] and "signed with this site's key" in lines[1]
    assert lines[2] == (
        f"{POST}: proven head entry {seq}, {digest[:16]}…, signed by {POST} (checked with its key)."
    )
    russian = run_as_admin(hq, "--lang", "ru", "audit", "verify")
    assert russian.returncode == 0, russian.stderr
    text = russian.stdout
    assert (
        "подписана ключом этого подразделения" in text and f"{POST}: подтверждённая вершина" in text
    )
    assert not any(word in text for word in ("signed", "proven", "entry", "head"))
    data = json.loads(run_as_admin(hq, "audit", "verify", "--json").stdout)
    assert data["ok"] is True and data["head"]["signature_valid"] is True
    assert data["head"]["seq"] == data["checked"] and len(data["head"]["hash"]) == 64
    assert data["peers"] == [
        {"site": POST, "seq": int(seq), "hash": digest, "state": "proven", "proven": True}
    ]
