"""The navigation shows exactly the pages a role may use, and each one is a real page."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QLabel

from borderdesk.services.access.permissions import role_label
from borderdesk.ui.main_window import PageFailed
from borderdesk.ui.pages import PAGES, Page
from borderdesk.ui.pages.audit_page import AuditPage
from borderdesk.ui.pages.overview_page import OverviewPage
from borderdesk.ui.pages.users_page import UsersPage

PAGE_CLASSES = {"overview": OverviewPage, "users": UsersPage, "audit": AuditPage}


@pytest.mark.parametrize(
    ("username", "sees_users", "sees_audit"),
    [("ivanov", False, False), ("petrova", False, True), ("admin", True, True)],
)
def test_navigation_by_role(make_window, wait_idle, username, sees_users, sees_audit):
    window = make_window(username)
    actor = window.context.actor
    keys = window.nav_keys()
    assert ("users" in keys) is sees_users
    assert ("audit" in keys) is sees_audit
    assert keys[0] == "overview"
    # Exactly the registry's pages this role may use, in registry order.
    # (A page with ``hidden_with`` gives way to a fuller one the role has.)
    assert keys == [
        s.key
        for s in PAGES
        if (s.permission is None or actor.can(s.permission))
        and not (s.hidden_with and actor.can(s.hidden_with))
    ]
    for row, key in enumerate(keys):
        window.nav.setCurrentRow(row)
        page = window.stack.currentWidget()
        assert isinstance(page, Page) and not isinstance(page, PageFailed), key
        if key in PAGE_CLASSES:
            assert isinstance(page, PAGE_CLASSES[key])
        assert window.title.text() == window.nav.item(row).text()
        wait_idle()


def test_status_bar_names_site_user_and_role(make_window):
    window = make_window("petrova")
    texts = [label.text() for label in window.statusBar().findChildren(QLabel)]
    joined = " | ".join(texts)
    assert "Застава 7" in joined and "POST-07" in joined
    assert "Петрова Анна" in joined
    assert role_label("supervisor") in joined
    # Qt appends the application's display name: "BorderDesk" once, not twice.
    assert window.windowTitle() == "Застава 7"
    assert QApplication.applicationDisplayName() == "BorderDesk"


def test_a_page_that_fails_to_build_shows_why(make_window, monkeypatch):
    from borderdesk.ui import pages

    def broken(_context):
        raise RuntimeError("boom")

    monkeypatch.setattr(
        pages, "PAGES", [pages.PageSpec("overview", pages.PAGES[0].title_msgid, None, broken)]
    )
    window = make_window("ivanov")
    page = window.stack.currentWidget()
    assert isinstance(page, PageFailed)
    assert "RuntimeError" in page.findChild(QLabel).text()


def test_the_overview_names_the_time_zone_in_words(make_window):
    from borderdesk import i18n

    window = make_window("admin")
    page = window.show_page("overview")
    zone = window.context.site.timezone
    assert page.zone.text() == i18n.format_zone(zone)
    if "/" in zone:
        assert zone not in page.zone.text() and page.zone.toolTip() == zone
