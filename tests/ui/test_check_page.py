"""The Document check page: a wedge scan gives the verdict; a decision records the check,
prints its protocol and clears the page for the next person."""

from __future__ import annotations

import time
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import func, select

from borderdesk import i18n
from borderdesk.domain.mrz import describe
from borderdesk.domain.mrz.compose import compose_mrv, compose_td3
from borderdesk.domain.partial_date import PartialDate
from borderdesk.i18n import _
from borderdesk.services import checks
from borderdesk.services.people import watchlists
from borderdesk.store.tables import DocumentCheck
from borderdesk.ui.pdf_preview import PdfPreviewDialog

BIRTH = PartialDate(1980, 5, 17)


def passport(surname="IVANOV", given="PETR", *, number="751234567", nationality="RUS"):
    return compose_td3(
        surname=surname,
        given_names=given,
        document_number=number,
        nationality=nationality,
        birth_date=BIRTH,
        sex="M",
        expiry_date=date(2034, 1, 1),
    )


BANGLADESHI = passport("RAHMAN", "MIZANUR", number="BA4959315", nationality="BGD")


def scan(qtbot, edit, lines):
    """What a keyboard-wedge reader does: each line typed, then Enter."""
    for line in lines:
        qtbot.keyClicks(edit, line)
        qtbot.keyClick(edit, Qt.Key_Return)


@pytest.fixture
def page(make_window, wait_idle):
    window = make_window("ivanov")
    check_page = window.show_page("check")
    wait_idle()
    return check_page


def checks_recorded(db) -> int:
    with db.read() as session:
        return session.execute(select(func.count()).select_from(DocumentCheck)).scalar_one()


def preview_dialogs():
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, PdfPreviewDialog)]


def test_scan_a_clean_passport_admit_and_print(page, qtbot, db, login_as):
    assert page.verdict == "idle" and not page.decision_buttons["admit"].isEnabled()
    scan(qtbot, page.mrz.edit, passport())
    qtbot.waitUntil(lambda: page.verdict == "clear", timeout=30000)
    assert page.banner.text() == _("CLEAR: nothing found")
    assert page.details.text("surname") == "IVANOV"
    assert page.details.text("given_names") == "PETR"
    assert page.details.text("birth").startswith("17.05.1980")  # as the language writes it
    assert page.mrz.messages == []
    assert checks_recorded(db) == 0  # a scan writes nothing

    qtbot.keyClicks(page.note, "quiet")
    qtbot.keyClick(page.mrz.edit, Qt.Key_F5)  # Admit
    qtbot.waitUntil(lambda: page.last_check is not None, timeout=30000)
    record = page.last_check
    assert record.decision == "admit" and record.note == "quiet"
    assert record.protocol_number in page.last.message.text()
    stored = checks.get_check(db, actor=login_as("ivanov"), check_id=record.id)
    assert stored.protocol_number == record.protocol_number and stored.direction == "entry"

    # Cleared for the next person, the last protocol still at hand.
    assert page.mrz.edit.toPlainText() == "" and page.note.text() == ""
    assert page.verdict == "idle" and page.outcome is None
    assert page.mrz.edit.hasFocus()
    assert page.last.print_button.isVisible() and not page.last.case_button.isVisible()

    qtbot.mouseClick(page.last.print_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: bool(preview_dialogs()), timeout=30000)
    dialog = preview_dialogs()[0]
    assert dialog.page_count >= 1 and record.protocol_number in dialog.windowTitle()
    dialog.close()


def test_a_stolen_document_is_red_detain_opens_a_case(
    page, qtbot, db, login_as, tmp_path, monkeypatch
):
    csv = tmp_path / "stolen.csv"
    csv.write_text("issuing_state,number,reason,source,valid_until\nBGD,BA4959315,stolen,МВД,\n")
    watchlists.import_csv(db, actor=login_as("admin"), path=csv, kind="documents")

    scan(qtbot, page.mrz.edit, BANGLADESHI)
    qtbot.waitUntil(lambda: page.verdict == "alert", timeout=30000)
    assert page.banner.text() == _("ALERT: stop and examine")
    first = page.findings.row(0)
    assert (first.code, first.severity) == ("watchlist_document", "critical")
    assert page.findings.index(0, 0).data(Qt.BackgroundRole) is not None

    # Admit on a red verdict asks first; "No" records nothing.
    qtbot.mouseClick(page.decision_buttons["admit"], Qt.LeftButton)
    box = page.confirm_box
    assert box is not None and box.isVisible()
    box.done(QMessageBox.No)
    assert page.last_check is None and checks_recorded(db) == 0

    # Detain opens the new case prefilled from the check; OK records both.
    qtbot.mouseClick(page.decision_buttons["detain"], Qt.LeftButton)
    dialog = page.detain_dialog
    assert dialog is not None and dialog.isVisible() and checks_recorded(db) == 0
    qtbot.waitUntil(lambda: dialog.ok_button.isEnabled(), timeout=30000)
    qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: page.last_check is not None, timeout=30000)
    assert page.last_check.decision == "detain" and page.last_check.verdict == "alert"
    assert page.last.case_number is not None
    assert page.last.case_number in page.last.message.text()
    assert not page.last.case_button.isVisible()


def test_a_corrupted_line_names_the_field_and_records_nothing(page, qtbot, db, wait_idle):
    i18n.set_language("en")
    line1, line2 = passport()
    wrong = "0" if line2[19] != "0" else "1"  # TD3 line 2, position 20: birth date check digit
    scan(qtbot, page.mrz.edit, (line1, line2[:19] + wrong + line2[20:]))
    qtbot.waitUntil(lambda: page.verdict == "alert", timeout=30000)
    expected = _("Line {line}, position {position}: {problem}").format(
        line=2, position=20, problem=describe("check_digit_birth_date")
    )
    assert expected in page.mrz.messages
    assert expected in page.mrz.problems_label.text() and page.mrz.problems_label.isVisible()
    selections = page.mrz.edit.extraSelections()
    marked = [(s.cursor.block().blockNumber(), s.cursor.positionInBlock()) for s in selections]
    assert (1, 20) in marked  # the selection ends after line 2's 20th character
    assert "mrz_error" in [f.code for f in page.findings.rows()]
    assert checks_recorded(db) == 0

    # A character an MRZ cannot hold (a wedge typing through the Russian layout).
    page.new_check()
    qtbot.keyClicks(page.mrz.edit, line1[:-1])
    page.mrz.edit.insertPlainText("З\n" + line2)
    qtbot.waitUntil(lambda: page.verdict == "unreadable", timeout=30000)
    assert "Line 1, position 44" in page.mrz.problems_label.text()
    assert page.input_message.isVisible()
    assert not any(b.isEnabled() for b in page.decision_buttons.values())
    qtbot.keyClick(page.mrz.edit, Qt.Key_F6)
    qtbot.wait(200)
    wait_idle()
    assert checks_recorded(db) == 0 and page.last_check is None


def test_a_visa_scanned_after_the_passport_lifts_the_visa_warning(page, qtbot):
    scan(qtbot, page.mrz.edit, BANGLADESHI)
    qtbot.waitUntil(lambda: page.verdict in ("alert", "warning", "clear"), timeout=30000)
    assert "visa_required_missing" in [f.code for f in page.findings.rows()]
    assert page.verdict == "warning"
    visa = compose_mrv(
        surname="RAHMAN",
        given_names="MIZANUR",
        document_number="V12345678",
        nationality="BGD",
        issuing_state="RUS",
        birth_date=BIRTH,
        sex="M",
        expiry_date=date(2034, 1, 1),
    )
    assert not page.visa.isVisible()
    qtbot.mouseClick(page.visa_check, Qt.LeftButton)
    assert page.visa.isVisible()
    scan(qtbot, page.visa.edit, visa)
    qtbot.waitUntil(
        lambda: page.outcome is not None and page.outcome.visa is not None, timeout=5000
    )
    assert "visa_required_missing" not in [f.code for f in page.findings.rows()]
    assert page.details.text("visa").startswith(_("Visa"))


def test_the_page_follows_the_language(page, qtbot):
    scan(qtbot, page.mrz.edit, passport())
    qtbot.waitUntil(lambda: page.verdict == "clear", timeout=30000)
    i18n.set_language("en")
    assert page.banner.text() == "CLEAR: nothing found"
    assert page.decision_buttons["admit"].text() == "Admit  (F5)"
    assert page.decision_buttons["admit"].shortcut().toString() == "F5"
    i18n.set_language("ru")
    assert page.banner.text() == _("CLEAR: nothing found")
    assert page.decision_buttons["refuse"].shortcut().toString() == "F6"


@pytest.fixture(autouse=True)
def _restore_time_zone():
    yield
    time.tzset()  # after monkeypatch has put TZ back


def test_the_mrz_field_upper_cases_waits_for_whole_lines_and_starts_a_new_scan(app, qtbot):
    from PySide6.QtCore import QMimeData

    from borderdesk.domain.mrz.compose import compose_td1
    from borderdesk.ui.mrz_input import MrzField

    field = MrzField()
    qtbot.addWidget(field)
    completed = []
    field.completed.connect(completed.append)
    card = compose_td1(
        surname="ABDULLAEV",
        given_names="RUSTAM",
        document_number="N12345678",
        nationality="KAZ",
        birth_date=BIRTH,
        sex="M",
        expiry_date=date(2030, 1, 1),
    )
    scan(qtbot, field.edit, [line.lower() for line in card[:2]])
    field.validate()
    assert completed == [] and field.lines() == list(card[:2])  # TD1 has three lines
    scan(qtbot, field.edit, card[2:])
    field.validate()
    assert completed == [card]

    # Typing on after a whole MRZ and its Enter is the next scan; a paste is upper-cased.
    mime = QMimeData()
    mime.setText("\n".join(passport()).lower())
    field.edit.insertFromMimeData(mime)
    field.validate()
    assert field.lines() == list(passport()) and completed == [card, passport()]


def test_columns_share_a_narrow_table_so_the_last_stays_in_view():
    from borderdesk.ui.person_card import shared_widths

    assert shared_widths([100, 200, 150], 600) == [100, 200, 150]  # room for all
    widths = shared_widths([110, 280, 280, 140], 600)
    assert sum(widths) <= 600 and widths[0] == 110 and widths[3] == 140  # narrow ones keep
    assert widths[1] == widths[2] == (600 - 250) // 2
    assert shared_widths([300, 300], 50) == [48, 48]  # never below a readable minimum
