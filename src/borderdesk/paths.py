"""Where BorderDesk finds its shipped files and keeps the user's data."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

import platformdirs

_PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def _data_root() -> Path:
    # An installed wheel carries resources/ and translations/ inside the package;
    # a source checkout (editable install, tests) keeps them at the repository top.
    bundled = _PACKAGE_DIR / "_data"
    if (bundled / "resources").is_dir():
        return bundled
    return _PACKAGE_DIR.parent.parent


def resources_dir() -> Path:
    return _data_root() / "resources"


def translations_dir() -> Path:
    return _data_root() / "translations"


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def default_db_path() -> Path:
    env = os.environ.get("BORDERDESK_DB")
    if env:
        return Path(env)
    return platformdirs.user_data_path("borderdesk", appauthor=False) / "borderdesk.sqlite3"


def demo_db_path() -> Path:
    return platformdirs.user_data_path("borderdesk", appauthor=False) / "demo.sqlite3"
