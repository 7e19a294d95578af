"""The Agreements page: every agreement on file, read-only, unconfirmed figures marked."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from borderdesk import i18n
from borderdesk.i18n import _
from borderdesk.ui.models import row_at
from borderdesk.ui.models.toned_table import TONES, UNCONFIRMED
from borderdesk.ui.pages.agreements_page import IN_FORCE_COLUMN


def agreements_page(make_window, wait_idle, username):
    window = make_window(username)
    page = window.show_page("agreements")
    wait_idle()
    return page


def select(page, agreement_id):
    for row in range(page.proxy.rowCount()):
        if row_at(page.proxy.index(row, 0)).id == agreement_id:
            page.table.selectRow(row)
            return row
    raise AssertionError(agreement_id)


@pytest.mark.parametrize("username", ["admin", "ivanov", "petrova"])
def test_everyone_with_reference_access_sees_the_agreements(make_window, wait_idle, username):
    page = agreements_page(make_window, wait_idle, username)
    ids = {row_at(page.proxy.index(r, 0)).id for r in range(page.proxy.rowCount())}
    assert {"EU-RU", "RU-KZ", "RU-UZ", "RU-LT"} <= ids
    shown = {page.proxy.index(r, 0).data() for r in range(page.proxy.rowCount())}
    assert {"Россия–ЕС", "Россия–Казахстан"} <= shown and "RU-KZ" not in shown


def test_eu_ru_shows_its_figures_with_sources_and_unconfirmed_marks(make_window, wait_idle):
    page = agreements_page(make_window, wait_idle, "admin")
    select(page, "EU-RU")
    text = page.text.toPlainText()
    unconfirmed = _("unconfirmed")
    assert text.count(unconfirmed) >= 8  # the EU model figures are not yet confirmed
    assert "25" in text and "Швейцарией от 21 сентября 2009" in text  # a figure and its source
    assert "Исполнительный протокол между Россией и Бельгией" in text  # a figure's own source
    assert "паспорт любого вида, в том числе просроченный" in text  # evidence lists
    assert "crossing points" in text or "Международный аэропорт Мальты" in text  # protocols
    html = page.text.toHtml()
    assert "#a35a00" in html  # the marks are amber

    # Coverage from when: third-country nationals from 1 June 2010.
    def plain(value: str) -> str:
        return value.replace("\u202f", " ").replace("\xa0", " ")

    assert "01.06.2010" in plain(text)  # the one date format of the Russian UI


def test_unconfirmed_dates_in_the_list_are_amber(make_window, wait_idle):
    page = agreements_page(make_window, wait_idle, "admin")
    row = select(page, "RU-UZ")  # its entry into force is unconfirmed
    index = page.proxy.index(row, IN_FORCE_COLUMN)
    assert _("unconfirmed") in index.data()
    assert index.data(Qt.BackgroundRole).color() == QColor(TONES[UNCONFIRMED][0])
    assert "Россия–Узбекистан" in page.text.toPlainText()  # its short name, not the id
    row = select(page, "RU-KZ")
    assert page.proxy.index(row, IN_FORCE_COLUMN).data(Qt.BackgroundRole) is None


def test_the_page_follows_the_language(make_window, wait_idle):
    page = agreements_page(make_window, wait_idle, "admin")
    select(page, "EU-RU")
    i18n.set_language("en")  # the test-wide fixture sets Russian back afterwards
    assert "European Community" in page.text.toPlainText()
    i18n.set_language("ru")
    assert "Европейским сообществом" in page.text.toPlainText()
