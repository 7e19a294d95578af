"""The cyclic garbage collector is paused while a command starts.

Starting builds tens of thousands of objects that live as long as the process (SQLAlchemy,
pydantic, the table classes), and the collector would walk them over and over while they
are made: about a tenth of a login's CPU time. It is paused when ``main`` begins and runs
again once the command is under way (logged in, its database open, or the GUI about to
start), and in any case when ``main`` returns, so a long command never runs without it.

When the process ends, the interpreter collects once more and then walks every module's
objects again while it tears them down: for a command that loaded SQLAlchemy and SQLModel
that is a fifth of its CPU time, spent freeing memory the operating system takes back
anyway. :func:`freeze_at_exit` moves everything alive into the collector's permanent
generation just before that (``gc.freeze``): exit handlers, flushing and closing still
run as before, only the final walks have nothing left to look at.
"""

from __future__ import annotations

import atexit
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


_freezing_at_exit = False


def freeze_at_exit() -> None:
    """At the end of this process, freeze what is alive instead of collecting it.

    Only for a process that runs one command and ends (the console script, ``python -m
    borderdesk``): a test process calling ``main`` keeps collecting normally.
    """
    global _freezing_at_exit
    if not _freezing_at_exit:
        _freezing_at_exit = True
        # Other exit handlers still run, before or after: freezing stops no object's use.
        atexit.register(gc.freeze)
