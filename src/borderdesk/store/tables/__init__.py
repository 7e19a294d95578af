"""All tables, imported together so SQLModel.metadata (and Alembic) sees every one."""

from borderdesk.store.tables.audit import AuditEntry
from borderdesk.store.tables.changelog import ChangeLogEntry
from borderdesk.store.tables.people import IdentityDocument, Person
from borderdesk.store.tables.sites import LocalSetting, Site, SiteKeys
from borderdesk.store.tables.users import LoginState, User

__all__ = [
    "AuditEntry",
    "ChangeLogEntry",
    "IdentityDocument",
    "LocalSetting",
    "LoginState",
    "Person",
    "Site",
    "SiteKeys",
    "User",
]
