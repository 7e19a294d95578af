"""A broken audit chain shows the administrator a banner in the main window, in the
user's language, and nothing crashes: not the login, not the window, not its pages."""

from __future__ import annotations

import sqlite3

import pytest

from borderdesk import i18n

EXPECTED = {
    "ru": "Внимание: журнал аудита, возможно, подделан",
    "en": "Warning: the audit log may have been tampered with",
}
MOVED = {"ru": "сдвинута назад", "en": "moved back"}
VERIFY = {"ru": "«borderdesk audit verify»", "en": "'borderdesk audit verify'"}


def _move_head_back(db) -> None:
    """The head points at an older entry: the tail was cut or the head moved by hand."""
    with sqlite3.connect(db.path) as raw:
        seq, digest = raw.execute(
            "SELECT seq, hash FROM audit_entry ORDER BY seq DESC LIMIT 1 OFFSET 1"
        ).fetchone()
        raw.execute(
            "UPDATE local_setting SET value = ? WHERE key = 'audit_head'",
            (f"{seq}:{digest.hex()}",),
        )


@pytest.fixture
def language():
    yield i18n.set_language
    i18n.set_language("en")


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_banner_names_the_broken_head(make_window, db, wait_idle, language, lang):
    language(lang)
    window = make_window("admin")  # logs in: the login itself must still work
    assert not window.integrity_banner.text()  # an intact log: no banner
    window.close()
    _move_head_back(db)
    window = make_window("admin")
    text = window.integrity_banner.text()
    assert text.startswith(EXPECTED[lang]), text
    assert MOVED[lang] in text and VERIFY[lang] in text
    for key in window.nav_keys():  # every page still opens under the banner
        window.show_page(key)
        wait_idle()
    assert window.integrity_banner.text() == text


def test_only_those_who_verify_the_log_see_it(make_window, db, language):
    language("en")
    _move_head_back(db)
    assert make_window("petrova").integrity_banner.text().startswith(EXPECTED["en"])
    assert make_window("ivanov").integrity_banner.text() == ""
