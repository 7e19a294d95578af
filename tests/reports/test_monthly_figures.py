"""Every indicator of the monthly return on months built by hand, where the right
answer is known: month boundaries in the site's time zone, extended time limits,
deemed acceptance, corrections, withdrawals, stays across months."""

from __future__ import annotations

from datetime import date

import pytest

from borderdesk.domain.returns import INDICATORS
from return_samples import SITE, Month, add_site, compute, previous, utc, value


def test_checks_count_in_the_site_month_and_once_as_corrected(db):
    with db.write(actor="admin") as session:
        m = Month(session)
        m.check(utc(2026, 2, 28, 19, 30))  # 1 March 00:30 at UTC+5: March
        m.check(utc(2026, 2, 28, 18, 59), decision="refuse")  # 28 February 23:59: February
        m.check(utc(2026, 3, 31, 18, 59), direction="exit", decision="refuse")  # 31 March
        m.check(utc(2026, 3, 31, 19, 0))  # 1 April 00:00: April
        m.check(utc(2026, 3, 10, 6), watchlist=True)
        first = m.check(utc(2026, 3, 11, 6), decision="admit")
        m.check(utc(2026, 3, 11, 6), decision="detain", corrects=first)  # the correction
        m.check(utc(2026, 3, 12, 6), direction="exit", decision="detain")
    ret = compute(db, "2026-03")
    assert value(ret, "checks") == 5
    assert value(ret, "checks", "direction=entry") == 3
    assert value(ret, "checks", "direction=exit") == 2
    assert value(ret, "refusals") == 1
    assert value(ret, "refusals", "direction=exit") == 1
    assert value(ret, "detentions") == 2
    assert value(ret, "watchlist_alerts") == 1
    assert previous(ret, "checks") == 1
    assert previous(ret, "refusals") == 1
    assert previous(ret, "detentions") == 0
    assert ret.total("checks").change == 4


def _requests(m: Month) -> None:
    # r1: extended limit, replied after the ordinary limit but within the extended one.
    m.case(
        received_on=date(2026, 3, 1),
        decision="accepted",
        status="accepted",
        replied_on=date(2026, 3, 20),
        decided_on=date(2026, 3, 20),
        reply_due=date(2026, 3, 10),
        extended_reply_due=date(2026, 3, 25),
        extension_requested=True,
    )
    # r2: refused after its limit (no extension).
    m.case(
        received_on=date(2026, 3, 2),
        requesting_state="POL",
        decision="refused",
        status="refused",
        replied_on=date(2026, 3, 12),
        decided_on=date(2026, 3, 12),
        reply_due=date(2026, 3, 10),
    )
    # r3: silence means consent: deemed accepted the day after its limit.
    m.case(
        received_on=date(2026, 2, 10),
        decision="accepted",
        status="deemed_accepted",
        decided_on=date(2026, 3, 13),
        reply_due=date(2026, 3, 12),
    )
    # r4: received in February, accepted in March within its limit.
    m.case(
        received_on=date(2026, 2, 27),
        decision="accepted",
        status="accepted",
        replied_on=date(2026, 3, 5),
        decided_on=date(2026, 3, 5),
        reply_due=date(2026, 3, 20),
    )
    # r5: received on the month's last day, still open.
    m.case(received_on=date(2026, 3, 31), reply_due=date(2026, 4, 30))
    # r6: open past its limit (an agreement without silence-means-consent).
    m.case(received_on=date(2026, 3, 3), requesting_state="POL", reply_due=date(2026, 3, 20))
    # r7: overdue at the end of February, withdrawn in March.
    m.case(
        received_on=date(2026, 1, 20),
        status="withdrawn",
        closed_on=date(2026, 3, 15),
        reply_due=date(2026, 2, 20),
    )
    # r8: decided in April; at the end of March within its extended limit.
    m.case(
        received_on=date(2026, 2, 5),
        decision="accepted",
        status="accepted",
        replied_on=date(2026, 4, 2),
        decided_on=date(2026, 4, 2),
        reply_due=date(2026, 3, 7),
        extended_reply_due=date(2026, 4, 5),
        extension_requested=True,
    )
    # r9: accepted and the person handed over to Russia in March.
    m.case(
        received_on=date(2026, 3, 4),
        decision="accepted",
        status="transferred",
        replied_on=date(2026, 3, 10),
        decided_on=date(2026, 3, 10),
        reply_due=date(2026, 3, 30),
        transferred_on=date(2026, 3, 28),
    )
    # A deleted request and one of our applications: neither is a request received.
    m.case(received_on=date(2026, 3, 5), deleted=True)
    m.case("apprehension", submitted_on=date(2026, 3, 6))


def test_requests_received_decided_open_overdue(db):
    with db.write(actor="admin") as session:
        _requests(Month(session))
    ret = compute(db, "2026-03")
    assert value(ret, "requests_received") == 5
    assert value(ret, "requests_received", "state=DEU") == 3
    assert value(ret, "requests_received", "state=POL") == 2
    assert value(ret, "requests_decided") == 5
    assert value(ret, "requests_accepted") == 3
    assert value(ret, "requests_accepted", "state=DEU") == 3
    assert value(ret, "requests_refused") == 1
    assert value(ret, "requests_refused", "state=POL") == 1
    assert value(ret, "requests_deemed_accepted") == 1
    assert value(ret, "requests_deemed_accepted", "state=DEU") == 1
    assert value(ret, "replies_within_limit") == 3  # r1 (extended), r4, r9
    assert value(ret, "replies_within_limit_share") == 0.6
    assert value(ret, "requests_open") == 3  # r5, r6, r8
    assert value(ret, "requests_overdue") == 1  # r6
    assert value(ret, "persons_readmitted") == 1
    assert value(ret, "persons_readmitted", "state=DEU") == 1
    # February: r3, r4, r8 received; nothing decided (no share); r3, r4, r7, r8 open.
    assert previous(ret, "requests_received") == 3
    assert previous(ret, "requests_decided") == 0
    assert previous(ret, "replies_within_limit_share") is None
    assert ret.total("replies_within_limit_share").change is None
    assert previous(ret, "requests_open") == 4
    assert previous(ret, "requests_overdue") == 1  # r7
    # A state seen only last month still shows, at 0 this month.
    assert ret.figure("requests_received", "state=POL").previous == 0


def test_a_month_still_running_counts_open_requests_on_its_last_counted_day(db):
    with db.write(actor="admin") as session:
        _requests(Month(session))
    ret = compute(db, "2026-03", as_of=date(2026, 3, 15))
    # On 15 March: r1 (decided on the 20th), r6 and r8 are open; r7 was withdrawn that
    # day and r5 not yet received; none is past its limit yet (r6's ends on the 20th).
    assert value(ret, "requests_open") == 3
    assert value(ret, "requests_overdue") == 0


def test_our_applications_and_their_outcomes(db):
    with db.write(actor="admin") as session:
        m = Month(session)
        m.case(
            "apprehension",
            submitted_on=date(2026, 3, 3),
            decision="accepted",
            status="accepted",
            replied_on=date(2026, 3, 20),
            decided_on=date(2026, 3, 20),
        )
        m.case("outgoing", requested_state="UZB", submitted_on=date(2026, 3, 31))
        m.case(
            "apprehension",
            submitted_on=date(2026, 2, 14),
            decision="refused",
            status="refused",
            replied_on=date(2026, 3, 1),
            decided_on=date(2026, 3, 1),
        )
        m.case(
            "apprehension",
            submitted_on=date(2026, 2, 1),
            decision="accepted",
            status="deemed_accepted",
            decided_on=date(2026, 3, 2),
        )
    ret = compute(db, "2026-03")
    assert value(ret, "applications_made") == 2
    assert value(ret, "applications_made", "state=KAZ") == 1
    assert value(ret, "applications_made", "state=UZB") == 1
    assert value(ret, "applications_accepted", "state=KAZ") == 1
    assert value(ret, "applications_refused", "state=KAZ") == 1
    assert value(ret, "applications_deemed_accepted", "state=KAZ") == 1
    assert previous(ret, "applications_made") == 2
    assert value(ret, "requests_received") == 0


def test_centre_stays_across_month_boundaries(db):
    with db.write(actor="admin") as session:
        m = Month(session)
        m.stay(utc(2026, 2, 28, 19, 30))  # 1 March 00:30 local, still in: 31 days
        m.stay(utc(2026, 2, 28, 18), utc(2026, 3, 10, 5))  # 28 Feb - 10 Mar: 10 in March
        m.stay(utc(2026, 3, 15, 4), utc(2026, 3, 31, 19, 30), status="transferred")  # to 1 Apr
        m.stay(utc(2026, 3, 20, 3), basis="identification")  # 10 days allowed: past it
        m.stay(utc(2026, 1, 1, 5), utc(2026, 2, 15, 6))  # January - February only
    ret = compute(db, "2026-03")
    assert value(ret, "centre_intakes") == 3
    assert value(ret, "centre_releases") == 1
    assert value(ret, "centre_transferred_out") == 0  # left on 1 April, local time
    assert value(ret, "bed_days") == 31 + 10 + 17 + 12
    assert value(ret, "peak_occupancy") == 3
    assert value(ret, "mean_occupancy") == 2.3
    assert value(ret, "longest_stay_days") == 31
    assert value(ret, "stays_past_maximum") == 1
    assert previous(ret, "centre_intakes") == 1
    assert previous(ret, "centre_releases") == 1
    assert previous(ret, "bed_days") == 15 + 1
    assert previous(ret, "peak_occupancy") == 1
    assert previous(ret, "longest_stay_days") == 46
    longest = ret.longest_stays[0]
    assert (longest.days, longest.arrived_on, longest.left_on) == (31, date(2026, 3, 1), None)
    assert [s.days for s in ret.longest_stays] == [31, 17, 12, 11]
    assert ret.longest_stays[2].past_maximum
    # The 12-month line: March's mean occupancy is the figure's.
    assert ret.trend[-1].month == "2026-03"
    assert ret.trend[-1].mean_occupancy == 2.3


def test_a_month_still_running_counts_up_to_today(db):
    with db.write(actor="admin") as session:
        Month(session).stay(utc(2026, 2, 28, 19, 30))
    ret = compute(db, "2026-03", as_of=date(2026, 3, 10))
    assert value(ret, "bed_days") == 10
    assert value(ret, "mean_occupancy") == 1.0


def test_transfers_by_destination_and_outcome(db):
    with db.write(actor="admin") as session:
        m = Month(session)
        m.transfer(
            "KAZ", date(2026, 4, 1), status="completed", completed_at=utc(2026, 3, 31, 19, 30)
        )
        m.transfer("KAZ", date(2026, 3, 31), status="completed", completed_at=utc(2026, 3, 31, 18))
        m.transfer("UZB", date(2026, 3, 5), status="cancelled")
        m.transfer("UZB", date(2026, 3, 20))
        m.transfer("TJK", date(2026, 2, 28), status="completed", completed_at=utc(2026, 2, 28, 18))
    ret = compute(db, "2026-03")
    assert value(ret, "transfers_completed") == 1
    assert value(ret, "transfers_completed", "destination=KAZ") == 1
    assert value(ret, "transfers_cancelled") == 1
    assert value(ret, "transfers_cancelled", "destination=UZB") == 1
    assert previous(ret, "transfers_completed") == 1
    assert previous(ret, "transfers_completed", "destination=TJK") == 1
    assert value(ret, "transfers_completed", "destination=TJK") == 0


def test_cancelled_transfers_count_in_the_month_of_the_cancellation(db):
    with db.write(actor="admin") as session:
        m = Month(session)
        # Planned for April, called off on 1 March 00:30 local time (UTC+5): March.
        m.transfer(
            "KAZ", date(2026, 4, 10), status="cancelled", cancelled_at=utc(2026, 2, 28, 19, 30)
        )
        # Planned for March, called off on 28 February 23:59 local time: February.
        m.transfer(
            "UZB", date(2026, 3, 3), status="cancelled", cancelled_at=utc(2026, 2, 28, 18, 59)
        )
        # Planned for March, called off on 1 April 00:00 local time: April, not March.
        m.transfer("UZB", date(2026, 3, 31), status="cancelled", cancelled_at=utc(2026, 3, 31, 19))
        # Cancelled before the time was stored: its planned month (March).
        m.transfer("TJK", date(2026, 3, 15), status="cancelled")
        # Planned (not cancelled) with a stray time: not counted.
        m.transfer("TJK", date(2026, 3, 16), cancelled_at=utc(2026, 3, 10, 6))
    ret = compute(db, "2026-03")
    assert value(ret, "transfers_cancelled") == 2
    assert value(ret, "transfers_cancelled", "destination=KAZ") == 1
    assert value(ret, "transfers_cancelled", "destination=TJK") == 1
    assert value(ret, "transfers_cancelled", "destination=UZB") == 0
    assert previous(ret, "transfers_cancelled") == 1
    assert previous(ret, "transfers_cancelled", "destination=UZB") == 1
    april = compute(db, "2026-04", as_of=date(2026, 4, 30))
    assert value(april, "transfers_cancelled") == 1
    assert value(april, "transfers_cancelled", "destination=UZB") == 1


def test_each_site_is_counted_in_its_own_time_zone(db):
    same_instant = utc(2026, 2, 28, 20, 30)  # 1 March 01:30 at UTC+5, 28 Feb 23:30 in Moscow
    with db.write(actor="admin") as session:
        add_site(session, "CENTRE-2", "Europe/Moscow")
        add_site(session, "POST-09", "Asia/Yekaterinburg")
        Month(session).check(same_instant)
        Month(session, site="CENTRE-2").check(same_instant)
        Month(session, site="POST-09").check(same_instant)  # not asked for
    ret = compute(
        db, "2026-03", sites=((SITE, "Asia/Yekaterinburg"), ("CENTRE-2", "Europe/Moscow"))
    )
    assert value(ret, "checks") == 1
    assert previous(ret, "checks") == 1
    assert value(ret, "checks", f"site={SITE}") == 1
    assert previous(ret, "checks", "site=CENTRE-2") == 1
    assert value(ret, "checks", "site=CENTRE-2") == 0


def test_an_empty_month_has_every_indicator_at_zero(db):
    ret = compute(db, "2026-03")
    totals = {f.indicator: f.value for f in ret.figures if not f.breakdown}
    assert set(totals) == {i.code for i in INDICATORS}
    assert totals.pop("replies_within_limit_share") is None
    assert set(totals.values()) == {0}


@pytest.mark.parametrize("month", ["2026-01", "2025-12"])
def test_january_compares_with_december(db, month):
    ret = compute(db, month)
    assert str(ret.previous_month) == {"2026-01": "2025-12", "2025-12": "2025-11"}[month]


def test_an_ended_month_is_counted_to_its_last_day_whenever_printed(db):
    with db.write(actor="admin") as session:
        Month(session).stay(utc(2026, 2, 28, 19, 30))
    early = compute(db, "2026-03", as_of=date(2026, 3, 31))
    later = compute(db, "2026-03", as_of=date(2026, 6, 15))
    assert later.as_of == date(2026, 3, 31)
    assert later.rows() == early.rows() and later.digest() == early.digest()
