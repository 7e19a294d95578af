"""Readmission cases: open, read, advance, decide; evidence and deadlines.

The package's public face: the rest of BorderDesk imports from here, never from its modules."""

from __future__ import annotations

from borderdesk.services.cases.opening import (
    CaseRefused,
    open_apprehension_from_check,
    open_case,
)
from borderdesk.services.cases.queries import (
    facts_of,
    find_case,
    get_case,
    get_scan,
    list_cases,
)
from borderdesk.services.cases.records import (
    refresh_due_dates,
)
from borderdesk.services.cases.silence import (
    apply_silence,
)
from borderdesk.services.cases.steps import (
    MAX_SCAN_BYTES,
    add_event,
    add_evidence,
    advance,
    decide,
    request_extension,
)

__all__ = [
    "CaseRefused",
    "MAX_SCAN_BYTES",
    "add_event",
    "add_evidence",
    "advance",
    "apply_silence",
    "decide",
    "facts_of",
    "find_case",
    "get_case",
    "get_scan",
    "list_cases",
    "open_apprehension_from_check",
    "open_case",
    "refresh_due_dates",
    "request_extension",
]
