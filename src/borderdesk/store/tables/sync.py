"""Sync bookkeeping: the peers this site exchanges packages with, the conflict queue,
and the audit chains of other sites. All local: none of these rows is ever synced."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlmodel import Field, SQLModel

from borderdesk.domain.clock import new_id
from borderdesk.store.types import CompactUuid, HexDigest, UTCDateTime


class SyncPeer(SQLModel, table=True):
    """A site this one exchanges packages with, added by an administrator from its
    identity file. The keys here, not the synced ``site`` row, are the ones trusted."""

    __tablename__ = "sync_peer"
    site_code: str = Field(primary_key=True, max_length=16)
    name: str = Field(default="", max_length=200)
    kind: str = Field(max_length=8)
    signing_public_key: str = Field(max_length=200)
    encryption_public_key: str = Field(max_length=200)
    added_at: datetime = Field(sa_type=UTCDateTime)
    # What this site sent: the number and watermarks ({author site: HLC}) of its last package.
    sent_number: int = Field(default=0)
    sent_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    sent_upto: str = Field(default="{}")
    # What the peer says it has from this site (the acknowledgement in its packages).
    acked_number: int = Field(default=0)
    acked_upto: str = Field(default="{}")
    acked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # The last of this site's audit entries the peer holds (sent to HQ only).
    acked_audit_seq: int = Field(default=0)
    # What this site has applied from the peer.
    received_number: int = Field(default=0)
    received_upto: str = Field(default="{}")
    received_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # When the newest package imported from the peer was made (its header's created_at):
    # the monthly return prints it, so a reader sees what has not arrived yet.
    received_created_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # The peer's own audit-chain head ("seq:hash") as signed in its latest package.
    audit_head: str = Field(default="", max_length=100)


class SyncSharedPerson(SQLModel, table=True):
    """A person whose records were sent to a peer in full (HQ to a site), and in which
    package: until the peer acknowledges that package, the next one sends them again."""

    __tablename__ = "sync_shared_person"
    peer: str = Field(primary_key=True, max_length=16)
    person_id: uuid.UUID = Field(primary_key=True)
    package_number: int


class SyncConflict(SQLModel, table=True):
    """Two concurrent versions of one record: the one kept (winner) and the other."""

    __tablename__ = "sync_conflict"
    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    table_name: str = Field(max_length=64)
    record_id: uuid.UUID = Field(index=True)
    kind: str = Field(default="concurrent", max_length=16)  # concurrent | duplicate
    detected_at: datetime = Field(sa_type=UTCDateTime)
    winner_hlc: str = Field(max_length=48)
    winner_site: str = Field(max_length=16)
    winner_user: str = Field(default="", max_length=64)
    winner_row: str  # canonical JSON
    other_hlc: str = Field(max_length=48)
    other_site: str = Field(max_length=16)
    other_user: str = Field(default="", max_length=64)
    other_row: str
    status: str = Field(default="open", max_length=16, index=True)
    resolved_by: str = Field(default="", max_length=64)
    resolved_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class ForeignAuditEntry(SQLModel, table=True):
    """Another site's audit entries as they arrived, kept apart from this site's own
    chain so both verify: one chain per origin site."""

    __tablename__ = "foreign_audit_entry"
    site: str = Field(primary_key=True, max_length=16)
    seq: int = Field(primary_key=True)
    at: datetime = Field(sa_type=UTCDateTime)
    actor: str = Field(max_length=64)
    action: str = Field(max_length=32)
    table_name: str = Field(default="", max_length=64)
    # As this site's own audit_entry (migration 0010f): the record id as its 16 bytes,
    # the digests as their 32 bytes, read as the hex they are spelt with everywhere.
    record_id: uuid.UUID | None = Field(default=None, index=True, sa_type=CompactUuid)
    changes: str = Field(default="{}")
    prev_hash: str = Field(sa_type=HexDigest)
    hash: str = Field(sa_type=HexDigest)
    row_hash: str = Field(default="", sa_type=HexDigest)
