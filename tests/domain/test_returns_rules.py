"""The counting rules of the monthly return (domain.returns.rules), on values built by hand."""

from __future__ import annotations

from datetime import date

import pytest

from borderdesk.domain.returns.period import ReturnMonth
from borderdesk.domain.returns.rules import (
    RequestState,
    counts_as_detention,
    counts_as_refusal,
    counts_as_watchlist_alert,
    days_in_centre,
    occupancy_figures,
    open_at,
    outcome_of,
    overdue_at,
    past_maximum_in,
    present_days,
    replied_within_limit,
    reply_limit,
    share,
)

MARCH = ReturnMonth(2026, 3)


def test_outcome_of_a_decision():
    assert outcome_of("accepted", date(2026, 3, 5)) == "accepted"
    assert outcome_of("accepted", None) == "deemed_accepted"  # silence means consent
    assert outcome_of("refused", date(2026, 3, 5)) == "refused"
    assert outcome_of(None, None) is None


def test_the_extended_limit_replaces_the_ordinary_one():
    ordinary, extended = date(2026, 3, 10), date(2026, 3, 25)
    assert reply_limit(ordinary, None) == ordinary
    assert reply_limit(ordinary, extended) == extended
    assert replied_within_limit(date(2026, 3, 20), ordinary, extended)
    assert not replied_within_limit(date(2026, 3, 20), ordinary, None)
    assert replied_within_limit(date(2026, 3, 10), ordinary, None)  # on the day: in time
    assert not replied_within_limit(date(2026, 3, 26), ordinary, extended)


def test_a_deemed_acceptance_is_not_a_reply_within_the_limit():
    assert not replied_within_limit(None, date(2026, 3, 10), None)


def _request(**kw) -> RequestState:
    base = dict(
        received_on=date(2026, 3, 1),
        decided_on=None,
        status="under_examination",
        closed_on=None,
        reply_due=date(2026, 3, 20),
        extended_reply_due=None,
    )
    base.update(kw)
    return RequestState(**base)


def test_open_and_overdue_at_a_day():
    end = MARCH.last_day
    assert open_at(_request(), end) and overdue_at(_request(), end)
    assert not overdue_at(_request(), date(2026, 3, 20))  # the last day is still in time
    assert overdue_at(_request(), date(2026, 3, 21))
    extended = _request(extended_reply_due=date(2026, 4, 5))
    assert open_at(extended, end) and not overdue_at(extended, end)
    assert not open_at(_request(received_on=date(2026, 4, 1)), end)
    assert not open_at(_request(decided_on=date(2026, 3, 31)), end)
    assert open_at(_request(decided_on=date(2026, 4, 1)), end)
    withdrawn = _request(status="withdrawn", closed_on=date(2026, 3, 15))
    assert not open_at(withdrawn, end)
    assert open_at(withdrawn, date(2026, 3, 14))
    assert not overdue_at(_request(reply_due=None), end)


def test_what_counts_as_a_detention_refusal_or_alert():
    assert counts_as_detention("detain") and not counts_as_detention("refuse")
    assert counts_as_refusal("refuse") and not counts_as_refusal(None)
    assert counts_as_watchlist_alert(("regime", "watchlist"))
    assert not counts_as_watchlist_alert(("regime", "mrz"))


def test_days_present_in_a_month():
    assert len(present_days(date(2026, 2, 20), None, MARCH, date(2026, 4, 30))) == 31
    assert len(present_days(date(2026, 2, 20), date(2026, 3, 10), MARCH, MARCH.last_day)) == 10
    assert present_days(date(2026, 3, 30), date(2026, 4, 2), MARCH, MARCH.last_day) == (
        date(2026, 3, 30),
        date(2026, 3, 31),
    )
    assert present_days(date(2026, 1, 1), date(2026, 2, 28), MARCH, MARCH.last_day) == ()
    # A month still running counts only to today.
    assert len(present_days(date(2026, 3, 1), None, MARCH, date(2026, 3, 12))) == 12


def test_day_of_arrival_is_day_one():
    assert days_in_centre(date(2026, 3, 1), date(2026, 3, 1)) == 1
    assert days_in_centre(date(2026, 3, 1), date(2026, 3, 31)) == 31


def test_past_the_legal_maximum_in_a_month():
    # Ten days allowed from 20 March: the last permitted day is 29 March.
    assert past_maximum_in(date(2026, 3, 20), None, 10, MARCH, MARCH.last_day)
    assert not past_maximum_in(date(2026, 3, 20), date(2026, 3, 29), 10, MARCH, MARCH.last_day)
    assert past_maximum_in(date(2026, 3, 20), date(2026, 3, 30), 10, MARCH, MARCH.last_day)
    # Past it in February, gone before March: not in March's figure.
    assert not past_maximum_in(date(2026, 1, 1), date(2026, 2, 27), 10, MARCH, MARCH.last_day)


def test_occupancy_figures():
    days = MARCH.counted_days(date(2026, 3, 4))
    per_day = {date(2026, 3, 1): 2, date(2026, 3, 2): 5, date(2026, 3, 4): 1}
    assert occupancy_figures(per_day, days) == (8, 5, 2.0)
    assert occupancy_figures({}, ()) == (0, 0, 0.0)


@pytest.mark.parametrize(("part", "whole", "expected"), [(3, 5, 0.6), (0, 4, 0.0), (1, 3, 0.3333)])
def test_share(part, whole, expected):
    assert share(part, whole) == expected


def test_share_of_nothing_is_not_a_number():
    assert share(0, 0) is None
