"""The Qt shell: the only package that imports PySide6.

Widgets call services (``borderdesk.services``) through ``ui.operations`` and show
the plain rows they return; they never open a database session themselves.
"""

from __future__ import annotations

import sys


def _pin_singletons_for_pyside_6_12() -> None:
    """Keep ``None``, ``True`` and ``False`` alive under PySide6 6.12 on Python < 3.12.

    PySide6 6.12.0 returns ``None`` from every void method (``setText``,
    ``deleteLater``, ``processEvents`` …) and ``True`` from ``Signal.emit`` without
    taking a reference: harmless on Python 3.12+, where these objects are immortal,
    but on 3.10/3.11 each call drops their count by one until the interpreter aborts
    ("none_dealloc" / "bool_dealloc") after some tens of thousands of Qt calls.
    Giving them a reference count no session can use up is what 3.12 does itself.
    The real fix is a PySide6 that does not have the bug (6.11 does not) or Python 3.12.
    """
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    if hasattr(sys, "gettotalrefcount"):  # a debug build lays PyObject out differently
        return
    import PySide6

    if tuple(PySide6.__version_info__[:2]) < (6, 12):
        return
    import ctypes

    extra = 1 << 40
    for singleton in (None, True, False):
        before = sys.getrefcount(singleton)
        refcount = ctypes.c_ssize_t.from_address(id(singleton))
        refcount.value += extra
        if sys.getrefcount(singleton) != before + extra:  # not the layout we expect: undo
            refcount.value -= extra


_pin_singletons_for_pyside_6_12()
