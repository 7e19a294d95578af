"""The Centre page opens on a database holding a stay that arrived on 9999-12-31 or in
year 1 (written by hand or by an old bug): the board and the resident card show it,
nothing crashes."""

from __future__ import annotations

import sqlite3

import pytest

from borderdesk.services import centre
from borderdesk.services.site.sites import this_site
from borderdesk.ui.dialogs.resident_card import ResidentCard
from borderdesk.ui.pages import PageContext
from borderdesk.ui.pages.centre_page import CentrePage
from centre_samples import centre_database, passport, staff


@pytest.mark.parametrize("moment", ["9999-12-31 00:00:00.000000", "0001-01-01 00:00:00.000000"])
def test_centre_page_survives_a_bad_stored_arrival(app, qtbot, tmp_path, qapp, wait_idle, moment):
    db = centre_database(tmp_path)
    worker = staff(db)[1]
    stay = centre.intake(db, actor=worker, mrz_lines=passport())
    assert db.path is not None
    with sqlite3.connect(db.path) as con:
        con.execute("update centre_stay set arrived_at = ? where id = ?", (moment, stay.id.hex))
    try:
        context = PageContext(db=db, actor=worker, site=this_site(db))
        page = CentrePage(context)
        qtbot.addWidget(page)
        page.resize(1000, 640)
        page.show()
        page.activated()
        qtbot.waitUntil(lambda: page.occupancy is not None, timeout=30000)
        wait_idle()
        assert page.occupancy.occupied == 1
        card = ResidentCard(context, stay.id)
        qtbot.addWidget(card)
        card.show()
        wait_idle()
    finally:
        from PySide6.QtCore import QThreadPool

        QThreadPool.globalInstance().waitForDone(5000)
        db.dispose()
