"""The idle lock: covers the window after the timeout, takes only the same user's password."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from borderdesk.i18n import _
from borderdesk.services.access.auth import refusal_message


def test_locks_after_the_timeout_and_unlocks_with_the_password(make_window, qtbot, wait_idle):
    window = make_window("admin", idle_timeout_ms=150)
    lock = window.idle_lock
    qtbot.waitUntil(lambda: lock.is_locked, timeout=30000)
    wait_idle()
    screen = lock.screen
    assert screen.geometry() == window.rect()
    assert "admin" in screen.explanation.text()

    # Input meant for the window behind is swallowed.
    item_rect = window.nav.visualItemRect(window.nav.item(1))
    qtbot.mouseClick(window.nav.viewport(), Qt.LeftButton, pos=item_rect.center())
    assert window.nav.currentRow() == 0

    qtbot.keyClicks(screen.password, "wrong")
    qtbot.mouseClick(screen.unlock_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: screen.unlock_button.isEnabled() and screen.message.isVisible())
    assert screen.message.text() == refusal_message()
    assert lock.is_locked

    with qtbot.waitSignal(lock.unlocked, timeout=5000):
        qtbot.keyClicks(screen.password, "secret1")
        qtbot.keyClick(screen.password, Qt.Key_Return)
    assert not screen.isVisible()
    assert screen.password.text() == ""
    assert lock.timer.isActive()


def test_input_restarts_the_countdown(make_window, qtbot):
    window = make_window("ivanov", idle_timeout_ms=10_000)
    timer = window.idle_lock.timer
    qtbot.wait(300)
    before = timer.remainingTime()
    assert before < 9_800
    qtbot.mouseMove(window.nav.viewport(), QPoint(5, 5))
    qtbot.keyClick(window.nav, Qt.Key_Down)
    assert timer.remainingTime() > before
    assert not window.idle_lock.is_locked


def test_lock_now_hides_open_dialogs_until_unlocked(make_window, qtbot, wait_idle):
    window = make_window("admin")  # timeout 0: never locks by itself
    assert not window.idle_lock.timer.isActive()
    page = window.show_page("users")
    wait_idle()
    qtbot.mouseClick(page.add_button, Qt.LeftButton)
    dialog = page.dialog
    assert dialog.isVisible()

    window.lock_action.trigger()
    assert window.idle_lock.is_locked
    assert not dialog.isVisible()

    window.idle_lock.screen.password.setText("secret1")
    with qtbot.waitSignal(window.idle_lock.unlocked, timeout=5000):
        qtbot.mouseClick(window.idle_lock.screen.unlock_button, Qt.LeftButton)
    assert dialog.isVisible()


def test_another_users_password_does_not_unlock(make_window, qtbot):
    window = make_window("ivanov")
    lock = window.idle_lock
    lock.lock()
    lock.screen.password.setText("secret1")  # the admin's password
    qtbot.mouseClick(lock.screen.unlock_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: lock.screen.message.isVisible(), timeout=30000)
    assert lock.is_locked


def test_lock_now_does_not_blame_inactivity(make_window):
    window = make_window("ivanov", idle_timeout_ms=0)
    window.lock_action.trigger()
    screen = window.idle_lock.screen
    assert window.idle_lock.is_locked
    assert screen.explanation.text() == _(
        "Locked by {who} ({user}): enter your password to go on."
    ).format(who="Иванов Пётр", user="ivanov")
    idle = _("Locked after a time without input. {who} ({user}): enter your password to go on.")
    assert screen.explanation.text() != idle.format(who="Иванов Пётр", user="ivanov")
