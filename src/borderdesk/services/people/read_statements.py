"""The hot read statements of a scan and a search, as SQLAlchemy Core statements.

Built once (at import, or once per shape: a number of surname keys, which parts of a
date of birth are known) and run on the session's connection, they skip the ORM's
per-call work: building the statement from column expressions, its compile-cache
key, the ORM execution context and the object loading. About 54 µs a statement
instead of 300-450 µs through ``session.exec(select(Model)...)`` (``benchmarks/
assess_profile.py``). Rows come back as named tuples with the tables' column names.

Read-only helpers: what a write needs as an ORM object is loaded by id.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from typing import Any, TypeVar

from sqlalchemy import Executable
from sqlalchemy.engine import Result
from sqlalchemy.orm import Session

S = TypeVar("S", bound=Executable)

_SHAPES: dict[Hashable, Any] = {}


def run(
    session: Session, statement: Executable, params: Mapping[str, Any] | None = None
) -> Result[Any]:
    """``statement`` on the session's connection (its transaction), with ``params``.

    In a write session what was added but not flushed is flushed first, as the ORM's
    autoflush would before a query: the statement must see it."""
    if "write_context" in session.info and session.autoflush:
        session.flush()
    return session.connection().execute(statement, dict(params or {}))


def shaped(key: Hashable, build: Callable[[], S]) -> S:
    """The statement of this shape, built by ``build`` the first time it is asked."""
    statement = _SHAPES.get(key)
    if statement is None:
        statement = _SHAPES[key] = build()
    return statement


__all__ = ["run", "shaped"]
