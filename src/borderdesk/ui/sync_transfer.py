"""Writing packages to a folder (a USB stick) and reading many at once, off the GUI
thread with a progress dialog: shared by the Sync page and File → Export for HQ."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtWidgets import QFileDialog, QWidget

from borderdesk.i18n import _
from borderdesk.services import sync as sync_service
from borderdesk.services.sync.batch import CANCELLED, PackageOutcome
from borderdesk.services.sync.exchange import ExportResult
from borderdesk.ui.operations import LongOp, Progress, run_long_op
from borderdesk.ui.pages import PageContext


@dataclass(frozen=True)
class ExportBatch:
    """The packages written, and whether Cancel stopped the rest."""

    written: list[ExportResult]
    cancelled: bool


def choose_folder(parent: QWidget, title: str) -> Path | None:
    name = QFileDialog.getExistingDirectory(parent, title, str(Path.home()))
    return Path(name) if name else None


def choose_package_files(parent: QWidget) -> list[Path]:
    names, _filter = QFileDialog.getOpenFileNames(
        parent,
        _("Import sync packages"),
        str(Path.home()),
        _("Sync packages (*.bdsync);;All files (*)"),
    )
    return [Path(n) for n in names]


def start_export(
    parent: QWidget,
    context: PageContext,
    peers: Sequence[str],
    folder: Path,
    *,
    on_done: Callable[[ExportBatch], None],
    on_error: Callable[[BaseException], None] | None = None,
) -> LongOp:
    """A package for each peer, named for the sites and the date, into ``folder``."""
    db, actor, site = context.db, context.actor, context.site
    written: list[ExportResult] = []

    def work(progress: Progress, is_cancelled: Callable[[], bool]) -> ExportBatch:
        for done, code in enumerate(peers):
            if is_cancelled():
                return ExportBatch(written, cancelled=True)
            progress(done, len(peers), _("Writing the package for {site}…").format(site=code))
            now = datetime.now(ZoneInfo(site.timezone))
            out = folder / sync_service.package_file_name(site.code, code, now)
            written.append(sync_service.export_package(db, actor=actor, to=code, out=out))
        progress(len(peers), len(peers), "")
        return ExportBatch(written, cancelled=False)

    return run_long_op(
        parent,
        work,
        title=_("Exporting sync packages…"),
        on_success=on_done,
        on_error=on_error,
        # A package is written whole or not at all; the ones done before Cancel stay.
        on_cancelled=lambda: on_done(ExportBatch(written, cancelled=True)),
    )


def start_import(
    parent: QWidget,
    context: PageContext,
    paths: Sequence[Path],
    *,
    on_done: Callable[[list[PackageOutcome]], None],
    on_error: Callable[[BaseException], None] | None = None,
) -> LongOp:
    """Import the files, each package in one transaction; Cancel rolls back the one
    running and starts no other (the ones already imported stay)."""
    db, actor = context.db, context.actor
    finished: list[list[PackageOutcome]] = []

    def work(progress: Progress, is_cancelled: Callable[[], bool]) -> list[PackageOutcome]:
        def report(done: int, total: int, name: str) -> None:
            progress(done, total, _("Importing {file}…").format(file=name))

        outcomes = sync_service.import_packages(
            db, actor=actor, paths=list(paths), progress=report, cancelled=is_cancelled
        )
        finished.append(outcomes)
        return outcomes

    def cancelled() -> None:
        # Cancel may come after the worker finished: then its outcomes are the truth.
        if finished:
            on_done(finished[0])
        else:
            on_done([PackageOutcome(Path(p), CANCELLED) for p in paths])

    return run_long_op(
        parent,
        work,
        title=_("Importing sync packages…"),
        on_success=on_done,
        on_error=on_error,
        on_cancelled=cancelled,
    )
