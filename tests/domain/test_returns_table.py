"""Assembling the computed table of the return: order, breakdowns, change, digest."""

from __future__ import annotations

from datetime import UTC, date, datetime

from borderdesk.domain.returns import INDICATORS, MonthlyReturn, ReturnMonth, ReturnSite, assemble
from borderdesk.domain.returns.indicators import indicator_label, section_label, value_label


def _table(current, previous) -> MonthlyReturn:
    site = ReturnSite("POST-07", "Застава 7", "Asia/Yekaterinburg")
    return MonthlyReturn(
        month=ReturnMonth(2026, 3),
        as_of=date(2026, 3, 31),
        compiled_at=datetime(2026, 4, 1, tzinfo=UTC),
        compiled_by=site,
        sites=(site,),
        figures=assemble(current, previous),
    )


def test_every_indicator_has_a_total_in_the_stable_order():
    figures = assemble({}, {})
    assert [f.indicator for f in figures] == [i.code for i in INDICATORS]
    assert all(f.breakdown == "" for f in figures)


def test_breakdowns_follow_their_total_largest_first_and_keep_last_months_states():
    current = {
        ("requests_received", ""): 5,
        ("requests_received", "state=DEU"): 2,
        ("requests_received", "state=POL"): 3,
    }
    previous = {("requests_received", ""): 1, ("requests_received", "state=FIN"): 1}
    ret = _table(current, previous)
    rows = [
        (f.breakdown, f.value, f.previous)
        for f in ret.figures
        if f.indicator == "requests_received"
    ]
    assert rows == [("", 5, 1), ("state=POL", 3, 0), ("state=DEU", 2, 0), ("state=FIN", 0, 1)]
    assert ret.figure("requests_received", "state=FIN").change == -1


def test_the_digest_covers_the_figures():
    one = _table({("checks", ""): 5}, {})
    assert one.digest() == _table({("checks", ""): 5}, {}).digest()
    assert one.digest() != _table({("checks", ""): 6}, {}).digest()
    assert one.record_id == "2026-03/POST-07"


def test_labels_in_both_languages_for_every_indicator():
    for ind in INDICATORS:
        name = indicator_label(ind.code)
        assert name.ru and name.en and name.ru != name.en, ind.code
        assert section_label(ind.section).ru != ind.section
    assert value_label("direction=entry").ru == "въезд"
    assert value_label("state=DEU").ru == "DEU"
