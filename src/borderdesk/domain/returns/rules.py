"""The counting rules of the monthly return, written once (``docs/returns.md`` explains them).

Each rule is a small function over plain values, so it can be tested on months built
by hand; ``borderdesk.reports`` counts the same rules with aggregate SQL and its tests
check the two agree.

* **A request is in the month of its receipt** (``received_on``: the day Russia
  received it, which is also the day its reply period starts). Our own applications
  (apprehensions, outgoing) are in the month they were submitted (``submitted_on``).
* **A decision is in the month it took effect** (``decided_on``): the day of the reply,
  or, where silence means consent, the day after the reply time limit ran out.
  A decision with no reply given (``replied_on`` empty) is a *deemed acceptance*.
* **The time limit of a reply** is the extended one once an extension was asked for
  (the service only allows that before the ordinary limit ends), else the ordinary
  (or accelerated) one. A reply is *within the limit* when it was given on or before
  that day; a deemed acceptance is a reply *not* given within the limit.
* **Open at the month's end**: received by the month's last day, not decided by then,
  and not withdrawn by then. **Overdue**: open at the month's end and its time limit
  ended before that day.
* **A detention** is a document check whose decision, after any correction, is
  "detain"; a refusal likewise "refuse". A corrected check counts once, as corrected,
  in the month it was made (a correction keeps the original time of the check).
* **A watchlist alert** is a check with at least one watchlist finding (document or
  person), whatever the officer then decided.
* **A person readmitted** is an incoming request whose person was handed over to
  Russia (``transferred_on``) in the month.
* **Centre**: the day of arrival is day 1 of a stay and the day of departure its last
  (as on the occupancy board); a bed-day is one person present on one calendar day.
  A stay is *past its maximum* in a month when the person was still there, on a day
  of that month, after the last day their legal basis allows.
* **Onward transfers** are in the month of the handover (completed) or, for a
  cancelled transfer, of its cancellation (``cancelled_at``, in the site's zone); a
  transfer cancelled before that time was stored (schema step 0009r) has none and is
  in the month of the day it had been planned for.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from borderdesk.domain.returns.period import ReturnMonth

Outcome = Literal["accepted", "refused", "deemed_accepted"]
OUTCOMES: tuple[Outcome, ...] = ("accepted", "refused", "deemed_accepted")
WITHDRAWN = "withdrawn"
DETAIN, REFUSE = "detain", "refuse"
WATCHLIST_SOURCE = "watchlist"
INCOMING = "incoming"
OUR_APPLICATIONS = ("apprehension", "outgoing")


def outcome_of(decision: str | None, replied_on: date | None) -> Outcome | None:
    """accepted, refused, deemed accepted (no reply given), or None (not decided)."""
    if decision == "refused":
        return "refused"
    if decision == "accepted":
        return "accepted" if replied_on is not None else "deemed_accepted"
    return None


def reply_limit(reply_due: date | None, extended_reply_due: date | None) -> date | None:
    """The time limit the reply was held to: the extended one where it was asked for."""
    return extended_reply_due or reply_due


def replied_within_limit(
    replied_on: date | None, reply_due: date | None, extended_reply_due: date | None
) -> bool:
    """A reply given on or before its (possibly extended) limit; no reply: not within."""
    limit = reply_limit(reply_due, extended_reply_due)
    return replied_on is not None and limit is not None and replied_on <= limit


@dataclass(frozen=True)
class RequestState:
    """What the end-of-month rules need to know about one request."""

    received_on: date | None
    decided_on: date | None
    status: str
    closed_on: date | None
    reply_due: date | None
    extended_reply_due: date | None


def open_at(request: RequestState, day: date) -> bool:
    """Received by ``day``, not decided by then, not withdrawn by then."""
    if request.received_on is None or request.received_on > day:
        return False
    if request.decided_on is not None and request.decided_on <= day:
        return False
    withdrawn_on = request.closed_on if request.status == WITHDRAWN else None
    return withdrawn_on is None or withdrawn_on > day


def overdue_at(request: RequestState, day: date) -> bool:
    """Open on ``day`` with its time limit already over."""
    limit = reply_limit(request.reply_due, request.extended_reply_due)
    return open_at(request, day) and limit is not None and limit < day


def counts_as_detention(current_decision: str | None) -> bool:
    return current_decision == DETAIN


def counts_as_refusal(current_decision: str | None) -> bool:
    return current_decision == REFUSE


def counts_as_watchlist_alert(finding_sources: tuple[str, ...]) -> bool:
    return WATCHLIST_SOURCE in finding_sources


# --------------------------------------------------------------------------- centre


def present_span(
    arrived_on: date, left_on: date | None, month: ReturnMonth, as_of: date
) -> tuple[date, date] | None:
    """The first and last day of ``month`` (up to ``as_of``) the person was in the centre."""
    first = max(arrived_on, month.first_day)
    last = min(left_on if left_on is not None else as_of, month.last_day, as_of)
    return (first, last) if first <= last else None


def present_days(
    arrived_on: date, left_on: date | None, month: ReturnMonth, as_of: date
) -> tuple[date, ...]:
    """The days of ``month`` (up to ``as_of``) on which the person was in the centre."""
    span = present_span(arrived_on, left_on, month, as_of)
    if span is None:
        return ()
    return tuple(span[0] + timedelta(days=i) for i in range((span[1] - span[0]).days + 1))


def days_in_centre(arrived_on: date, until: date) -> int:
    """Day of arrival is day 1 (``domain.centre.stay_term`` counts the same way)."""
    return max(1, (until - arrived_on).days + 1)


def last_permitted_day(arrived_on: date, max_days: int) -> date:
    return arrived_on + timedelta(days=max_days - 1)


def past_maximum_in(
    arrived_on: date, left_on: date | None, max_days: int, month: ReturnMonth, as_of: date
) -> bool:
    """Present on some day of the month after the last day the legal basis allows."""
    span = present_span(arrived_on, left_on, month, as_of)
    return span is not None and span[1] > last_permitted_day(arrived_on, max_days)


def occupancy_figures(per_day: dict[date, int], days: tuple[date, ...]) -> tuple[int, int, float]:
    """Bed-days, peak and mean occupancy from the number present on each counted day."""
    counts = [per_day.get(d, 0) for d in days]
    bed_days = sum(counts)
    peak = max(counts, default=0)
    mean = round(bed_days / len(days), 1) if days else 0.0
    return bed_days, peak, mean


def share(part: int, whole: int) -> float | None:
    """A share 0..1 to four places; None when there is nothing to divide."""
    return round(part / whole, 4) if whole else None
