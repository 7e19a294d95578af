"""Switching the language from the menu retranslates the whole open window, Qt's strings too.

The Russian catalog may still be empty, so the test plants a marked "Russian" one:
every text that went through ``_()`` while Russian was on starts with ``[ru]``. After
the switch no visible text may keep the mark.
"""

from __future__ import annotations

import gettext

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QWidget,
)

from borderdesk import i18n
from borderdesk.i18n import _
from borderdesk.ui.app import install_qt_translations

MARK = "[ru] "


class MarkedRussian(gettext.NullTranslations):
    def gettext(self, message):
        return MARK + message

    def ngettext(self, singular, plural, n):
        return MARK + (singular if n == 1 else plural)


@pytest.fixture
def marked_russian(monkeypatch):
    real = i18n.translations_for

    def translations_for(lang):
        return MarkedRussian() if lang == "ru" else real(lang)

    monkeypatch.setattr(i18n, "translations_for", translations_for)


def visible_texts(top: QWidget) -> list[str]:
    """Every text a user can read in ``top``: labels, buttons, menus, lists, headers."""
    texts = [top.windowTitle()]
    for widget in [top, *top.findChildren(QWidget)]:
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append(widget.text())
        elif isinstance(widget, QLineEdit):
            texts.append(widget.placeholderText())
        elif isinstance(widget, QGroupBox | QMenu):
            texts.append(widget.title())
        elif isinstance(widget, QComboBox):
            texts.extend(widget.itemText(i) for i in range(widget.count()))
        if isinstance(widget, QListWidget):
            texts.extend(widget.item(i).text() for i in range(widget.count()))
        elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            texts.extend(
                str(model.headerData(c, Qt.Horizontal)) for c in range(model.columnCount())
            )
    texts.extend(action.text() for action in top.findChildren(QAction))
    return [t for t in texts if t]


def test_menu_switch_retranslates_everything(marked_russian, app, make_window, qtbot, wait_idle):
    qt = install_qt_translations(app)
    window = make_window("admin")
    for key in window.nav_keys():
        window.show_page(key)
    wait_idle()
    users_page = window.pages["users"]
    qtbot.mouseClick(users_page.add_button, Qt.LeftButton)
    dialog = users_page.dialog
    cancel = "Отмена"

    ru = visible_texts(window) + visible_texts(dialog)
    assert window.windowTitle() == "Застава 7"  # the site's name; Qt adds "BorderDesk"
    assert all(window.nav.item(i).text().startswith(MARK) for i in range(window.nav.count()))
    assert window.title.text().startswith(MARK)
    assert qt.language.startswith("ru")
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == cancel
    assert window.language_actions["ru"].isChecked()

    window.language_actions["en"].trigger()
    assert i18n.current_language() == "en"
    en = visible_texts(window) + visible_texts(dialog)
    left_over = [text for text in en if MARK.strip() in text]
    assert left_over == []
    assert len(en) == len(ru)
    assert window.windowTitle() == "Застава 7"
    assert window.nav.item(0).text() == _("Overview")
    assert users_page.add_button.text() == _("Add user…")
    assert window.language_actions["en"].isChecked()
    # Qt's own strings follow: the Russian qtbase translator is gone.
    assert qt.language == "en"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"

    window.language_actions["ru"].trigger()
    assert window.windowTitle() == "Застава 7"  # the site's name; Qt adds "BorderDesk"
    assert users_page.add_button.text() == MARK + "Add user…"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == cancel


def test_login_dialog_switches_language(marked_russian, app, qtbot, db):
    from borderdesk.services.site.sites import this_site
    from borderdesk.ui.login_dialog import LoginDialog

    dialog = LoginDialog(db, this_site(db))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.ok_button.text() == MARK + "Log in"
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    assert i18n.current_language() == "en"
    assert not any(MARK.strip() in text for text in visible_texts(dialog))
