"""Document checks: assess a scanned document, record the officer's decision, correct a check.

The package's public face: the rest of BorderDesk imports from here, never from its modules."""

from __future__ import annotations

from typing import TYPE_CHECKING

from borderdesk.lazy_face import lazy_attributes

# Imported when first named: a listing of checks does not pay for the assessment (MRZ,
# watchlists, regimes), nor a command's --help for any of it.
if TYPE_CHECKING:
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
    from borderdesk.services.checks.listing import (
        RECENT_LIMIT,
        recent_checks,
    )

_MODULE_OF = {
    "assess": "checking",
    "check_document": "checking",
    "CheckOutcome": "checking",
    "correct_check": "checking",
    "DECISIONS": "choices",
    "DIRECTIONS": "choices",
    "get_check": "checking",
    "NOTE_LIMIT": "checking",
    "recent_checks": "listing",
    "RECENT_LIMIT": "choices",
    "record_decision": "checking",
}


__getattr__ = lazy_attributes(__name__, _MODULE_OF)


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
