"""Document checks at a post: one immutable record per check.

A saved check is never changed: a correction is a new check whose ``corrects_id``
points to the one it corrects. The documents, the person's details as read and the
automatic findings are kept as canonical JSON inside the record, so the record (and
its printed protocol) stays the same whatever later happens to the person's record.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Index, event
from sqlalchemy.orm import object_session
from sqlmodel import Field, SQLModel

# The tables their foreign keys point to: loaded with them (store.tables loads lazily).
import borderdesk.store.tables.people  # noqa: F401
from borderdesk.store.records import SyncRecord
from borderdesk.store.types import UTCDateTime

# Session.info key: set to True by a use case that may change a saved check (a
# retention purge); sync replay (WriteContext.replaying) may too.
ALLOW_CHECK_UPDATE = "allow_check_update"


class DocumentCheckBase(SQLModel):
    site: str = Field(max_length=16)  # indexed with checked_at
    officer: str = Field(max_length=64)  # user name
    officer_name: str = Field(default="", max_length=200)
    checked_at: datetime = Field(sa_type=UTCDateTime, index=True)
    direction: str = Field(max_length=5)  # entry | exit
    person_id: uuid.UUID = Field(foreign_key="person.id", index=True)
    # The main (travel) document of the check; every document is also in ``documents``.
    document_id: uuid.UUID | None = Field(
        default=None, foreign_key="identity_document.id", index=True
    )
    # Canonical JSON: the person as read at the check, the documents (raw MRZ lines
    # included) and the findings as language-neutral codes with their values.
    person_details: str = Field(default="{}")
    documents: str = Field(default="[]")
    findings: str = Field(default="[]")
    verdict: str = Field(max_length=8)  # clear | warning | alert
    decision: str | None = Field(default=None, max_length=8)  # admit | refuse | detain
    note: str = Field(default="", max_length=2000)
    # A refusal's legal ground: a code of resources/refusal_grounds.toml (None otherwise).
    refusal_ground: str | None = Field(default=None, max_length=40)
    corrects_id: uuid.UUID | None = Field(default=None, foreign_key="document_check.id", index=True)
    # Set by "detain": the person is held for an apprehension case (which links to this).
    detained_for_case: bool = Field(default=False)
    protocol_number: str = Field(max_length=40, unique=True, index=True)
    # SHA-256 of the record's content (see services.checks): printed in the QR code.
    content_digest: str = Field(max_length=64)


class DocumentCheck(DocumentCheckBase, SyncRecord, table=True):
    __tablename__ = "document_check"
    __table_args__ = (Index("ix_document_check_site_checked_at", "site", "checked_at"),)


class ImmutableCheck(RuntimeError):
    """A saved check was changed in place (a programming error: corrections are new checks)."""


@event.listens_for(DocumentCheck, "before_update")
def _refuse_update(_mapper: Any, _connection: Any, target: DocumentCheck) -> None:
    session = object_session(target)
    if session is None or not session.is_modified(target, include_collections=False):
        return
    ctx = session.info.get("write_context")
    if (ctx is not None and ctx.replaying) or session.info.get(ALLOW_CHECK_UPDATE):
        return
    raise ImmutableCheck(f"document check {target.id} is immutable: record a correction")
