"""Russian/English label pairs for printed forms.

Printed forms are always bilingual whatever the UI language, so their labels
come from a data table, ``resources/forms/labels.toml``, keyed by the English
msgid: ``"Surname" = { ru = "Фамилия" }`` (``en`` defaults to the key). A msgid
missing from the table falls back to the gettext catalogs and is remembered, so
a test can insist that every label a form prints is in the table.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from borderdesk.i18n import gettext_in
from borderdesk.paths import resource


@dataclass(frozen=True)
class Label:
    """One printed label in both languages."""

    ru: str
    en: str

    @property
    def text(self) -> str:
        """'Русский / English' (once if both are the same)."""
        return self.ru if self.ru == self.en else f"{self.ru} / {self.en}"

    def __str__(self) -> str:
        return self.text


_missing: set[str] = set()


@cache
def label_table() -> Mapping[str, Label]:
    path = resource("forms", "labels.toml")
    with path.open("rb") as fh:
        raw = tomllib.load(fh)
    table: dict[str, Label] = {}
    for msgid, entry in raw.items():
        if isinstance(entry, str):
            table[msgid] = Label(ru=entry, en=msgid)
        else:
            table[msgid] = Label(ru=entry["ru"], en=entry.get("en", msgid))
    return table


def label(msgid: str | Label) -> Label:
    """The RU/EN pair for ``msgid`` (a Label passes through unchanged)."""
    if isinstance(msgid, Label):
        return msgid
    found = label_table().get(msgid)
    if found is not None:
        return found
    _missing.add(msgid)
    return Label(ru=gettext_in("ru", msgid), en=gettext_in("en", msgid))


def choice(options: Mapping[str, str], code: str | None) -> Label:
    """Label for a coded value (``{"admit": "Admit", ...}``); unknown codes print as given."""
    if not code:
        return Label("", "")
    msgid = options.get(code)
    if msgid is None:
        return Label(code, code)
    return label(msgid)


def missing_labels() -> frozenset[str]:
    """Msgids looked up since start-up that the label table lacks."""
    return frozenset(_missing)
