"""Errors a user can cause. Each carries a message already in the user's language."""

from __future__ import annotations


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
