"""Issue #9, done when, on the check page: the Russian internal passport validates and
shows ЗДРИЛЮК СЕРГЕЙ АНАТОЛЬЕВИЧ; the Belgian TD1 card's long number passes its check
digit (the reading with the filler included)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from issue_documents import BELGIAN, RU_INTERNAL


@pytest.fixture
def page(make_window, wait_idle):
    window = make_window("ivanov")
    check_page = window.show_page("check")
    wait_idle()
    return check_page


def _scan(qtbot, page, lines) -> None:
    for line in lines:
        qtbot.keyClicks(page.mrz.edit, line)
        qtbot.keyClick(page.mrz.edit, Qt.Key_Return)
    qtbot.waitUntil(lambda: page.verdict in ("alert", "warning", "clear"), timeout=30000)


def test_the_internal_passport_validates_and_shows_the_cyrillic_name(page, qtbot):
    _scan(qtbot, page, RU_INTERNAL)
    codes = [f.code for f in page.findings.rows()]
    assert "mrz_error" not in codes and page.verdict == "clear", codes
    assert page.details.text("written") == "ЗДРИЛЮК СЕРГЕЙ АНАТОЛЬЕВИЧ"
    assert page.details.text("surname") == "ZDRILIUK"
    assert "✗" not in page.details.text("checks")


def test_the_belgian_card_passes_its_check_digits(page, qtbot):
    _scan(qtbot, page, BELGIAN)
    assert "mrz_error" not in [f.code for f in page.findings.rows()]
    assert page.outcome.document.document_number == "000590240601"
    assert "✗" not in page.details.text("checks") and "✓" in page.details.text("checks")
