"""Small pieces every window shares: the language signal, inline messages, error boxes.

An error reaches the user one way: ``MessageLabel.show_error(exc)`` under the form that
failed, or ``report_error(parent, exc)`` where there is no such label (the default of
``operations.run_op``). A ``BorderDeskError`` shows its one-line message; anything else
is a bug, logged with its traceback and shown as an unexpected error.

``i18n`` knows nothing about Qt. It calls plain listeners; one ``LanguageBridge``
re-emits the change as a Qt signal (the Electrum habit), so widgets connect to a
signal that Qt disconnects for them when they are destroyed.
"""

from __future__ import annotations

import logging

import shiboken6
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QWidget

from borderdesk import i18n
from borderdesk.errors import BorderDeskError
from borderdesk.i18n import _

log = logging.getLogger(__name__)


class LanguageBridge(QObject):
    """Turns ``i18n.on_language_change`` callbacks into the ``changed`` signal."""

    changed = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        i18n.on_language_change(self._announce)
        self.destroyed.connect(lambda: i18n.remove_language_listener(self._announce))

    def _announce(self, lang: str) -> None:
        self.changed.emit(lang)


_bridge: LanguageBridge | None = None


def language_bridge() -> LanguageBridge:
    """The one bridge for the running application (created on first use)."""
    global _bridge
    if _bridge is None:
        _bridge = LanguageBridge()
        app = QApplication.instance()
        if app is not None:
            _bridge.setParent(app)
    return _bridge


class _Retranslator(QObject):
    """A child of the widget: the connection dies with it, and no error reaches Qt."""

    def __init__(self, widget: QObject) -> None:
        super().__init__(widget)
        self._widget = widget

    def retranslate(self) -> None:
        try:
            self._widget.retranslate()  # type: ignore[attr-defined]
        except Exception:  # a broken catalog entry must not take the window down
            log.exception("retranslating %s failed", type(self._widget).__name__)


def on_retranslate(widget: QObject) -> None:
    """Call ``widget.retranslate()`` now and after every language switch.

    The connection goes to a child of ``widget``, so Qt drops it together with the
    widget: no listener outlives its window.
    """
    retranslator = _Retranslator(widget)
    retranslator.retranslate()
    language_bridge().changed.connect(retranslator.retranslate)


class MessageLabel(QLabel):
    """An inline message under a form: red for errors, green for success, hidden when empty."""

    ERROR = "error"
    OK = "ok"
    INFO = "info"

    _COLOURS = {ERROR: "#b00020", OK: "#1b6e20", INFO: "#444444"}

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.setObjectName("message")
        self.kind = ""
        self.hide()

    def show_message(self, text: str, kind: str = ERROR) -> None:
        self.kind = kind
        colour = self._COLOURS.get(kind, self._COLOURS[self.INFO])
        self.setStyleSheet(f"color: {colour}; font-weight: 600;")
        self.setText(text)
        self.setVisible(bool(text))

    def show_error(self, exc: BaseException) -> None:
        """A ``BorderDeskError``'s message inline; a bug also goes to ``report_error``."""
        if isinstance(exc, BorderDeskError):
            self.show_message(exc.message)
            return
        report_error(self, exc)
        self.show_message(unexpected_error_text(exc))

    def clear_message(self) -> None:
        self.kind = ""
        self.setText("")
        self.hide()


def show_error(parent: QWidget | None, message: str, *, title: str | None = None) -> QMessageBox:
    """A warning box that does not block the event loop (``open``, not ``exec``)."""
    box = QMessageBox(
        QMessageBox.Warning, title or _("BorderDesk"), message, QMessageBox.Ok, parent
    )
    box.setAttribute(Qt.WA_DeleteOnClose)
    box.setObjectName("error_box")
    box.open()
    return box


def report_error(parent: QWidget | None, exc: BaseException) -> None:
    """A box with the user's message, or, for a bug, a short note and the traceback logged."""
    if isinstance(exc, BorderDeskError):
        show_error(_alive(parent), exc.message)
        return
    log.error("unexpected error in an operation", exc_info=exc)
    show_error(_alive(parent), unexpected_error_text(exc))


def unexpected_error_text(exc: BaseException) -> str:
    """What a user reads about a bug: its kind, and that the traceback is in the log."""
    return _("Unexpected error ({kind}). The details were written to the log.").format(
        kind=type(exc).__name__
    )


def _alive(widget: QWidget | None) -> QWidget | None:
    return widget if widget is not None and shiboken6.isValid(widget) else None


#: Each language in its own name: the switch must be readable whatever is shown now.
LANGUAGE_NAMES = {"ru": "Русский", "en": "English"}


def heading_font(widget: QWidget, *, scale: float = 1.5) -> None:
    """Make ``widget`` a heading: larger and bold, relative to the application font."""
    font = widget.font()
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(True)
    widget.setFont(font)
