"""Document checks: assess a scanned document, record the officer's decision, correct a check.

The package's public face: the rest of BorderDesk imports from here, never from its modules."""

from __future__ import annotations

from borderdesk.services.checks.checking import (
    DECISIONS,
    DIRECTIONS,
    NOTE_LIMIT,
    CheckOutcome,
    assess,
    check_document,
    correct_check,
    get_check,
    record_decision,
)
from borderdesk.services.checks.listing import RECENT_LIMIT, recent_checks

__all__ = [
    "CheckOutcome",
    "DECISIONS",
    "DIRECTIONS",
    "NOTE_LIMIT",
    "RECENT_LIMIT",
    "assess",
    "check_document",
    "correct_check",
    "get_check",
    "recent_checks",
    "record_decision",
]
