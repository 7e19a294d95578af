"""The Audit page: entries in the site's time, filters, and the chain check in green or red."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

from PySide6.QtCore import QDate, Qt

from borderdesk.i18n import _
from borderdesk.services.access.audit import AuditRow
from borderdesk.ui.audit_text import action_text, table_text
from borderdesk.ui.models import row_at
from borderdesk.ui.pages.audit_page import changes_text, day_start, timestamp_text
from borderdesk.ui.widgets import MessageLabel


def _audit_page(make_window, wait_idle, username="petrova"):
    window = make_window(username)
    page = window.show_page("audit")
    wait_idle()
    return page


def _rows(page):
    return [row_at(page.proxy.index(r, 0)) for r in range(page.proxy.rowCount())]


def test_entries_are_listed_newest_first_in_site_time(make_window, wait_idle):
    page = _audit_page(make_window, wait_idle)
    rows = _rows(page)
    assert rows, "setting up the site and logging in leave entries"
    seqs = [row.seq for row in rows]
    assert seqs == sorted(seqs, reverse=True)
    newest = rows[0]
    assert newest.action == "login.ok" and newest.actor == "petrova"
    assert page.proxy.index(0, 1).data() == timestamp_text(newest.at, "Asia/Yekaterinburg")
    assert page.proxy.index(0, 5).data() == "petrova"  # the user account, by its name
    assert page.proxy.index(0, 0).data() == str(newest.seq)
    assert page.count_label.text().startswith(str(len(rows)))


def test_filters_by_user_and_action(make_window, qtbot, wait_idle):
    page = _audit_page(make_window, wait_idle)
    qtbot.keyClicks(page.actor_edit, "admin")
    qtbot.keyClicks(page.action_edit, "login")
    qtbot.mouseClick(page.apply_button, Qt.LeftButton)
    wait_idle()
    rows = _rows(page)
    assert rows
    assert all(row.actor == "admin" and "login" in row.action for row in rows)


def test_date_filter_in_the_site_time_zone(make_window, qtbot, wait_idle):
    page = _audit_page(make_window, wait_idle)
    page.until_check.setChecked(True)
    page.until_edit.setDate(QDate(2000, 1, 1))
    qtbot.mouseClick(page.apply_button, Qt.LeftButton)
    wait_idle()
    assert _rows(page) == []
    # Midnight in Yekaterinburg (UTC+5) is 19:00 UTC the day before.
    assert day_start(date(2025, 3, 1), "Asia/Yekaterinburg") == datetime(
        2025, 2, 28, 19, 0, tzinfo=UTC
    )


def test_verify_chain_shows_ok(make_window, qtbot, wait_idle):
    page = _audit_page(make_window, wait_idle, "admin")
    assert page.verify_button.isVisible()
    qtbot.mouseClick(page.verify_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: page.verify_result.kind == MessageLabel.OK, timeout=30000)
    assert page.verify_result.isVisible()
    checked = len(_rows(page))
    assert page.verify_result.text() == _("Audit log intact: {n} entries checked.").format(
        n=checked
    )


def test_verify_chain_shows_a_broken_chain_in_red(make_window, qtbot, wait_idle, db):
    from sqlalchemy import text

    page = _audit_page(make_window, wait_idle, "admin")
    with db.engine.begin() as conn:
        conn.execute(text("DROP TRIGGER audit_entry_no_update"))  # as an editor would
        conn.execute(text("UPDATE audit_entry SET actor = 'mallory' WHERE seq = 2"))
    qtbot.mouseClick(page.verify_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: page.verify_result.kind == MessageLabel.ERROR, timeout=30000)
    assert "2" in page.verify_result.text()


def test_changes_read_as_old_to_new():
    row = AuditRow(
        seq=1,
        at=datetime(2025, 3, 1, tzinfo=UTC),
        site="POST-07",
        actor="admin",
        action="user_account.update",
        table_name="user_account",
        record_id="",
        changes={"disabled": [False, True], "full_name": [None, "Иванов"], "failed_logins": 2},
    )
    assert changes_text(row) == "disabled: False → True; full_name: — → Иванов; failed_logins: 2"


def test_time_in_the_site_zone_with_seconds():
    at = datetime(2025, 3, 1, 19, 5, 9, tzinfo=UTC)
    assert timestamp_text(at, "Asia/Yekaterinburg") == "02.03.2025 00:05:09"


def test_entries_read_in_words_and_the_codes_are_one_click_away(make_window, qtbot, wait_idle):
    page = _audit_page(make_window, wait_idle)
    newest = _rows(page)[0]
    assert newest.action == "login.ok"
    assert page.proxy.index(0, 3).data() == _("Logged in")
    assert page.proxy.index(0, 4).data() == table_text("user_account") != "user_account"
    assert page.proxy.index(0, 5).data() == "petrova"

    qtbot.mouseClick(page.raw_check, Qt.LeftButton)
    assert page.proxy.index(0, 3).data() == "login.ok"
    assert page.proxy.index(0, 4).data() == "user_account"
    assert page.proxy.index(0, 5).data() == newest.record_id
    qtbot.mouseClick(page.raw_check, Qt.LeftButton)
    assert page.proxy.index(0, 3).data() == _("Logged in")


def test_changes_to_tables_read_as_what_was_done_to_which_record():
    assert action_text("centre_transfer.insert") == _("{operation}: {record}").format(
        operation=_("Created"), record=table_text("centre_transfer")
    )
    assert action_text("readmission_case.update").startswith(_("Changed"))
    assert action_text("something.new") == "something.new"  # no label: the code itself
    assert table_text("no_such_table") == "no_such_table"


def test_a_created_user_is_named_by_user_name(make_window, qtbot, wait_idle, db, login_as):
    from helpers import add_user

    add_user(db, login_as("admin"), "sidorov", "officer")
    page = _audit_page(make_window, wait_idle)
    rows = _rows(page)
    row = next(i for i, r in enumerate(rows) if r.action == "user_account.insert")
    assert page.proxy.index(row, 5).data() == "sidorov"
    assert page.proxy.index(row, 3).data() == action_text("user_account.insert")


def test_a_batch_seal_reads_as_received_rows_and_how_many_it_seals(
    make_window, qtbot, wait_idle, db
):
    from borderdesk import i18n
    from borderdesk.store import tracking

    ids = [str(uuid.uuid4()) for _ in range(5)]
    with db.write(actor="admin", replaying=True) as session:
        tracking.append_batch_seal(
            session, actor="admin", site=db.site_code, action="watchlist_person.sync",
            table_name="watchlist_person", record_ids=ids, digests=["ab" * 32] * 5,
        )  # fmt: skip
    page = _audit_page(make_window, wait_idle)
    (row,) = [r for r in range(page.proxy.rowCount()) if row_at(page.proxy.index(r, 0)).sealed]
    assert page.proxy.index(row, 3).data() == "Получено при синхронизации: разыскиваемое лицо"
    assert page.proxy.index(row, 6).data() == "опечатано 5 записей"
    i18n.set_language("en")  # the test-wide fixture sets Russian back afterwards
    page.retranslate()
    assert page.proxy.index(row, 3).data() == "Received by sync: wanted person"
    assert page.proxy.index(row, 6).data() == "5 records sealed"
    qtbot.mouseClick(page.raw_check, Qt.LeftButton)
    assert page.proxy.index(row, 6).data() == "sealed_rows: 5"
