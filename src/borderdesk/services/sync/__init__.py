"""Sync by file: identities and peers, export and import of packages, status, conflicts."""

from borderdesk.services.sync.batch import PackageOutcome, import_packages
from borderdesk.services.sync.conflicts import list_conflicts, resolve_conflict
from borderdesk.services.sync.exchange import (
    ImportCancelled,
    export_package,
    import_package,
    package_file_name,
)
from borderdesk.services.sync.peers import add_peer, identity_text, list_peers, sync_status
from borderdesk.sync.conflicts import KEEP_MERGE, KEEP_OTHER, KEEP_WINNER, ConflictRow
from borderdesk.sync.conflicts_merge import choosable_fields
from borderdesk.sync.conflicts_merge import parse_choices as parse_field_choices
from borderdesk.sync.refusals import PackageParked, PackageRefused, PackageReplayed
from borderdesk.sync.status import PeerStatus

__all__ = [
    "KEEP_MERGE",
    "KEEP_OTHER",
    "KEEP_WINNER",
    "ConflictRow",
    "PeerStatus",
    "ImportCancelled",
    "PackageOutcome",
    "PackageParked",
    "PackageRefused",
    "PackageReplayed",
    "add_peer",
    "choosable_fields",
    "parse_field_choices",
    "export_package",
    "identity_text",
    "import_package",
    "import_packages",
    "list_conflicts",
    "list_peers",
    "package_file_name",
    "resolve_conflict",
    "sync_status",
]
