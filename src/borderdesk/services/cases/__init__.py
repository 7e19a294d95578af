"""Readmission cases: open, read, advance, decide; evidence and deadlines.

The package's public face: the rest of BorderDesk imports from here, never from its modules."""

from __future__ import annotations

from typing import TYPE_CHECKING

from borderdesk.lazy_face import lazy_attributes

# Imported when first named: a login runs apply_silence, and must not pay for the
# modules that open cases (persons, MRZ, forms) to find that no case is due.
if TYPE_CHECKING:
    from borderdesk.services.cases.coverage import (
        ApprehensionChoices,
        StateCoverage,
        apprehension_choices,
    )
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

_MODULE_OF = {
    "ApprehensionChoices": "coverage",
    "CaseRefused": "opening",
    "StateCoverage": "coverage",
    "apprehension_choices": "coverage",
    "MAX_SCAN_BYTES": "steps",
    "add_event": "steps",
    "add_evidence": "steps",
    "advance": "steps",
    "apply_silence": "silence",
    "decide": "steps",
    "facts_of": "queries",
    "find_case": "queries",
    "get_case": "queries",
    "get_scan": "queries",
    "list_cases": "queries",
    "open_apprehension_from_check": "opening",
    "open_case": "opening",
    "refresh_due_dates": "records",
    "request_extension": "steps",
}


__getattr__ = lazy_attributes(__name__, _MODULE_OF)


__all__ = [
    "ApprehensionChoices",
    "CaseRefused",
    "StateCoverage",
    "apprehension_choices",
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
