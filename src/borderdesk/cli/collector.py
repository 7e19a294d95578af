"""The cyclic garbage collector is paused while a command starts.

Starting builds hundreds of thousands of objects that live as long as the process
(SQLAlchemy, pydantic, the table classes), and the collector would walk them over and over
while they are made. It is paused when ``main`` begins and runs again once the command is
under way (logged in, its database open, or the GUI about to start), and in any case when
``main`` returns, so a long command never runs without it.

Pausing alone only defers that walk: everything made while paused is in the youngest
generation when the collector resumes, and the next two collections walk all of it (about
80 ms of a login command). In a process that runs one command and ends
(:func:`one_command_process`) the start's objects are therefore frozen when the collector
resumes (``gc.freeze``: moved to a generation it never walks), and again at exit, where
the interpreter would otherwise collect once more and walk every module's objects while
tearing them down (a fifth of such a command's CPU time, spent freeing memory the
operating system takes back anyway). Exit handlers, flushing and closing run as before.
The price is that garbage cycles made during the start are never freed: a few hundred
objects, once.
"""

from __future__ import annotations

import atexit
import gc

_paused = False
_one_command = False


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
        if _one_command:
            gc.freeze()  # the start's objects: never walked again
        gc.enable()


def is_paused() -> bool:
    return _paused


def one_command_process() -> None:
    """This process runs one command and ends: freeze instead of collecting (see above).

    Only for the console script and ``python -m borderdesk``; a test process calling
    ``main`` with arguments keeps collecting normally.
    """
    global _one_command
    if not _one_command:
        _one_command = True
        # Other exit handlers still run, before or after: freezing stops no object's use.
        atexit.register(gc.freeze)
