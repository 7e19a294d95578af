"""The tables, each module imported when one of its classes is first named.

``from borderdesk.store.tables import User`` imports ``tables.users`` alone: building the
SQLModel classes of every table is a large part of a command's start, and a login needs
four of them. A table module imports the modules its foreign keys point into, so a flush
always finds the tables it references.

Whatever enumerates ``SQLModel.metadata`` or the SyncRecord subclasses (Alembic, sync,
the model/migration comparison) calls :func:`load_all` first.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from sqlmodel import SQLModel

# Every table module imports this package first, so this holds for every model class:
# pydantic builds a class's validator and serialiser when it is first used, not when the
# class is defined (pydantic's ``defer_build``, inherited through ``model_config``). Table
# rows are made by SQLAlchemy or by keyword construction, which never validates, so most
# commands never pay for it: about a third of building a table class.
SQLModel.model_config["defer_build"] = True

if TYPE_CHECKING:
    from borderdesk.store.tables.audit import AuditEntry
    from borderdesk.store.tables.cases import CaseEvent, CaseEvidence, CaseScan, ReadmissionCase
    from borderdesk.store.tables.centre import Bed, BelongingItem, CentreStay, Room, Transfer
    from borderdesk.store.tables.changelog import ChangeLogEntry
    from borderdesk.store.tables.checks import DocumentCheck
    from borderdesk.store.tables.journal import JournalEntry
    from borderdesk.store.tables.name_index import NameCandidate
    from borderdesk.store.tables.people import IdentityDocument, Person
    from borderdesk.store.tables.sites import LocalSetting, Site, SiteKeys
    from borderdesk.store.tables.sync import (
        ForeignAuditEntry,
        SyncConflict,
        SyncPeer,
        SyncSharedPerson,
    )
    from borderdesk.store.tables.users import LoginState, User
    from borderdesk.store.tables.watchlists import WatchlistDocument, WatchlistPerson

# Which module of this package defines each table class.
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
    "JournalEntry": "journal",
    "NameCandidate": "name_index",
    "IdentityDocument": "people",
    "Person": "people",
    "LocalSetting": "sites",
    "Site": "sites",
    "SiteKeys": "sites",
    "ForeignAuditEntry": "sync",
    "SyncConflict": "sync",
    "SyncPeer": "sync",
    "SyncSharedPerson": "sync",
    "LoginState": "users",
    "User": "users",
    "WatchlistDocument": "watchlists",
    "WatchlistPerson": "watchlists",
}

__all__ = [
    "load_all",
    "AuditEntry",
    "Bed",
    "BelongingItem",
    "CaseEvent",
    "CaseEvidence",
    "CaseScan",
    "CentreStay",
    "ChangeLogEntry",
    "DocumentCheck",
    "ForeignAuditEntry",
    "IdentityDocument",
    "JournalEntry",
    "LocalSetting",
    "LoginState",
    "NameCandidate",
    "Person",
    "ReadmissionCase",
    "Room",
    "Site",
    "SiteKeys",
    "SyncConflict",
    "SyncPeer",
    "SyncSharedPerson",
    "Transfer",
    "User",
    "WatchlistDocument",
    "WatchlistPerson",
]


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)


def table_modules() -> list[str]:
    """The modules that define tables (tests check that this covers the package)."""
    return sorted({f"{__name__}.{module}" for module in _MODULE_OF.values()})


def load_all() -> None:
    """Put every table on ``SQLModel.metadata`` (and every SyncRecord subclass in place)."""
    for module in table_modules():
        importlib.import_module(module)
    partial_indexes_on_postgresql()


def partial_indexes_on_postgresql() -> None:
    """A partial index covers the same rows on PostgreSQL as on SQLite.

    The table modules name only ``sqlite_where``: a ``postgresql_where`` given to an
    ``Index`` makes SQLAlchemy load its whole PostgreSQL dialect to check the argument,
    in every process that defines the table, SQLite or not. Whatever reads the metadata
    for a schema (Alembic, the model/migration comparison) calls :func:`load_all` first,
    which gives each such index PostgreSQL's predicate here.
    """
    for table in SQLModel.metadata.tables.values():
        for index in table.indexes:
            where = index.dialect_options["sqlite"]["where"]
            if where is not None and index.dialect_options["postgresql"]["where"] is None:
                index.dialect_kwargs["postgresql_where"] = where
