"""The automatic findings of a document check: a code, a severity and its values.

A finding is stored language-neutral (code + values) in the check record and worded
when shown, in the user's language or, for the bilingual protocol, in each of them.
Severity: ``critical`` (red: watchlist hits, failed MRZ checks), ``warning`` (amber:
entry regime, expired or mismatched documents), ``info`` (history, allowance used).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from borderdesk.domain import countries
from borderdesk.domain.case_workflow import _KIND_LABELS as KIND_LABELS
from borderdesk.domain.case_workflow import _STATUS_LABELS as STATUS_LABELS
from borderdesk.domain.partial_date import display_text
from borderdesk.i18n import N_, current_language, translations_for

CRITICAL, WARNING, INFO = "critical", "warning", "info"
_RANK = {CRITICAL: 0, WARNING: 1, INFO: 2}

# Verdicts: red, amber, green.
ALERT, CAUTION, CLEAR = "alert", "warning", "clear"


@dataclass(frozen=True)
class CheckFinding:
    code: str
    severity: str  # critical | warning | info
    source: str  # mrz | visa | watchlist | regime | history
    params: Mapping[str, Any] = field(default_factory=dict, hash=False)

    def message(self, lang: str | None = None) -> str:
        """The finding in ``lang`` (default: the user's language)."""
        return wording(self, lang or current_language())

    def stored(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": self.severity,
            "source": self.source,
            "params": dict(self.params),
        }

    def to_json(self) -> dict[str, Any]:
        return {**self.stored(), "message": self.message()}

    @classmethod
    def from_stored(cls, data: Mapping[str, Any]) -> CheckFinding:
        return cls(data["code"], data["severity"], data["source"], dict(data.get("params", {})))


def ordered(findings: Iterable[CheckFinding]) -> tuple[CheckFinding, ...]:
    """Most severe first; otherwise in the order they were found."""
    return tuple(sorted(findings, key=lambda f: _RANK.get(f.severity, 3)))


def verdict_of(findings: Iterable[CheckFinding]) -> str:
    severities = {f.severity for f in findings}
    if CRITICAL in severities:
        return ALERT
    return CAUTION if WARNING in severities else CLEAR


# --------------------------------------------------------------------------- wording

_TEXTS = {
    "mrz_error": N_("Document: {problem}"),
    "mrz_warning": N_("Document: {problem}"),
    "visa_invalid": N_("Visa: {problem}"),
    "visa_expired": N_("The visa expired on {expiry}."),
    "visa_not_a_visa": N_("The second document scanned is not a visa."),
    "visa_holder_mismatch": N_("The visa does not name the holder of the document."),
    "document_holder_differs": N_(
        "This document was recorded before for {name}, born {birth}: the details differ."
    ),
    "watchlist_document": N_(
        "Document {state} {number} is on the watchlist: {reason} (source: {source})."
    ),
    "watchlist_person": N_(
        "Possible wanted person {name}, born {birth}, {nationality}: match {score} ({why}). "
        "Listed for: {reason} (source: {source})."
    ),
    "entry_ban": N_(
        "Entry ban on file for {name}, born {birth}, {nationality}: match {score} ({why}). "
        "Reason: {reason} (source: {source})."
    ),
    "visa_required_missing": N_("Nationals of {nationality} need a visa, and none was presented."),
    "stay_allowance_exceeded": N_(
        "Nationals of {nationality} may stay {allowance} days in any {period} days "
        "without a visa; leaving on {exit} would make {used}. The longest stay "
        "from {entry} is {max} days."
    ),
    "stay_days": N_(
        "Visa-free days used in {period} days up to today: {used} of {allowance}; "
        "the longest stay from today is {max} days."
    ),
    "no_regime_on_file": N_("No entry regime is on file for {nationality}: a visa is required."),
    "own_national": N_("Own national ({nationality}): no visa or stay limit applies."),
    "regime_unverified": N_("The entry regime for {nationality} is not confirmed yet."),
    "history_checked_before": N_("Earlier checks: {count}; the last on {date} at {site}."),
    "history_refused_before": N_(
        "Refused entry before, on {date} at {site} (protocol {protocol})."
    ),
    "history_detained_before": N_("Detained before, on {date} at {site} (protocol {protocol})."),
    "in_custody": N_(
        "Held in the readmission centre now: stay {stay} since {date} ({site}). "
        "Do not let this person through."
    ),
    "open_case": N_("Open readmission case {case} ({kind}, {status}, requested: {requested})."),
}
# A refusal recorded with its legal ground (resources/refusal_grounds.toml) names it.
_REFUSED_WITH_GROUND = N_(
    "Refused entry before, on {date} at {site} (protocol {protocol}): {ground}."
)

_WHY = {
    "surname_key_equal": N_("same surname in any spelling"),
    "surname_fuzzy": N_("similar surname"),
    "surname_mismatch": N_("surname differs"),
    "given_key_equal": N_("same given names"),
    "given_fuzzy": N_("similar given names"),
    "given_initial": N_("initials fit"),
    "given_mismatch": N_("given names differ"),
    "given_missing": N_("no given names to compare"),
    "names_swapped": N_("surname and given names swapped"),
    "birth_date_equal": N_("same date of birth"),
    "birth_date_compatible": N_("date of birth fits the partly known one"),
    "birth_date_unknown": N_("date of birth not known"),
    "birth_date_differs": N_("date of birth differs"),
    "nationality_equal": N_("same nationality"),
    "nationality_unknown": N_("nationality not known"),
    "nationality_differs": N_("nationality differs"),
    # domain.names.score_identity (the watchlist person match since #9).
    "surname_equal": N_("same surname"),
    "surname_same_key": N_("same surname in another spelling"),
    "surname_same_skeleton": N_("same surname in another system of spelling"),
    "surname_typo": N_("surname one typo away"),
    "surname_compound_part": N_("one part of a compound surname"),
    "surname_gender_form": N_("the other gender's form of the surname"),
    "given_names_equal": N_("same given names"),
    "given_names_same_key": N_("same given names in another spelling"),
    "given_names_same_skeleton": N_("given names in another system of spelling"),
    "given_names_short_form": N_("a short form of the given name (MD, MOHD)"),
    "given_names_initial": N_("initials fit"),
    "given_names_extra_name": N_("a patronymic or second given name on one side only"),
    "given_names_typo": N_("given names one typo away"),
    "given_names_missing": N_("no given names to compare"),
    "birth_date_near": N_("date of birth one typo away"),
}
_SPELLING = "spelling_"  # + a system of domain.names.spelling_systems: its label


# The MRZ and name modules are imported where a finding is worded: reading saved findings
# (a listing of checks) needs neither.
def _why(code: str, gettext: Callable[[str], str], lang: str) -> str:
    if code.startswith(_SPELLING):
        from borderdesk.domain.names.spelling_systems import system_label

        return system_label(code[len(_SPELLING) :], lang)
    return gettext(_WHY[code]) if code in _WHY else code


def _mrz_problem(code: str, lang: str) -> str:
    from borderdesk.domain.mrz.messages import _MESSAGES as MRZ_MESSAGES
    from borderdesk.domain.mrz.messages import describe
    from borderdesk.domain.mrz.policy import policy

    catalog = translations_for(lang)
    if lang == current_language():
        return describe(code)
    if code == "expires_soon":
        days = policy().expires_soon_days
        return catalog.ngettext(
            "The document expires within {days} day.",
            "The document expires within {days} days.",
            days,
        ).format(days=days)
    if code == "under_18":
        years = policy().adult_age_years
        return catalog.ngettext(
            "The holder is under {years} year old.",
            "The holder is under {years} years old.",
            years,
        ).format(years=years)
    message = MRZ_MESSAGES.get(code)
    return catalog.gettext(message) if message else code


def _date(value: Any, lang: str) -> str:
    """A stored ISO (or partial) date in the one day format of ``lang``: ``01.12.2026``."""
    if not value:
        return "—"
    return display_text(str(value), lang) or "—"


def _country(code: Any, lang: str) -> str:
    return countries.country_name(code, lang) if code else "—"


def _values(finding: CheckFinding, lang: str) -> dict[str, Any]:
    p = dict(finding.params)
    gettext: Callable[[str], str] = translations_for(lang).gettext
    if "mrz_code" in p:
        p["problem"] = _mrz_problem(p["mrz_code"], lang)
    for key in ("expiry", "exit", "entry", "date", "valid_until"):
        if key in p:
            p[key] = _date(p[key], lang)
    if "birth" in p:
        p["birth"] = _date(p["birth"], lang)
    for key in ("nationality", "state"):
        if key in p:
            p[key] = _country(p[key], lang)
    if "reasons" in p:
        p["why"] = ", ".join(_why(r, gettext, lang) for r in p["reasons"])
    if "source" in p:
        p["source"] = p["source"] or "—"
    if finding.code == "open_case":
        p["status"] = translations_for(lang).gettext(STATUS_LABELS.get(p["status"], p["status"]))
        p["kind"] = translations_for(lang).gettext(KIND_LABELS.get(p["kind"], p["kind"]))
        p["requested"] = _country(p.get("requested"), lang)
    return p


def wording(finding: CheckFinding, lang: str) -> str:
    template = _TEXTS.get(finding.code)
    if template is None:
        return finding.code
    values = _values(finding, lang)
    if finding.code == "history_refused_before" and finding.params.get("ground"):
        from borderdesk.domain.refusal_grounds import ground_label

        template = _REFUSED_WITH_GROUND
        values["ground"] = ground_label(str(finding.params["ground"]), lang)
    return translations_for(lang).gettext(template).format(**values)
