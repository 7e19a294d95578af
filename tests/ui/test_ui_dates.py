"""Dates in the GUI: the site's day (not the machine's UTC day), one format per language."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt

from borderdesk import i18n
from borderdesk.ui import dates
from borderdesk.ui.dialogs.service_dialog import ServiceDialog, date_edit
from borderdesk.ui.models import row_at

SITE_TZ = "Asia/Yekaterinburg"  # UTC+5, as in the test site


class _Evening(datetime):
    """22:30 UTC on 1 December: already 2 December at a post in UTC+5."""

    @classmethod
    def now(cls, tz=None):
        moment = datetime(2026, 12, 1, 22, 30, tzinfo=UTC)
        return moment.astimezone(tz) if tz else moment.replace(tzinfo=None)


def test_today_is_the_sites_day_in_its_evening(monkeypatch):
    monkeypatch.setattr(dates, "datetime", _Evening)
    assert dates.site_today(SITE_TZ) == date(2026, 12, 2)
    assert dates.site_today("UTC") == date(2026, 12, 1)


def test_the_audit_to_date_is_the_sites_today_and_finds_todays_entries(
    make_window, qtbot, wait_idle
):
    window = make_window("petrova")
    page = window.show_page("audit")
    wait_idle()
    site_day = datetime.now(ZoneInfo(SITE_TZ)).date()
    assert page.until_edit.date().toPython() == site_day
    qtbot.mouseClick(page.until_check, Qt.LeftButton)
    qtbot.mouseClick(page.apply_button, Qt.LeftButton)
    wait_idle()
    rows = [row_at(page.proxy.index(r, 0)) for r in range(page.proxy.rowCount())]
    # Petrova's login of a moment ago is within "to: today", whatever the UTC date is.
    assert any(row.action == "login.ok" and row.actor == "petrova" for row in rows)


def test_a_dialog_date_field_starts_on_the_sites_day(app, qtbot, db, login_as, monkeypatch):
    from borderdesk.services.site.sites import this_site
    from borderdesk.ui.pages import PageContext

    monkeypatch.setattr(dates, "datetime", _Evening)
    dialog = ServiceDialog(PageContext(db=db, actor=login_as("ivanov"), site=this_site(db)))
    qtbot.addWidget(dialog)
    edit = date_edit(dialog, up_to_today=True)
    assert edit.date().toPython() == date(2026, 12, 2)
    assert edit.maximumDate().toPython() == date(2026, 12, 2)
    assert edit.displayFormat() == dates.date_pattern()


def test_one_date_format_per_language():
    at = datetime(2026, 12, 1, 20, 17, tzinfo=UTC)
    i18n.set_language("ru")
    try:
        assert dates.date_text(date(2026, 12, 2)) == "02.12.2026"
        assert dates.datetime_text(at, SITE_TZ) == "02.12.2026 01:17"
        i18n.set_language("en")
        assert dates.date_text(date(2026, 12, 2)) == "02 Dec 2026"
        assert dates.datetime_text(at, SITE_TZ) == "02 Dec 2026 01:17"
        assert dates.datetime_text(at, SITE_TZ, seconds=True) == "02 Dec 2026 01:17:00"
    finally:
        i18n.set_language("ru")


def test_tables_write_times_in_that_one_format(make_window, wait_idle):
    window = make_window("admin")
    page = window.show_page("users")
    wait_idle()
    model = page.table.model()
    header = [model.headerData(c, Qt.Horizontal) for c in range(model.columnCount())]
    cells = [
        model.index(r, c).data() or "" for r in range(model.rowCount()) for c in range(len(header))
    ]
    stamps = [c for c in cells if re.search(r"\d{1,2}:\d{2}", c)]
    assert stamps, "the admin has logged in, so a last-login time shows"
    assert all(re.fullmatch(r"\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}", s) for s in stamps), stamps


def test_date_and_time_fields_write_the_one_format():
    """The handover's and the arrival's time fields said "12/3/26 3:39 PM" in English."""
    from PySide6.QtCore import QDateTime
    from PySide6.QtWidgets import QDateTimeEdit

    for lang, expected in (("en", "03 Dec 2026 15:39"), ("ru", "03.12.2026 15:39")):
        i18n.set_language(lang)
        edit = QDateTimeEdit(QDateTime(datetime(2026, 12, 3, 15, 39)))
        dates.show_dates_as_chosen(edit)
        assert edit.text() == expected
    i18n.set_language("ru")


def test_the_returns_month_is_the_sites_month_in_words(make_window, wait_idle, monkeypatch, qtbot):
    class _MonthEnd(datetime):
        """22:30 UTC on 30 November: already December at a post in UTC+5."""

        @classmethod
        def now(cls, tz=None):
            moment = datetime(2026, 11, 30, 22, 30, tzinfo=UTC)
            return moment.astimezone(tz) if tz else moment.replace(tzinfo=None)

    monkeypatch.setattr(dates, "datetime", _MonthEnd)
    window = make_window("petrova")
    page = window.show_page("returns")
    wait_idle()
    assert page.month_edit.date().toPython() == date(2026, 12, 1)
    assert page.month_edit.text() == "12.2026"
