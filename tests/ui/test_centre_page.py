"""The Centre page: intake from a case fills a bed on the board; the resident card;
moving beds; a release whose belongings do not all come back needs an explanation."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from borderdesk.i18n import _, format_amount
from borderdesk.services import cases, centre
from borderdesk.services.centre import BelongingLine
from borderdesk.services.site.sites import this_site
from borderdesk.ui.dialogs.intake import IntakeDialog
from borderdesk.ui.dialogs.move_bed import MoveBedDialog
from borderdesk.ui.dialogs.release import ReleaseDialog
from borderdesk.ui.dialogs.resident_card import ResidentCard
from borderdesk.ui.pages import PageContext
from borderdesk.ui.pages.centre_page import CentrePage
from borderdesk.ui.pdf_preview import PdfPreviewDialog
from borderdesk.ui.widgets import MessageLabel
from centre_samples import centre_database, passport, staff


@pytest.fixture
def cdb(tmp_path, qapp):
    database = centre_database(tmp_path)
    yield database
    from PySide6.QtCore import QThreadPool

    QThreadPool.globalInstance().waitForDone(5000)
    database.dispose()


@pytest.fixture
def worker(cdb):
    return staff(cdb)[1]


@pytest.fixture
def page(app, qtbot, cdb, worker, wait_idle):
    context = PageContext(db=cdb, actor=worker, site=this_site(cdb))
    widget = CentrePage(context)
    qtbot.addWidget(widget)
    widget.resize(1000, 640)
    widget.show()
    widget.activated()
    qtbot.waitUntil(lambda: widget.occupancy is not None, timeout=30000)
    wait_idle()
    return widget


def _previews() -> list[PdfPreviewDialog]:
    return [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, PdfPreviewDialog) and w.isVisible()
    ]


def test_intake_from_a_case_fills_a_bed_on_the_board(page, qtbot, cdb, worker, wait_idle):
    assert page.occupancy.occupied == 0 and page.occupancy.capacity == 44
    case = cases.open_case(
        cdb,
        actor=worker,
        kind="apprehension",
        requesting="RUS",
        requested="KAZ",
        received=date.today(),
        mrz_lines=passport(),
    )

    qtbot.mouseClick(page.intake_button, Qt.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, IntakeDialog) and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.choices is not None, timeout=30000)
    assert dialog.person.select_case(case.id)
    # The first suitable free bed is suggested and preselected (a man: the men's room 1).
    qtbot.waitUntil(lambda: dialog.suggested_bed is not None, timeout=30000)
    assert dialog.suggested_bed == "1/A"
    assert dialog.bed.currentData() == "1/A"
    assert dialog.bed_hint.kind == MessageLabel.OK
    dialog.arriving_from.setText("КПП «Сагарчин»")
    dialog.escorts.setText("сержант Ковалёв И. П.; прапорщик Ахметов Р. С.")
    dialog.belongings.model.add_item("Телефон", 1, "Samsung")
    dialog.belongings.model.add_cash("KZT", "12000")
    assert dialog.belongings.totals.text() == _("Cash: {amounts}").format(
        amounts=format_amount(12000, "KZT")
    )
    assert "12\xa0000 KZT" in dialog.belongings.totals.text() or "12,000 KZT" in (
        dialog.belongings.totals.text()
    )  # the digits grouped
    qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)

    qtbot.waitUntil(lambda: page.occupancy.occupied == 1, timeout=30000)
    wait_idle()
    tile = page.board.tiles["1/A"]
    assert tile.bed.stay_id is not None and "NURLANOV" in tile.bed.occupant
    assert tile.bed.days_in == 1 and tile.bed.level == "ok"
    assert "1" in page.summary.text() and "44" in page.summary.text()
    assert page.message.kind == MessageLabel.OK
    assert page.selected() is not None and page.selected().bed == "1/A"  # the newcomer
    stay = centre.get_stay(cdb, actor=worker, stay_id=tile.bed.stay_id)
    assert stay.case_id == case.id
    assert stay.escort_officers == ("сержант Ковалёв И. П.", "прапорщик Ахметов Р. С.")
    assert [b.display_item for b in stay.belongings] == ["Телефон", _("Cash")]

    # The residents table shows the same person.
    assert page.proxy.rowCount() == 1

    # The intake protocol opens in the preview.
    qtbot.mouseClick(page.print_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: bool(_previews()), timeout=30000)
    preview = _previews()[-1]
    assert preview.page_count >= 1
    preview.close()


def test_an_intake_error_stays_in_the_dialog(page, qtbot, cdb, worker):
    qtbot.mouseClick(page.intake_button, Qt.LeftButton)
    dialog = page.dialog
    qtbot.waitUntil(lambda: dialog.choices is not None, timeout=30000)
    dialog.person.from_mrz.setChecked(True)
    qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)
    assert dialog.message.isVisible()  # nothing chosen yet: said before any service call
    dialog.person.mrz.edit.setPlainText("\n".join(passport()))
    qtbot.waitUntil(lambda: dialog.suggested_bed == "1/A", timeout=30000)  # from the scan
    dialog.belongings.model.add_cash("RUB", "много")
    qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: dialog.message.isVisible() and dialog.ok_button.isEnabled())
    assert dialog.isVisible() and "много" in dialog.message.text()
    assert centre.list_residents(cdb, actor=worker) == []


def _take_in(cdb, worker, page, qtbot, wait_idle, **kwargs):
    stay = centre.intake(cdb, actor=worker, mrz_lines=passport(), **kwargs)
    page.refresh()
    qtbot.waitUntil(lambda: page.occupancy.occupied == 1, timeout=30000)
    wait_idle()
    return stay


def test_card_and_move_to_another_bed(page, qtbot, cdb, worker, wait_idle):
    stay = _take_in(cdb, worker, page, qtbot, wait_idle, interpreter_needed=True)
    qtbot.mouseClick(page.board.tiles["1/A"], Qt.LeftButton)
    assert page.selected().stay_id == stay.id

    qtbot.mouseClick(page.card_button, Qt.LeftButton)
    card = page.dialog
    assert isinstance(card, ResidentCard)
    qtbot.waitUntil(lambda: card.stay is not None, timeout=30000)
    shown = card.term_box.findChildren(type(card.heading))
    texts = " ".join(label.text() for label in shown)
    assert stay.legal_basis.source in texts  # the maximum stay with its source
    assert card.belongings.rowCount() == 0
    card.close()

    qtbot.mouseClick(page.move_button, Qt.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, MoveBedDialog)
    qtbot.waitUntil(lambda: dialog.ok_button.isEnabled(), timeout=30000)
    dialog.bed.setCurrentIndex(dialog.bed.findData("2/C"))
    qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: page.board.tiles["2/C"].bed.stay_id == stay.id, timeout=30000)
    assert page.board.tiles["1/A"].bed.free
    assert page.board.tiles["2/C"].selected


def test_release_with_a_missing_belonging_needs_an_explanation(page, qtbot, cdb, worker, wait_idle):
    stay = _take_in(
        cdb,
        worker,
        page,
        qtbot,
        wait_idle,
        belongings=[
            BelongingLine("Телефон", 1, "Samsung"),
            BelongingLine("", currency="RUB", amount="500"),
        ],
    )
    page.select_stay(stay.id)
    qtbot.mouseClick(page.release_button, Qt.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, ReleaseDialog)
    qtbot.waitUntil(lambda: dialog.stay is not None, timeout=30000)
    assert not dialog.ok_button.isEnabled()  # no reason yet
    dialog.reason.setText("Решение суда отменено")
    assert dialog.ok_button.isEnabled()  # everything comes back as received

    assert dialog.check.model.set_returned(0, 0)  # the phone is missing
    assert not dialog.ok_button.isEnabled()
    assert dialog.check.differences.isVisible() and "Телефон" in dialog.check.differences.text()
    assert dialog.check.explanation.isVisible()
    dialog.check.explanation.setText("Телефон изъят по постановлению")
    assert dialog.ok_button.isEnabled()
    qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)

    qtbot.waitUntil(lambda: page.occupancy.occupied == 0, timeout=30000)
    ended = centre.get_stay(cdb, actor=worker, stay_id=stay.id)
    assert ended.status == "released"
    assert ended.belongings_explanation == "Телефон изъят по постановлению"
    assert [b.returned_quantity for b in ended.belongings if not b.is_cash] == [0]


def test_a_language_switch_retranslates_the_page_and_its_dialogs(
    page, qtbot, cdb, worker, wait_idle, monkeypatch
):
    from test_language import MARK, MarkedRussian, visible_texts

    from borderdesk import i18n

    real = i18n.translations_for
    monkeypatch.setattr(
        i18n, "translations_for", lambda lang: MarkedRussian() if lang == "ru" else real(lang)
    )
    i18n.set_language("ru")
    stay = _take_in(cdb, worker, page, qtbot, wait_idle, belongings=[BelongingLine("Телефон")])
    page.select_stay(stay.id)
    qtbot.mouseClick(page.intake_button, Qt.LeftButton)
    intake = page.dialog
    qtbot.waitUntil(lambda: intake.choices is not None, timeout=30000)
    wait_idle()
    release = ReleaseDialog(page.context, stay.id, page)
    qtbot.addWidget(release)
    qtbot.waitUntil(lambda: release.stay is not None, timeout=30000)
    release.check.model.set_returned(0, 0)
    card = ResidentCard(page.context, stay.id, page)
    qtbot.addWidget(card)
    qtbot.waitUntil(lambda: card.stay is not None, timeout=30000)
    windows = (page, intake, release, card)
    assert any(MARK in text for w in windows for text in visible_texts(w))

    i18n.set_language("en")
    left_over = [text for w in windows for text in visible_texts(w) if MARK.strip() in text]
    assert left_over == [], "\n".join(left_over)
    assert page.intake_button.text() == _("Intake…")
    assert page.board.tiles["1/A"].toolTip().startswith(_("Bed {bed}: {name}").split("{")[0])
