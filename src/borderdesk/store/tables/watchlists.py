"""Watchlists: lost and stolen documents, wanted persons.

Entries arrive by CSV import (``services.watchlists``) or, later, by sync from HQ.
A check looks documents up exactly by number and persons by the indexed ``name_key``
(``domain.names.full_name_key``: surname first), then scores the candidates.
"""

from __future__ import annotations

from datetime import date

from sqlmodel import Field, SQLModel

from borderdesk.store.records import SyncRecord


class WatchlistDocumentBase(SQLModel):
    issuing_state: str = Field(max_length=3)
    number: str = Field(max_length=20, index=True)
    reason: str = Field(max_length=200)  # lost, stolen, invalidated ...
    source: str = Field(default="", max_length=200)
    valid_until: date | None = None


class WatchlistDocument(WatchlistDocumentBase, SyncRecord, table=True):
    __tablename__ = "watchlist_document"


class WatchlistPersonBase(SQLModel):
    # As written in the list, in any script.
    surname: str = Field(max_length=120)
    given_names: str = Field(default="", max_length=200)
    name_key: str = Field(default="", max_length=200, index=True)
    birth_year: int | None = None
    birth_month: int | None = None
    birth_day: int | None = None
    nationality: str = Field(default="", max_length=3)  # empty: not known
    reason: str = Field(max_length=200)
    source: str = Field(default="", max_length=200)
    valid_until: date | None = None
    # wanted (a wanted person: an alert) | entry_ban (entry into Russia is not permitted).
    category: str = Field(default="wanted", max_length=16)


class WatchlistPerson(WatchlistPersonBase, SyncRecord, table=True):
    __tablename__ = "watchlist_person"
