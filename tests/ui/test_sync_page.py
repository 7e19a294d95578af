"""The Sync page: export to a folder, import two packages at once, cancel, and resolve a
conflict with both versions side by side, by clicking the real widgets."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from borderdesk.services.sync.batch import APPLIED, CANCELLED
from borderdesk.store.tables import SyncConflict, WatchlistPerson
from borderdesk.ui.models.sync_rows import field_pairs
from helpers import make_database

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "sync"))
from sync_sites import export, import_, introduce  # noqa: E402

HQ, POST2 = "HQ-ORB", "POST-09"


@pytest.fixture
def hq(tmp_path, db):
    site = make_database(tmp_path, "hq.sqlite3", site_code=HQ, kind="hq")
    introduce(site, db)
    yield site
    site.dispose()


def listed(db, surname: str) -> WatchlistPerson:
    with db.write(actor="supervisor") as session:
        entry = WatchlistPerson(surname=surname, name_key=surname.lower(), reason="wanted")
        session.add(entry)
    return entry


def entries(db) -> set[str]:
    with db.read() as session:
        return set(session.execute(select(WatchlistPerson.surname)).scalars())


def sync_page(make_window, wait_idle):
    window = make_window("petrova")
    page = window.show_page("sync")
    wait_idle()
    return window, page


def test_supervisors_and_administrators_see_the_page_and_officers_export_for_hq(make_window, hq):
    assert "sync" in make_window("petrova").nav_keys()
    assert "sync" in make_window("admin").nav_keys()
    officer = make_window("ivanov")
    assert "sync" not in officer.nav_keys()
    assert officer.export_hq_action.isVisible()


def test_export_writes_a_package_named_for_the_sites_into_the_chosen_folder(
    qtbot, make_window, wait_idle, hq, tmp_path
):
    _window, page = sync_page(make_window, wait_idle)
    assert page.peer_model.rowCount() == 1 and page.peer_box.currentData() == HQ
    stick = tmp_path / "stick"
    stick.mkdir()
    page.choose_folder = lambda: stick
    qtbot.mouseClick(page.export_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: page.exported is not None, timeout=20000)
    (written,) = list(stick.iterdir())
    assert written.name.startswith("POST-07-to-HQ-ORB-") and written.suffix == ".bdsync"
    assert "POST-07-to-HQ-ORB-" in page.message.text()
    wait_idle()
    assert page.peer_model.row(0).sent_number == 1  # the peers table shows the exchange
    assert import_(hq, written.read_bytes()).number == 1


def test_file_menu_export_for_hq(qtbot, make_window, wait_idle, hq, tmp_path):
    window = make_window("ivanov")
    window.choose_export_folder = lambda: tmp_path
    window.export_hq_action.trigger()
    qtbot.waitUntil(lambda: getattr(window, "last_export", None) is not None, timeout=20000)
    assert [p.name.startswith("POST-07-to-HQ-ORB-") for p in tmp_path.glob("*.bdsync")] == [True]


def test_import_two_packages_at_once_and_the_summary(
    qtbot, make_window, wait_idle, hq, db, tmp_path
):
    other = make_database(tmp_path, "p9.sqlite3", site_code=POST2, kind="post")
    try:
        introduce(other, db)
        listed(hq, "DZHURAEV")
        listed(other, "KARIMOV")
        files = [tmp_path / "from-hq.bdsync", tmp_path / "from-post9.bdsync"]
        files[0].write_bytes(export(hq, "POST-07"))
        files[1].write_bytes(export(other, "POST-07"))
    finally:
        other.dispose()
    _window, page = sync_page(make_window, wait_idle)
    page.choose_files = lambda: files
    qtbot.mouseClick(page.import_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: page.outcomes is not None, timeout=20000)
    assert [o.state for o in page.outcomes] == [APPLIED, APPLIED]
    assert {"DZHURAEV", "KARIMOV"} <= entries(db)
    assert page.outcome_model.rowCount() == 2 and page.tabs.currentIndex() == 1
    assert page.outcome_summary.text().startswith("2 файла; 2 импортировано.")
    # Again: nothing new in either, said per file, nothing applied twice.
    qtbot.mouseClick(page.import_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: page.outcomes is not None, timeout=20000)
    assert [o.state for o in page.outcomes] == ["replayed", "replayed"]
    assert page.outcome_model.index(0, 1).data() == "Ничего нового"
    wait_idle()


def test_cancel_applies_nothing(qtbot, make_window, wait_idle, hq, db, tmp_path):
    for n in range(300):
        listed(hq, f"SURNAME{n}")
    package = tmp_path / "big.bdsync"
    package.write_bytes(export(hq, "POST-07"))
    _window, page = sync_page(make_window, wait_idle)
    page.choose_files = lambda: [package]
    qtbot.mouseClick(page.import_button, Qt.LeftButton)
    page.long_op.cancel()
    qtbot.waitUntil(lambda: page.outcomes is not None, timeout=20000)
    assert [o.state for o in page.outcomes] == [CANCELLED]
    assert not any(s.startswith("SURNAME") for s in entries(db))
    assert "остаются импортированными" in page.outcome_summary.text()
    wait_idle()


def test_a_conflict_side_by_side_and_taking_the_other_version(
    qtbot, make_window, wait_idle, hq, db
):
    entry = listed(hq, "DZHURAEV")
    import_(db, export(hq, "POST-07"))
    with db.write(actor="petrova") as session:
        session.get(WatchlistPerson, entry.id).reason = "wanted: theft"
    with hq.write(actor="sidorov") as session:
        session.get(WatchlistPerson, entry.id).reason = "wanted: fraud"
    import_(db, export(hq, "POST-07"))  # HQ's later edit wins here and everywhere
    _window, page = sync_page(make_window, wait_idle)
    assert page.conflict_model.rowCount() == 1
    assert page.tabs.tabText(0) == "Конфликты (1)"
    conflict = page.current_conflict()
    assert conflict is not None and conflict.winner_site == HQ
    first = page.pair_model.row(0)
    assert (first.field, first.winner, first.other, first.differs) == (
        "reason",
        "wanted: fraud",
        "wanted: theft",
        True,
    )
    assert page.pair_model.index(0, 0).data(Qt.FontRole).bold()
    assert not any(p.differs for p in field_pairs(conflict)[1:])
    assert page.keep_other_button.isEnabled()
    qtbot.mouseClick(page.keep_other_button, Qt.LeftButton)
    wait_idle()
    wait_idle()
    assert page.conflict_model.rowCount() == 0
    with db.read() as session:
        assert session.get(WatchlistPerson, entry.id).reason == "wanted: theft"
        (closed,) = session.execute(select(SyncConflict)).scalars()
        assert (closed.status, closed.resolved_by) == ("kept_other", "petrova")


def check_box_point(view, index):
    """Where the item's check box is drawn, as the view's own delegate places it."""
    from PySide6.QtWidgets import QStyle, QStyleOptionViewItem

    option = QStyleOptionViewItem()
    view.itemDelegate().initStyleOption(option, index)
    option.rect = view.visualRect(index)
    option.features |= QStyleOptionViewItem.HasCheckIndicator
    rect = view.style().subElementRect(QStyle.SE_ItemViewItemCheckIndicator, option, view)
    return rect.center()


def test_merging_the_fields_ticked_in_the_other_version(qtbot, make_window, wait_idle, hq, db):
    entry = listed(hq, "DZHURAEV")
    import_(db, export(hq, "POST-07"))
    with db.write(actor="petrova") as session:
        row = session.get(WatchlistPerson, entry.id)
        row.reason, row.source = "wanted: theft", "post 07 report"
    with hq.write(actor="sidorov") as session:
        row = session.get(WatchlistPerson, entry.id)
        row.reason, row.source = "wanted: fraud", "MVD circular 12"
    import_(db, export(hq, "POST-07"))
    _window, page = sync_page(make_window, wait_idle)
    page.show()
    assert not page.merge_button.isEnabled()  # nothing ticked yet
    fields = [page.pair_model.row(i).field for i in range(page.pair_model.rowCount())]
    source = page.pair_model.index(fields.index("source"), 2)
    assert page.pair_model.flags(source) & Qt.ItemIsUserCheckable
    assert not page.pair_model.flags(page.pair_model.index(fields.index("surname"), 2)) & (
        Qt.ItemIsUserCheckable
    )
    page.pair_table.scrollTo(source)
    point = check_box_point(page.pair_table, source)
    qtbot.mouseClick(page.pair_table.viewport(), Qt.LeftButton, pos=point)
    assert source.data(Qt.CheckStateRole) == Qt.Checked
    assert page.pair_model.taken_from_other() == ["source"]
    assert page.merge_button.isEnabled()
    qtbot.mouseClick(page.merge_button, Qt.LeftButton)
    wait_idle()
    wait_idle()
    assert page.conflict_model.rowCount() == 0
    with db.read() as session:
        merged = session.get(WatchlistPerson, entry.id)
        assert (merged.reason, merged.source) == ("wanted: fraud", "post 07 report")
        (closed,) = session.execute(select(SyncConflict)).scalars()
        assert (closed.status, closed.resolved_by) == ("merged", "petrova")


def test_a_merge_the_record_refuses_says_why_and_keeps_the_conflict(
    qtbot, make_window, wait_idle, hq, db
):
    entry = listed(hq, "KARIMOV")
    with hq.write(actor="sidorov") as session:
        row = session.get(WatchlistPerson, entry.id)
        row.birth_year, row.birth_month, row.birth_day = 1990, 1, 31
    import_(db, export(hq, "POST-07"))
    with db.write(actor="petrova") as session:
        session.get(WatchlistPerson, entry.id).birth_day = 30
    with hq.write(actor="sidorov") as session:
        row = session.get(WatchlistPerson, entry.id)
        row.birth_month, row.birth_day = 2, 28
    import_(db, export(hq, "POST-07"))
    _window, page = sync_page(make_window, wait_idle)
    page.show()
    fields = [page.pair_model.row(i).field for i in range(page.pair_model.rowCount())]
    day = page.pair_model.index(fields.index("birth_day"), 2)
    page.pair_table.scrollTo(day)
    point = check_box_point(page.pair_table, day)
    qtbot.mouseClick(page.pair_table.viewport(), Qt.LeftButton, pos=point)
    qtbot.mouseClick(page.merge_button, Qt.LeftButton)  # February 30th: refused
    wait_idle()
    assert "рождения" in page.message.text() and "\n" not in page.message.text()
    assert page.conflict_model.rowCount() == 1 and page.merge_button.isEnabled()
    with db.read() as session:
        assert session.get(WatchlistPerson, entry.id).birth_day == 28
