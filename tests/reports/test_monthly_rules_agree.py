"""The SQL figures and the domain's counting rules agree, on randomly built months.

The hand-built tests pin each rule to a known answer; this one checks that the aggregate
queries of ``borderdesk.reports`` count exactly what ``domain.returns.rules`` says, over
many combinations nobody would write by hand (dates either side of the month,
extensions, withdrawals, deemed acceptances, stays across both ends of the month).
"""

from __future__ import annotations

import random
from collections import Counter
from datetime import date, datetime, timedelta

import pytest

from borderdesk.domain.centre import load_centre_rules
from borderdesk.domain.returns.period import ReturnMonth, local_day
from borderdesk.domain.returns.rules import (
    RequestState,
    days_in_centre,
    occupancy_figures,
    open_at,
    outcome_of,
    overdue_at,
    past_maximum_in,
    present_days,
    replied_within_limit,
    share,
)
from return_samples import TZ, Month, compute, utc, value

MARCH = ReturnMonth(2026, 3)
DAY0 = date(2026, 1, 15)


def _day(rng: random.Random, span: int = 100) -> date:
    return DAY0 + timedelta(days=rng.randrange(span))


def _request(rng: random.Random) -> dict:
    received = _day(rng)
    reply_due = received + timedelta(days=rng.choice((10, 20, 30)))
    facts: dict = {
        "received_on": received,
        "reply_due": reply_due,
        "requesting_state": rng.choice(("DEU", "POL", "FIN")),
    }
    if rng.random() < 0.3:
        facts["extended_reply_due"] = reply_due + timedelta(days=rng.choice((10, 30)))
        facts["extension_requested"] = True
    roll = rng.random()
    if roll < 0.3:
        replied = received + timedelta(days=rng.randrange(45))
        facts.update(decision="accepted", status="accepted", replied_on=replied, decided_on=replied)
    elif roll < 0.5:
        replied = received + timedelta(days=rng.randrange(45))
        facts.update(decision="refused", status="refused", replied_on=replied, decided_on=replied)
    elif roll < 0.65:
        due = facts.get("extended_reply_due") or reply_due
        facts.update(decision="accepted", status="deemed_accepted", decided_on=due + timedelta(1))
    elif roll < 0.75:
        facts.update(status="withdrawn", closed_on=received + timedelta(days=rng.randrange(40)))
    return facts


def _instant(rng: random.Random) -> datetime:
    return utc(2026, 2, 1) + timedelta(minutes=rng.randrange(90 * 24 * 60))


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_requests_agree_with_the_rules(db, seed):
    rng = random.Random(seed)
    requests = [_request(rng) for _ in range(60)]
    with db.write(actor="admin") as session:
        m = Month(session)
        for facts in requests:
            m.case(**facts)
    ret = compute(db, "2026-03")
    end = MARCH.last_day
    outcomes: Counter[str] = Counter()
    within = open_ = overdue = 0
    for f in requests:
        state = RequestState(
            f["received_on"],
            f.get("decided_on"),
            f.get("status", ""),
            f.get("closed_on"),
            f["reply_due"],
            f.get("extended_reply_due"),
        )
        if MARCH.contains(f.get("decided_on")):
            outcomes[outcome_of(f.get("decision"), f.get("replied_on")) or ""] += 1
            within += replied_within_limit(
                f.get("replied_on"), f["reply_due"], f.get("extended_reply_due")
            )
        open_ += open_at(state, end)
        overdue += overdue_at(state, end)
    assert value(ret, "requests_received") == sum(
        MARCH.contains(f["received_on"]) for f in requests
    )
    assert value(ret, "requests_accepted") == outcomes["accepted"]
    assert value(ret, "requests_refused") == outcomes["refused"]
    assert value(ret, "requests_deemed_accepted") == outcomes["deemed_accepted"]
    assert value(ret, "replies_within_limit") == within
    assert value(ret, "replies_within_limit_share") == share(within, sum(outcomes.values()))
    assert value(ret, "requests_open") == open_
    assert value(ret, "requests_overdue") == overdue


@pytest.mark.parametrize("seed", [4, 5, 6])
def test_centre_figures_agree_with_the_rules(db, seed):
    rng = random.Random(seed)
    limits = {b.code: b.max_days for b in load_centre_rules().legal_bases}
    stays = []
    for _ in range(40):
        arrived = _instant(rng)
        ended = arrived + timedelta(hours=rng.randrange(2, 40 * 24)) if rng.random() < 0.6 else None
        stays.append((arrived, ended, rng.choice(("readmission", "identification"))))
    with db.write(actor="admin") as session:
        m = Month(session)
        for arrived, ended, basis in stays:
            m.stay(arrived, ended, basis=basis)
    as_of = MARCH.last_day
    ret = compute(db, "2026-03", as_of=as_of)
    per_day: Counter[date] = Counter()
    past = 0
    longest = 0
    for arrived, ended, basis in stays:
        on, off = local_day(arrived, TZ), local_day(ended, TZ) if ended else None
        days = present_days(on, off, MARCH, as_of)
        per_day.update(days)
        past += past_maximum_in(on, off, limits[basis], MARCH, as_of)
        if days:
            longest = max(longest, days_in_centre(on, days[-1]))
    bed_days, peak, mean = occupancy_figures(dict(per_day), MARCH.counted_days(as_of))
    assert value(ret, "bed_days") == bed_days
    assert value(ret, "peak_occupancy") == peak
    assert value(ret, "mean_occupancy") == mean
    assert value(ret, "stays_past_maximum") == past
    assert value(ret, "longest_stay_days") == longest
    start, end = utc(2026, 2, 28, 19), utc(2026, 3, 31, 19)
    assert value(ret, "centre_intakes") == sum(start <= a < end for a, _e, _b in stays)
