"""What the GUI remembers between runs on this computer (not in the database)."""

from __future__ import annotations

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
