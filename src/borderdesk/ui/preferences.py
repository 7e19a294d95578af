"""What the GUI remembers between runs on this computer (not in the database)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from borderdesk.i18n import LANGUAGES

LANGUAGE_KEY = "ui/language"


def _settings() -> QSettings:
    return QSettings("BorderDesk", "BorderDesk")


def saved_language() -> str | None:
    value = _settings().value(LANGUAGE_KEY)
    return value if value in LANGUAGES else None


def save_language(lang: str) -> None:
    if lang in LANGUAGES:
        settings = _settings()
        settings.setValue(LANGUAGE_KEY, lang)
        settings.sync()


LAST_DATABASE_KEY = "database/last"
RECENT_DATABASES_KEY = "database/recent"
RECENT_LIMIT = 6


def last_database() -> Path | None:
    """The database file last opened in the GUI, if it is still there."""
    value = _settings().value(LAST_DATABASE_KEY)
    if not isinstance(value, str) or not value:
        return None
    path = Path(value)
    return path if path.is_file() else None


def recent_databases() -> list[Path]:
    """Database files opened before, newest first (only those still on disk)."""
    value = _settings().value(RECENT_DATABASES_KEY)
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        return []
    return [Path(v) for v in value if isinstance(v, str) and Path(v).is_file()]


def _save_recent(settings: QSettings, paths: list[Path]) -> None:
    settings.setValue(RECENT_DATABASES_KEY, [str(p) for p in paths[:RECENT_LIMIT]])


def remember_database(path: Path) -> None:
    path = path.resolve()
    recent = [path, *(p for p in recent_databases() if p.resolve() != path)]
    settings = _settings()
    settings.setValue(LAST_DATABASE_KEY, str(path))
    _save_recent(settings, recent)
    settings.sync()


def forget_database(path: Path) -> None:
    """A file that no longer opens leaves the recent list."""
    path = path.resolve()
    recent = [p for p in recent_databases() if p.resolve() != path]
    settings = _settings()
    _save_recent(settings, recent)
    if settings.value(LAST_DATABASE_KEY) == str(path):
        settings.remove(LAST_DATABASE_KEY)
    settings.sync()
