"""The Cases page: open a case through the dialog, see its deadline, decide, watch the timeline."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from borderdesk.domain.mrz.compose import compose_td3
from borderdesk.i18n import _
from borderdesk.services import cases
from borderdesk.store.tables import Person
from borderdesk.ui.case_text import day_text, days_left_text
from borderdesk.ui.dialogs.decision import DecisionDialog
from borderdesk.ui.dialogs.evidence import EvidenceDialog
from borderdesk.ui.dialogs.new_case import NewCaseDialog
from borderdesk.ui.models import row_at
from borderdesk.ui.models.toned_table import OVERDUE, SOON, TONES

# The site's calendar day (demo and test sites keep Yekaterinburg time), not the machine's.
TODAY = datetime.now(ZoneInfo("Asia/Yekaterinburg")).date()
NEXT_DEADLINE, DAYS_LEFT = 3, 4


def kazakh_passport() -> tuple[str, str]:
    return compose_td3(
        surname="ZHUMABAEV",
        given_names="ASKAR",
        document_number="N12345678",
        nationality="KAZ",
        birth_date=date(1990, 4, 12),
        sex="M",
        expiry_date=TODAY + timedelta(days=2000),
    )


def cases_page(make_window, wait_idle, username="ivanov"):
    window = make_window(username)
    page = window.show_page("cases")
    wait_idle()
    return window, page


def row_of(page, case_number):
    for row in range(page.proxy.rowCount()):
        if row_at(page.proxy.index(row, 0)).case_number == case_number:
            return row
    return None


def cell(page, row, column, role=Qt.DisplayRole):
    return page.proxy.index(row, column).data(role)


def background(page, row) -> str | None:
    brush = cell(page, row, 0, Qt.BackgroundRole)
    return brush.color().name() if brush is not None else None


def outgoing_case(db, actor, *, submitted: date, surname: str = "Karimov"):
    """An application to Uzbekistan for an Uzbek national (RU-UZ: no silence-means-consent)."""
    with db.write(actor="admin") as session:
        person = Person(surname=surname, given_names="Dilshod", nationality="UZB")
        session.add(person)
    return cases.open_case(
        db,
        actor=actor,
        kind="outgoing",
        person_id=person.id,
        requesting="RUS",
        requested="UZB",
        received=submitted,
    )


def test_open_a_case_see_its_deadline_decide_and_watch_the_timeline(make_window, qtbot, wait_idle):
    _window, page = cases_page(make_window, wait_idle)
    assert page.proxy.rowCount() == 0
    received = TODAY - timedelta(days=3)

    # New case: an incoming request from Germany about a Kazakh national, by the MRZ.
    qtbot.mouseClick(page.new_button, Qt.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, NewCaseDialog) and dialog.isVisible()
    dialog.kind.setCurrentIndex(dialog.kind.findData("incoming"))
    assert dialog.requested.currentData() == "RUS" and not dialog.requested.isEnabled()
    dialog.requesting.setCurrentIndex(dialog.requesting.findData("DEU"))
    dialog.mrz.edit.setPlainText("\n".join(kazakh_passport()))
    dialog.received.setDate(received)
    qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: page.proxy.rowCount() == 1, timeout=30000)
    wait_idle()

    # Its deadline in the table: the reply, 25 days after receipt.
    reply_due = received + timedelta(days=25)
    row = 0
    case_number = cell(page, row, 0)
    assert _("Case {number} opened.").format(number=case_number) == page.message.text()
    assert day_text(reply_due) in cell(page, row, NEXT_DEADLINE)
    assert cell(page, row, DAYS_LEFT) == "22"
    assert cell(page, row, DAYS_LEFT, Qt.ToolTipRole) == days_left_text(22)
    assert background(page, row) is None  # three weeks away: neither amber nor red

    # ... and in the banner, with the rule that produced it, marked unconfirmed.
    detail = page.detail
    qtbot.waitUntil(lambda: detail.case is not None and detail.case.case_number == case_number)
    banner = detail.banner.text()
    assert "Россия–ЕС" in banner and "25" in banner and _("unconfirmed") in banner
    assert detail.case.person.nationality == "KAZ"
    assert detail.timeline_model.rowCount() == 1

    # Record a refusal through the Decision dialog.
    assert detail.decision_button.isVisible()
    qtbot.mouseClick(detail.decision_button, Qt.LeftButton)
    decision = detail.dialog
    assert isinstance(decision, DecisionDialog) and decision.isVisible()
    decision.refuse_choice.setChecked(True)
    qtbot.mouseClick(decision.ok_button, Qt.LeftButton)
    assert decision.message.text() == _("A refusal needs its reason.")  # stays inline
    decision.reason.setPlainText("Not a national of a covered state on file")
    qtbot.mouseClick(decision.ok_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: detail.case.status == "refused", timeout=30000)
    wait_idle()

    # The timeline grew: registered -> under examination, then the decision, newest on top.
    events = [e.kind for e in detail.timeline_model.rows()]
    assert events == ["opened", "status", "decision"]
    top = detail.timeline_table.model().index(0, 2).data()
    assert top == detail.timeline_model.rows()[-1].label
    assert not detail.decision_button.isVisible()
    assert "Not a national" in detail.summary.text()
    # The list followed: the case is refused and has nothing due any more.
    page.status_filter.setCurrentIndex(page.status_filter.findData(""))
    qtbot.waitUntil(lambda: row_of(page, case_number) is not None, timeout=30000)
    wait_idle()
    row = row_of(page, case_number)
    assert cell(page, row, 2) == _("refused") or cell(page, row, 2) == detail.case.status_label
    assert cell(page, row, DAYS_LEFT) == ""


def test_rows_are_red_when_overdue_and_amber_when_near(make_window, wait_idle, db, login_as):
    officer = login_as("ivanov")
    late = outgoing_case(db, officer, submitted=TODAY - timedelta(days=40), surname="Late")
    near = outgoing_case(db, officer, submitted=TODAY - timedelta(days=21), surname="Near")
    calm = outgoing_case(db, officer, submitted=TODAY - timedelta(days=2), surname="Calm")
    _window, page = cases_page(make_window, wait_idle)

    assert background(page, row_of(page, late.case_number)) == QColor(TONES[OVERDUE][0]).name()
    assert background(page, row_of(page, near.case_number)) == QColor(TONES[SOON][0]).name()
    assert background(page, row_of(page, calm.case_number)) is None
    assert cell(page, row_of(page, late.case_number), DAYS_LEFT) == "−15"
    # The most urgent first.
    assert row_at(page.proxy.index(0, 0)).case_number == late.case_number

    # The due filter and the quick search ask the service again.
    page.due_filter.setCurrentIndex(page.due_filter.findData("overdue"))
    wait_idle()
    assert [row_at(page.proxy.index(r, 0)).case_number for r in range(page.proxy.rowCount())] == [
        late.case_number
    ]
    page.due_filter.setCurrentIndex(page.due_filter.findData("soon"))
    wait_idle()
    assert page.proxy.rowCount() == 2
    page.due_filter.setCurrentIndex(page.due_filter.findData(""))
    page.search_edit.setText("Calm")
    page.refresh()
    wait_idle()
    assert page.proxy.rowCount() == 1 and row_of(page, calm.case_number) == 0

    # The overdue case's banner is red too.
    page.search_edit.setText("Late")
    page.refresh()
    wait_idle()
    page.table.selectRow(0)
    wait_idle()
    assert page.detail.case.case_number == late.case_number
    assert page.detail.banner.property("tone") == OVERDUE
    assert days_left_text(-15) in page.detail.banner.text()


def test_add_evidence_with_a_scan(make_window, qtbot, wait_idle, db, login_as, tmp_path):
    officer = login_as("ivanov")
    case = cases.open_case(
        db,
        actor=officer,
        kind="incoming",
        mrz_lines=kazakh_passport(),
        requesting="POL",
        requested="RUS",
        received=TODAY - timedelta(days=1),
    )
    scan = tmp_path / "passport.png"
    scan.write_bytes(b"\x89PNG\r\n\x1a\n scan")
    _window, page = cases_page(make_window, wait_idle)
    page.table.selectRow(row_of(page, case.case_number))
    wait_idle()
    detail = page.detail

    qtbot.mouseClick(detail.add_evidence_button, Qt.LeftButton)
    dialog = detail.dialog
    assert isinstance(dialog, EvidenceDialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData("proof"))
    types = [dialog.evidence_type.itemData(i) for i in range(dialog.evidence_type.count())]
    assert "паспорт любого вида, в том числе просроченный" in types  # the agreement's own list
    dialog.evidence_type.setCurrentIndex(
        types.index("паспорт любого вида, в том числе просроченный")
    )
    dialog.description.setText("KAZ passport N12345678")
    dialog.scan.setText(str(scan))
    qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: detail.evidence_model.rowCount() == 1, timeout=30000)
    wait_idle()
    row = detail.evidence_model.rows()[0]
    assert row.scan_filename == "passport.png" and row.listed
    assert [e.kind for e in detail.case.timeline] == ["opened", "evidence"]
    assert detail.message.text().startswith(_("Evidence added: {type}.").split("{")[0])


def test_new_case_refused_by_the_agreement_stays_inline(make_window, qtbot, wait_idle):
    _window, page = cases_page(make_window, wait_idle)
    qtbot.mouseClick(page.new_button, Qt.LeftButton)
    dialog = page.dialog
    # An application to Uzbekistan for a Kazakh national: RU-UZ covers Uzbeks only.
    dialog.kind.setCurrentIndex(dialog.kind.findData("outgoing"))
    assert dialog.requesting.currentData() == "RUS" and not dialog.accelerated.isEnabled()
    dialog.requested.setCurrentIndex(dialog.requested.findData("UZB"))
    dialog.mrz.edit.setPlainText("\n".join(kazakh_passport()))
    qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: dialog.message.isVisible(), timeout=30000)
    wait_idle()
    assert dialog.isVisible() and "Россия–Узбекистан" in dialog.message.text()
    assert page.proxy.rowCount() == 0


@pytest.mark.parametrize("username", ["petrova"])
def test_who_may_only_view_sees_no_editing(make_window, wait_idle, db, login_as, username):
    outgoing_case(db, login_as("ivanov"), submitted=TODAY - timedelta(days=5))
    _window, page = cases_page(make_window, wait_idle, username)
    assert page.proxy.rowCount() == 1 and not page.new_button.isVisible()
    page.table.selectRow(0)
    wait_idle()
    detail = page.detail
    assert detail.case is not None
    assert not detail.decision_button.isVisible() and not detail.step_buttons
    assert not detail.add_evidence_button.isVisible()
    assert detail.print_button.isVisible()


def test_the_count_says_loading_until_the_list_arrives(make_window, wait_idle):
    window = make_window("ivanov")
    page = window.show_page("cases")  # the list is asked for off the GUI thread
    assert page.count_label.text() == _("Loading…")
    wait_idle()
    assert page.count_label.text() != _("Loading…")
    assert page.count_label.text().startswith("0")  # an empty site: now truly 0 cases


def test_the_new_case_dialog_chooses_no_state_for_the_user(make_window, qtbot, wait_idle):
    """The requesting state of an incoming request is left empty (it used to be Belgium,
    the first of the list), and a case without one is not opened."""
    _window, page = cases_page(make_window, wait_idle)
    qtbot.mouseClick(page.new_button, Qt.LeftButton)
    dialog = page.dialog
    dialog.kind.setCurrentIndex(dialog.kind.findData("incoming"))
    assert dialog.requesting.currentIndex() == -1 and dialog.requesting.currentData() is None
    assert dialog.requesting.placeholderText() == _("Choose the state")
    assert dialog.requested.currentData() == "RUS"  # the only choice
    dialog.kind.setCurrentIndex(dialog.kind.findData("outgoing"))
    assert dialog.requested.currentData() is None and dialog.requesting.currentData() == "RUS"
    dialog.mrz.edit.setPlainText("\n".join(kazakh_passport()))
    qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)
    wait_idle()
    assert dialog.isVisible() and dialog.message.text() == _("Choose the requested state.")
    assert page.proxy.rowCount() == 0
