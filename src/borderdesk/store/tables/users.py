"""Users and their roles."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlmodel import Field, SQLModel

from borderdesk.store.records import SyncRecord
from borderdesk.store.types import UTCDateTime


class Role(StrEnum):
    officer = "officer"
    centre = "centre"
    supervisor = "supervisor"
    admin = "admin"


class UserBase(SQLModel):
    username: str = Field(max_length=64, unique=True, index=True)
    full_name: str = Field(default="", max_length=200)
    # Position and rank as forms print them under the name («старший инспектор, капитан»).
    position: str = Field(default="", max_length=200)
    role: str = Field(max_length=16)
    disabled: bool = Field(default=False)


class User(UserBase, SyncRecord, table=True):
    __tablename__ = "user_account"
    password_hash: str = Field(max_length=200)

    # The hash never appears in an audit diff (only that it changed).
    __secret_fields__ = frozenset({"password_hash"})


class LoginState(SQLModel, table=True):
    """Failed-login counter and lock of one account at this site. Local: never synced."""

    __tablename__ = "login_state"
    username: str = Field(primary_key=True, max_length=64)
    failed_logins: int = Field(default=0)
    locked_until: datetime | None = Field(default=None, sa_type=UTCDateTime)
    last_login_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
