"""Refuse (F6) asks for the legal ground; Detain (F8) opens the apprehension case
prefilled from the check, offers only the states an agreement covers, says why beside
the state, and files nothing until the officer confirms."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import func, select

from borderdesk import i18n
from borderdesk.domain.mrz.compose import compose_td3
from borderdesk.domain.partial_date import PartialDate
from borderdesk.domain.refusal_grounds import refusal_grounds
from borderdesk.services import checks
from borderdesk.store.tables import DocumentCheck, ReadmissionCase
from borderdesk.ui.help_texts import page_help

BANGLADESHI = compose_td3(
    surname="RAHMAN",
    given_names="MIZANUR",
    document_number="BA4959315",
    nationality="BGD",
    birth_date=PartialDate(1991, 2, 3),
    sex="M",
    expiry_date=date(2034, 1, 1),
)


def press(qtbot, page, key):
    """A function key as the officer presses it in the MRZ field; a button's shortcut
    clicks it after its short press animation, so wait for the dialog."""
    attribute = "ground_dialog" if key == Qt.Key_F6 else "detain_dialog"
    setattr(page, attribute, None)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None, timeout=30000)
    qtbot.waitUntil(page.window().isActiveWindow, timeout=30000)
    qtbot.keyClick(page.mrz.edit, key)
    qtbot.waitUntil(lambda: getattr(page, attribute) is not None, timeout=30000)


def scan(qtbot, edit, lines):
    for line in lines:
        qtbot.keyClicks(edit, line)
        qtbot.keyClick(edit, Qt.Key_Return)


def count(db, table) -> int:
    with db.read() as session:
        return session.execute(select(func.count()).select_from(table)).scalar_one()


@pytest.fixture
def page(make_window, wait_idle, qtbot):
    i18n.set_language("en")
    window = make_window("ivanov")
    check_page = window.show_page("check")
    wait_idle()
    scan(qtbot, check_page.mrz.edit, BANGLADESHI)
    qtbot.waitUntil(lambda: check_page.outcome is not None, timeout=30000)
    return check_page


def test_f6_asks_for_the_ground_and_records_it(page, qtbot, db):
    press(qtbot, page, Qt.Key_F6)
    dialog = page.ground_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.list.count() == len(refusal_grounds())
    assert not dialog.ok_button.isEnabled()  # no ground chosen yet
    assert dialog.unverified.isVisible()
    texts = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    assert "No visa where one is required (114-FZ art. 24)" in texts
    # Esc goes back to the check: nothing recorded.
    qtbot.keyClick(dialog.list, Qt.Key_Escape)
    assert not dialog.isVisible() and count(db, DocumentCheck) == 0

    press(qtbot, page, Qt.Key_F6)
    dialog = page.ground_dialog
    item = dialog.list.item(1)
    qtbot.mouseClick(
        dialog.list.viewport(), Qt.LeftButton, pos=dialog.list.visualItemRect(item).center()
    )
    assert dialog.ground == refusal_grounds()[1].code and dialog.ok_button.isEnabled()
    qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: page.last_check is not None, timeout=30000)
    assert page.last_check.decision == "refuse"
    assert page.last_check.refusal_ground == refusal_grounds()[1].code


def test_f6_by_keyboard_alone(page, qtbot, db):
    press(qtbot, page, Qt.Key_F6)
    dialog = page.ground_dialog
    qtbot.keyClick(dialog.list, Qt.Key_Down)
    assert dialog.ground == refusal_grounds()[0].code
    qtbot.keyClick(dialog.list, Qt.Key_Return)
    qtbot.waitUntil(lambda: page.last_check is not None, timeout=30000)
    assert page.last_check.refusal_ground == refusal_grounds()[0].code


def test_f8_opens_the_prefilled_case_and_refuses_an_uncovered_state(page, qtbot, db, wait_idle):
    assert page.decision_buttons["detain"].text() == "Detain  (F8)"
    press(qtbot, page, Qt.Key_F8)
    dialog = page.detain_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.choices is not None, timeout=30000)
    assert dialog.facts["person"].text().startswith("RAHMAN MIZANUR, born 03 Feb 1991")
    assert dialog.facts["document"].text() == "P BGD BA4959315"
    assert page.context.site.code in dialog.facts["site"].text()
    assert dialog.facts["day"].text() == i18n.format_date(dialog.source.day)
    # Kazakhstan covers a Bangladeshi who came through it; the reason is beside it.
    assert dialog.requested.currentData() == "KAZ"
    kaz = dialog.chosen()
    assert kaz.covered and kaz.agreement_title in dialog.explanation.text()
    assert dialog.ok_button.isEnabled()
    # Uzbekistan takes back its own nationals only: not selectable, OK refused, one line.
    row = dialog.requested.findData("UZB")
    item = dialog.requested.model().item(row)
    assert not item.isEnabled() and "not covered" in item.text()
    dialog.requested.setCurrentIndex(row)
    assert not dialog.ok_button.isEnabled()
    assert dialog.message.isVisible() and len(dialog.message.text().splitlines()) == 1
    assert "Uzbekistan" in dialog.message.text()
    dialog.submit()  # even forced, nothing is filed
    wait_idle()
    assert count(db, DocumentCheck) == 0 and count(db, ReadmissionCase) == 0
    # Cancel: nothing recorded, back at the check.
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Cancel), Qt.LeftButton)
    assert page.outcome is not None and count(db, DocumentCheck) == 0


def test_f8_confirmed_files_the_case_against_the_chosen_state(page, qtbot, db):
    qtbot.keyClicks(page.note, "crossed at night")
    press(qtbot, page, Qt.Key_F8)
    dialog = page.detain_dialog
    qtbot.waitUntil(lambda: dialog.ok_button.isEnabled(), timeout=30000)
    assert dialog.notes.text() == "crossed at night"
    assert count(db, ReadmissionCase) == 0  # nothing before the officer confirms
    qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: page.last_check is not None, timeout=30000)
    assert page.last_check.decision == "detain"
    with db.read() as session:
        case = session.execute(select(ReadmissionCase)).scalar_one()
    assert case.requested_state == "KAZ" and case.source_check_id == page.last_check.id
    assert case.kind == "apprehension" and case.notes == "crossed at night"
    assert page.last.case_number == case.case_number
    assert page.mrz.is_empty()  # ready for the next person


def test_detain_without_a_case_then_shift_f8(page, qtbot, db):
    press(qtbot, page, Qt.Key_F8)
    dialog = page.detain_dialog
    qtbot.waitUntil(lambda: dialog.choices is not None, timeout=30000)
    qtbot.mouseClick(dialog.detain_only, Qt.LeftButton)
    qtbot.waitUntil(lambda: page.last_check is not None, timeout=30000)
    assert count(db, ReadmissionCase) == 0 and page.last.case_button.isVisible()
    assert page.last.case_button.text() == "Open apprehension case  (Shift+F8)"
    qtbot.mouseClick(page.last.case_button, Qt.LeftButton)
    later = page.last.dialog
    assert later is not None and not later.detain_only.isVisible()
    qtbot.waitUntil(lambda: later.ok_button.isEnabled(), timeout=30000)
    assert later.ok_button.text() == "Open case"
    qtbot.mouseClick(later.ok_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: page.last.case_number is not None, timeout=30000)
    assert count(db, ReadmissionCase) == 1 and count(db, DocumentCheck) == 1


def test_the_help_names_the_keys():
    i18n.set_language("en")
    text = page_help("check")
    for key in ("F5", "F6", "F8", "Shift+F8", "legal ground", "agreement"):
        assert key in text


def _refuse_with(qtbot, page, code):
    press(qtbot, page, Qt.Key_F6)
    dialog = page.ground_dialog
    dialog.choose(code)
    assert dialog.ground == code
    qtbot.keyClick(dialog.list, Qt.Key_Return)
    qtbot.waitUntil(lambda: page.last_check is not None, timeout=30000)


def _history_outcomes(page) -> list[str]:
    model = page.history_table.model()
    return [model.index(row, 3).data() for row in range(model.rowCount())]


def test_the_strip_and_the_history_name_the_ground_in_either_language(page, qtbot, wait_idle):
    ground = next(g for g in refusal_grounds() if g.code == "no_visa")
    _refuse_with(qtbot, page, ground.code)
    strip = page.last.message
    assert strip.isVisible()
    assert f"Refused: {ground.en} ({ground.legal_source})" in strip.text()
    page.window().language_actions["ru"].trigger()
    assert f"Отказано: {ground.ru} ({ground.legal_source_ru})" in strip.text()
    # The same person again: the earlier refusal in the history carries its ground.
    scan(qtbot, page.mrz.edit, BANGLADESHI)
    qtbot.waitUntil(lambda: page.outcome is not None, timeout=30000)
    assert f"Отказано: {ground.ru} ({ground.legal_source_ru})" in _history_outcomes(page)
    page.window().language_actions["en"].trigger()
    assert f"Refused: {ground.en} ({ground.legal_source})" in _history_outcomes(page)


def test_a_stored_unknown_ground_shows_as_its_code_marked(page, qtbot, db, wait_idle):
    _refuse_with(qtbot, page, refusal_grounds()[0].code)
    # A code this version's list does not hold (a site with a newer list recorded it).
    with closing(sqlite3.connect(db.path)) as raw, raw:
        raw.execute("update document_check set refusal_ground = 'withdrawn_2031'")
    stored = checks.get_check(db, actor=page.context.actor, check_id=page.last_check.id)
    page.last.show_record(stored)
    assert "withdrawn_2031 (ground not in this version's list)" in page.last.message.text()
    scan(qtbot, page.mrz.edit, BANGLADESHI)
    qtbot.waitUntil(lambda: page.outcome is not None, timeout=30000)
    assert "Refused: withdrawn_2031 (ground not in this version's list)" in _history_outcomes(page)
