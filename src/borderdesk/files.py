"""Files that may hold personal data: owner-only (0600, folders 0700) whatever the umask.

The program sets a private umask at start (``restrict_umask``), and the writers of
databases, backups, forms and logs also create their files with explicit modes, so a
library caller with umask 022 gets the same owner-only files.
"""

from __future__ import annotations

import contextlib
import functools
import os
import stat
import tempfile
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from borderdesk.errors import InputError, os_error_reason
from borderdesk.i18n import _
from borderdesk.paths import resource

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


def write_private_file(path: Path | str, data: bytes) -> None:
    """``data`` into ``path``, owner-only and whole or not at all (``atomic_private_file``)."""
    with atomic_private_file(Path(path)) as fh:
        fh.write(data)


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


# --------------------------------------------------------------------------- reading

FILE_LIMITS = "file_limits.toml"


class FileRefused(InputError):
    """A file the user named that is not a regular file, too big, or unreadable."""


@functools.cache
def _size_limits() -> dict[str, int]:
    with resource(FILE_LIMITS).open("rb") as fh:
        data = tomllib.load(fh)
    return {entry["kind"]: int(entry["max_bytes"]) for entry in data["limit"]}


def size_limit(kind: str) -> int:
    """The largest file of ``kind`` (file_limits.toml) that BorderDesk reads, in bytes."""
    return _size_limits()[kind]


def regular_file_size(path: Path | str) -> int:
    """The size of a file the user named, refused (one line) unless it is a regular file.

    For readers that stream the file themselves (journals) after checking their own limit.
    """
    path = Path(path)
    with _open_regular(path) as (_fh, info):
        return info.st_size


@contextlib.contextmanager
def _open_regular(path: Path) -> Iterator[tuple[BinaryIO, os.stat_result]]:
    try:
        # O_NONBLOCK: opening a FIFO with no writer must not hang; regular files ignore it.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise FileRefused(
            _("Cannot read {path}: {reason}").format(path=path, reason=os_error_reason(exc)),
            code="file_unreadable",
        ) from None
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):  # checked before fdopen, which refuses a folder itself
        os.close(fd)
        raise FileRefused(
            _("Cannot read {path}: it is not a regular file.").format(path=path),
            code="not_a_file",
        )
    with os.fdopen(fd, "rb") as fh:
        yield fh, info


def read_user_file(path: Path | str, *, kind: str) -> bytes:
    """The bytes of a file the user named: only a regular file, never more than its limit.

    A folder, a FIFO (which would block), a device such as /dev/zero (which never ends)
    or a file over the limit of its kind is refused with a one-line error before reading.
    The file is opened first and then checked (fstat), so it cannot be swapped between.
    """
    path = Path(path)
    limit = size_limit(kind)
    with _open_regular(path) as (fh, info):
        if info.st_size > limit:
            raise FileRefused(_too_big(path, limit), code="file_too_big")
        try:
            data = fh.read(limit + 1)  # a file growing while read stops at the limit
        except OSError as exc:
            raise FileRefused(
                _("Cannot read {path}: {reason}").format(path=path, reason=os_error_reason(exc)),
                code="file_unreadable",
            ) from None
    if len(data) > limit:
        raise FileRefused(_too_big(path, limit), code="file_too_big")
    return data


def _too_big(path: Path, limit: int) -> str:
    return _("{path} is too big: at most {size} can be read for this kind of file.").format(
        path=path, size=_size_text(limit)
    )


def _size_text(size: int) -> str:
    if size >= 1024 * 1024:
        return _("{n} MiB").format(n=size // (1024 * 1024))
    if size >= 1024:
        return _("{n} KiB").format(n=size // 1024)
    return _("{n} bytes").format(n=size)


def read_user_text(path: Path | str, *, kind: str) -> str:
    """A user's file as UTF-8 text (a leading byte-order mark dropped); bad UTF-8 refused."""
    data = read_user_file(path, kind=kind)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FileRefused(
            _("{path} is not UTF-8 text (bad byte at position {offset}).").format(
                path=path, offset=exc.start
            ),
            code="not_utf8",
        ) from None
