"""Time limits of a readmission procedure as dates.

Conventions (the standard EU readmission model, which the agreements on file follow):

* **Calendar days** run from the day after the event: ``due = start + days`` (the day
  of receipt is not counted). A calendar deadline is **not** moved when it falls on a
  weekend or a public holiday; ``skipped`` is then empty.
* **Working days** are counted one by one after ``start``, passing over Saturdays,
  Sundays and the public holidays of the *acting state* (from the ``holidays``
  package, which also knows Russia's working Saturdays moved by decree), with the days
  moved by the decrees in ``working_calendar.toml`` laid over it; ``skipped`` lists the
  public holidays and decreed days off passed over (weekends are implicit), and the rule
  names the decree whose moved days the count went over.
* **Calendar months** ("within one month") run to the same day number of the month that
  many months later, or to that month's last day when it is shorter (31 January + 1 month
  = 28 or 29 February). Like calendar days they are not moved off weekends or holidays:
  the agreements on file set no such rule.
* **Transfer notice** is the one step counted *backwards*: ``start`` is the planned
  transfer date and ``due`` is the last working day on which notice can still be
  given, that many working days before the transfer.
* **Acting state**: ``state`` when given, else the party that must act on the step —
  the requested party for replies (Russia under EU–RU; the partner under a bilateral
  agreement), the requesting party for applications, transfers and notices (Russia
  under a bilateral agreement; under EU–RU the member state, which must then be
  given). Under EU–RU a member state given as ``state`` (or ``member_state``) also
  selects its implementing protocol, whose overrides apply from its entry into force
  (or, when that is not on file, its signature).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import Any

from borderdesk.domain.agreements import (
    EU,
    REQUESTED_PARTY_STEPS,
    STEPS,
    Agreement,
    AgreementBook,
    DayKind,
    TimeLimit,
)
from borderdesk.domain.state_codes import state_name
from borderdesk.domain.working_calendar import DecreeYear, decree_year, moved_working_day
from borderdesk.errors import BorderDeskError, InputError
from borderdesk.i18n import N_, _, format_day, ngettext

# The steps a user can ask for (wrongful readmission has no procedural start date of its own).
DEADLINE_STEPS = tuple(step for step in STEPS if step != "wrongful_readmission_take_back")
BACKWARD_STEPS = frozenset({"transfer_notice"})
# "Due within N days" asks about at most a hundred years of days: far past every time
# limit of an agreement, and a day the calendar still has (a bigger N overflowed it).
MAX_DUE_WITHIN_DAYS = 36_500


class DeadlineError(BorderDeskError):
    """A deadline that cannot be computed as asked (refused by the agreement, or no data)."""


class DeadlineInputError(DeadlineError, InputError):
    """The question itself is malformed: unknown step or state code."""


@dataclass(frozen=True)
class Deadline:
    due: date
    days: int
    kind: DayKind
    skipped: tuple[date, ...]
    rule: str
    unverified: bool
    start: date
    state: str | None
    step: str = ""
    agreement: str = ""
    #: A limit in calendar months ("within one month"); ``days`` then counts the days it
    #: came to from ``start``.
    months: int = 0

    def as_dict(self) -> dict[str, Any]:
        """The keys of the command-line JSON contract (``months`` only for a month limit)."""
        found: dict[str, Any] = {
            "due": self.due.isoformat(),
            "days": self.days,
            "kind": self.kind,
            "skipped": [d.isoformat() for d in self.skipped],
            "rule": self.rule,
            "unverified": self.unverified,
        }
        if self.months:
            found["months"] = self.months
        return found

    @property
    def period(self) -> str:
        """The time limit in words: "25 calendar days", "1 month"."""
        return _period(self.days, self.kind, self.months)


def add_months(start: date, months: int) -> date:
    """The same day ``months`` calendar months later (earlier when negative), clamped to
    the last day of a shorter month: 31 January + 1 = 28 (29) February."""
    index = start.year * 12 + start.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    if not 1 <= year <= 9999:
        raise OverflowError("date value out of range")
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


# --------------------------------------------------------------------------- holidays


@cache
def _holiday_calendar(state: str) -> Any:
    import holidays

    from borderdesk.domain.state_codes import iso2_for

    iso2 = iso2_for(state)
    if iso2 is None or iso2 not in holidays.list_supported_countries():
        raise DeadlineInputError(
            _("No public-holiday calendar is available for '{state}'.").format(state=state),
            code="no_holiday_calendar",
        )
    return holidays.country_holidays(iso2)


def is_holiday(state: str, day: date) -> bool:
    """A public holiday, or a weekday a decree on file made a day off."""
    if moved_working_day(state, day) is False:
        return True
    return day in _holiday_calendar(state)


def is_working_day(state: str, day: date) -> bool:
    """Not a weekend (unless a decree made it a working day) and not a public holiday."""
    moved = moved_working_day(state, day)
    if moved is not None:
        return moved
    return bool(_holiday_calendar(state).is_working_day(day))


def decrees_between(state: str, first: date, last: date) -> tuple[DecreeYear, ...]:
    """The decrees on file whose moved days fall between ``first`` and ``last``."""
    low, high = min(first, last), max(first, last)
    found = []
    for year in range(low.year, high.year + 1):
        decree = decree_year(state, year)
        if decree and any(low <= d <= high for d in decree.days_off | decree.working_days):
            found.append(decree)
    return tuple(found)


def shift_working_days(start: date, days: int, state: str) -> tuple[date, tuple[date, ...]]:
    """The ``days``-th working day after ``start`` (before it when ``days`` < 0).

    Returns the date and the public holidays passed over on the way.
    """
    step = 1 if days >= 0 else -1
    remaining = abs(days)
    day = start
    skipped: list[date] = []
    while remaining:
        day += timedelta(days=step)
        if is_working_day(state, day):
            remaining -= 1
        elif is_holiday(state, day):
            skipped.append(day)
    return day, tuple(sorted(skipped))


# --------------------------------------------------------------------------- rules

_STEP_RULES = {
    "application": N_("application within {period} after the facts became known"),
    "reply": N_("reply within {period} of receipt of the application"),
    "reply_extended": N_("extended reply time: {period} in total from receipt"),
    "accelerated_application": N_(
        "accelerated procedure: application within {period} of apprehension in the border region"
    ),
    "accelerated_reply": N_("accelerated procedure: reply within {period} of receipt"),
    "transfer": N_("transfer within {period} of the positive reply"),
    "transit_reply": N_("reply to a transit application within {period} of receipt"),
    "transfer_notice": N_("notice of transfer at least {period} before the transfer"),
    "wrongful_readmission_take_back": N_("take back a person readmitted in error within {period}"),
}


_STEP_NAMES = {
    "application": N_("application"),
    "reply": N_("reply"),
    "reply_extended": N_("extended reply"),
    "accelerated_application": N_("application (accelerated procedure)"),
    "accelerated_reply": N_("reply (accelerated procedure)"),
    "transfer": N_("transfer"),
    "transit_reply": N_("reply to a transit application"),
    "transfer_notice": N_("notice of transfer"),
    "wrongful_readmission_take_back": N_("taking back a person readmitted in error"),
}


def step_name(step: str) -> str:
    """A procedure step in words (the code itself only if it has no name)."""
    return _(_STEP_NAMES[step]) if step in _STEP_NAMES else step


def _period(days: int, kind: str, months: int = 0) -> str:
    if months:
        return ngettext("{n} month", "{n} months", months).format(n=months)
    if kind == "working":
        return ngettext("{n} working day", "{n} working days", days).format(n=days)
    return ngettext("{n} calendar day", "{n} calendar days", days).format(n=days)


def default_acting_state(agreement: Agreement, step: str, member_state: str | None) -> str | None:
    """Who must act on ``step`` (see the module doc); None if it cannot be known."""
    if step in REQUESTED_PARTY_STEPS:
        return agreement.requested_party
    requesting = agreement.requesting_party
    if requesting == EU:
        return member_state
    return requesting


def compute_deadline(
    book: AgreementBook,
    *,
    agreement_id: str,
    step: str,
    start: date,
    state: str | None = None,
    member_state: str | None = None,
) -> Deadline:
    """The due date of ``step`` under ``agreement_id`` counted from ``start``.

    ``state`` is the acting state whose working days count (default: see the module doc).
    ``member_state`` names the member state of an EU–RU case when it is not the acting
    state, so that its implementing protocol applies.
    """
    agreement = book.get(agreement_id)
    if step not in STEPS:
        raise DeadlineInputError(
            _("Unknown procedure step '{step}'.").format(step=step), code="unknown_step"
        )
    state = state.strip().upper() if state else None
    member_state = member_state.strip().upper() if member_state else None
    for code in (state, member_state):
        if code is not None:
            from borderdesk.domain.state_codes import is_known_state

            if not is_known_state(code):
                raise DeadlineInputError(
                    _("Unknown state code '{code}'.").format(code=code), code="unknown_state"
                )
    if agreement.with_eu and member_state is None and state is not None and state != "RUS":
        member_state = state

    limits = agreement.time_limits
    if limits is None:
        raise DeadlineError(
            _("No time limits are on file for {agreement}.").format(
                agreement=agreement.short_name()
            ),
            code="no_time_limits",
        )
    protocol = agreement.protocol_for(member_state, on=start) if agreement.with_eu else None
    if step == "reply_extended" and protocol is not None and not protocol.reply_extension:
        raise DeadlineError(
            _(
                "{agreement}: the implementing protocol with {state} excludes extending the "
                "reply time limit; the reply is due within the ordinary time limit."
            ).format(agreement=agreement.short_name(), state=state_name(protocol.state)),
            code="extension_excluded",
        )
    limit: TimeLimit | None = protocol.override(step) if protocol else None
    from_protocol = limit is not None
    if limit is None:
        limit = limits.get(step)
    if limit is None:
        raise DeadlineError(
            _("{agreement} sets no time limit for the step '{step}'.").format(
                agreement=agreement.short_name(), step=step_name(step)
            ),
            code="step_not_in_agreement",
        )

    acting = state or default_acting_state(agreement, step, member_state)
    sign = -1 if step in BACKWARD_STEPS else 1
    days = sign * limit.days
    if limit.kind != "calendar" and acting is None:
        raise DeadlineInputError(
            _(
                "{agreement}: '{step}' counts the working days of the member state; give the state."
            ).format(agreement=agreement.short_name(), step=step_name(step)),
            code="acting_state_needed",
        )
    try:
        skipped: tuple[date, ...] = ()
        if limit.months:
            due = add_months(start, sign * limit.months)
        elif limit.kind == "calendar":
            due = start + timedelta(days=days)
        else:
            assert acting is not None
            due, skipped = shift_working_days(start, days, acting)
    except OverflowError:  # a stored 9999-12-31 or year 1 must not crash a case page
        raise DeadlineError(
            _("No due date can be counted from {start}: the date is out of range.").format(
                start=start.isoformat()
            ),
            code="date_out_of_range",
        ) from None

    what = _(_STEP_RULES[step]).format(period=_period(limit.days, limit.kind, limit.months))
    rule = f"{agreement.short_name()}: {what} — {limit.source}"
    if from_protocol and protocol is not None:
        rule += "; " + _("implementing protocol with {state} of {signed}").format(
            state=state_name(protocol.state), signed=format_day(protocol.signed)
        )
    decrees = decrees_between(acting, start, due) if limit.kind == "working" and acting else ()
    for decree in decrees:
        rule += "; " + _("working days as moved by {decree}").format(decree=decree.decree())
    return Deadline(
        due=due,
        days=abs((due - start).days) if limit.months else limit.days,
        kind=limit.kind,
        skipped=skipped,
        rule=rule,
        unverified=not limit.verified
        or (from_protocol and protocol is not None and not protocol.verified),
        start=start,
        state=acting,
        step=step,
        agreement=agreement.id,
        months=limit.months,
    )


def is_deemed_accepted(agreement: Agreement, reply_due: date, today: date, replied: bool) -> bool:
    """Silence means consent: no reply by the end of ``reply_due`` counts as acceptance.

    Only where the agreement says so (``silence_means_consent``); the day after the
    due date is the first day the application counts as accepted.
    """
    limits = agreement.time_limits
    if limits is None or not limits.silence_means_consent:
        return False
    return not replied and today > reply_due
