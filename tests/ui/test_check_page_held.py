"""Issue #9, done when: the man held in the readmission centre now (bed, open case) is
an alert on the check page, with the custody finding first, and Admit (F5) asks
before it records anything; his new passport with another number too."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import func, select

from borderdesk.domain.partial_date import PartialDate
from borderdesk.i18n import _
from borderdesk.services.site.sites import this_site
from borderdesk.store.tables import DocumentCheck
from centre_samples import centre_database, hold_with_open_case, passport, staff
from helpers import add_user

BIRTH = PartialDate(1987, 7, 23)
HELD = passport("KARIMOV", "RUSTAM", "N55500011", "KAZ", birth=BIRTH)


@pytest.fixture
def held_db(tmp_path, qapp):
    db = centre_database(tmp_path)
    admin, worker = staff(db)
    officer = add_user(db, admin, "petrov", "officer")
    stay, _case = hold_with_open_case(db, worker, HELD)
    yield db, officer, stay
    from PySide6.QtCore import QThreadPool

    QThreadPool.globalInstance().waitForDone(5000)
    db.dispose()


@pytest.fixture
def page(app, qtbot, held_db, wait_idle):
    from borderdesk.ui.pages import PageContext  # after the QApplication: Qt classes
    from borderdesk.ui.pages.check_page import CheckPage

    db, officer, _stay = held_db
    widget = CheckPage(PageContext(db=db, actor=officer, site=this_site(db)))
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    widget.activated()
    wait_idle()
    return widget


def _scan(qtbot, edit, lines) -> None:
    for line in lines:
        qtbot.keyClicks(edit, line)
        qtbot.keyClick(edit, Qt.Key_Return)


def _checks(db) -> int:
    with db.read() as session:
        return session.execute(select(func.count()).select_from(DocumentCheck)).scalar_one()


@pytest.mark.parametrize(
    "lines", [HELD, passport("KARIMOV", "RUSTAM", "N99900077", "KAZ", birth=BIRTH)]
)
def test_the_held_man_is_an_alert_and_f5_does_not_admit_him(page, qtbot, held_db, lines):
    db, _officer, stay = held_db
    _scan(qtbot, page.mrz.edit, lines)
    qtbot.waitUntil(lambda: page.verdict in ("alert", "warning", "clear"), timeout=30000)
    assert page.verdict == "alert"
    assert page.banner.text() == _("ALERT: stop and examine")
    first = page.findings.row(0)
    assert (first.code, first.severity) == ("in_custody", "critical")
    assert first.params["stay"] == stay.stay_number
    assert "open_case" in [f.code for f in page.findings.rows()]
    # One F5 does not let him through: Admit on a red verdict asks first.
    qtbot.keyClick(page.mrz.edit, Qt.Key_F5)
    qtbot.waitUntil(lambda: page.confirm_box is not None, timeout=30000)
    box = page.confirm_box
    assert box is not None and box.isVisible()
    box.done(QMessageBox.No)
    assert page.last_check is None and _checks(db) == 0
