"""Sites (posts, centres, HQ), this site's private keys and local settings."""

from __future__ import annotations

from enum import StrEnum

from sqlmodel import Field, SQLModel

from borderdesk.store.records import SyncRecord


class SiteKind(StrEnum):
    post = "post"
    centre = "centre"
    hq = "hq"


class SiteBase(SQLModel):
    code: str = Field(max_length=16, unique=True, index=True)
    name: str = Field(max_length=200)
    kind: str = Field(max_length=8)
    timezone: str = Field(default="Asia/Yekaterinburg", max_length=64)
    signing_public_key: str = Field(default="", max_length=200)
    encryption_public_key: str = Field(default="", max_length=200)


class Site(SiteBase, SyncRecord, table=True):
    __tablename__ = "site"


class SiteKeys(SQLModel, table=True):
    """This site's private keys. Local only: never synced, never exported."""

    __tablename__ = "site_keys"
    site_code: str = Field(primary_key=True, max_length=16)
    signing_private_key: str = Field(max_length=400)
    encryption_private_key: str = Field(max_length=400)


class LocalSetting(SQLModel, table=True):
    """Per-database facts that are not records: which site this is, the audit chain head."""

    __tablename__ = "local_setting"
    key: str = Field(primary_key=True, max_length=64)
    value: str = Field(default="", max_length=4000)
