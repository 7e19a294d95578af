"""A package end to end on a session: make one for a peer, check and merge one in.

The service around these owns the transaction and the file: a refusal raised here
rolls the whole import back, so a package applies entirely or not at all.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from borderdesk.i18n import _
from borderdesk.store import migrations
from borderdesk.store.tables import LocalSetting, Site, SiteKeys, SyncPeer
from borderdesk.store.tracking import AUDIT_HEAD_KEY, GENESIS_HASH, append_audit
from borderdesk.sync import audit_chains, head_proof, unreadable_dates
from borderdesk.sync.apply import ApplyResult, Progress, apply_records, observe_stamps
from borderdesk.sync.audit_chains import ChainCheck
from borderdesk.sync.body import PackageBody, decode_body, encode_body
from borderdesk.sync.envelope import open_package, seal
from borderdesk.sync.export import LocalSite, build_package
from borderdesk.sync.fast_apply import apply_blocks, paused_gc
from borderdesk.sync.faults import pause_point
from borderdesk.sync.refusals import PackageParked, PackageRefused, PackageReplayed
from borderdesk.sync.watermarks import covers, gap, merged


@dataclass(frozen=True)
class ExportReport:
    data: bytes
    number: int
    records: int
    audit_entries: int


@dataclass(frozen=True)
class ImportReport:
    sender: str
    number: int
    applied: int
    skipped: int
    conflicts: int
    duplicates: int
    audit_entries: int
    chain: ChainCheck | None


def local_site(session: Session, code: str) -> LocalSite:
    site = session.execute(select(Site).where(col(Site.code) == code)).scalar_one()
    head = session.get(LocalSetting, AUDIT_HEAD_KEY)
    schema = migrations.current_revision(session.connection()) or ""
    return LocalSite(
        code=code,
        kind=site.kind,
        schema=schema,
        audit_head=head.value if head else f"0:{GENESIS_HASH}",
        audit_head_signature=head_proof.own_head_signature(session) if head else "",
    )


def _keys(session: Session, code: str) -> SiteKeys:
    keys = session.get(SiteKeys, code)
    if keys is None:
        raise PackageRefused(_("This database holds no keys for site {code}.").format(code=code))
    return keys


def peer_named(session: Session, code: str) -> SyncPeer:
    peer = session.get(SyncPeer, code)
    if peer is None:
        raise PackageRefused(
            _("Site {code} is not a peer of this site: add its identity file first.").format(
                code=code
            ),
            code="unknown_peer",
        )
    return peer


def _locked_peer(session: Session, code: str) -> SyncPeer:
    """The sender's row, locked until the import commits: a second importer of the same
    package (two supervisors at HQ on PostgreSQL) waits here, then finds it imported
    and refuses it as a replay. SQLite holds the write lock already."""
    stmt = (
        select(SyncPeer)
        .where(col(SyncPeer.site_code) == code)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    peer = session.execute(stmt).scalar_one_or_none()
    return peer if peer is not None else peer_named(session, code)  # unknown: refused


def make_package(
    session: Session, *, me: str, to: str, now: datetime, progress: Progress | None = None
) -> ExportReport:
    peer = peer_named(session, to)
    site = local_site(session, me)
    with paused_gc():  # a package's rows are alive until it is sealed
        exported = build_package(session, me=site, peer=peer, created_at=now, progress=progress)
        exported.header["acks"]["audit_seq"] = audit_chains.held_up_to(session, to)[0]
        keys = _keys(session, me)
        session.flush()
        pause_point("export")
        body = encode_body(exported.body)
        records, audit_entries = exported.body.record_count, exported.body.audit_count
        # The rows go before the collector is back: else its first pass walks them all.
        exported.body = PackageBody()
        data = seal(
            exported.header,
            body,
            signing_key=Ed25519PrivateKey.from_private_bytes(
                bytes.fromhex(keys.signing_private_key)
            ),
            recipient_key=X25519PublicKey.from_public_bytes(
                bytes.fromhex(peer.encryption_public_key)
            ),
        )
    return ExportReport(
        data=data,
        number=exported.header["number"],
        records=records,
        audit_entries=audit_entries,
    )


def _check_header(header: dict[str, Any]) -> None:
    schema = header.get("schema")
    if not isinstance(schema, str) or not migrations.is_known(schema):
        raise PackageRefused(
            _(
                "The package was made by a newer BorderDesk (schema {schema}): update "
                "BorderDesk to import it."
            ).format(schema=schema),
            code="newer_schema",
        )
    for key in ("since", "upto"):
        marks = header.get(key)
        if not isinstance(marks, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in marks.items()
        ):
            raise PackageRefused(_("The package's header cannot be read."), code="damaged")
    if not isinstance(header.get("number"), int) or not isinstance(header.get("acks"), dict):
        raise PackageRefused(_("The package's header cannot be read."), code="damaged")


def _check_order(header: dict[str, Any], peer: SyncPeer) -> None:
    received = json.loads(peer.received_upto or "{}")
    number = header["number"]
    if number <= peer.received_number and covers(received, header["upto"]):
        raise PackageReplayed(
            _(
                "Package {number} from {sender} brings nothing new: package {last} from "
                "it is imported already."
            ).format(number=number, sender=peer.site_code, last=peer.received_number),
            code="replayed",
        )
    if gap(received, header["since"]):
        raise PackageParked(
            _(
                "Package {number} from {sender} is parked: import package {missing} from "
                "{sender} (or an earlier one) first."
            ).format(number=number, sender=peer.site_code, missing=header.get("since_number", "?")),
            code="parked",
        )


def import_package(
    session: Session,
    data: bytes,
    *,
    me: str,
    now: datetime,
    progress: Progress | None = None,
) -> ImportReport:
    """Check the package and merge it into ``session``; raises a refusal otherwise."""
    keys = _keys(session, me)

    def sender_key(code: str) -> Ed25519PublicKey | None:
        peer = session.get(SyncPeer, code)
        return (
            Ed25519PublicKey.from_public_bytes(bytes.fromhex(peer.signing_public_key))
            if peer is not None
            else None
        )

    opened = open_package(
        data,
        me=me,
        my_key=X25519PrivateKey.from_private_bytes(bytes.fromhex(keys.encryption_private_key)),
        sender_key=sender_key,
    )
    header = opened.header
    _check_header(header)
    peer = _locked_peer(session, header["sender"])
    _check_order(header, peer)
    head_proof.prove_peer_head(session, peer, header)  # before anything is applied
    with paused_gc():  # the package's rows are alive until it is applied
        result, stored = _merge(session, opened.body, header["format"], peer, now, progress)
    _acknowledge(peer, header, now)
    chain = None
    if stored or audit_chains.count_held(session, peer.site_code):
        chain = audit_chains.check_head(session, peer.site_code, peer.audit_head)
    ctx = session.info["write_context"]
    session.flush()
    pause_point("import")
    append_audit(
        session,
        actor=ctx.actor,
        site=ctx.site,
        action="sync.import",
        changes={
            "sender": peer.site_code,
            "number": header["number"],
            "applied": result.applied,
            "skipped": result.skipped,
            "conflicts": result.conflicts,
        },
    )
    return ImportReport(
        sender=peer.site_code,
        number=header["number"],
        applied=result.applied,
        skipped=result.skipped,
        conflicts=result.conflicts,
        duplicates=result.duplicates,
        audit_entries=stored,
        chain=chain,
    )


def _merge(
    session: Session,
    data: bytes,
    version: int,
    peer: SyncPeer,
    now: datetime,
    progress: Progress | None,
) -> tuple[ApplyResult, int]:
    """Apply the body's records and store its audit entries: (result, entries stored)."""
    body = decode_body(data, version)
    sender = peer.site_code
    if body.blocks is None:  # format 1: entry by entry
        unreadable_dates.check_import(body.records, sender=sender)  # before any write
        result = apply_records(session, body.records, sender=sender, now=now, progress=progress)
        stored = audit_chains.store_entries(session, sender, body.audit) if body.audit else 0
    else:
        unreadable_dates.check_import(body.blocks, sender=sender)  # before any write
        result = apply_blocks(session, body.blocks, sender=sender, now=now, progress=progress)
        stored = audit_chains.store_entry_columns(session, sender, body.audit_columns)
    observe_stamps(session, result.applied_stamps)
    return result, stored


def _acknowledge(peer: SyncPeer, header: dict[str, Any], now: datetime) -> None:
    """Record what arrived from the peer and what the peer says it has from here."""
    received = merged(json.loads(peer.received_upto or "{}"), header["upto"])
    peer.received_upto = json.dumps(received, sort_keys=True)
    peer.received_number = max(peer.received_number, header["number"])
    peer.received_at = now
    made = _created_at(header)
    if made is not None and (peer.received_created_at is None or made > peer.received_created_at):
        peer.received_created_at = made
    peer.audit_head = str(header.get("audit_head", ""))[:100]
    acks = header["acks"]
    acked = merged(json.loads(peer.acked_upto or "{}"), acks.get("upto") or {})
    peer.acked_upto = json.dumps(acked, sort_keys=True)
    peer.acked_number = max(peer.acked_number, int(acks.get("number") or 0))
    peer.acked_audit_seq = max(peer.acked_audit_seq, int(acks.get("audit_seq") or 0))
    peer.acked_at = now


def _created_at(header: dict[str, Any]) -> datetime | None:
    """When the sender made the package (its header says; a bad value is not fatal)."""
    try:
        made = datetime.fromisoformat(str(header.get("created_at")))
    except ValueError:
        return None
    return made if made.tzinfo is not None else made.replace(tzinfo=UTC)
