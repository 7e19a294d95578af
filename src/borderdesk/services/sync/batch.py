"""Importing several package files at once (a USB stick with a package from each post).

Each package is its own transaction, so a refusal or a cancellation concerns one
package only: the ones already imported stay imported, the one running when Cancel
came is rolled back whole, the rest are not started. A package parked because an
earlier one from the same sender is missing is tried again once another package has
gone in, so the files may be chosen in any order.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from borderdesk.errors import BorderDeskError
from borderdesk.services.access.permissions import Actor, Permission, require
from borderdesk.services.sync.exchange import ImportCancelled, ImportResult, import_package
from borderdesk.store.database import Database
from borderdesk.sync.refusals import PackageParked, PackageReplayed

APPLIED = "applied"
REPLAYED = "replayed"  # nothing new in it: harmless
PARKED = "parked"
REFUSED = "refused"
CANCELLED = "cancelled"  # rolled back, or not started, because the user cancelled


@dataclass(frozen=True)
class PackageOutcome:
    """What became of one file: imported (with its counts) or why not."""

    path: Path
    state: str
    result: ImportResult | None = None
    reason: str = ""


BatchProgress = Callable[[int, int, str], None]  # (records done, in this package, file name)


def import_packages(
    db: Database,
    *,
    actor: Actor,
    paths: Sequence[Path],
    progress: BatchProgress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> list[PackageOutcome]:
    """Import every file; one outcome per file, in the order the files were given."""
    require(actor, Permission.sync)
    outcomes: dict[Path, PackageOutcome] = {}
    waiting = [Path(p) for p in paths]
    while waiting:
        parked: list[Path] = []
        went_in = False
        for path in waiting:
            if cancelled is not None and cancelled():
                outcomes[path] = PackageOutcome(path, CANCELLED)
                continue
            outcome = _import_one(db, actor, path, progress, cancelled)
            outcomes[path] = outcome
            if outcome.state == PARKED:
                parked.append(path)
            went_in = went_in or outcome.state == APPLIED
        # Parked ones get another try only if something new arrived meanwhile.
        waiting = parked if went_in else []
    return [outcomes[Path(p)] for p in paths]


def _import_one(
    db: Database,
    actor: Actor,
    path: Path,
    progress: BatchProgress | None,
    cancelled: Callable[[], bool] | None,
) -> PackageOutcome:
    def advance(done: int, total: int) -> None:
        if progress is not None:
            progress(done, total, path.name)

    if progress is not None:
        progress(0, 0, path.name)
    try:
        result = import_package(db, actor=actor, path=path, progress=advance, cancelled=cancelled)
    except ImportCancelled as exc:
        return PackageOutcome(path, CANCELLED, reason=exc.message)
    except PackageReplayed as exc:
        return PackageOutcome(path, REPLAYED, reason=exc.message)
    except PackageParked as exc:
        return PackageOutcome(path, PARKED, reason=exc.message)
    except BorderDeskError as exc:
        return PackageOutcome(path, REFUSED, reason=exc.message)
    return PackageOutcome(path, APPLIED, result=result)
