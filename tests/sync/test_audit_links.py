"""A post's audit entries travel to HQ without their links (each entry's previous hash
and its own hash follow from the fields); HQ recomputes them, stores the chain whole
and checks its end against the head the post signed."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sync_sites import HQ, POST, add_person, entries_with_links, export, import_

from borderdesk.store.serialise import canonical_json
from borderdesk.store.tables import AuditEntry, ForeignAuditEntry
from borderdesk.store.tracking import GENESIS_HASH, audit_hash
from borderdesk.sync import audit_chains
from borderdesk.sync.refusals import PackageRefused


@pytest.mark.parametrize(
    "fields",
    [
        {"seq": 1, "at": "2026-01-02T03:04:05+00:00", "site": "POST-07", "actor": "иванов",
         "action": "person.insert", "table": "person", "record_id": None,
         "changes": canonical_json({"surname": [None, "ТОШЕВ\u2028\t\"x\\"]})},
        {"seq": 2**40, "at": "", "site": "", "actor": "\x00\x1f\x7f", "action": "", "table": "",
         "record_id": "6f1c0a4e-2b1d-4c3e-9a8b-7c6d5e4f3a2b", "changes": "{}",
         "row_hash": "ab" * 32},
    ],
)  # fmt: skip
def test_the_fast_hash_is_the_audit_hash(fields):
    assert audit_chains._hash(GENESIS_HASH, fields) == audit_hash(GENESIS_HASH, fields)


def test_links_are_recomputed_at_hq_and_match_the_posts_chain(hq, post):
    add_person(post, "KARIMOV")
    report = import_(hq, export(post, HQ))
    assert report.audit_entries > 0 and report.chain is not None and report.chain.ok
    with post.read() as session:
        own = [(e.seq, e.prev_hash, e.hash) for e in session.scalars(select(AuditEntry))]
    with hq.read() as session:
        held = [
            (e.seq, e.prev_hash, e.hash)
            for e in session.scalars(
                select(ForeignAuditEntry).where(ForeignAuditEntry.site == POST)
            )
        ]
    assert held == own[: len(held)] and len(held) == report.audit_entries


def test_an_entry_whose_hash_disagrees_is_refused(hq, post):
    add_person(post, "KARIMOV")
    plain = entries_with_links(post)
    plain[-1]["changes"] = '{"surname":["A","B"]}'  # altered, its old hash kept
    with hq.write(actor="admin", replaying=True) as session, pytest.raises(PackageRefused):
        audit_chains.store_entries(session, POST, plain)
    without_links = [{k: v for k, v in e.items() if k not in ("hash", "prev_hash")} for e in plain]
    with hq.write(actor="admin", replaying=True) as session:
        stored = audit_chains.store_entries(session, POST, without_links)
        check = audit_chains.check_head(session, POST, f"{stored}:{plain[-1]['hash']}")
    assert stored == len(plain) and not check.ok  # the signed head shows the change
