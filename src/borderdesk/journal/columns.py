"""The journal's columns and their headings, as data in ``resources/journal/columns.toml``.

A heading is recognised in Russian or English, any letter case, with spaces, line
breaks, ``_`` and ``-`` ignored and ``ё`` read as ``е``: ``"Дата\\nпоступления"``,
``"ДАТА ПОСТУПЛЕНИЯ "`` and ``"received"`` all name the ``received`` column.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache

from borderdesk.i18n import current_language
from borderdesk.paths import resource

COLUMNS_FILE = ("journal", "columns.toml")
_IGNORED = re.compile(r"[\s_\-]+")


def heading_key(text: str) -> str:
    """The form in which two spellings of one heading (or word) meet."""
    return _IGNORED.sub("", text.casefold().replace("ё", "е")).rstrip(".:")


def word_key(text: str) -> str:
    """A cell word (decision, state name) with case, ``ё`` and extra spaces evened out."""
    return " ".join(text.casefold().replace("ё", "е").split())


@dataclass(frozen=True)
class Column:
    field: str  # "received", "surname", ...
    ru: str
    en: str
    aliases: tuple[str, ...]
    required: bool

    def label(self, lang: str | None = None) -> str:
        """The column's heading in the user's language."""
        return self.ru if (lang or current_language()) == "ru" else self.en


@dataclass(frozen=True)
class JournalVocabulary:
    columns: tuple[Column, ...]
    accepted: frozenset[str]
    refused: frozenset[str]
    stateless: frozenset[str]
    state_aliases: dict[str, str]

    headings: dict[str, Column]  # every recognised heading key -> its column

    def column(self, field: str) -> Column:
        return next(c for c in self.columns if c.field == field)


@cache
def vocabulary() -> JournalVocabulary:
    """The shipped column list, decision words and state aliases."""
    with resource(*COLUMNS_FILE).open("rb") as fh:
        data = tomllib.load(fh)
    columns = tuple(
        Column(
            field=field,
            ru=str(entry["ru"]),
            en=str(entry["en"]),
            aliases=tuple(str(a) for a in entry.get("aliases", ())),
            required=bool(entry.get("required", False)),
        )
        for field, entry in data["columns"].items()
    )
    headings: dict[str, Column] = {}
    for column in columns:
        for name in (column.ru, column.en, *column.aliases):
            headings.setdefault(heading_key(name), column)
    return JournalVocabulary(
        columns=columns,
        accepted=frozenset(word_key(w) for w in data["decisions"]["accepted"]),
        refused=frozenset(word_key(w) for w in data["decisions"]["refused"]),
        stateless=frozenset(word_key(w) for w in data["stateless"]["words"]),
        state_aliases={word_key(k): str(v) for k, v in data.get("state_aliases", {}).items()},
        headings=headings,
    )
