"""Persons and their identity documents."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import Index
from sqlmodel import Field, SQLModel

from borderdesk.store.records import SyncRecord


class PersonBase(SQLModel):
    surname: str = Field(max_length=120)
    given_names: str = Field(default="", max_length=200)
    # Doc 9303 Latin transliteration of the names as written.
    surname_latin: str = Field(default="", max_length=120)
    given_names_latin: str = Field(default="", max_length=200)
    # Normalised key that meets legacy spellings (see domain.names.search_key).
    name_key: str = Field(default="", max_length=200, index=True)
    # Partial dates of birth are allowed: year, month and day may each be unknown.
    birth_year: int | None = Field(default=None, index=True)
    birth_month: int | None = None
    birth_day: int | None = None
    sex: str = Field(default="<", max_length=1)
    nationality: str = Field(default="XXX", max_length=3, index=True)
    birth_place: str = Field(default="", max_length=200)


class Person(PersonBase, SyncRecord, table=True):
    __tablename__ = "person"
    # Not indexed (schema step 0010e): no query looks persons up by their origin.
    origin_site: str = Field(default="", max_length=16)
    # The look-up of a document's person: date of birth and name together.
    __table_args__ = (Index("ix_person_birth_name", "birth_year", "name_key", "nationality"),)


class IdentityDocumentBase(SQLModel):
    person_id: uuid.UUID = Field(foreign_key="person.id", index=True)
    document_type: str = Field(max_length=2)
    issuing_state: str = Field(max_length=3)
    number: str = Field(max_length=20, index=True)
    expiry_date: date | None = None
    mrz: str = Field(default="", max_length=200)


class IdentityDocument(IdentityDocumentBase, SyncRecord, table=True):
    __tablename__ = "identity_document"
    # Not indexed (schema step 0010e): no query looks documents up by their origin.
    origin_site: str = Field(default="", max_length=16)
