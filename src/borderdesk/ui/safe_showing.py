"""Names shown safely everywhere in the GUI: one application-wide event filter.

Stored data (a person's name, a scan's file name, a reason, a site's name from a sync
package) may hold a right-to-left override (``invoice\u202efdp.exe`` shows as
``invoiceexe.pdf``), other direction controls, C0/C1 controls or invisible characters.
Qt obeys them wherever the text is put on screen. The row tables show such characters
visibly already; this filter, installed on the QApplication when the GUI starts
(``ui.app.create_application``), does the same for what they do not cover:

- window titles (``WindowTitleChange``), message boxes (title, text, informative and
  detailed text, when shown);
- labels and buttons, including the status bar's permanent labels (before they paint);
- tooltips of widgets and of item views' cells (before they show);
- the status bar's messages and status tips.

The rule is :func:`borderdesk.domain.safe_text.shown_safely`, the one the command line,
the forms and the row tables use: ``<U+202E>`` instead of the character. Line breaks and
tabs stay in labels, tooltips and message texts; a title is one line.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QHelpEvent, QStatusTipEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QLabel,
    QMessageBox,
    QStatusBar,
    QToolTip,
    QWidget,
)

from borderdesk.domain.safe_text import has_unsafe_characters, shown_safely

# How long a status bar message rewritten here stays (Qt does not say how long the
# original had left): the longest BorderDesk shows.
STATUS_MESSAGE_MS = 15_000

_T = QEvent.Type
_WATCHED = frozenset({_T.WindowTitleChange, _T.Paint, _T.ToolTip, _T.Show, _T.StatusTip, _T.Polish})


def _safe_lines(text: str) -> str | None:
    """``text`` shown safely (keeping line breaks), or None when it is safe already."""
    if not text or not has_unsafe_characters(text.replace("\n", "").replace("\t", "")):
        return None
    return shown_safely(text, keep_lines=True)


class SafeShowing(QObject):
    """The application-wide filter (see the module's text); it never eats an event
    except a tooltip or status tip it shows safely itself."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        kind = event.type()
        if kind not in _WATCHED or not isinstance(watched, QWidget):
            return False
        if kind == _T.WindowTitleChange:
            self._title(watched)
        elif kind in (_T.Paint, _T.Polish):
            self._text(watched)
        elif kind == _T.Show and isinstance(watched, QMessageBox):
            self._message_box(watched)
        elif kind == _T.ToolTip and isinstance(event, QHelpEvent):
            return self._tooltip(watched, event)
        elif kind == _T.StatusTip and isinstance(event, QStatusTipEvent):
            safe = _safe_lines(event.tip())
            if safe is not None:
                QApplication.sendEvent(watched, QStatusTipEvent(safe))
                return True
        return False

    @staticmethod
    def _title(widget: QWidget) -> None:
        title = widget.windowTitle()
        if title and has_unsafe_characters(title):
            widget.setWindowTitle(shown_safely(title))  # safe now: no second change

    @staticmethod
    def _text(widget: QWidget) -> None:
        if isinstance(widget, QLabel | QAbstractButton):
            safe = _safe_lines(widget.text())
            if safe is not None:
                widget.setText(safe)
        elif isinstance(widget, QStatusBar):
            safe = _safe_lines(widget.currentMessage())
            if safe is not None:
                widget.showMessage(safe, STATUS_MESSAGE_MS)

    @staticmethod
    def _message_box(box: QMessageBox) -> None:
        SafeShowing._title(box)
        for text, setter in (
            (box.text(), box.setText),
            (box.informativeText(), box.setInformativeText),
            (box.detailedText(), box.setDetailedText),
        ):
            safe = _safe_lines(text)
            if safe is not None:
                setter(safe)

    @staticmethod
    def _tooltip(widget: QWidget, event: QHelpEvent) -> bool:
        view = widget.parent()
        if isinstance(view, QAbstractItemView) and widget is view.viewport():
            index = view.indexAt(event.pos())
            tip = index.data(Qt.ItemDataRole.ToolTipRole) if index.isValid() else None
            safe = _safe_lines(tip) if isinstance(tip, str) else None
            if safe is None:
                return False  # the view shows it as it is
            QToolTip.showText(event.globalPos(), safe, widget, view.visualRect(index))
            return True
        safe = _safe_lines(widget.toolTip())
        if safe is not None:
            widget.setToolTip(safe)  # Qt then shows the safe one
        return False


_installed: SafeShowing | None = None


def install_safe_showing(app: QApplication) -> SafeShowing:
    """Install the filter on ``app`` (once per process)."""
    global _installed
    if _installed is None:
        _installed = SafeShowing(app)
        app.installEventFilter(_installed)
    return _installed
