"""The Transfers page: plan and complete a transfer to Kazakhstan for a Kazakh national
and print its handover protocol; no agreement with Tajikistan: refused with the reason,
planning off, an alternative recorded instead."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtWidgets import QApplication

from borderdesk.i18n import _
from borderdesk.services import centre, transfers
from borderdesk.services.centre import BelongingLine
from borderdesk.services.site.sites import this_site
from borderdesk.ui.dialogs.complete_transfer import CompleteTransferDialog
from borderdesk.ui.dialogs.plan_transfer import PlanTransferDialog
from borderdesk.ui.pages import PageContext
from borderdesk.ui.pages.transfers_page import TransfersPage, transfer_status
from borderdesk.ui.pdf_preview import PdfPreviewDialog
from borderdesk.ui.widgets import MessageLabel
from centre_samples import centre_database, passport, staff


@pytest.fixture
def cdb(tmp_path, qapp):
    database = centre_database(tmp_path)
    yield database
    QThreadPool.globalInstance().waitForDone(5000)
    database.dispose()


@pytest.fixture
def worker(cdb):
    return staff(cdb)[1]


@pytest.fixture
def page(app, qtbot, cdb, worker, wait_idle):
    context = PageContext(db=cdb, actor=worker, site=this_site(cdb))
    widget = TransfersPage(context)
    qtbot.addWidget(widget)
    widget.resize(1000, 640)
    widget.show()
    widget.activated()
    wait_idle()
    return widget


def _open_plan(page, qtbot) -> PlanTransferDialog:
    qtbot.mouseClick(page.plan_button, Qt.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, PlanTransferDialog) and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.choices is not None, timeout=30000)
    return dialog


def _previews() -> list[PdfPreviewDialog]:
    return [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, PdfPreviewDialog) and w.isVisible()
    ]


def test_plan_complete_and_print_a_transfer_to_kazakhstan(page, qtbot, cdb, worker, wait_idle):
    stay = centre.intake(
        cdb,
        actor=worker,
        mrz_lines=passport(),  # a Kazakh national
        belongings=[BelongingLine("Телефон", 1, "Samsung")],
    )
    dialog = _open_plan(page, qtbot)
    assert dialog.selected_resident().stay_id == stay.id
    assert dialog.destination_value() == "KAZ"  # the resident's own state comes first
    qtbot.waitUntil(lambda: dialog.verdict.kind == MessageLabel.OK, timeout=30000)
    assert "Россия–Казахстан" in dialog.verdict.text()
    assert dialog.ok_button.isEnabled() and not dialog.instead.isVisible()
    planned_on = date.today() + timedelta(days=3)
    dialog.date.setDate(planned_on)
    qtbot.waitUntil(lambda: dialog.ok_button.isEnabled(), timeout=30000)  # checked again
    dialog.crossing_point.setEditText("МАПП «Сагарчин» – «Жайсан»")
    dialog.escorts.setText("ст. лейтенант Ковалёв И. П.; прапорщик Ахметов Р. С.")
    dialog.transport.setText("ГАЗель А123ВС 56")
    qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)

    qtbot.waitUntil(lambda: page.proxy.rowCount() == 1, timeout=30000)
    wait_idle()
    row = page.selected()
    assert row is not None and row.status == "planned"
    assert row.planned_date == planned_on and row.destination == "KAZ"
    assert row.escort_officers == ("ст. лейтенант Ковалёв И. П.", "прапорщик Ахметов Р. С.")
    assert page.proxy.index(0, 1).data() == "МАПП «Сагарчин» – «Жайсан»"
    assert page.proxy.index(0, 4).data() == transfer_status("planned")
    assert row.case_number and page.proxy.index(0, 7).data() == row.case_number
    assert row.transfer_number in page.details.text()

    qtbot.mouseClick(page.complete_button, Qt.LeftButton)
    complete = page.dialog
    assert isinstance(complete, CompleteTransferDialog)
    qtbot.waitUntil(lambda: complete.ok_button.isEnabled(), timeout=30000)
    assert complete.check.model.rowCount() == 1  # the phone goes with the person
    # Prefilled from the agreement's competent authorities, as the printed protocol has it.
    assert complete.authority.text() == transfers.receiving_authority(row)
    assert complete.authority.text().startswith("Министерство внутренних дел Республики Казахстан")
    complete.authority.setText("ДПС КНБ РК")
    complete.officer.setText("капитан Сейткали А.")
    qtbot.mouseClick(complete.ok_button, Qt.LeftButton)

    qtbot.waitUntil(
        lambda: page.selected() is not None and page.selected().status == "completed",
        timeout=10000,
    )
    wait_idle()
    assert page.message.kind == MessageLabel.OK
    assert centre.get_stay(cdb, actor=worker, stay_id=stay.id).status == "transferred"
    done = transfers.get_transfer(cdb, actor=worker, transfer_id=row.id)
    assert done.receiving_officer == "капитан Сейткали А." and done.case_status == "closed"

    assert page.print_button.isEnabled()
    qtbot.mouseClick(page.print_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: bool(_previews()), timeout=30000)
    preview = _previews()[-1]
    assert preview.page_count >= 1 and row.transfer_number in preview.windowTitle()
    preview.close()


def test_no_agreement_with_tajikistan_refuses_with_the_reason(page, qtbot, cdb, worker):
    stay = centre.intake(
        cdb, actor=worker, mrz_lines=passport("RAHIMOV", "SHER", "A1234567", "TJK")
    )
    dialog = _open_plan(page, qtbot)
    assert dialog.destination_value() == "TJK"
    qtbot.waitUntil(lambda: dialog.verdict.kind == MessageLabel.ERROR, timeout=30000)
    answer = transfers.check_destination(
        cdb, actor=worker, stay_id=stay.id, destination="TJK", on=dialog.date.date().toPython()
    )
    assert not answer.applies and answer.reason in dialog.verdict.text()
    assert not dialog.ok_button.isEnabled()  # planning is off
    assert dialog.instead.isVisible()

    # Staff record what they do instead.
    dialog.alternative.setCurrentIndex(dialog.alternative.findData("consular_document"))
    dialog.alternative_note.setText("Запрос в посольство")
    qtbot.mouseClick(dialog.record_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: dialog.recorded.kind == MessageLabel.OK, timeout=30000)
    recorded = centre.get_stay(cdb, actor=worker, stay_id=stay.id)
    assert recorded.alternative == "consular_document"
    assert recorded.alternative_note == "Запрос в посольство"
    assert transfers.list_transfers(cdb, actor=worker) == []  # nothing was pretended

    # Kazakhstan takes back third-country nationals (under the agreement's conditions).
    dialog.destination.setCurrentIndex(dialog.destination.findData("KAZ"))
    qtbot.waitUntil(lambda: dialog.verdict.kind == MessageLabel.OK, timeout=30000)
    assert dialog.ok_button.isEnabled() and not dialog.instead.isVisible()


def test_a_language_switch_retranslates_the_page_and_its_dialogs(
    page, qtbot, cdb, worker, wait_idle, monkeypatch
):
    from test_language import MARK, MarkedRussian, visible_texts

    from borderdesk import i18n

    stay = centre.intake(cdb, actor=worker, mrz_lines=passport())
    row = transfers.plan_transfer(
        cdb,
        actor=worker,
        stay_id=stay.id,
        destination="KAZ",
        date=date.today() + timedelta(days=2),
        crossing_point="МАПП «Сагарчин» – «Жайсан»",
        escorts=["Иванов"],
    )
    real = i18n.translations_for
    monkeypatch.setattr(
        i18n, "translations_for", lambda lang: MarkedRussian() if lang == "ru" else real(lang)
    )
    i18n.set_language("ru")
    page.refresh(select=row.id)
    qtbot.waitUntil(lambda: page.selected() is not None, timeout=30000)
    complete = CompleteTransferDialog(page.context, page.selected(), page)
    qtbot.addWidget(complete)
    qtbot.waitUntil(lambda: complete.stay is not None, timeout=30000)
    dialog = _open_plan(page, qtbot)
    qtbot.waitUntil(lambda: dialog.verdict.kind == MessageLabel.OK, timeout=30000)
    wait_idle()
    windows = (page, dialog, complete)
    assert any(MARK in text for w in windows for text in visible_texts(w))

    i18n.set_language("en")
    qtbot.waitUntil(lambda: MARK not in dialog.verdict.text(), timeout=30000)
    wait_idle()
    left_over = [text for w in windows for text in visible_texts(w) if MARK.strip() in text]
    assert left_over == [], "\n".join(left_over)
    assert page.plan_button.text() == _("Plan transfer…")
