"""Rows of legacy journals already imported: what makes a re-import change nothing.

A journal row's identity is its register number (``№ п/п``) at the site that kept
the register (or, for a row without a number, who and when: see
``journal.rows.JournalRow.identity``). The entry points at the case the row became
and keeps a hash of the row's content, so a second import of the same file finds
every row unchanged and a corrected file updates exactly the rows that changed.
"""

from __future__ import annotations

import uuid

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

# The tables its foreign keys point to: loaded with it (store.tables loads lazily).
import borderdesk.store.tables.cases  # noqa: F401
import borderdesk.store.tables.people  # noqa: F401
from borderdesk.store.records import SyncRecord


class JournalEntryBase(SQLModel):
    site_code: str = Field(max_length=16)  # the site whose register this is
    identity: str = Field(max_length=400)
    register_no: str = Field(default="", max_length=40)
    case_id: uuid.UUID = Field(foreign_key="readmission_case.id", index=True)
    person_id: uuid.UUID = Field(foreign_key="person.id", index=True)
    file_name: str = Field(max_length=255)  # the journal file of the last import
    row_number: int  # the row as the spreadsheet shows it, in that file
    content_hash: str = Field(max_length=64)  # SHA-256 of the row's typed content
    # The case's version after the import: a case changed since in BorderDesk itself is
    # not overwritten by a corrected journal.
    case_version: int = Field(default=1)


class JournalEntry(JournalEntryBase, SyncRecord, table=True):
    __tablename__ = "journal_entry"
    __table_args__ = (
        UniqueConstraint("site_code", "identity", name="uq_journal_entry_site_identity"),
    )
