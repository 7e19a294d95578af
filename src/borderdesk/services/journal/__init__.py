"""Legacy journal import (issue #12): reading is ``borderdesk.journal``, writing is here."""

from borderdesk.journal import RefusedCell
from borderdesk.services.journal.importing import (
    ImportCancelled,
    import_journal,
    save_journal_report,
)
from borderdesk.services.journal.preview import (
    JournalPreview,
    PreviewColumn,
    journal_sheets,
    preview_journal,
)
from borderdesk.services.journal.results import JournalImport

__all__ = [
    "ImportCancelled",
    "JournalImport",
    "JournalPreview",
    "PreviewColumn",
    "RefusedCell",
    "import_journal",
    "journal_sheets",
    "preview_journal",
    "save_journal_report",
]
