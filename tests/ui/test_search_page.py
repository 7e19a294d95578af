"""The Search page: any spelling finds the person, the card shows documents and history."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from borderdesk import i18n
from borderdesk.domain.mrz.compose import compose_td3
from borderdesk.domain.names import full_name_key
from borderdesk.domain.partial_date import PartialDate
from borderdesk.i18n import _
from borderdesk.services import checks
from borderdesk.store.tables import IdentityDocument, Person


def add_person(db, surname, given, *, number, birth=PartialDate(1985, 3, 9)):
    """A person as an older register wrote them down (Cyrillic), with one passport."""
    with db.write(actor="test") as session:
        person = Person(
            surname=surname,
            given_names=given,
            surname_latin="SHCHERBAKOV",
            given_names_latin="IVAN",
            name_key=full_name_key(surname, given),
            birth_year=birth.year,
            birth_month=birth.month,
            birth_day=birth.day,
            sex="M",
            nationality="RUS",
        )
        session.add(person)
        session.flush()
        session.add(
            IdentityDocument(
                person_id=person.id, document_type="P", issuing_state="RUS", number=number
            )
        )
        return person.id


@pytest.fixture
def page(make_window, wait_idle):
    window = make_window("ivanov")
    search_page = window.show_page("search")
    wait_idle()
    return search_page


def test_latin_spelling_finds_the_cyrillic_name_and_shows_the_card(page, qtbot, db):
    person_id = add_person(db, "Щербаков", "Иван", number="751234567")
    add_person(db, "Петров", "Олег", number="700000001")
    qtbot.keyClicks(page.query_edit, "SCHERBAKOV")  # searches by itself after a pause
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=30000)
    assert page.model.rowCount() == 1
    assert page.proxy.index(0, 0).data() == "Щербаков"
    assert page.proxy.index(0, 2).data() == "SHCHERBAKOV IVAN"
    assert page.proxy.index(0, 3).data() == "09.03.1985"
    assert page.proxy.index(0, 5).data() == "RUS 751234567"
    assert page.selected().person_id == person_id
    qtbot.waitUntil(lambda: page.card.card is not None, timeout=30000)
    assert page.card.name.text() == "Щербаков Иван"
    assert page.card.documents.rows()[0].number == "751234567"
    assert page.count_label.text()


def test_enter_searches_by_document_number_and_the_card_shows_history(page, qtbot, db, login_as):
    lines = compose_td3(
        surname="TSOI",
        given_names="VIKTOR",
        document_number="749439692",
        nationality="RUS",
        birth_date=PartialDate(1970, 5, 28),
        sex="M",
        expiry_date=date(2031, 5, 13),
    )
    outcome = checks.check_document(db, actor=login_as("ivanov"), mrz_lines=lines, decision="admit")
    page.query_edit.setText("749439692")
    qtbot.keyClick(page.query_edit, Qt.Key_Return)
    qtbot.waitUntil(lambda: page.card.card is not None, timeout=30000)
    assert page.proxy.index(0, 0).data() == "TSOI"
    history = page.card.history.rows()
    assert [h.reference for h in history] == [outcome.check.protocol_number]
    assert page.card.history_proxy.index(0, 3).data() == _("Admitted")


def test_a_bad_date_is_said_inline_and_empty_clears(page, qtbot):
    i18n.set_language("en")
    page.query_edit.setText("31.02.1990")
    qtbot.keyClick(page.query_edit, Qt.Key_Return)
    qtbot.waitUntil(lambda: page.message.isVisible(), timeout=30000)
    assert page.message.text() == "'31.02.1990' is not a real date."
    assert page.model.rowCount() == 0 and page.card.card is None

    page.query_edit.clear()
    qtbot.keyClick(page.query_edit, Qt.Key_Return)
    assert not page.message.isVisible() and page.count_label.text() == ""


def test_a_new_query_is_ranked_by_relevance_again(page, qtbot, db, wait_idle, type_text):
    add_person(db, "Щербаков", "Иван", number="751234567")
    add_person(db, "Щербакова", "Ирина", number="751234568")
    add_person(db, "Щербаковский", "Илья", number="751234569")
    page.table.sortByColumn(0, Qt.DescendingOrder)  # the user sorted by surname, Я→А
    assert page.table.horizontalHeader().sortIndicatorSection() == 0
    type_text(page.query_edit, "Щербаков")
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=30000)
    wait_idle()
    header = page.table.horizontalHeader()
    assert header.sortIndicatorSection() == page.model.columnCount() - 1
    assert header.sortIndicatorOrder() == Qt.DescendingOrder
    assert page.proxy.index(0, 0).data() == "Щербаков"  # the exact match first
