"""Errors a user can cause. Each carries a message already in the user's language."""

from __future__ import annotations

import errno

from borderdesk.i18n import N_, _


class BorderDeskError(Exception):
    """Bad input or a refused action: shown to the user as one line, never a traceback."""

    exit_code = 1

    def __init__(self, message: str, *, code: str = "error") -> None:
        super().__init__(message)
        self.message = message
        self.code = code

    def __str__(self) -> str:
        return self.message


class InputError(BorderDeskError):
    """Input that cannot be read at all (exit code 2 on the command line)."""

    exit_code = 2


class NotFoundError(BorderDeskError):
    pass


class PermissionDenied(BorderDeskError):
    pass


class AuthenticationError(BorderDeskError):
    pass


class DatabaseError(BorderDeskError):
    """The database is missing, foreign, from a newer BorderDesk, or cannot be opened."""


# The operating system's own text (strerror) is English whatever the user's language.
_OS_REASONS = {
    errno.ENOENT: N_("no such file or folder"),
    errno.EACCES: N_("permission denied"),
    errno.EPERM: N_("permission denied"),
    errno.EISDIR: N_("it is a folder, not a file"),
    errno.ENOTDIR: N_("a part of the path is not a folder"),
    errno.ENOSPC: N_("no space left on the disk"),
    errno.EROFS: N_("the disk is read-only"),
}


def os_error_reason(exc: OSError) -> str:
    """Why a file could not be read or written, in the user's language where we know it."""
    reason = _OS_REASONS.get(exc.errno or 0)
    return _(reason) if reason else (exc.strerror or str(exc))
