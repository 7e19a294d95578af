"""No English in the Russian UI, no Russian in the English UI.

On a demo database (every page has data), each role logs in, opens every page of the
main window and every dialog reachable from them (built from the demo's own records),
and every readable text is checked with the allowed-token rule of ``text_walk``.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QApplication, QWidget
from sqlalchemy import select
from text_walk import Text, data_words, visible_texts, wrong_language

from borderdesk import i18n
from borderdesk.services.access import auth
from borderdesk.services.demo.builder import DEMO_PASSWORD
from borderdesk.services.site.sites import this_site
from borderdesk.store.database import Database
from borderdesk.store.tables import IdentityDocument, Person
from borderdesk.ui.main_window import MainWindow
from borderdesk.ui.pages import PageContext
from borderdesk.ui.walk import Walker, typing_pages

pytestmark = pytest.mark.slow_module  # every page and dialog, four times: start it first

ROLES = ("officer", "centre", "supervisor", "admin")


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory) -> Path:
    from helpers import build_demo_file

    return build_demo_file(tmp_path_factory.mktemp("demo") / "demo.sqlite3", persons=120, seed=7)


@pytest.fixture
def demo_db(tmp_path, demo_template):
    path = tmp_path / "demo.sqlite3"
    shutil.copyfile(demo_template, path)
    database = Database.open(path=path)
    yield database
    QThreadPool.globalInstance().waitForDone(5000)
    database.dispose()


class Walk:
    """Collects the texts of one role's window and of every dialog it opens."""

    def __init__(self, wait_idle: Callable[[], None]) -> None:
        self.wait_idle = wait_idle
        self.texts: list[Text] = []

    def settle(self) -> None:
        self.wait_idle()
        QApplication.processEvents()
        self.wait_idle()

    def take(self, where: str, widget: QWidget) -> None:
        self.texts.extend(Text(f"{where} / {t.where}", t.text) for t in visible_texts(widget))


def walk_role(role: str, db: Database, qtbot, wait_idle) -> Walk:
    actor = auth.login(db, username=role, password=DEMO_PASSWORD)
    window = MainWindow(PageContext(db=db, actor=actor, site=this_site(db)), idle_timeout_ms=0)
    qtbot.addWidget(window)
    window.show()
    walk = Walk(wait_idle)

    with db.read() as session:
        mrz = session.execute(select(IdentityDocument.mrz).limit(1)).scalar_one()
        surname = session.execute(select(Person.surname).limit(1)).scalar_one()

    walker = Walker(walk.settle, walk.take, prepare_page=typing_pages(mrz, surname))
    walker.walk_window(window, role)
    walk.texts.extend(Text(failure, "[opening failed]") for failure in walker.failures)
    window.close()
    return walk


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("lang", ["ru", "en"])
def test_no_words_of_the_other_language(role, lang, demo_db, demo_template, app, qtbot, wait_idle):
    i18n.set_language(lang)
    walk = walk_role(role, demo_db, qtbot, wait_idle)
    assert not [t for t in walk.texts if t.text == "[opening failed]"], walk.texts[-3:]
    assert len(walk.texts) > 200  # the walk reached the pages' contents
    found = wrong_language(walk.texts, lang, data_words(demo_db.path or demo_template))
    report = os.environ.get("BORDERDESK_WALK_REPORT")
    if report:  # the list of findings, for fixing them
        with open(report, "a", encoding="utf-8") as out:
            out.write("\n".join(found) + "\n")
    assert found == [], "\n".join(found)


def test_the_rule_finds_english_but_not_names():
    from text_walk import english_words, russian_words

    allowed = {"hasanov", "hurshed", "rahman", "orb", "demo"}
    for text in (
        "own_national",
        "entry refuse",
        "Valid",
        "Пол: M/F",
        "RU-KZ (own_national)",
        "Соглашение RU-KZ",
    ):
        assert english_words(text, allowed), text
    for text in (
        "Hasanov Hurshed, KAZ",
        "P<BGDRAHMAN<<MIZANUR<<<<<<<<",
        "Протокол ORB-DEMO-2026-000012",
        "1 450 RUB в сутки",
        "Койка 3-B",
        "Закон № 344-V",
        "H. Hasanov",
        "Alt+1, Alt+2… открывают разделы; Ctrl+F — поиск",
        "Подразделение: Пограничное управ…ргской области",
        "«Uzbekistan Daily», 4 июля 2007 г.",
    ):
        assert english_words(text, allowed) == [], text
    assert russian_words("Stay of ХАСАНОВ", {"хасанов"}) == []
    assert russian_words("Пол: male", set()) == ["Пол"]


def test_the_rule_finds_machine_dates():
    from text_walk import iso_leftovers

    assert iso_leftovers("Дата рождения: 1961-10-04") == ["1961-10-04"]
    assert iso_leftovers("born 1961-10-??, KAZ") == ["1961-10-??"]
    assert iso_leftovers("Время: 14:20 UTC") == ["14:20 UTC"]
    assert iso_leftovers("2026-12 в сравнении с 2026-11") == ["2026-12", "2026-11"]
    for text in ("04.10.1961", "04 Oct 1961", "ORB-DEMO-2026-000012", "/tmp/2026-03-05/a.pdf"):
        assert iso_leftovers(text) == [], text
