"""The pages of the main window and who may see them.

A new page is one entry appended to ``PAGES``::

    PageSpec("cases", N_("Cases"), Permission.view_cases, lazy("cases_page", "CasesPage"))

The factory receives a ``PageContext`` (database, logged-in actor, site) and
returns a ``Page``. Modules load on first use, so the login window opens fast.
A page builds its widgets, then calls ``widgets.on_retranslate(self)``: that runs
``retranslate()`` (every visible text, through ``_()``) now and after each
language switch. ``activated()`` reloads data each time the page is shown.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from borderdesk.i18n import N_
from borderdesk.services.access.permissions import Actor, Permission
from borderdesk.services.site.database import Database
from borderdesk.services.site.sites import SiteInfo


@dataclass(frozen=True)
class PageContext:
    """What every page works with. Pages pass ``db`` and ``actor`` to services."""

    db: Database
    actor: Actor
    site: SiteInfo


class Page(QWidget):
    """Base class of a main-window page."""

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context

    def retranslate(self) -> None:
        """Set every visible text with ``_()``; called again after a language switch."""

    def activated(self) -> None:
        """The page was brought to the front: reload what may have changed."""

    def records_changed(self) -> None:
        """Records were changed outside the page (a journal import): reload what it shows.

        Pages showing cases, persons or figures reload; the rest reload when activated.
        """


PageFactory = Callable[[PageContext], Page]


@dataclass(frozen=True)
class PageSpec:
    key: str
    title_msgid: str
    #: Who sees the page; ``None``: everyone who can log in.
    permission: Permission | None
    factory: PageFactory
    #: Not shown to who has this permission (it has a fuller page of its own).
    hidden_with: Permission | None = None


def lazy(module: str, class_name: str) -> PageFactory:
    """A factory that imports ``borderdesk.ui.pages.<module>`` only when the page opens."""

    def build(context: PageContext) -> Page:
        page_class = getattr(importlib.import_module(f"{__name__}.{module}"), class_name)
        return page_class(context)

    return build


PAGES: list[PageSpec] = [
    PageSpec("overview", N_("Overview"), None, lazy("overview_page", "OverviewPage")),
    PageSpec("users", N_("Users"), Permission.manage_users, lazy("users_page", "UsersPage")),
    PageSpec("audit", N_("Audit log"), Permission.view_audit, lazy("audit_page", "AuditPage")),
    PageSpec(
        "check", N_("Document check"), Permission.check_documents, lazy("check_page", "CheckPage")
    ),
    PageSpec("search", N_("Search"), Permission.search_persons, lazy("search_page", "SearchPage")),
    PageSpec("cases", N_("Cases"), Permission.view_cases, lazy("cases_page", "CasesPage")),
    PageSpec(
        "agreements",
        N_("Agreements"),
        Permission.view_reference,
        lazy("agreements_page", "AgreementsPage"),
    ),
    PageSpec("centre", N_("Centre"), Permission.run_centre, lazy("centre_page", "CentrePage")),
    PageSpec(
        "transfers",
        N_("Transfers"),
        Permission.plan_transfers,
        lazy("transfers_page", "TransfersPage"),
    ),
    PageSpec(
        "watchlists",
        N_("Watchlists"),
        Permission.manage_watchlists,
        lazy("watchlists_page", "WatchlistsPage"),
    ),
    PageSpec("backups", N_("Backups"), Permission.backup, lazy("backups_page", "BackupsPage")),
    PageSpec(
        "occupancy",
        N_("Centre occupancy"),
        Permission.view_centre,
        lazy("occupancy_page", "OccupancyPage"),
        hidden_with=Permission.run_centre,  # centre staff have the Centre page
    ),
    PageSpec(
        "returns", N_("Returns"), Permission.view_reports, lazy("returns_page", "ReturnsPage")
    ),
    # Supervisors and administrators; every site exports for HQ from the File menu.
    PageSpec("sync", N_("Sync"), Permission.resolve_conflicts, lazy("sync_page", "SyncPage")),
]


def pages_for(actor: Actor) -> list[PageSpec]:
    """The pages this user's role allows, in registry order."""
    return [
        spec
        for spec in PAGES
        if (spec.permission is None or actor.can(spec.permission))
        and not (spec.hidden_with is not None and actor.can(spec.hidden_with))
    ]
