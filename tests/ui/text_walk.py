"""Walk every text a user can read in a widget tree, and find words of the wrong language.

The rule for "English in the Russian UI": every Latin-script word must be accounted for
by the data. Allowed are

- words that occur in the database's proper names: persons' names as written and in
  Latin, birth places, document numbers, user names, site codes and names, room names,
  time zones (``data_words``);
- ISO 3166 alpha-3 codes and currency codes (upper case only); not the agreements'
  ids (``RU-KZ``): screens name an agreement by its short name from the data
  («Россия–Казахстан»), the id is a code for commands and JSON only;
- what users typed (belongings, crossing points, escorts), and a name shortened in the
  middle to fit (``…``);
- a Latin title quoted as a name («Uzbekistan Daily»);
- MRZ text (runs of ``A-Z0-9<`` with a filler) and numbers with a letter or two
  (``1-A`` beds, ``344-V`` law numbers, ``TD1``);
- an initial (``H.``) and the few names that stay Latin in Russian official texts
  (``BorderDesk``, file extensions, ``UTC``, the language's own name "English").

Everything else — ``own_national``, ``entry refuse``, ``Valid``, ``M/F`` — is reported,
and in both languages an ISO date (``1961-10-04``) or a "UTC" time stamp: screens write
dates as the language does (``04.10.1961``, ``04 Oct 1961``) in the site's time zone.
A single capital letter is never data on its own, so "Пол: M" is found.
The English walk is the mirror: Cyrillic words must come from the data.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QPlainTextEdit,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from borderdesk.domain.countries import all_codes

LATIN = "A-Za-z\u00c0-\u024f"
CYRILLIC = "\u0400-\u04ff"
LATIN_WORD = re.compile(f"[{LATIN}0-9_]*[{LATIN}][{LATIN}0-9_]*")
CYRILLIC_WORD = re.compile(f"[0-9_]*[{CYRILLIC}][{CYRILLIC}0-9_]*")
# Key names stay Latin on a Russian keyboard: "Ctrl+F", "Alt+1", "F5".
KEYS = re.compile(
    r"\b(?:Ctrl|Alt|Shift)(?:\+(?:Ctrl|Alt|Shift|[A-Z0-9]+\b|…))+|\bF\d{1,2}\b|\bEsc\b|\bEnter\b"
)
MRZ_TEXT = re.compile(r"[A-Z0-9<]*<[A-Z0-9<]*")
# "1-A", "2B", "344-V", "TD1", "No. 12/3-A": a number carrying a letter or two.
NUMBERED = re.compile(r"\b\d+[-/]?[A-Za-z]{1,2}\b|\b[A-Za-z]{1,2}\d+\b")
INITIAL = re.compile(r"\b[A-Z]\.")
PATH = re.compile(r"(?:[A-Za-z]:)?(?:[/\\][\w.\-]+){2,}")  # a file's path is data
# A name shortened in the middle to fit ("Пограничное управление по О…ургской"): data.
ELIDED = re.compile(r"\w*…\w*")
# A Latin title quoted as a name: «Uzbekistan Daily», «CELEX 22007A0517(03)».
QUOTED = re.compile(r"«[^«»А-Яа-яЁё]*»")
TAG = re.compile(r"<[^<>]+>")
ENTITY = re.compile(r"&[a-z]+;|&#\d+;")

# Kept in Latin in Russian official usage; each is a name, not a word to translate.
ALWAYS_LATIN = {"BorderDesk", "UTC", "English", "PDF", "CSV", "XLSX", "csv", "xlsx", "pdf"}
ALWAYS_LATIN |= {"bdsync", "sqlite3", "toml", "json", "EU", "Qt", "PySide6", "SQLite", "USB", "UTF"}
CURRENCIES = {"RUB", "KZT", "EUR", "USD", "UZS"}
ALWAYS_CYRILLIC = {"Русский"}


@dataclass(frozen=True)
class Text:
    where: str
    text: str


def data_words(db_path: Path) -> set[str]:
    """The words of the database's proper names (names, places, numbers, codes)."""
    queries = [
        "SELECT surname, given_names, surname_latin, given_names_latin, birth_place FROM person",
        "SELECT number FROM identity_document",
        "SELECT username, full_name, position FROM user_account",  # typed by the admin,
        "SELECT code, name, timezone FROM site",
        "SELECT code, name FROM centre_room",
        "SELECT case_number FROM readmission_case",
        "SELECT protocol_number FROM document_check",
        "SELECT stay_number FROM centre_stay",
        "SELECT transfer_number, crossing_point, transport, escort_officers FROM centre_transfer",
        # What users typed: belongings, where a person came from, who escorted them.
        "SELECT item, description FROM centre_belonging",
        "SELECT arriving_from, escort_officers, medical_examiner, received_by FROM centre_stay",
        # What a list's provider wrote: its reasons and sources, never translated.
        "SELECT surname, given_names, reason, source FROM watchlist_person",
        "SELECT number, reason, source FROM watchlist_document",
    ]
    words: set[str] = set()
    with sqlite3.connect(db_path) as connection:
        for query in queries:
            try:
                rows = connection.execute(query).fetchall()
            except sqlite3.OperationalError:
                continue  # a column this schema does not have
            for row in rows:
                for value in row:
                    if isinstance(value, str) and value.startswith("["):
                        value = " ".join(map(str, json.loads(value)))  # a JSON list of names
                    if isinstance(value, str):
                        words.update(w.casefold() for w in re.findall(r"\w+", value))
    return words


def _cleaned(text: str) -> str:
    text = ENTITY.sub(" ", TAG.sub(" ", text))
    text = text.replace("&", "")  # mnemonic markers
    text = PATH.sub(" ", text)
    text = KEYS.sub(" ", text)  # before ELIDED: "Alt+2…" is keys, not a shortened name
    text = QUOTED.sub(" ", text)
    text = ELIDED.sub(" ", text)
    text = MRZ_TEXT.sub(" ", text)
    text = NUMBERED.sub(" ", text)
    return INITIAL.sub(" ", text)


def english_words(text: str, allowed: set[str]) -> list[str]:
    """The Latin words of ``text`` that the allowed-token rule does not account for."""
    found = []
    for word in LATIN_WORD.findall(_cleaned(text)):
        if word.casefold() in allowed or word in ALWAYS_LATIN or word in CURRENCIES:
            continue
        if word.isupper() and len(word) == 3 and word in all_codes():
            continue
        if word.isdigit():
            continue
        found.append(word)
    return found


def russian_words(text: str, allowed: set[str]) -> list[str]:
    """The Cyrillic words of ``text`` that do not come from the data."""
    return [
        word
        for word in CYRILLIC_WORD.findall(_cleaned(text))
        if word.casefold() not in allowed and word not in ALWAYS_CYRILLIC
    ]


def _model_texts(view: QAbstractItemView, where: str, max_rows: int) -> Iterator[Text]:
    model = view.model()
    if model is None:
        return
    hidden = getattr(view, "isColumnHidden", lambda column: False)
    columns = [c for c in range(model.columnCount()) if not hidden(c)]
    for column in columns:
        for role in (Qt.DisplayRole, Qt.ToolTipRole):
            value = model.headerData(column, Qt.Horizontal, role)
            if isinstance(value, str):
                yield Text(f"{where} header {column}", value)

    def rows(parent: QModelIndex, depth: int) -> Iterator[Text]:
        for row in range(min(model.rowCount(parent), max_rows)):
            for column in columns:
                index = model.index(row, column, parent)
                for role in (Qt.DisplayRole, Qt.ToolTipRole):
                    value = model.data(index, role)
                    if isinstance(value, str):
                        yield Text(f"{where} cell {row},{column}", value)
            first = model.index(row, 0, parent)
            if depth < 3 and model.rowCount(first) > 0:
                yield from rows(first, depth + 1)

    yield from rows(QModelIndex(), 0)


def visible_texts(top: QWidget, *, max_rows: int = 25) -> list[Text]:
    """Every text a user can read in ``top``: window titles, labels, buttons, tooltips,
    group boxes, tabs, combo items, menus and actions, table headers and cells."""
    texts: list[Text] = []
    for widget in [top, *top.findChildren(QWidget)]:
        if not widget.isVisible() and not isinstance(widget, QMenu):
            continue  # a hidden page or a collapsed part: not what the user reads now
        where = f"{type(widget).__name__}#{widget.objectName() or '?'}"
        add = [widget.toolTip(), widget.windowTitle() if widget.isWindow() else ""]
        if isinstance(widget, QLabel | QAbstractButton):
            add.append(widget.text())
        if isinstance(widget, QLineEdit):
            add.append(widget.placeholderText())
            if widget.isReadOnly():
                add.append(widget.text())
        if isinstance(widget, QAbstractSpinBox):
            add.extend([widget.specialValueText(), widget.text()])
        if isinstance(widget, QTextEdit | QPlainTextEdit):
            add.append(widget.placeholderText())
            if widget.isReadOnly():
                add.append(widget.toPlainText())
        if isinstance(widget, QGroupBox):
            add.append(widget.title())
        if isinstance(widget, QMenu):
            add.append(widget.title())
        if isinstance(widget, QTabWidget):
            for i in range(widget.count()):
                add.extend([widget.tabText(i), widget.tabToolTip(i)])
        if isinstance(widget, QComboBox):
            for i in range(widget.count()):
                add.append(widget.itemText(i))
                tip = widget.itemData(i, Qt.ToolTipRole)
                add.append(tip if isinstance(tip, str) else "")
        texts.extend(Text(where, t) for t in add if t)
        if isinstance(widget, QAbstractItemView) and not isinstance(
            widget, QListWidget | QHeaderView
        ):
            texts.extend(_model_texts(widget, where, max_rows))
        if isinstance(widget, QListWidget):
            for i in range(widget.count()):
                texts.append(Text(f"{where} item {i}", widget.item(i).text()))
                if widget.item(i).toolTip():
                    texts.append(Text(f"{where} item {i}", widget.item(i).toolTip()))
    for action in top.findChildren(QAction):
        for t in (action.text(), action.toolTip(), action.statusTip()):
            if t:
                texts.append(Text(f"action {action.objectName() or action.text()}", t))
    return texts


# "1961-10-04", "1961-10-??", "2026-11", "14:20 UTC": machine dates left on a screen. A
# path or a record number holding digits is not one (its digits run on or follow a letter).
ISO_DATE = re.compile(
    r"(?<![\w/.-])(?:18|19|20|21)\d{2}-(?:0[1-9]|1[0-2])(?:-(?:\d{2}|\?\?))?(?![\w-])"
    r"|\d{2}:\d{2}(?::\d{2})? UTC\b"
)


def iso_leftovers(text: str) -> list[str]:
    return ISO_DATE.findall(PATH.sub(" ", TAG.sub(" ", text)))


def wrong_language(texts: Iterable[Text], lang: str, allowed: set[str]) -> list[str]:
    """One line per text that holds words of the other language, or an ISO date."""
    check = english_words if lang == "ru" else russian_words
    found = []
    for item in texts:
        words = check(item.text, allowed) + iso_leftovers(item.text)
        if words:
            found.append(f"{item.where}: {' '.join(sorted(set(words)))!s} in {item.text!r}")
    return sorted(set(found))
