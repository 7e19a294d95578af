"""The centre's pure rules: figures as data, who sleeps where, the stay's term, belongings."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from borderdesk.domain.centre import (
    ROOM_KINDS,
    DailyCost,
    LegalBasis,
    ReceivedLine,
    ResidentProfile,
    ReturnLine,
    bed_need,
    check_profile,
    full_return,
    is_minor,
    load_centre_rules,
    parse_amount,
    parse_bed_label,
    reconcile,
    stay_term,
    unsuitable_reason,
)
from borderdesk.domain.partial_date import PartialDate
from borderdesk.domain.reference import ReferenceDataError
from borderdesk.errors import InputError
from borderdesk.paths import resource

BASIS = LegalBasis("readmission", "р", "r", 90, False, "test")
COST = DailyCost(Decimal(1000), "RUB", True, "test")


def test_shipped_figures_carry_source_and_verified_flag():
    rules = load_centre_rules()
    assert {b.code for b in rules.legal_bases} >= {"readmission", "identification"}
    for basis in rules.legal_bases:
        assert basis.source and basis.max_days > 0 and basis.title_ru and basis.title_en
    assert rules.cost.currency == "RUB" and rules.cost.source
    assert rules.default_basis.code == "readmission"
    beds = sum(len(r.beds) for r in rules.rooms)
    assert beds >= 20
    assert {k for r in rules.rooms for k in r.suitable_for} == set(ROOM_KINDS)


def test_unknown_basis_is_an_input_error():
    with pytest.raises(InputError):
        load_centre_rules().basis("holiday")


def test_a_typo_in_the_file_is_refused(tmp_path):
    text = resource("centre.toml").read_text(encoding="utf-8")
    bad = tmp_path / "centre.toml"
    bad.write_text(text.replace("max_days = 90", "max_dayz = 90", 1), encoding="utf-8")
    with pytest.raises(ReferenceDataError, match="max_day"):
        load_centre_rules(bad)
    bad.write_text(text.replace('["men"]', '["soldiers"]', 1), encoding="utf-8")
    with pytest.raises(ReferenceDataError, match="soldiers"):
        load_centre_rules(bad)


@pytest.mark.parametrize(
    ("profile", "preferred", "allowed"),
    [
        (ResidentProfile("M"), ("men",), ("men",)),
        (ResidentProfile("F", pregnant=True), ("women",), ("women",)),
        (ResidentProfile("F", in_family=True), ("families", "women"), ("families", "women")),
        (ResidentProfile("M", minor=True, in_family=True), ("families",), ("families",)),
        (ResidentProfile("F", minor=True), ("minors",), ("minors",)),
        (ResidentProfile("M", minor=True, unaccompanied_minor=True), ("minors",), ("minors",)),
        (ResidentProfile("<"), (), ("men", "women")),
    ],
)
def test_bed_need(profile, preferred, allowed):
    need = bed_need(profile)
    assert need.preferred == preferred
    assert need.allowed == allowed


def test_unsuitable_reason_is_translated_text_or_none():
    assert unsuitable_reason(ResidentProfile("M"), ("men",)) is None
    assert unsuitable_reason(ResidentProfile("M"), ("women", "families")) is not None
    assert unsuitable_reason(ResidentProfile("F", minor=True), ("women",)) is not None
    assert unsuitable_reason(ResidentProfile("X"), ("women",)) is None


def test_unaccompanied_minor_cannot_have_family_here():
    with pytest.raises(InputError):
        check_profile(ResidentProfile("M", minor=True, unaccompanied_minor=True, in_family=True))


def test_minor_in_doubt_is_a_minor():
    on = date(2024, 6, 1)
    assert is_minor(PartialDate(2006, 6, 2), on)
    assert not is_minor(PartialDate(2006, 6, 1), on)
    assert is_minor(PartialDate(2006), on)  # born any day of 2006: may still be 17
    assert not is_minor(PartialDate(2005), on)
    assert not is_minor(None, on)
    assert not is_minor(PartialDate(2004, 2, 29), date(2022, 3, 1))


def test_stay_term_counts_the_day_of_arrival():
    term = stay_term(
        arrived_on=date(2024, 3, 1),
        today=date(2024, 3, 1),
        basis=BASIS,
        cost=COST,
        warn_days_left=7,
    )
    assert (term.days_in, term.days_left, term.level) == (1, 89, "ok")
    assert term.last_day == date(2024, 5, 29)  # day 90 (2024 is a leap year)
    assert term.cost_so_far == Decimal(1000)
    assert term.unverified  # the basis is unconfirmed


@pytest.mark.parametrize(
    ("today", "days_left", "level"),
    [
        (date(2024, 5, 21), 8, "ok"),
        (date(2024, 5, 22), 7, "near"),
        (date(2024, 5, 29), 0, "near"),
        (date(2024, 5, 30), -1, "overdue"),
    ],
)
def test_stay_term_levels(today, days_left, level):
    term = stay_term(
        arrived_on=date(2024, 3, 1), today=today, basis=BASIS, cost=COST, warn_days_left=7
    )
    assert (term.days_left, term.level) == (days_left, level)


def test_an_ended_stay_counts_to_its_last_day():
    term = stay_term(
        arrived_on=date(2024, 3, 1),
        today=date(2024, 12, 1),
        basis=BASIS,
        cost=COST,
        warn_days_left=7,
        ended_on=date(2024, 3, 10),
    )
    assert (term.days_in, term.level, term.cost_so_far) == (10, "ended", Decimal(10000))


def test_bed_labels():
    assert parse_bed_label(" 3 / B ") == ("3", "B")
    for bad in ("3", "/B", "3/", ""):
        with pytest.raises(InputError):
            parse_bed_label(bad)


def test_amounts():
    assert parse_amount("3000,50") == Decimal("3000.50")
    assert parse_amount("12 450") == Decimal(12450)
    for bad in ("abc", "-5", "NaN"):
        with pytest.raises(InputError):
            parse_amount(bad)


RECEIVED = [
    ReceivedLine("a", "Телефон", 1),
    ReceivedLine("b", "Носки", 3),
    ReceivedLine("c", "Cash", currency="RUB", amount=Decimal("12450")),
]


def test_full_return_has_no_discrepancy():
    assert reconcile(RECEIVED, full_return(RECEIVED)) == ()


def test_discrepancies_line_by_line():
    found = reconcile(
        RECEIVED,
        [
            ReturnLine("b", quantity=2),
            ReturnLine("c", amount=Decimal("12450.00")),
        ],
    )
    assert [(d.key, d.kind) for d in found] == [("a", "missing"), ("b", "short")]
    assert "Носки" in found[1].describe() and "3" in found[1].describe()
    excess = reconcile(
        RECEIVED, [*full_return(RECEIVED)[:2], ReturnLine("c", amount=Decimal(13000))]
    )
    assert [(d.key, d.kind) for d in excess] == [("c", "excess")]


def test_a_line_not_on_the_receipt_is_refused():
    with pytest.raises(InputError):
        reconcile(RECEIVED, [ReturnLine("zzz", quantity=1)])
