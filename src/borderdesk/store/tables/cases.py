"""Readmission cases, their evidence (with scans) and their timeline of events.

The computed due dates are stored on the case (``application_due``, ``reply_due``,
``extended_reply_due``, ``transfer_due`` and the one it waits on now, ``next_due`` /
``next_step``) so that lists, filters and the monthly return can use plain SQL; the
services recompute them on every write (``domain.case_schedule``).
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import Index, Text
from sqlmodel import Field, SQLModel

# The tables their foreign keys point to: loaded with them (store.tables loads lazily).
import borderdesk.store.tables.people  # noqa: F401
from borderdesk.store.records import SyncRecord
from borderdesk.store.types import UTCDateTime


class ReadmissionCaseBase(SQLModel):
    case_number: str = Field(max_length=40, unique=True, index=True)  # ILETSK-RA-2026-0001
    kind: str = Field(max_length=16, index=True)  # incoming | apprehension | outgoing
    status: str = Field(default="registered", max_length=24, index=True)
    person_id: uuid.UUID = Field(foreign_key="person.id", index=True)
    category: str | None = Field(
        default=None, max_length=16
    )  # own_national|third_country|stateless
    requesting_state: str = Field(max_length=3, index=True)
    requested_state: str = Field(max_length=3, index=True)
    agreement_id: str = Field(max_length=16, index=True)
    procedure: str = Field(default="normal", max_length=12)  # normal | accelerated
    # The agreement's answer when the case was opened (domain.agreements.explain).
    covered: bool = Field(default=True)
    coverage_code: str = Field(default="", max_length=48)
    facts_known_on: date | None = None
    received_on: date | None = Field(default=None, index=True)  # incoming: receipt in Russia
    submitted_on: date | None = Field(default=None, index=True)  # ours: application submitted
    application_due: date | None = None
    reply_due: date | None = None
    extension_requested: bool = Field(default=False)
    extended_reply_due: date | None = None
    replied_on: date | None = None
    decision: str | None = Field(default=None, max_length=12)  # accepted | refused
    decision_reason: str = Field(default="", max_length=2000)
    decided_on: date | None = Field(default=None, index=True)
    transfer_due: date | None = None
    transferred_on: date | None = Field(default=None, index=True)
    closed_on: date | None = None
    next_step: str | None = Field(default=None, max_length=32)
    next_due: date | None = Field(default=None, index=True)
    # The document check whose "detain" opened the case (no FK: checks live in another
    # migration and may arrive later by sync).
    source_check_id: uuid.UUID | None = Field(default=None, index=True)
    parent_case_id: uuid.UUID | None = Field(
        default=None, foreign_key="readmission_case.id", index=True
    )
    medical_needs: str = Field(default="", max_length=2000)
    escort_needed: bool = Field(default=False)
    notes: str = Field(default="", max_length=4000)


class ReadmissionCase(ReadmissionCaseBase, SyncRecord, table=True):
    __tablename__ = "readmission_case"
    __table_args__ = (Index("ix_readmission_case_status_next_due", "status", "next_due"),)


class CaseEvidenceBase(SQLModel):
    case_id: uuid.UUID = Field(foreign_key="readmission_case.id", index=True)
    subject: str = Field(default="nationality", max_length=12)  # nationality | transit
    kind: str = Field(max_length=12)  # proof | presumption
    evidence_type: str = Field(max_length=200)  # as listed in the agreement
    listed: bool = Field(default=True)  # False: the agreement has no lists on file
    description: str = Field(default="", max_length=2000)
    scan_filename: str = Field(default="", max_length=255)
    scan_sha256: str = Field(default="", max_length=64)
    scan_size: int = Field(default=0)


class CaseEvidence(CaseEvidenceBase, SyncRecord, table=True):
    __tablename__ = "case_evidence"


class CaseScanBase(SQLModel):
    evidence_id: uuid.UUID = Field(foreign_key="case_evidence.id", index=True)
    case_id: uuid.UUID = Field(foreign_key="readmission_case.id", index=True)
    sha256: str = Field(max_length=64)
    size: int
    media_type: str = Field(default="application/octet-stream", max_length=100)
    # The file itself, base64: a synchronised record travels as canonical JSON.
    content_b64: str = Field(sa_type=Text)


class CaseScan(CaseScanBase, SyncRecord, table=True):
    """A scan attached to an evidence item, kept in the database so sync carries it."""

    __tablename__ = "case_scan"
    # The bytes are not repeated in the audit log: the hash (on the evidence) is.
    __bookkeeping__ = SyncRecord.__bookkeeping__ | frozenset({"content_b64"})


class CaseEventBase(SQLModel):
    case_id: uuid.UUID = Field(foreign_key="readmission_case.id", index=True)
    at: datetime = Field(sa_type=UTCDateTime, index=True)  # when it was recorded
    effective_on: date | None = None  # the day the step took effect, when not that day
    author: str = Field(max_length=64)  # user name, or "system"
    kind: str = Field(max_length=24)
    note: str = Field(default="", max_length=4000)
    from_status: str | None = Field(default=None, max_length=24)
    to_status: str | None = Field(default=None, max_length=24)


class CaseEvent(CaseEventBase, SyncRecord, table=True):
    __tablename__ = "case_event"
