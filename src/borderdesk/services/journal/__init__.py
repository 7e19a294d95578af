"""Legacy journal import (issue #12): reading is ``borderdesk.journal``, writing is here."""

from borderdesk.services.journal.importing import ImportCancelled, import_journal
from borderdesk.services.journal.preview import JournalPreview, PreviewColumn, preview_journal
from borderdesk.services.journal.results import JournalImport

__all__ = [
    "ImportCancelled",
    "JournalImport",
    "JournalPreview",
    "PreviewColumn",
    "import_journal",
    "preview_journal",
]
