"""Logging in through the real widgets: a wrong password is refused inline, the right one passes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from borderdesk.i18n import _
from borderdesk.services.access.auth import refusal_message
from borderdesk.services.site.sites import this_site
from borderdesk.ui.login_dialog import LoginDialog


def _dialog(qtbot, db):
    dialog = LoginDialog(db, this_site(db))
    qtbot.addWidget(dialog)
    dialog.open()
    return dialog


def test_wrong_then_right_password(app, qtbot, db):
    dialog = _dialog(qtbot, db)
    assert "Застава 7" in dialog.site_label.text()

    qtbot.keyClicks(dialog.username, "ivanov")
    qtbot.keyClicks(dialog.password, "wrong-password")
    qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: dialog.message.isVisible() and dialog.ok_button.isEnabled())
    assert dialog.message.text() == refusal_message()
    assert dialog.password.text() == ""
    assert dialog.actor is None
    assert dialog.isVisible()

    qtbot.keyClicks(dialog.password, "officer1")
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)
    assert dialog.result() == QDialog.Accepted
    assert dialog.actor is not None
    assert dialog.actor.username == "ivanov"
    assert dialog.actor.role == "officer"


def test_empty_user_name_is_refused_without_a_service_call(app, qtbot, db):
    dialog = _dialog(qtbot, db)
    qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)
    assert dialog.message.text() == _("Enter your user name.")
    assert dialog.isVisible()


def test_enter_in_the_password_field_logs_in(app, qtbot, db):
    dialog = _dialog(qtbot, db)
    qtbot.keyClicks(dialog.username, "Admin ")
    qtbot.keyClicks(dialog.password, "secret1")
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        qtbot.keyClick(dialog.password, Qt.Key_Return)
    assert dialog.actor.username == "admin"


def test_the_window_grows_with_its_message(app, qtbot, db):
    """A two-line refusal used to squeeze the user name and password fields to slivers."""
    from borderdesk import i18n

    i18n.set_language("ru")  # the longer words
    dialog = _dialog(qtbot, db)
    dialog.adjustSize()
    qtbot.wait(50)
    field_height = dialog.username.sizeHint().height()
    before = dialog.height()
    qtbot.keyClicks(dialog.username, "ivanov")
    qtbot.keyClicks(dialog.password, "wrong-password")
    qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: dialog.message.isVisible() and dialog.ok_button.isEnabled())
    qtbot.wait(50)
    assert dialog.height() > before
    assert dialog.username.height() >= field_height
    assert dialog.password.height() >= field_height
    assert dialog.message.height() >= dialog.message.heightForWidth(dialog.message.width())
