"""Crash reports and log records that carry no SQL parameters and no personal data.

A traceback keeps where the program failed (files, lines, code) and the kinds of the
exceptions. Messages are dropped: a SQLAlchemy error embeds the statement's parameters
(names, document numbers) and any other message may quote a value. For database errors
the SQL text and the driver's own message (``UNIQUE constraint failed: person.id``) are
kept, without parameters; engines are also made with ``hide_parameters=True``.
"""

from __future__ import annotations

import logging
import sys
import traceback
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

from borderdesk.files import open_private_append

WITHHELD = "(message withheld: it may hold personal data)"


def safe_traceback(exc: BaseException) -> str:
    """The traceback of ``exc`` (and its causes) without any exception message."""
    lines: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = exc
    chain: list[BaseException] = []
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        chain.append(current)
        current = current.__cause__ or (
            None if current.__suppress_context__ else current.__context__
        )
    for index, item in enumerate(reversed(chain)):
        if index:
            lines.append("\nThe above exception led to the following one:\n")
        lines.append("Traceback (most recent call last):\n")
        lines.extend(traceback.format_tb(item.__traceback__))
        lines.append(f"{type(item).__module__}.{type(item).__qualname__}: {_describe(item)}\n")
    return "".join(lines)


def _describe(exc: BaseException) -> str:
    try:
        from sqlalchemy.exc import StatementError
    except ImportError:  # pragma: no cover - SQLAlchemy is a dependency
        return WITHHELD
    if isinstance(exc, StatementError):
        statement = " ".join(str(exc.statement or "").split())[:2000]
        orig = exc.orig
        driver = type(orig).__name__ if orig is not None else ""
        reason = _driver_reason(orig)
        return f"[{driver}] {reason} [SQL: {statement}] [parameters withheld]"
    return WITHHELD


def _driver_reason(orig: BaseException | None) -> str:
    # sqlite3's messages name tables and columns, never values; other drivers may quote
    # values (PostgreSQL's DETAIL line), so only sqlite3's first line is kept.
    import sqlite3

    if isinstance(orig, sqlite3.Error):
        return str(orig).splitlines()[0] if str(orig) else ""
    return WITHHELD


def write_crash_report(log: Path, exc: BaseException | None = None) -> None:
    """Append the current (or given) exception's safe traceback to ``log`` (owner-only)."""
    exc = exc or sys.exc_info()[1]
    if exc is None:
        return
    stamp = datetime.now(UTC).isoformat(timespec="seconds")
    text = f"--- {stamp}\n{safe_traceback(exc)}"
    with open_private_append(log) as fh:
        fh.write(text.encode("utf-8"))


class SafeFormatter(logging.Formatter):
    """Formats log records with safe tracebacks."""

    def formatException(  # noqa: N802 (logging API)
        self,
        ei: tuple[type[BaseException], BaseException, TracebackType | None]
        | tuple[None, None, None],
    ) -> str:
        exc = ei[1]
        return safe_traceback(exc).rstrip("\n") if exc is not None else ""


def install_safe_logging() -> None:
    """Route warnings and errors to stderr with safe tracebacks (once)."""
    root = logging.getLogger()
    if any(isinstance(h.formatter, SafeFormatter) for h in root.handlers):
        return
    handler = logging.StreamHandler()
    handler.setLevel(logging.WARNING)
    handler.setFormatter(SafeFormatter("%(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
