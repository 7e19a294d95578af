"""Before the QApplication exists: are the system libraries of Qt's X11 platform there?

Qt's xcb plugin aborts the process (exit 134, a message in English about
``xcb-cursor0``) when one of its libraries is missing. BorderDesk looks for them first
(``resources/qt_libraries.toml``) and says in one line, in the user's language, which
packages to install. Only the X11 platform is checked: offscreen, Wayland and other
systems need none of these.
"""

from __future__ import annotations

import ctypes
import os
import sys
import tomllib
from collections.abc import Callable, Mapping

from borderdesk.i18n import _
from borderdesk.paths import resource

LIBRARIES_FILE = "qt_libraries.toml"

#: Tells whether a shared library (by soname) can be loaded; tests pass a fake.
Finder = Callable[[str], bool]


def can_load(soname: str) -> bool:
    """What Qt itself does: ask the dynamic loader (fast, no ``ldconfig`` run)."""
    try:
        ctypes.CDLL(soname)
    except OSError:
        return False
    return True


def uses_xcb(env: Mapping[str, str], platform: str = sys.platform) -> bool:
    """Whether Qt will start on X11 here (the platform the libraries are for)."""
    if not platform.startswith("linux"):
        return False
    chosen = env.get("QT_QPA_PLATFORM", "")
    if chosen:
        return chosen.split(";")[0].split(":")[0] == "xcb"
    return bool(env.get("DISPLAY")) and not env.get("WAYLAND_DISPLAY")


def missing_packages(find: Finder = can_load) -> list[str]:
    """The packages whose library Qt's X11 platform needs and the loader cannot find."""
    data = tomllib.loads(resource(LIBRARIES_FILE).read_text(encoding="utf-8"))
    return [item["package"] for item in data["library"] if not find(item["soname"])]


def missing_libraries_message(
    env: Mapping[str, str] | None = None, find: Finder = can_load
) -> str | None:
    """One line naming the packages to install, or None when Qt can start."""
    if not uses_xcb(os.environ if env is None else env):
        return None
    packages = missing_packages(find)
    if not packages:
        return None
    return _(
        "The graphical interface needs system libraries that are not installed; "
        "install them with: sudo apt install {packages}"
    ).format(packages=" ".join(packages))
