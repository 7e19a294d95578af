"""Writing a package for a peer and importing one: one transaction each.

Export writes the file beside its destination and renames it only after the
transaction that counts it has committed; import applies a package whole or not at
all (a refusal, an error or a killed process leaves the database as it was).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from borderdesk.domain.clock import utc_now
from borderdesk.errors import BorderDeskError, InputError
from borderdesk.files import read_user_file
from borderdesk.i18n import _
from borderdesk.services.access.permissions import Actor, Permission, require
from borderdesk.store.database import Database
from borderdesk.sync import packages, retention
from borderdesk.sync.envelope import EXTENSION
from borderdesk.sync.faults import pause_point


@dataclass(frozen=True)
class ExportResult:
    recipient: str
    number: int
    records: int
    audit_entries: int
    path: Path
    bytes: int

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "path": str(self.path)}


@dataclass(frozen=True)
class ImportResult:
    sender: str
    number: int
    applied: int
    skipped: int
    conflicts: int
    duplicates: int
    parked: int
    audit_entries: int
    audit_chain_ok: bool | None
    pruned: int  # change-log payloads dropped: every peer has those changes
    purged: int  # tombstones gone: every peer has them, and the retention passed
    dry_run: bool

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def export_package(
    db: Database,
    *,
    actor: Actor,
    to: str,
    out: Path,
    progress: Callable[[int, int], None] | None = None,
) -> ExportResult:
    """Write the next package for ``to``; ``progress(done, total)`` as the work goes on."""
    require(actor, Permission.sync)
    out = Path(out)
    if out.suffix != EXTENSION:
        raise InputError(
            _("A sync package file ends in {extension}: {path}").format(
                extension=EXTENSION, path=out
            )
        )
    part = out.with_name(out.name + ".part")
    try:
        with db.write(actor=actor.username, exporting=True) as session:
            report = packages.make_package(
                session,
                me=db.site_code or "",
                to=to.strip().upper(),
                now=utc_now(),
                progress=progress,
            )
            _write_private(part, report.data)
            pause_point("export-written")
        part.replace(out)
    except OSError as exc:
        raise InputError(
            _("Cannot write {path}: {reason}").format(path=out, reason=exc.strerror)
        ) from None
    finally:
        part.unlink(missing_ok=True)
    return ExportResult(
        recipient=to.strip().upper(),
        number=report.number,
        records=report.records,
        audit_entries=report.audit_entries,
        path=out,
        bytes=len(report.data),
    )


def _write_private(path: Path, data: bytes) -> None:
    """Owner-only, and on disk before the transaction that counts the package commits."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


class ImportCancelled(BorderDeskError):
    """The user cancelled the import: the package's transaction was rolled back."""


def package_file_name(sender: str, recipient: str, created: datetime) -> str:
    """``POST-07-to-HQ-ORB-2026-12-02-0130.bdsync``: the sites and the local time."""
    return f"{sender}-to-{recipient}-{created:%Y-%m-%d-%H%M}{EXTENSION}"


class _RollBack(Exception):
    """Ends a dry run: everything was checked and applied, then undone."""

    def __init__(self, result: ImportResult) -> None:
        super().__init__("dry run")
        self.result = result


def import_package(
    db: Database,
    *,
    actor: Actor,
    path: Path,
    dry_run: bool = False,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ImportResult:
    """Apply a package whole, or refuse it; ``progress(done, total)`` as records go in.

    ``cancelled()`` is asked as records go in and once more before the commit: when it
    says yes, ``ImportCancelled`` is raised and nothing of the package is applied.
    """
    require(actor, Permission.sync)

    def check_cancel() -> None:
        if cancelled is not None and cancelled():
            raise ImportCancelled(_("The import was cancelled: nothing of it was applied."))

    def advance(done: int, total: int) -> None:
        check_cancel()
        if progress is not None:
            progress(done, total)

    data = read_user_file(path, kind="sync_package")
    try:
        with db.write(actor=actor.username, replaying=True) as session:
            report = packages.import_package(
                session, data, me=db.site_code or "", now=utc_now(), progress=advance
            )
            # What this package acknowledges may free payloads and tombstones at once.
            pruned, purged = retention.let_go(session, now=utc_now())
            check_cancel()
            result = ImportResult(
                sender=report.sender,
                number=report.number,
                applied=report.applied,
                skipped=report.skipped,
                conflicts=report.conflicts,
                duplicates=report.duplicates,
                parked=0,
                audit_entries=report.audit_entries,
                audit_chain_ok=report.chain.ok if report.chain is not None else None,
                pruned=pruned,
                purged=purged,
                dry_run=dry_run,
            )
            if dry_run:
                raise _RollBack(result)
    except _RollBack as rolled_back:
        return rolled_back.result
    return result
