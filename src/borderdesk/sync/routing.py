"""What travels where (DESIGN.md, "What travels where").

Posts and centres send everything they wrote. HQ sends each site the reference data
(watchlists, sites, users; a password hash only to the site the user works at, which
is the site that created the account) and the persons that concern every site, with
their documents, checks and cases. Private keys (``site_keys``) are no synced table.
"""

from __future__ import annotations

import tomllib
import uuid
from dataclasses import dataclass
from datetime import timedelta
from functools import cache

from sqlalchemy import Table, or_, select
from sqlalchemy.orm import Session
from sqlmodel import SQLModel

from borderdesk.domain.clock import utc_now
from borderdesk.paths import resource
from borderdesk.store.records import SyncRecord
from borderdesk.store.tables import load_all

# Columns that travel only to the site where the record's user works.
SECRET_COLUMNS = {"user_account": ("password_hash",)}
# Saved checks never change: a copy that is here already is never overwritten.
IMMUTABLE_TABLES = frozenset({"document_check"})
REFERENCE_TABLES = frozenset({"site", "user_account", "watchlist_document", "watchlist_person"})
# Tables of a person's file that HQ shares, and how a row names its person.
PERSON_TABLES = {
    "person": "id",
    "identity_document": "person_id",
    "document_check": "person_id",
    "readmission_case": "person_id",
}
CASE_TABLES = frozenset({"case_event", "case_evidence", "case_scan"})


@cache
def synced_tables() -> tuple[Table, ...]:
    """Every synchronised table, parents before children (foreign keys)."""
    load_all()  # store.tables loads lazily: every table on the metadata first
    names = {
        cls.__tablename__  # type: ignore[attr-defined]
        for cls in _all_subclasses(SyncRecord)
        if hasattr(cls, "__table__")
    }
    return tuple(t for t in SQLModel.metadata.sorted_tables if t.name in names)


def _all_subclasses(cls: type) -> list[type]:
    out: list[type] = []
    sub: type
    for sub in cls.__subclasses__():
        out.append(sub)
        out.extend(_all_subclasses(sub))
    return out


def table_named(name: str) -> Table | None:
    return next((t for t in synced_tables() if t.name == name), None)


@dataclass(frozen=True)
class RoutingPolicy:
    refusal_days: int


@cache
def routing_policy() -> RoutingPolicy:
    with resource("sync.toml").open("rb") as fh:
        data = tomllib.load(fh)
    return RoutingPolicy(refusal_days=int(data["routing"]["refusal_days"]))


def concerned_persons(session: Session, policy: RoutingPolicy) -> set[uuid.UUID]:
    """Persons every site should know: an open case, or a refusal or detention lately."""
    load_all()
    cases = SQLModel.metadata.tables["readmission_case"]
    checks = SQLModel.metadata.tables["document_check"]
    since = utc_now() - timedelta(days=policy.refusal_days)
    open_cases = select(cases.c.person_id).where(
        cases.c.closed_on.is_(None), cases.c.deleted.is_(False)
    )
    refused = select(checks.c.person_id).where(
        checks.c.checked_at >= since,
        checks.c.deleted.is_(False),
        or_(checks.c.decision == "refuse", checks.c.decision == "detain"),
    )
    return set(session.execute(open_cases).scalars()) | set(session.execute(refused).scalars())


def site_local_users(session: Session, me: str) -> set[uuid.UUID]:
    """The administrator ``init`` created here (this site's first administrator): every
    site has one, usually called ``admin``, so it stays at its site and never travels
    (else the first exchange would meet two ``admin`` accounts)."""
    users = SQLModel.metadata.tables["user_account"]
    stmt = (
        select(users.c.id)
        .where(users.c.origin_site == me, users.c.role == "admin")
        .order_by(users.c.created_at, users.c.id)
        .limit(1)
    )
    return set(session.execute(stmt).scalars())


def strip_secrets(table: str, row: dict[str, object], recipient: str) -> dict[str, object]:
    """The row without the columns the recipient may not hold, nor the ones this site
    does not know itself (an empty hash here must not blank the one at the user's site)."""
    secret = SECRET_COLUMNS.get(table)
    if not secret:
        return row
    mine = row.get("origin_site") == recipient
    return {k: v for k, v in row.items() if k not in secret or (mine and v)}
