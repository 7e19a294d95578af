"""Entry regimes by nationality, and whether an entry fits the regime.

Data: ``resources/reference/regimes.toml`` (loaded by :mod:`borderdesk.domain.regimes_file`).
A state that is not listed gets the file's ``[default]`` regime (a visa is required);
a code that is no state at all has no regime on file.

Counting stays: every calendar day a person is in the country counts, the day of
entry and the day of exit included. The allowance is checked in the rolling window
of ``period_days`` days that ends on the intended exit day (entry day plus
``planned_days`` - 1; the entry day alone when no plan is given). During one
continuous stay the count in that window can only grow, so checking the exit day
is enough. A previous stay with no exit recorded counts up to the day before this
entry. A person holding a visa is governed by the visa, not by the visa-free
allowance: days are still counted and reported, but no allowance warning is raised.
Some agreements also limit each stay (Thailand: 30 days from entry, 90 in any 180):
``stay_limit_days`` caps the longest stay, and a longer planned stay exceeds the allowance.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from borderdesk.errors import InputError
from borderdesk.i18n import N_, _, format_day

VISA_REQUIRED_MISSING = "visa_required_missing"
STAY_ALLOWANCE_EXCEEDED = "stay_allowance_exceeded"
OWN_NATIONAL = "own_national"
NO_REGIME_ON_FILE = "no_regime_on_file"

# Codes that are information, not a reason to stop the person.
INFORMATIONAL = frozenset({OWN_NATIONAL, NO_REGIME_ON_FILE})


@dataclass(frozen=True)
class Regime:
    nationality: str
    visa_required: bool
    visa_free_days: int | None = None
    period_days: int | None = None
    own_nationals: bool = False
    documents: tuple[str, ...] = ()
    verified: bool = True
    source: str = ""
    source_ru: str = ""
    note: str = ""
    note_ru: str = ""
    stay_limit_days: int | None = None  # each stay at most this many days from entry
    is_default: bool = False  # the file's rule for states it does not list

    @property
    def has_allowance(self) -> bool:
        return self.visa_free_days is not None and self.period_days is not None

    def source_in(self, language: str) -> str:
        """The source in ``language`` ('ru' or 'en'); English when no translation is given."""
        return (self.source_ru if language.startswith("ru") else "") or self.source

    def note_in(self, language: str) -> str:
        return (self.note_ru if language.startswith("ru") else "") or self.note


@dataclass(frozen=True)
class RegimeBook:
    regimes: tuple[Regime, ...]
    default: Regime | None = None  # for every known state not listed

    def __iter__(self) -> Iterator[Regime]:
        return iter(self.regimes)

    def listed(self, nationality: str) -> Regime | None:
        """The regime the file lists for this nationality, without the default."""
        code = nationality.strip().upper()
        for regime in self.regimes:
            if regime.nationality == code:
                return regime
        return None

    def get(self, nationality: str) -> Regime | None:
        """The listed regime, else the default for a known state; None for any other code."""
        from borderdesk.domain.countries import is_known, normalise

        code = nationality.strip().upper()
        regime = self.listed(code) or self.listed(normalise(code))
        if regime is not None or self.default is None or not is_known(code):
            return regime
        return replace(self.default, nationality=normalise(code))


@dataclass(frozen=True)
class RegimeWarning:
    code: str
    message: str


@dataclass(frozen=True)
class RegimeFinding:
    nationality: str
    regime: Regime | None
    visa_required: bool
    warnings: tuple[RegimeWarning, ...]
    days_used: int | None = (
        None  # days in the window ending on the intended exit, this stay included
    )
    days_left: int | None = None  # allowance minus days_used, never below 0
    max_stay_days: int | None = None  # the longest stay from entry_date within the allowance
    window_start: date | None = None
    window_end: date | None = None
    unverified: bool = False

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(w.code for w in self.warnings)

    @property
    def ok(self) -> bool:
        """No warning that should stop the person at the border."""
        return all(w.code in INFORMATIONAL for w in self.warnings)


def _past_days(
    previous_stays: Sequence[tuple[date, date | None]], entry_date: date, horizon: date
) -> list[date]:
    """Sorted days stayed before ``entry_date`` and on or after ``horizon``."""
    days: set[date] = set()
    for i, (start, end) in enumerate(previous_stays):
        if end is not None and end < start:
            raise InputError(
                _("Stay {n}: the exit {exit} is before the entry {entry}.").format(
                    n=i + 1, exit=format_day(end), entry=format_day(start)
                )
            )
        last = min(end or entry_date, entry_date - timedelta(days=1))
        day = max(start, horizon)
        while day <= last:
            days.add(day)
            day += timedelta(days=1)
    return sorted(days)


def _warning(code: str, message: str, **values: object) -> RegimeWarning:
    return RegimeWarning(code, _(message).format(**values))


def assess_entry(
    regime_book: RegimeBook,
    *,
    nationality: str,
    entry_date: date,
    previous_stays: Sequence[tuple[date, date | None]],
    has_visa: bool,
    planned_days: int | None = None,
) -> RegimeFinding:
    """Check an entry against the regime for ``nationality`` (see the module doc)."""
    from borderdesk.domain.state_codes import state_name

    code = nationality.strip().upper()
    if planned_days is not None and planned_days < 1:
        raise InputError(_("The planned stay must be at least one day."))
    regime = regime_book.get(code)
    name = state_name(code)

    if regime is None:
        warnings = [
            _warning(
                NO_REGIME_ON_FILE,
                N_("No entry regime is on file for {nationality}: a visa is required."),
                nationality=name,
            )
        ]
        if not has_visa:
            warnings.append(
                _warning(
                    VISA_REQUIRED_MISSING,
                    N_("Nationals of {nationality} need a visa, and none was presented."),
                    nationality=name,
                )
            )
        return RegimeFinding(code, None, True, tuple(warnings))

    unverified = not regime.verified
    if regime.own_nationals:
        warning = _warning(
            OWN_NATIONAL,
            N_("Own national ({nationality}): no visa or stay limit applies."),
            nationality=name,
        )
        return RegimeFinding(code, regime, False, (warning,), unverified=unverified)

    if regime.visa_required:
        warnings = []
        if not has_visa:
            warnings.append(
                _warning(
                    VISA_REQUIRED_MISSING,
                    N_("Nationals of {nationality} need a visa, and none was presented."),
                    nationality=name,
                )
            )
        return RegimeFinding(code, regime, True, tuple(warnings), unverified=unverified)

    if not regime.has_allowance:
        return RegimeFinding(code, regime, False, (), unverified=unverified)

    assert regime.visa_free_days is not None and regime.period_days is not None
    allowance, period = regime.visa_free_days, regime.period_days
    stay = planned_days or 1
    exit_day = entry_date + timedelta(days=stay - 1)
    past = _past_days(previous_stays, entry_date, entry_date - timedelta(days=period))

    def used_if_leaving_on(last: date) -> int:
        window_start = last - timedelta(days=period - 1)
        before = bisect_left(past, entry_date) - bisect_left(past, window_start)
        return before + (last - max(entry_date, window_start)).days + 1

    days_used = used_if_leaving_on(exit_day)
    longest = min(allowance, regime.stay_limit_days or allowance)
    max_stay = 0
    while max_stay < longest and (
        used_if_leaving_on(entry_date + timedelta(days=max_stay)) <= allowance
    ):
        max_stay += 1

    warnings = []
    if not has_visa and (days_used > allowance or stay > longest):
        warnings.append(
            _warning(
                STAY_ALLOWANCE_EXCEEDED,
                N_(
                    "Nationals of {nationality} may stay {allowance} days in any {period} days "
                    "without a visa; leaving on {exit} would make {used}. The longest stay "
                    "from {entry} is {max} days."
                ),
                nationality=name,
                allowance=allowance,
                period=period,
                exit=format_day(exit_day),
                used=days_used,
                entry=format_day(entry_date),
                max=max_stay,
            )
        )
    return RegimeFinding(
        code,
        regime,
        False,
        tuple(warnings),
        days_used=days_used,
        days_left=max(0, allowance - days_used),
        max_stay_days=max_stay,
        window_start=exit_day - timedelta(days=period - 1),
        window_end=exit_day,
        unverified=unverified,
    )
