"""Keyboard: Alt+1… for the pages, Ctrl+F for the search, F1 for the page's help."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from borderdesk import i18n
from borderdesk.i18n import _
from borderdesk.ui.help_texts import PAGE_HELP, page_help
from borderdesk.ui.pages import PAGES


def test_alt_and_a_digit_open_the_pages_in_order(make_window, qtbot, wait_idle):
    window = make_window("petrova")
    window.activateWindow()
    qtbot.waitActive(window)
    keys = window.nav_keys()
    for number in (2, 1, 3):
        qtbot.keyClick(window.windowHandle(), Qt.Key(Qt.Key_0 + number), Qt.AltModifier)
        assert window.current_spec().key == keys[number - 1]
    wait_idle()


def test_ctrl_f_opens_the_search_ready_for_typing(make_window, qtbot, wait_idle, type_text):
    window = make_window("ivanov")
    window.activateWindow()
    qtbot.waitActive(window)
    qtbot.keyClick(window.windowHandle(), Qt.Key_F, Qt.ControlModifier)
    page = window.pages["search"]
    assert window.current_spec().key == "search"
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.query_edit)
    wait_idle()


def test_f1_shows_the_help_of_the_page_in_the_ui_language(make_window, qtbot, wait_idle):
    window = make_window("petrova")
    window.activateWindow()
    qtbot.waitActive(window)
    window.show_page("audit")
    wait_idle()
    qtbot.keyClick(window.windowHandle(), Qt.Key_F1)
    box = window.findChild(QMessageBox, "help_box")
    assert box is not None and box.isVisible()
    assert box.informativeText() == page_help("audit")
    assert _(PAGE_HELP["audit"]) in box.informativeText()
    assert _(PAGE_HELP["audit"]) != PAGE_HELP["audit"]  # Russian, not the English source
    box.close()


def test_every_page_has_help_in_both_languages():
    for spec in PAGES:
        assert spec.key in PAGE_HELP, spec.key
        for lang in ("ru", "en"):
            assert i18n.gettext_in(lang, PAGE_HELP[spec.key])
        assert i18n.gettext_in("ru", PAGE_HELP[spec.key]) != PAGE_HELP[spec.key]
