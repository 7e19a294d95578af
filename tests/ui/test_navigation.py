"""The navigation shows exactly the pages a role may use, and each one is a real page."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel

from borderdesk.i18n import _
from borderdesk.services.permissions import role_label
from borderdesk.ui.main_window import PageFailed
from borderdesk.ui.pages import PAGES, Page
from borderdesk.ui.pages.audit_page import AuditPage
from borderdesk.ui.pages.overview_page import OverviewPage
from borderdesk.ui.pages.users_page import UsersPage

PAGE_CLASSES = {"overview": OverviewPage, "users": UsersPage, "audit": AuditPage}


@pytest.mark.parametrize(
    ("username", "visible"),
    [
        ("ivanov", {"overview"}),
        ("petrova", {"overview", "audit"}),
        ("admin", {"overview", "users", "audit"}),
    ],
)
def test_navigation_by_role(make_window, qtbot, wait_idle, username, visible):
    window = make_window(username)
    keys = window.nav_keys()
    assert set(keys) == visible
    assert keys == [spec.key for spec in PAGES if spec.key in visible]  # registry order
    for row, key in enumerate(keys):
        window.nav.setCurrentRow(row)
        page = window.stack.currentWidget()
        assert isinstance(page, PAGE_CLASSES[key]), key
        assert isinstance(page, Page) and not isinstance(page, PageFailed)
        assert window.title.text() == window.nav.item(row).text()
    wait_idle()


def test_status_bar_names_site_user_and_role(make_window):
    window = make_window("petrova")
    texts = [label.text() for label in window.statusBar().findChildren(QLabel)]
    joined = " | ".join(texts)
    assert "Застава 7" in joined and "POST-07" in joined
    assert "Петрова Анна" in joined
    assert role_label("supervisor") in joined
    assert window.windowTitle() == _("BorderDesk — {site}").format(site="Застава 7")


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
