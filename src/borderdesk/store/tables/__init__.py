"""All tables, imported together so SQLModel.metadata (and Alembic) sees every one."""

from borderdesk.store.tables.audit import AuditEntry
from borderdesk.store.tables.cases import CaseEvent, CaseEvidence, CaseScan, ReadmissionCase
from borderdesk.store.tables.centre import Bed, BelongingItem, CentreStay, Room, Transfer
from borderdesk.store.tables.changelog import ChangeLogEntry
from borderdesk.store.tables.checks import DocumentCheck
from borderdesk.store.tables.journal import JournalEntry
from borderdesk.store.tables.name_index import NameCandidate
from borderdesk.store.tables.people import IdentityDocument, Person
from borderdesk.store.tables.sites import LocalSetting, Site, SiteKeys
from borderdesk.store.tables.sync import ForeignAuditEntry, SyncConflict, SyncPeer, SyncSharedPerson
from borderdesk.store.tables.users import LoginState, User
from borderdesk.store.tables.watchlists import WatchlistDocument, WatchlistPerson

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


def load_all() -> None:
    """Every table is on ``SQLModel.metadata`` once this package is imported (Alembic and
    the model/migration comparison call this to say so)."""
