"""Files that may hold personal data: owner-only (0600, folders 0700) whatever the umask.

The program sets a private umask at start (``restrict_umask``), and the writers of
databases, backups, forms and logs also create their files with explicit modes, so a
library caller with umask 022 gets the same owner-only files.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

FILE_MODE = 0o600
DIR_MODE = 0o700


def restrict_umask() -> None:
    """Everything this process creates from now on is owner-only."""
    os.umask(0o077)


def private_dir(path: Path) -> Path:
    """Create ``path`` (and missing parents) as 0700; an existing folder keeps its mode."""
    path = Path(path)
    missing: list[Path] = []
    for folder in (path, *path.parents):
        if folder.exists():
            break
        missing.append(folder)
    for folder in reversed(missing):
        with contextlib.suppress(FileExistsError):
            folder.mkdir(mode=DIR_MODE)
        os.chmod(folder, DIR_MODE)  # mkdir's mode is masked by the umask
    return path


def create_private_file(path: Path) -> None:
    """Create an empty owner-only file; it must not exist yet."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    os.fchmod(fd, FILE_MODE)
    os.close(fd)


def open_private_append(path: Path) -> BinaryIO:
    """Open a log for appending, creating it owner-only (an existing one is made so)."""
    private_dir(Path(path).parent)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, FILE_MODE)
    os.fchmod(fd, FILE_MODE)
    return os.fdopen(fd, "ab")


@contextlib.contextmanager
def atomic_private_file(path: Path) -> Iterator[BinaryIO]:
    """Write ``path`` whole or not at all: an owner-only temp file beside it, fsync, rename.

    A failed or killed write leaves at most a hidden ``.tmp`` file, never a partial ``path``.
    """
    path = Path(path)
    private_dir(path.parent)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    tmp = Path(tmp_name)
    try:
        os.fchmod(fd, FILE_MODE)
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
