"""The tables, each imported when first named, so a command loads only the tables it uses.

``from borderdesk.store.tables import User`` imports ``tables.users`` alone (building
SQLModel classes is a large part of a start). Whatever needs every table on
``SQLModel.metadata`` (Alembic, the model/migration comparison) calls :func:`load_all`.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from borderdesk.store.tables.audit import AuditEntry
    from borderdesk.store.tables.cases import CaseEvent, CaseEvidence, CaseScan, ReadmissionCase
    from borderdesk.store.tables.centre import Bed, BelongingItem, CentreStay, Room, Transfer
    from borderdesk.store.tables.changelog import ChangeLogEntry
    from borderdesk.store.tables.checks import DocumentCheck
    from borderdesk.store.tables.people import IdentityDocument, Person
    from borderdesk.store.tables.sites import LocalSetting, Site, SiteKeys
    from borderdesk.store.tables.users import LoginState, User
    from borderdesk.store.tables.watchlists import WatchlistDocument, WatchlistPerson

# Which module defines each table class.
_MODULE_OF = {
    "AuditEntry": "audit",
    "CaseEvent": "cases",
    "CaseEvidence": "cases",
    "CaseScan": "cases",
    "ReadmissionCase": "cases",
    "Bed": "centre",
    "BelongingItem": "centre",
    "CentreStay": "centre",
    "Room": "centre",
    "Transfer": "centre",
    "ChangeLogEntry": "changelog",
    "DocumentCheck": "checks",
    "IdentityDocument": "people",
    "Person": "people",
    "LocalSetting": "sites",
    "Site": "sites",
    "SiteKeys": "sites",
    "LoginState": "users",
    "User": "users",
    "WatchlistDocument": "watchlists",
    "WatchlistPerson": "watchlists",
}

__all__ = [
    "AuditEntry",
    "Bed",
    "BelongingItem",
    "CaseEvent",
    "CaseEvidence",
    "CaseScan",
    "CentreStay",
    "ChangeLogEntry",
    "DocumentCheck",
    "IdentityDocument",
    "LocalSetting",
    "LoginState",
    "Person",
    "ReadmissionCase",
    "Room",
    "Site",
    "SiteKeys",
    "Transfer",
    "User",
    "WatchlistDocument",
    "WatchlistPerson",
    "load_all",
]


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)


def load_all() -> None:
    """Put every table on ``SQLModel.metadata`` (Alembic compares and creates all of them)."""
    for module in sorted(set(_MODULE_OF.values())):
        importlib.import_module(f"{__name__}.{module}")
