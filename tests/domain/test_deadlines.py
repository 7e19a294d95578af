"""Deadlines: calendar and working days, holidays of the acting state, protocol overrides."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from borderdesk import i18n
from borderdesk.domain.agreements import UnknownAgreementError
from borderdesk.domain.deadlines import (
    DeadlineError,
    DeadlineInputError,
    compute_deadline,
    is_deemed_accepted,
    is_working_day,
    shift_working_days,
)
from borderdesk.domain.reference import load_agreements
from borderdesk.errors import BorderDeskError, InputError


@pytest.fixture(autouse=True)
def _english():
    i18n.set_language("en")


def due(agreement: str, step: str, start: str, state: str | None = None):
    return compute_deadline(
        load_agreements(),
        agreement_id=agreement,
        step=step,
        start=date.fromisoformat(start),
        state=state,
    )


D = date.fromisoformat


# --------------------------------------------------------------------------- calendar days


def test_reply_over_a_leap_february():
    result = due("EU-RU", "reply", "2012-02-10")
    assert result.due == D("2012-03-06")
    assert (result.days, result.kind, result.skipped) == (25, "calendar", ())
    assert due("EU-RU", "reply", "2013-02-10").due == D("2013-03-07")


def test_calendar_days_over_month_and_year_ends():
    assert due("EU-RU", "reply", "2013-01-31").due == D("2013-02-25")
    assert due("EU-RU", "application", "2012-08-31").due == D("2013-02-27")
    assert due("EU-RU", "transfer", "2012-12-15").due == D("2013-03-15")
    assert due("RU-KZ", "reply", "2015-12-20").due == D("2016-01-14")


def test_calendar_deadline_on_a_holiday_is_not_moved():
    result = due("EU-RU", "reply", "2012-12-07")
    assert result.due == D("2013-01-01")  # Russian New Year holiday: unmoved
    assert result.skipped == ()


def test_extension_counts_in_total_from_receipt():
    result = due("EU-RU", "reply_extended", "2012-02-10")
    assert result.due == D("2012-04-10")
    assert result.days == 60


def test_rule_names_agreement_figure_and_source():
    result = due("EU-RU", "reply", "2012-02-10")
    assert result.rule.startswith("EU–Russia: ")  # the agreement's short name, not its id
    assert "25 calendar days" in result.rule
    assert "Russia-Switzerland agreement of 21 September 2009" in result.rule
    assert result.unverified
    assert result.start == D("2012-02-10")


# --------------------------------------------------------------------------- working days


def test_accelerated_reply_over_a_weekend():
    result = due("EU-RU", "accelerated_reply", "2013-03-01")  # a Friday
    assert result.due == D("2013-03-05")
    assert result.kind == "working"
    assert result.state == "RUS"  # Russia replies under EU-RU
    assert result.skipped == ()


def test_accelerated_reply_over_a_holiday_and_a_weekend():
    result = due("EU-RU", "accelerated_reply", "2013-03-07")  # 8 March is a holiday in Russia
    assert result.due == D("2013-03-12")
    assert result.skipped == (D("2013-03-08"),)


def test_russian_new_year_holidays():
    result = due("EU-RU", "accelerated_reply", "2013-12-31")
    assert result.due == D("2014-01-10")
    assert result.skipped == tuple(D(f"2014-01-0{day}") for day in range(1, 9))


def test_russian_working_sunday_moved_by_decree_counts():
    # 8 and 9 March 2012 were days off; Sunday 11 March 2012 was a working day.
    result = due("EU-RU", "accelerated_reply", "2012-03-07")
    assert result.due == D("2012-03-12")
    assert result.skipped == (D("2012-03-08"), D("2012-03-09"))


def test_kazakh_independence_day_for_kazakhstan_acting():
    result = due("RU-KZ", "accelerated_reply", "2013-12-13")  # Kazakhstan replies
    assert result.state == "KAZ"
    assert result.due == D("2013-12-19")
    assert result.skipped == (D("2013-12-16"), D("2013-12-17"))
    # The same days are ordinary working days in Russia.
    assert due("RU-KZ", "accelerated_reply", "2013-12-13", state="RUS").due == D("2013-12-17")


def test_requesting_party_acts_on_applications():
    result = due("RU-KZ", "accelerated_application", "2013-12-13")
    assert result.state == "RUS"
    assert result.due == D("2013-12-17")


def test_eu_member_state_working_days_need_the_state():
    with pytest.raises(DeadlineInputError) as info:
        due("EU-RU", "accelerated_application", "2014-01-10")
    assert info.value.code == "acting_state_needed"
    result = due("EU-RU", "accelerated_application", "2013-12-24", state="DEU")
    assert result.state == "DEU"
    assert result.due == D("2013-12-30")  # 25 and 26 December are German holidays
    assert result.skipped == (D("2013-12-25"), D("2013-12-26"))


def test_transfer_notice_counts_backwards():
    result = due("EU-RU", "transfer_notice", "2014-01-10", state="BEL")
    assert result.due == D("2014-01-03")
    assert result.skipped == ()
    russian = due("EU-RU", "transfer_notice", "2014-01-10", state="RUS")
    assert russian.due == D("2013-12-26")
    assert russian.skipped == tuple(D(f"2014-01-0{day}") for day in range(1, 9))
    assert "before the transfer" in russian.rule
    assert "Russia-Belgium" in russian.rule


# --------------------------------------------------------------------------- overrides, errors


def test_spain_excludes_the_extension():
    with pytest.raises(DeadlineError) as info:
        due("EU-RU", "reply_extended", "2013-03-01", state="ESP")
    assert info.value.code == "extension_excluded"
    assert "Spain" in str(info.value)
    assert isinstance(info.value, BorderDeskError)
    # The ordinary reply still works for Spain, and the extension for other states.
    assert due("EU-RU", "reply", "2013-03-01", state="ESP").due == D("2013-03-26")
    assert due("EU-RU", "reply_extended", "2013-03-01", state="BEL").due == D("2013-04-30")
    # Given as the member state of the case while Russia acts.
    with pytest.raises(DeadlineError):
        compute_deadline(
            load_agreements(),
            agreement_id="EU-RU",
            step="reply_extended",
            start=D("2013-03-01"),
            member_state="ESP",
        )


def test_errors_for_unknown_or_missing_steps():
    with pytest.raises(UnknownAgreementError) as info:
        due("EU-XX", "reply", "2013-03-01")
    assert isinstance(info.value, InputError)
    with pytest.raises(DeadlineInputError):
        due("EU-RU", "appeal", "2013-03-01")
    with pytest.raises(DeadlineError) as info:
        due("RU-UZ", "accelerated_reply", "2013-03-01")
    assert info.value.code == "step_not_in_agreement"
    with pytest.raises(DeadlineError) as info:
        due("RU-LT", "reply", "2013-03-01")
    assert info.value.code == "no_time_limits"
    with pytest.raises(DeadlineInputError) as info:
        due("EU-RU", "accelerated_reply", "2013-03-01", state="QQQ")
    assert info.value.code == "unknown_state"
    with pytest.raises(DeadlineInputError) as info:
        due("EU-RU", "accelerated_reply", "2013-03-01", state="XXA")
    assert info.value.code == "no_holiday_calendar"
    assert "\n" not in str(info.value)


def test_silence_means_consent():
    book = load_agreements()
    eu, kz = book.get("EU-RU"), book.get("RU-KZ")
    reply_due = D("2013-03-26")
    assert not is_deemed_accepted(eu, reply_due, D("2013-03-26"), replied=False)
    assert is_deemed_accepted(eu, reply_due, D("2013-03-27"), replied=False)
    assert not is_deemed_accepted(eu, reply_due, D("2013-03-27"), replied=True)
    assert not is_deemed_accepted(kz, reply_due, D("2014-01-01"), replied=False)
    assert not is_deemed_accepted(book.get("RU-LT"), reply_due, D("2014-01-01"), replied=False)


@settings(max_examples=60, deadline=None)
@given(
    start=st.dates(min_value=date(2008, 1, 1), max_value=date(2025, 12, 31)),
    days=st.integers(min_value=1, max_value=10),
    state=st.sampled_from(["RUS", "KAZ", "UZB", "LTU", "ESP"]),
    backwards=st.booleans(),
)
def test_working_day_shift_lands_on_the_nth_working_day(start, days, state, backwards):
    n = -days if backwards else days
    result, skipped = shift_working_days(start, n, state)
    assert is_working_day(state, result)
    low, high = (result, start) if backwards else (start, result)
    between = [low + timedelta(days=i) for i in range(1, (high - low).days)]
    assert sum(is_working_day(state, day) for day in between) == days - 1
    assert all(low < day < high for day in skipped)


def test_protocol_time_limit_overrides_the_agreement(tmp_path):
    from borderdesk.paths import resource

    text = resource("reference", "agreements.toml").read_text(encoding="utf-8")
    old = '  state = "SVK"\n  signed = 2010-04-07\n'
    assert text.count(old) == 1
    text = text.replace(old, old + "  accelerated_reply_working_days = 3\n  verified = false\n")
    path = tmp_path / "agreements.toml"
    path.write_text(text, encoding="utf-8")
    book = load_agreements(path)
    slovak = compute_deadline(
        book,
        agreement_id="EU-RU",
        step="accelerated_reply",
        start=D("2013-03-01"),
        member_state="SVK",
    )
    assert (slovak.days, slovak.due, slovak.state) == (3, D("2013-03-06"), "RUS")
    assert "Slovakia" in slovak.rule and slovak.unverified
    # Before the protocol was signed, the agreement's own figure applies.
    early = compute_deadline(
        book,
        agreement_id="EU-RU",
        step="accelerated_reply",
        start=D("2010-03-01"),
        member_state="SVK",
    )
    assert early.days == 2


# --------------------------------------------------------------------------- calendar months


def test_wrongful_readmission_is_within_one_month_from_the_data():
    limit = load_agreements().get("EU-RU").time_limits.get("wrongful_readmission_take_back")
    assert (limit.months, limit.days, limit.kind) == (1, 0, "calendar")
    assert limit.key == "wrongful_readmission_take_back_months"
    assert not limit.verified and "Switzerland" in limit.source
    result = due("EU-RU", "wrongful_readmission_take_back", "2024-03-15")
    assert result.due == D("2024-04-15")
    assert (result.months, result.days, result.skipped) == (1, 31, ())
    assert result.period == "1 month"
    assert "within 1 month" in result.rule
    assert result.as_dict()["months"] == 1 and result.unverified


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ("2023-01-31", "2023-02-28"),  # clamped to the shorter month's last day
        ("2024-01-31", "2024-02-29"),  # a leap February
        ("2024-01-29", "2024-02-29"),
        ("2024-03-31", "2024-04-30"),
        ("2024-12-31", "2025-01-31"),  # over the year end
        ("2024-02-29", "2024-03-29"),  # the same day number, not the month's end
    ],
)
def test_one_month_at_month_ends(start, end):
    assert due("EU-RU", "wrongful_readmission_take_back", start).due == D(end)


def test_a_month_deadline_on_a_holiday_is_not_moved():
    # 31 Dec 2024 + 1 month = 31 Jan 2025; 2 Dec 2024 + 1 month = 2 Jan 2025, a Russian holiday.
    result = due("EU-RU", "wrongful_readmission_take_back", "2024-12-02")
    assert result.due == D("2025-01-02") and result.skipped == ()


def test_month_limits_read_in_russian():
    i18n.set_language("ru")
    result = due("EU-RU", "wrongful_readmission_take_back", "2024-01-31")
    assert result.period == "1 месяц"
    assert "1 месяц" in result.rule


def test_a_month_limit_written_for_another_agreement(tmp_path):
    from borderdesk.paths import resource

    text = resource("reference", "agreements.toml").read_text(encoding="utf-8")
    old = "  silence_means_consent = false\n  accelerated_application_working_days = 2\n"
    assert text.count(old) == 1  # RU-KZ
    text = text.replace(old, old + "  transfer_months = 3\n").replace(
        "  accelerated_reply_working_days = 2\n  transfer_calendar_days = 90\n\n# Competent",
        "  accelerated_reply_working_days = 2\n\n# Competent",
    )
    path = tmp_path / "agreements.toml"
    path.write_text(text, encoding="utf-8")
    result = compute_deadline(
        load_agreements(path), agreement_id="RU-KZ", step="transfer", start=D("2023-11-30")
    )
    assert (result.due, result.months, result.days) == (D("2024-02-29"), 3, 91)
    assert result.period == "3 months"


# --------------------------------------------------------------------------- decreed days


def test_the_2024_calendar_decree_moves_the_may_holidays():
    # 26 Apr 2024 (Fri) + 2 working days: Sat 27 Apr was a working day (decree No. 1314),
    # 29-30 Apr days off moved from 27 Apr and 2 Nov, 1 May a holiday: due Sat 27 Apr, then
    # Thu 2 May.
    result = due("EU-RU", "accelerated_reply", "2024-04-26")
    assert result.due == D("2024-05-02")
    assert result.skipped == (D("2024-04-29"), D("2024-04-30"), D("2024-05-01"))
    assert "No. 1314 of 10 August 2023" in result.rule
    assert is_working_day("RUS", D("2024-04-27"))
    assert not is_working_day("RUS", D("2024-05-10"))


def test_the_decree_is_named_in_russian_and_only_where_it_counts():
    i18n.set_language("ru")
    result = due("EU-RU", "accelerated_reply", "2024-12-26")  # Sat 28 Dec worked; 30, 31 off
    assert result.due == D("2024-12-28")
    assert "№ 1314" in result.rule and "1310" not in result.rule
    assert "1314" not in due("EU-RU", "accelerated_reply", "2024-06-03").rule


def test_the_data_and_the_holidays_package_agree():
    import holidays

    from borderdesk.domain.working_calendar import decree_years

    for year in decree_years():
        package = holidays.country_holidays(year.state[:2], years=year.year)
        for day in year.days_off:
            assert not package.is_working_day(day), day
        for day in year.working_days:
            assert package.is_working_day(day), day
