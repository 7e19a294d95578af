"""Refresh the gettext catalogs: extract messages, update ru/en, fill English from the source.

    python tools/catalogs.py            # extract + update (keeps existing translations)
    python tools/catalogs.py --check    # exit 1 if a message lacks a Russian translation

The template also carries click's own messages (usage errors, "Usage:", "Options"), taken
from the installed click package and referenced as ``click/<module>.py:<line>``: click looks
them up through the standard library's global gettext, which borderdesk.i18n points at our
catalog (``use_for_libraries``). Compiled .mo files are never written here.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import click
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "src" / "borderdesk"
TRANSLATIONS = ROOT / "translations"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}
# click's modules do `from gettext import gettext as _, ngettext`.
CLICK_SOURCE = Path(click.__file__).resolve().parent
CLICK_KEYWORDS = {"_": None, "ngettext": (1, 2)}
LANGUAGES = ("ru", "en")


def extract() -> Catalog:
    catalog = Catalog(project="BorderDesk", domain="borderdesk", charset="utf-8")
    for filename, lineno, message, comments, context in extract_from_dir(
        SOURCE, method_map=[("**.py", "python")], keywords=KEYWORDS, comment_tags=("TRANSLATORS:",)
    ):
        catalog.add(
            message,
            None,
            [(f"src/borderdesk/{filename}", lineno)],
            auto_comments=comments,
            context=context,
        )
    for filename, lineno, message, comments, context in extract_from_dir(
        CLICK_SOURCE, method_map=[("**.py", "python")], keywords=CLICK_KEYWORDS
    ):
        catalog.add(
            message,
            None,
            [(f"click/{filename}", lineno)],
            auto_comments=comments,
            context=context,
        )
    return catalog


def po_path(lang: str) -> Path:
    return TRANSLATIONS / lang / "LC_MESSAGES" / "borderdesk.po"


def load(lang: str) -> Catalog:
    path = po_path(lang)
    if not path.exists():
        return Catalog(locale=lang, domain="borderdesk", project="BorderDesk")
    with path.open("rb") as fh:
        return read_po(fh, locale=lang)


def save(catalog: Catalog, path: Path, *, omit_header: bool = False) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as fh:
        write_po(
            fh,
            catalog,
            width=100,
            sort_output=True,
            omit_header=omit_header,
            include_previous=False,
        )


def missing_russian(template: Catalog) -> list[str]:
    ru = load("ru")
    missing = []
    for message in template:
        if not message.id:
            continue
        found = ru.get(message.id, context=message.context)
        if (
            found is None
            or not found.string
            or found.fuzzy
            or (isinstance(found.string, tuple) and not all(found.string))
        ):
            missing.append(message.id if isinstance(message.id, str) else message.id[0])
    return missing


def update(template: Catalog) -> None:
    save(template, TRANSLATIONS / "borderdesk.pot")
    for lang in LANGUAGES:
        catalog = load(lang)
        catalog.update(template, no_fuzzy_matching=True)
        catalog.obsolete.clear()
        if lang == "en":
            # English is the source language: every entry translates to itself.
            for message in catalog:
                if isinstance(message.id, tuple):
                    if not all(message.string or ()):
                        message.string = message.id
                elif message.id and not message.string:
                    message.string = message.id
        save(catalog, po_path(lang))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    template = extract()
    if args.check:
        missing = missing_russian(template)
        for msgid in missing:
            print(f"no Russian translation: {msgid!r}")
        return 1 if missing else 0
    update(template)
    print(f"{len(template)} messages; Russian missing: {len(missing_russian(template))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
