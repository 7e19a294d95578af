"""``MessageLabel.show_error``: the one way a widget shows an error."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QMessageBox, QVBoxLayout, QWidget

from borderdesk.errors import BorderDeskError
from borderdesk.ui.widgets import MessageLabel


def _form(qtbot) -> tuple[QWidget, MessageLabel]:
    form = QWidget()
    qtbot.addWidget(form)
    label = MessageLabel(form)
    QVBoxLayout(form).addWidget(label)
    form.show()
    return form, label


def test_a_borderdesk_error_shows_its_message_inline_and_nothing_else(app, qtbot, caplog):
    form, label = _form(qtbot)
    with caplog.at_level(logging.ERROR):
        label.show_error(BorderDeskError("Нет такого дела."))
    assert label.isVisible() and label.text() == "Нет такого дела."
    assert label.kind == MessageLabel.ERROR
    assert form.findChild(QMessageBox, "error_box") is None
    assert not caplog.records


def test_a_bug_is_logged_boxed_and_named_inline(app, qtbot, caplog):
    form, label = _form(qtbot)
    try:
        {}["missing"]
    except KeyError as exc:
        bug = exc
    with caplog.at_level(logging.ERROR):
        label.show_error(bug)
    assert label.isVisible() and label.kind == MessageLabel.ERROR
    assert "KeyError" in label.text() and "missing" not in label.text()
    box = form.findChild(QMessageBox, "error_box")
    assert box is not None and box.isVisible() and "KeyError" in box.text()
    [record] = caplog.records
    assert record.exc_info is not None and record.exc_info[1] is bug
