"""The cyclic garbage collector is paused while a command starts.

Starting builds tens of thousands of objects that live as long as the process (SQLAlchemy,
pydantic, the table classes), and the collector would walk them over and over while they
are made: about a tenth of a login's CPU time. It is paused when ``main`` begins and runs
again once the command is under way (logged in, its database open, or the GUI about to
start), and in any case when ``main`` returns, so a long command never runs without it.
"""

from __future__ import annotations

import gc

_paused = False


def pause() -> None:
    """Stop the collector for the start-up, unless someone else has already stopped it."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume() -> None:
    """Let the collector run again (only if :func:`pause` stopped it)."""
    global _paused
    if _paused:
        _paused = False
        gc.enable()


def is_paused() -> bool:
    return _paused
