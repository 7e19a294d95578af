"""Catalogs: every message translated into Russian and present in English, placeholders kept."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pytest

from borderdesk import i18n
from borderdesk.domain import countries

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import catalogs  # noqa: E402

PLACEHOLDER = re.compile(r"\{[^{}]*\}|%\([a-z_]+\)[sd]|%[sd]")


def _placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


@pytest.fixture(scope="module")
def template():
    return catalogs.extract()


def _ids(message) -> list[str]:
    return list(message.id) if isinstance(message.id, tuple) else [message.id]


def _strings(message) -> list[str]:
    return list(message.string) if isinstance(message.string, tuple) else [message.string]


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_every_message_is_in_the_catalog(template, lang):
    catalog = catalogs.load(lang)
    missing = [
        m.id
        for m in template
        if m.id
        and (
            (found := catalog.get(m.id, context=m.context)) is None
            or found.fuzzy
            or not all(_strings(found))
        )
    ]
    assert not missing, f"{len(missing)} messages lack a {lang} translation, e.g. {missing[:5]}"


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_translations_keep_placeholders(lang):
    for message in catalogs.load(lang):
        if not message.id or not all(_strings(message)):
            continue
        per_id = [_placeholders(i) for i in _ids(message)]
        expected = set().union(*per_id)
        if all(p == per_id[0] for p in per_id):
            for text in _strings(message):
                assert _placeholders(text) == expected, (lang, message.id, text)
        else:
            # click's plurals name the count differently per form ("{choice}" / "{choices}")
            # and pass every name: each form may use any of them, together they use all.
            used = [_placeholders(text) for text in _strings(message)]
            assert all(u <= expected for u in used), (lang, message.id, message.string)
            assert set().union(*used) == expected, (lang, message.id, message.string)


def test_click_messages_are_in_the_catalogs(template):
    """click's own texts ("Usage:", "Missing option") are extracted from the installed click."""
    click_ids = {m.id for m in template if any(f.startswith("click/") for f, _ in m.locations)}
    assert {"Usage:", "Missing option", "Show this message and exit."} <= click_ids


def test_russian_is_the_default_and_english_switches():
    i18n.set_language("ru")
    russian = i18n._("No database given.")
    i18n.set_language("en")
    assert i18n._("No database given.") == "No database given."
    assert russian != "No database given."


def test_bilingual_label_has_both_languages():
    label = i18n.bilingual("No database given.")
    assert " / " in label and label.endswith("No database given.")


def test_formatters_follow_the_language():
    from datetime import UTC, date, datetime

    i18n.set_language("ru")
    assert "нояб" in i18n.format_date(date(2026, 11, 27))
    assert i18n.format_number(1234567) == "1\xa0234\xa0567"
    i18n.set_language("en")
    assert i18n.format_date(date(2026, 11, 27)) == "Nov 27, 2026"
    stamp = datetime(2026, 11, 27, 6, 30, tzinfo=UTC)
    assert "11:30" in i18n.format_datetime(stamp, tz="Asia/Yekaterinburg", fmt="short")
    assert countries.country_name("KAZ", "ru") == "Казахстан"
    assert countries.country_name("KAZ", "en") == "Kazakhstan"


def test_no_message_is_hidden_inside_an_f_string():
    """The extractor cannot see ``_("…")`` inside an f-string: such a text is never translated."""
    import ast

    hidden = []
    for path in sorted((ROOT / "src" / "borderdesk").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.JoinedStr):
                continue
            for sub in ast.walk(node):
                if (
                    isinstance(sub, ast.Call)
                    and isinstance(sub.func, ast.Name)
                    and sub.func.id in ("_", "N_", "ngettext", "pgettext")
                    and sub.args
                    and isinstance(sub.args[0], ast.Constant)  # a literal: what extraction needs
                ):
                    hidden.append(f"{path.relative_to(ROOT)}:{sub.lineno}")
    assert not hidden, "move these _() calls out of their f-strings:\n" + "\n".join(hidden)


def test_library_messages_fall_back_to_english_when_the_cache_is_read_only(monkeypatch, tmp_path):
    import gettext
    from pathlib import Path

    import platformdirs

    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")  # a file where the cache folder should go: mkdir fails
    monkeypatch.setattr(platformdirs, "user_cache_path", lambda *a, **k: Path(blocker))
    monkeypatch.delenv("LANGUAGE", raising=False)
    previous = gettext.textdomain()
    i18n.use_for_libraries("ru")  # no exception
    assert gettext.textdomain() == previous
    assert "LANGUAGE" not in os.environ


def test_library_messages_follow_the_language(monkeypatch, tmp_path):
    import gettext
    from pathlib import Path

    import platformdirs

    monkeypatch.setattr(platformdirs, "user_cache_path", lambda *a, **k: Path(tmp_path))
    monkeypatch.setenv("LANGUAGE", "")
    previous = gettext.textdomain()
    try:
        i18n.use_for_libraries("ru")
        assert list((tmp_path / "locale").glob("ru-*/ru/LC_MESSAGES/borderdesk.mo"))
        assert gettext.gettext("Usage:") == "Использование:"
        i18n.use_for_libraries("en")
        assert gettext.gettext("Usage:") == "Usage:"
    finally:
        gettext.textdomain(previous)


def test_the_catalog_is_read_without_a_writable_cache(monkeypatch):
    def no_cache(lang):
        raise PermissionError("read-only home")

    monkeypatch.setattr(i18n, "_compiled_catalogs_dir", no_cache)
    i18n.translations_for.cache_clear()
    try:
        assert i18n.translations_for("ru").gettext("No database given.") != ("No database given.")
    finally:
        i18n.translations_for.cache_clear()


def test_compiled_catalogs_are_keyed_by_the_po_file(monkeypatch, tmp_path):
    """Two checkouts (or an edited .po) never share a compiled catalog."""
    import shutil
    from pathlib import Path

    import platformdirs

    cache = tmp_path / "cache"
    monkeypatch.setattr(platformdirs, "user_cache_path", lambda *a, **k: Path(cache))
    first = i18n._compiled_catalogs_dir("ru")
    assert first == i18n._compiled_catalogs_dir("ru")  # the same file: the same compiled copy

    other = tmp_path / "checkout" / "translations"
    shutil.copytree(i18n.translations_dir(), other)
    po = other / "ru" / "LC_MESSAGES" / "borderdesk.po"
    po.write_text(
        po.read_text(encoding="utf-8").replace(
            'msgstr "Использование:"', 'msgstr "Использование (другая копия):"'
        ),
        encoding="utf-8",
    )
    monkeypatch.setattr(i18n, "translations_dir", lambda: other)
    second = i18n._compiled_catalogs_dir("ru")
    assert second != first
    import gettext

    mo = second / "ru" / "LC_MESSAGES" / "borderdesk.mo"
    with mo.open("rb") as fh:
        assert gettext.GNUTranslations(fh).gettext("Usage:") == "Использование (другая копия):"


def test_a_time_zone_is_named_by_its_city_and_offset():
    from datetime import UTC, datetime

    winter = datetime(2026, 1, 15, 12, 0, tzinfo=UTC)
    assert i18n.format_zone("Asia/Yekaterinburg", lang="ru", at=winter) == "Екатеринбург (UTC+5)"
    assert i18n.format_zone("Asia/Yekaterinburg", lang="en", at=winter) == "Yekaterinburg (UTC+5)"
    assert i18n.format_zone("Europe/Moscow", lang="ru", at=winter) == "Москва (UTC+3)"
    assert i18n.format_zone("Asia/Kolkata", lang="en", at=winter) == "Kolkata (UTC+5:30)"
    assert i18n.format_zone("UTC", lang="ru", at=winter) == "UTC"
    assert i18n.format_zone("Mars/Olympus", lang="ru") == "Mars/Olympus"


def test_sums_of_money_have_their_digits_grouped():
    from decimal import Decimal

    assert i18n.format_amount(Decimal("12450"), "RUB", lang="ru") == "12\xa0450 RUB"
    assert i18n.format_amount(Decimal("3000.50"), "KZT", lang="ru") == "3\xa0000,50 KZT"
    assert i18n.format_amount(Decimal("3000.50"), "KZT", lang="en") == "3,000.50 KZT"
    assert i18n.format_amount(Decimal("1450.00"), lang="en") == "1,450"
    assert i18n.format_amount("not a number", "RUB") == "not a number RUB"
