"""Partial birth dates read in the user's language, as every other date does (issue #14)."""

from __future__ import annotations

from datetime import date

import pytest

from borderdesk import i18n
from borderdesk.domain.partial_date import PartialDate, display_text, form_text


@pytest.mark.parametrize(
    ("birth", "ru", "en"),
    [
        (PartialDate(1961, 10, 4), "04.10.1961", "04 Oct 1961"),
        (PartialDate(1961, 10), "10.1961", "Oct 1961"),
        (PartialDate(1961), "1961", "1961"),
    ],
)
def test_partial_dates_follow_the_language(birth: PartialDate, ru: str, en: str) -> None:
    assert birth.display() == ru  # Russian is the default language
    assert birth.display("en") == en
    i18n.set_language("en")
    assert birth.display() == en


def test_a_full_birth_date_reads_like_every_other_date() -> None:
    day = date(1961, 10, 4)
    for lang in ("ru", "en"):
        assert PartialDate.from_date(day).display(lang) == i18n.format_day(day, lang=lang)


def test_the_machine_form_stays_iso() -> None:
    birth = PartialDate(1961, 10)
    assert birth.iso_text() == "1961-10-??"
    assert str(birth) == "1961-10-??"
    assert PartialDate.parse(birth.iso_text()) == birth
    assert birth.iso_text(unknown="XX") == "1961-10-XX"


def test_stored_texts_are_shown_and_printed_in_one_way() -> None:
    assert display_text("1961-10-04") == "04.10.1961"
    assert display_text("1961-10") == "10.1961"
    assert display_text("1961-XX-XX") == "1961"
    assert display_text("1961-10-04", "en") == "04 Oct 1961"
    assert display_text("") == ""
    assert display_text("not a date") == "not a date"  # a bad stored value never breaks a read
    assert form_text("1961") == "1961-XX-XX"
    assert form_text("1961-10") == "1961-10-XX"
    assert form_text("1961-10-04") == "1961-10-04"
