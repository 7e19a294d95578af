"""Means of evidence of a case, checked against the agreement's own lists.

An agreement lists what proves or presumes nationality and transit (the annexes of
the EU model). A case's evidence must be one of them; only where no list is on file
for the agreement is any type accepted, marked as not listed.
"""

from __future__ import annotations

from dataclasses import dataclass

from borderdesk.domain.agreements import Agreement
from borderdesk.errors import InputError
from borderdesk.i18n import _

SUBJECTS = ("nationality", "transit")


@dataclass(frozen=True)
class EvidenceType:
    subject: str  # nationality | transit
    evidence_type: str  # as written in the agreement
    listed: bool  # False: the agreement has no evidence lists on file


def evidence_types(agreement: Agreement, kind: str) -> dict[str, tuple[str, ...]]:
    """The agreement's types of ``kind`` (proof | presumption) by subject."""
    evidence = agreement.evidence
    if evidence is None:
        return {}
    return {
        "nationality": getattr(evidence, f"nationality_{kind}"),
        "transit": getattr(evidence, f"transit_{kind}"),
    }


def _other_language(agreement: Agreement) -> tuple[tuple[str, str], ...]:
    return agreement.evidence.other_language if agreement.evidence else ()


def _key(text: str) -> str:
    return " ".join(text.casefold().split())


def match_evidence_type(
    agreement: Agreement, *, kind: str, evidence_type: str, subject: str | None = None
) -> EvidenceType:
    """The listed type ``evidence_type`` names (case and spacing do not matter).

    ``subject`` (nationality | transit) settles a type listed for both; without it,
    nationality comes first.
    """
    if subject is not None and subject not in SUBJECTS:
        raise InputError(
            _("Unknown subject of evidence '{subject}': use nationality or transit.").format(
                subject=subject
            ),
            code="unknown_evidence_subject",
        )
    wanted = _key(evidence_type)
    if not wanted:
        raise InputError(_("Give the type of evidence."), code="evidence_type_needed")
    lists = evidence_types(agreement, kind)
    if not any(lists.values()):
        return EvidenceType(subject or "nationality", " ".join(evidence_type.split()), False)
    translated = {_key(other): shown for other, shown in _other_language(agreement)}
    wanted_shown = _key(translated.get(wanted, wanted))
    for name in (subject,) if subject else SUBJECTS:
        for listed in lists.get(name, ()):
            if _key(listed) in (wanted, wanted_shown):
                return EvidenceType(name, listed, True)
    allowed = [t for name in ((subject,) if subject else SUBJECTS) for t in lists.get(name, ())]
    raise InputError(
        _("'{type}' is not a means of {kind} listed in {agreement}; use one of: {allowed}.").format(
            type=evidence_type,
            kind=_("proof") if kind == "proof" else _("presumption"),
            agreement=agreement.short_name(),
            allowed="; ".join(dict.fromkeys(allowed)),
        ),
        code="evidence_type_not_listed",
    )
