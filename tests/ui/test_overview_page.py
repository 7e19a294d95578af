"""The Overview's "Signed in" box shows the user's position, read from the account
through the users service (the actor carries none)."""

from __future__ import annotations

import pytest

from borderdesk.errors import PermissionDenied
from borderdesk.services.access import users
from borderdesk.services.access.permissions import Actor, Role
from borderdesk.ui.pages.overview_page import OverviewPage


def _overview(window) -> OverviewPage:
    window.nav.setCurrentRow(window.nav_keys().index("overview"))
    page = window.stack.currentWidget()
    assert isinstance(page, OverviewPage)
    return page


def test_the_signed_in_box_shows_the_position(make_window, login_as, db, wait_idle, qtbot):
    users.set_position(
        db, actor=login_as("admin"), username="ivanov", position="старший лейтенант, инспектор"
    )
    page = _overview(make_window("ivanov"))
    wait_idle()
    qtbot.waitUntil(lambda: page.position.text() == "старший лейтенант, инспектор", timeout=10000)
    labels = [label.text() for label in page.account_box.labels()]
    assert "Должность" in labels


def test_no_position_on_file_shows_a_dash(make_window, wait_idle, qtbot):
    page = _overview(make_window("petrova"))
    wait_idle()
    qtbot.waitUntil(lambda: page.position.text() == "—", timeout=10000)


def test_own_account_is_for_any_signed_in_user_and_no_forged_actor(db, login_as):
    assert users.own_account(db, actor=login_as("ivanov")).username == "ivanov"
    with pytest.raises(PermissionDenied):
        users.own_account(db, actor=Actor("ivanov", Role.officer, "POST-07"))
