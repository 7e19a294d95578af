"""The supervisor's Watchlists and Backups pages: import a CSV, make a backup."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import Qt

from borderdesk.i18n import _
from borderdesk.ui.models import row_at

DOCUMENTS = """issuing_state,number,reason,source,valid_until
RUS,751234567,stolen,МВД России,
KAZ,N 1234-5678,lost,КНБ РК,31.12.2030
"""


def test_supervisor_sees_watchlists_and_backups_but_an_officer_does_not(make_window):
    assert {"watchlists", "backups"} <= set(make_window("petrova").nav_keys())
    assert not {"watchlists", "backups"} & set(make_window("ivanov").nav_keys())


def test_importing_a_csv_shows_the_result_and_the_import(
    make_window, qtbot, wait_idle, tmp_path, monkeypatch
):
    csv_file = tmp_path / "stolen.csv"
    csv_file.write_text(DOCUMENTS, encoding="utf-8")
    window = make_window("petrova")
    page = window.show_page("watchlists")
    wait_idle()
    assert page.model.rowCount() == 0
    monkeypatch.setattr(page, "choose_file", lambda: csv_file)
    page.kind.setCurrentIndex(page.kind.findData("documents"))
    qtbot.mouseClick(page.import_button, Qt.LeftButton)
    wait_idle()
    wait_idle()
    assert page.message.text() == _(
        "Imported: {added} added, {updated} updated, {unchanged} unchanged."
    ).format(added=2, updated=0, unchanged=0)
    assert page.summary is not None and page.summary.documents == 2
    assert "2" in page.counts.text()
    record = row_at(page.proxy.index(0, 0))
    assert (record.file, record.added, record.actor) == ("stolen.csv", 2, "petrova")


def test_a_bad_file_is_refused_with_a_reason(make_window, qtbot, wait_idle, tmp_path, monkeypatch):
    bad = tmp_path / "bad.csv"
    bad.write_text("issuing_state,number\nXXX,1\n", encoding="utf-8")
    window = make_window("petrova")
    page = window.show_page("watchlists")
    wait_idle()
    monkeypatch.setattr(page, "choose_file", lambda: bad)
    qtbot.mouseClick(page.import_button, Qt.LeftButton)
    wait_idle()
    assert "reason" in page.message.text()  # the missing column is named
    assert page.import_button.isEnabled()
    assert page.summary is not None and page.summary.documents == 0


def test_a_backup_goes_to_the_chosen_file(make_window, qtbot, wait_idle, tmp_path, monkeypatch):
    out = tmp_path / "copies" / "copy.bdbackup"
    window = make_window("petrova")
    page = window.show_page("backups")
    assert page.suggested_name().startswith("borderdesk-POST-07-")
    monkeypatch.setattr(page, "choose_file", lambda: out)
    qtbot.mouseClick(page.backup_button, Qt.LeftButton)  # no passphrase yet: refused
    assert not out.exists()
    assert page.message.text() == _("Enter a passphrase: the backup is encrypted with it.")
    qtbot.keyClicks(page.passphrase, "correct horse battery staple")
    qtbot.mouseClick(page.backup_button, Qt.LeftButton)
    wait_idle()
    assert page.message.text() == _("Backup saved: {path}").format(path=out)
    from borderdesk.services.site import backup as backups

    restored = backups.restore(
        out, out=tmp_path / "restored.sqlite3", passphrase="correct horse battery staple"
    )
    with sqlite3.connect(restored) as copy:
        assert copy.execute("select count(*) from user_account").fetchone()[0] >= 3


def test_a_supervisor_reads_the_centre_occupancy(tmp_path, app, qtbot, monkeypatch):
    from borderdesk.services.site.sites import this_site
    from borderdesk.ui.main_window import MainWindow
    from borderdesk.ui.pages import PageContext
    from centre_samples import centre_database, staff
    from helpers import add_user

    cdb = centre_database(tmp_path)
    try:
        admin, worker = staff(cdb)
        supervisor = add_user(cdb, admin, "petrova", "supervisor")
        window = MainWindow(
            PageContext(db=cdb, actor=supervisor, site=this_site(cdb)), idle_timeout_ms=0
        )
        qtbot.addWidget(window)
        assert "occupancy" in window.nav_keys() and "centre" not in window.nav_keys()
        page = window.show_page("occupancy")
        qtbot.waitUntil(lambda: page.occupancy is not None, timeout=30000)
        assert page.occupancy.capacity > 0
        assert page.summary.text()
        staff_window = MainWindow(
            PageContext(db=cdb, actor=worker, site=this_site(cdb)), idle_timeout_ms=0
        )
        qtbot.addWidget(staff_window)
        assert "centre" in staff_window.nav_keys() and "occupancy" not in staff_window.nav_keys()
    finally:
        from PySide6.QtCore import QThreadPool

        QThreadPool.globalInstance().waitForDone(5000)
        cdb.dispose()


PERSONS = """surname,given_names,birth_date,nationality,reason,source,valid_until,category
SHERBAKOV,IVAN,1985-03-15,RUS,wanted for fraud,МВД России,,wanted
ABDULLAEV,RUSTAM,1990-01-02,UZB,deported 2024,ГУВМ МВД,,entry_ban
"""


def test_the_persons_list_shows_each_category_in_words_and_filters_by_it(
    make_window, qtbot, wait_idle, tmp_path, monkeypatch
):
    from borderdesk import i18n

    csv_file = tmp_path / "persons.csv"
    csv_file.write_text(PERSONS, encoding="utf-8")
    i18n.set_language("en")
    window = make_window("petrova")
    page = window.show_page("watchlists")
    wait_idle()
    monkeypatch.setattr(page, "choose_file", lambda: csv_file)
    page.kind.setCurrentIndex(page.kind.findData("persons"))
    qtbot.mouseClick(page.import_button, Qt.LeftButton)
    wait_idle()
    wait_idle()
    panel = page.entries
    qtbot.waitUntil(lambda: panel.proxy.rowCount() == 2, timeout=30000)
    assert page.tabs.currentWidget() is panel

    def shown() -> dict[str, str]:
        model = panel.proxy
        return {model.index(r, 0).data(): model.index(r, 4).data() for r in range(model.rowCount())}

    assert shown() == {"ABDULLAEV": "Entry ban", "SHERBAKOV": "Wanted"}
    assert "wanted 1, entry bans 1" in panel.shown.text()
    # Sorted by the category column: entry bans first, in either order of the words.
    panel.table.sortByColumn(4, Qt.AscendingOrder)
    assert panel.proxy.index(0, 0).data() == "ABDULLAEV"
    window.language_actions["ru"].trigger()
    assert shown() == {"ABDULLAEV": "Запрет въезда", "SHERBAKOV": "Розыск"}
    assert panel.category.itemText(panel.category.findData("entry_ban")) == "Запрет въезда"
    # The filter asks the service for one category only.
    panel.category.setCurrentIndex(panel.category.findData("entry_ban"))
    qtbot.waitUntil(lambda: panel.proxy.rowCount() == 1, timeout=30000)
    assert shown() == {"ABDULLAEV": "Запрет въезда"}
    panel.category.setCurrentIndex(panel.category.findData(""))
    qtbot.waitUntil(lambda: panel.proxy.rowCount() == 2, timeout=30000)
    qtbot.keyClicks(panel.text, "sherb")
    qtbot.waitUntil(lambda: shown() == {"SHERBAKOV": "Розыск"}, timeout=30000)
    window.language_actions["en"].trigger()
