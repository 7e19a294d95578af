"""Readmission agreements as typed data, and who an agreement covers on a given date.

The model lives in :mod:`borderdesk.domain.agreement_book`, the answer to "does an
agreement oblige the requested party to take this person back?" in
:mod:`borderdesk.domain.readmission_obligation`; this module gathers both.
"""

from __future__ import annotations

from borderdesk.domain.agreement_book import (
    COVERAGE_KEYS,
    EU,
    HOME_STATE,
    REQUESTED_PARTY_STEPS,
    STEPS,
    Agreement,
    AgreementBook,
    AgreementError,
    Category,
    Costs,
    Coverage,
    CoverageRule,
    DayKind,
    EuMember,
    Evidence,
    Participation,
    Protocol,
    TimeLimit,
    TimeLimits,
    UnknownAgreementError,
)
from borderdesk.domain.readmission_obligation import Explanation, explain

__all__ = [
    "COVERAGE_KEYS",
    "EU",
    "HOME_STATE",
    "REQUESTED_PARTY_STEPS",
    "STEPS",
    "Agreement",
    "AgreementBook",
    "AgreementError",
    "Category",
    "Costs",
    "Coverage",
    "CoverageRule",
    "DayKind",
    "EuMember",
    "Evidence",
    "Explanation",
    "Participation",
    "Protocol",
    "TimeLimit",
    "TimeLimits",
    "UnknownAgreementError",
    "explain",
]
