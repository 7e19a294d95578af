"""The Users page: add a user by typing into the dialog, see it listed, disable it."""

from __future__ import annotations

from PySide6.QtCore import Qt

from borderdesk.i18n import _
from borderdesk.services.access import users
from borderdesk.services.access.permissions import role_label
from borderdesk.ui.models import row_at
from borderdesk.ui.pages.users_page import AddUserDialog, PasswordDialog, PositionDialog


def _users_page(make_window, wait_idle):
    window = make_window("admin")
    page = window.show_page("users")
    wait_idle()
    return window, page


def _row_of(page, username):
    for row in range(page.proxy.rowCount()):
        if row_at(page.proxy.index(row, 0)).username == username:
            return row
    return None


def _cell(page, row, column):
    return page.proxy.index(row, column).data()


def test_lists_the_site_users(make_window, wait_idle):
    _window, page = _users_page(make_window, wait_idle)
    names = [_cell(page, r, 0) for r in range(page.proxy.rowCount())]
    assert names == ["admin", "ivanov", "petrova"]
    row = _row_of(page, "ivanov")
    assert _cell(page, row, 1) == "Иванов Пётр"
    assert _cell(page, row, 3) == role_label("officer")
    assert _cell(page, row, 4) == _("Active")
    assert _cell(page, _row_of(page, "admin"), 6) != ""  # the admin logged in


def test_add_then_disable_a_user(make_window, qtbot, wait_idle, db, login_as, type_text):
    _window, page = _users_page(make_window, wait_idle)

    qtbot.mouseClick(page.add_button, Qt.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, AddUserDialog) and dialog.isVisible()
    qtbot.keyClicks(dialog.username, "sidorov")
    type_text(dialog.full_name, "Сидоров Иван")
    type_text(dialog.position, "Инспектор ОПК, капитан")
    dialog.role.setCurrentIndex(dialog.role.findData("centre"))
    qtbot.keyClicks(dialog.passwords.password, "centre1")
    qtbot.keyClicks(dialog.passwords.repeat, "centre1")
    qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: _row_of(page, "sidorov") is not None, timeout=30000)
    wait_idle()

    row = _row_of(page, "sidorov")
    assert _cell(page, row, 1) == "Сидоров Иван"
    assert _cell(page, row, 2) == "Инспектор ОПК, капитан"
    assert _cell(page, row, 3) == role_label("centre")
    assert page.message.text() == _("User {name} added.").format(name="sidorov")
    assert page.selected().username == "sidorov"  # the new user is selected

    assert page.toggle_button.text() == _("Disable")
    qtbot.mouseClick(page.toggle_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: _cell(page, _row_of(page, "sidorov"), 4) == _("Disabled"))
    wait_idle()
    assert page.toggle_button.text() == _("Enable")
    assert page.proxy.index(_row_of(page, "sidorov"), 0).data(Qt.ForegroundRole) is not None
    admin = login_as("admin")
    assert next(u for u in users.list_users(db, actor=admin) if u.username == "sidorov").disabled


def test_add_dialog_errors_stay_inline(make_window, qtbot, wait_idle):
    _window, page = _users_page(make_window, wait_idle)
    qtbot.mouseClick(page.add_button, Qt.LeftButton)
    dialog = page.dialog

    qtbot.keyClicks(dialog.username, "ivanov")
    qtbot.keyClicks(dialog.passwords.password, "abcd1")
    qtbot.keyClicks(dialog.passwords.repeat, "abcd2")
    qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)
    assert dialog.message.text() == _("The two passwords differ.")

    dialog.passwords.repeat.clear()
    qtbot.keyClicks(dialog.passwords.repeat, "abcd1")
    qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: dialog.ok_button.isEnabled(), timeout=30000)
    assert dialog.message.text() == _("User {name} already exists.").format(name="ivanov")
    assert dialog.isVisible()


def test_cannot_disable_yourself_and_reset_password(make_window, qtbot, wait_idle, db):
    _window, page = _users_page(make_window, wait_idle)
    page.table.selectRow(_row_of(page, "admin"))
    assert not page.toggle_button.isEnabled()

    page.table.selectRow(_row_of(page, "ivanov"))
    qtbot.mouseClick(page.password_button, Qt.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, PasswordDialog) and "ivanov" in dialog.explanation.text()
    qtbot.keyClicks(dialog.passwords.password, "newpass1")
    qtbot.keyClicks(dialog.passwords.repeat, "newpass1")
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)
    wait_idle()
    assert page.message.text() == _("New password set for {name}.").format(name="ivanov")

    from borderdesk.services.access import auth

    assert auth.login(db, username="ivanov", password="newpass1").username == "ivanov"


def test_change_a_users_position(make_window, qtbot, wait_idle, db, login_as, type_text):
    _window, page = _users_page(make_window, wait_idle)
    page.table.selectRow(_row_of(page, "ivanov"))
    qtbot.mouseClick(page.position_button, Qt.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, PositionDialog) and dialog.isVisible()
    dialog.position.clear()
    type_text(dialog.position, "Старший инспектор, майор")
    qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)
    qtbot.waitUntil(
        lambda: _cell(page, _row_of(page, "ivanov"), 2) == "Старший инспектор, майор",
        timeout=30000,
    )
    wait_idle()
    assert page.message.text() == _("Position of {name} changed.").format(name="ivanov")
    admin = login_as("admin")
    row = next(u for u in users.list_users(db, actor=admin) if u.username == "ivanov")
    assert row.position == "Старший инспектор, майор"
