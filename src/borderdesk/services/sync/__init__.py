"""Sync by file: identities and peers, export and import of packages, status, conflicts."""

from borderdesk.services.sync.conflicts import list_conflicts, resolve_conflict
from borderdesk.services.sync.exchange import export_package, import_package
from borderdesk.services.sync.peers import add_peer, identity_text, list_peers, sync_status
from borderdesk.sync.refusals import PackageParked, PackageRefused, PackageReplayed

__all__ = [
    "PackageParked",
    "PackageRefused",
    "PackageReplayed",
    "add_peer",
    "export_package",
    "identity_text",
    "import_package",
    "list_conflicts",
    "list_peers",
    "resolve_conflict",
    "sync_status",
]
