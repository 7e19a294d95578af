"""The idle lock: after some minutes without input the window hides behind a password screen.

One application-wide event filter restarts a single-shot timer on every keyboard
or mouse event. When it fires, a lock screen covers the main window, other open
windows are hidden, and all input except the lock screen's is swallowed until the
same user types their password again (checked by ``auth.login``, so failures count
towards the lockout like any other login).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from borderdesk.i18n import _
from borderdesk.services.access import auth
from borderdesk.services.access.permissions import Actor
from borderdesk.services.site.database import Database
from borderdesk.services.site.settings import settings
from borderdesk.ui.operations import run_op
from borderdesk.ui.widgets import MessageLabel, heading_font, on_retranslate

INPUT_EVENTS = frozenset(
    {
        QEvent.KeyPress,
        QEvent.KeyRelease,
        QEvent.MouseButtonPress,
        QEvent.MouseButtonRelease,
        QEvent.MouseButtonDblClick,
        QEvent.MouseMove,
        QEvent.Wheel,
        QEvent.TouchBegin,
        QEvent.TouchUpdate,
        QEvent.ShortcutOverride,
    }
)


def default_timeout_ms() -> int:
    return settings().security.idle_lock_minutes * 60_000


class LockScreen(QFrame):
    """Covers the whole main window; nothing of the data behind it shows through."""

    unlock_requested = Signal(str)
    quit_requested = Signal()

    def __init__(self, actor: Actor, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("lock_screen")
        self.actor = actor
        self.manual = False  # locked with File → Lock now, not after a time without input
        self.setAutoFillBackground(True)
        self.setStyleSheet(
            "#lock_screen { background: #2b3440; } #lock_panel { background: white;"
            " border-radius: 8px; }"
        )
        panel = QFrame(self)
        panel.setObjectName("lock_panel")
        panel.setFixedWidth(420)
        self.title = QLabel(panel)
        heading_font(self.title, scale=1.5)
        self.explanation = QLabel(panel)
        self.explanation.setWordWrap(True)
        self.password = QLineEdit(panel)
        self.password.setObjectName("unlock_password")
        self.password.setEchoMode(QLineEdit.Password)
        self.password.returnPressed.connect(self._submit)
        self.message = MessageLabel(panel)
        self.unlock_button = QPushButton(panel)
        self.unlock_button.setObjectName("unlock")
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self._submit)
        self.quit_button = QPushButton(panel)
        self.quit_button.setObjectName("quit")
        self.quit_button.clicked.connect(self.quit_requested)

        buttons = QHBoxLayout()
        buttons.addWidget(self.quit_button)
        buttons.addStretch(1)
        buttons.addWidget(self.unlock_button)
        inner = QVBoxLayout(panel)
        inner.setContentsMargins(28, 24, 28, 20)
        inner.setSpacing(12)
        inner.addWidget(self.title)
        inner.addWidget(self.explanation)
        inner.addWidget(self.password)
        inner.addWidget(self.message)
        inner.addLayout(buttons)

        # Stretches rather than an alignment flag: the wrapped text then gets its height.
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(panel)
        row.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
        self.hide()
        on_retranslate(self)

    def retranslate(self) -> None:
        self.title.setText(_("BorderDesk is locked"))
        who = self.actor.full_name or self.actor.username
        if self.manual:
            text = _("Locked by {who} ({user}): enter your password to go on.")
        else:
            text = _(
                "Locked after a time without input. {who} ({user}): enter your password to go on."
            )
        self.explanation.setText(text.format(who=who, user=self.actor.username))
        self.password.setPlaceholderText(_("Password"))
        self.unlock_button.setText(_("Unlock"))
        self.quit_button.setText(_("Quit BorderDesk"))

    def _submit(self) -> None:
        if self.unlock_button.isEnabled():
            self.unlock_requested.emit(self.password.text())


class IdleLock(QObject):
    """Locks ``window`` after ``timeout_ms`` without input (0: never)."""

    locked = Signal()
    unlocked = Signal()

    def __init__(
        self,
        window: QMainWindow,
        db: Database,
        actor: Actor,
        *,
        timeout_ms: int | None = None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.db = db
        self.actor = actor
        self.timeout_ms = default_timeout_ms() if timeout_ms is None else timeout_ms
        self.screen = LockScreen(actor, window)
        self.screen.unlock_requested.connect(self._try_unlock)
        self.screen.quit_requested.connect(window.close)
        self._hidden_windows: list[QWidget] = []
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setTimerType(Qt.PreciseTimer)
        self.timer.timeout.connect(self.lock)
        if self.timeout_ms > 0:
            self.timer.setInterval(self.timeout_ms)
            self.timer.start()
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self)

    @property
    def is_locked(self) -> bool:
        return self.screen.isVisible()

    def stop(self) -> None:
        """Stop watching (the window is closing)."""
        self.timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        kind = event.type()
        if kind in INPUT_EVENTS:
            if not self.is_locked:
                if self.timeout_ms > 0:
                    self.timer.start()
                return False
            # Locked: only the lock screen takes input. (QWindow events pass on to widgets.)
            if isinstance(watched, QWidget) and not (
                watched is self.screen or self.screen.isAncestorOf(watched)
            ):
                return True
        elif kind == QEvent.Resize and watched is self.window and self.is_locked:
            self.screen.setGeometry(self.window.rect())
        return False

    def lock(self, *, manual: bool = False) -> None:
        """Cover the window; ``manual``: the user locked it (the text says so)."""
        if self.is_locked:
            return
        self.timer.stop()
        self.screen.manual = manual
        self.screen.retranslate()
        self._hidden_windows = [
            w
            for w in QApplication.topLevelWidgets()
            if w.isVisible() and w is not self.window and self._belongs_to_window(w)
        ]
        for other in self._hidden_windows:
            other.hide()
        self.screen.password.clear()
        self.screen.message.clear_message()
        self.screen.unlock_button.setEnabled(True)
        self.screen.setGeometry(self.window.rect())
        self.screen.show()
        self.screen.raise_()
        self.screen.password.setFocus(Qt.OtherFocusReason)
        self.locked.emit()

    def _belongs_to_window(self, widget: QWidget) -> bool:
        """Dialogs, menus and message boxes opened from the main window (not other windows)."""
        parent = widget.parentWidget()
        if parent is None:
            return isinstance(widget, QDialog)  # a stray message box may show personal data
        while parent is not None:
            if parent is self.window:
                return True
            parent = parent.parentWidget()
        return False

    def _try_unlock(self, password: str) -> None:
        db, username = self.db, self.actor.username
        self.screen.unlock_button.setEnabled(False)
        run_op(
            self.screen,
            lambda: auth.login(db, username=username, password=password),
            lambda _actor: self.unlock(),
            self._refused,
        )

    def _refused(self, exc: BaseException) -> None:
        self.screen.unlock_button.setEnabled(True)
        self.screen.password.clear()
        self.screen.password.setFocus()
        self.screen.message.show_error(exc)

    def unlock(self) -> None:
        self.screen.hide()
        self.screen.password.clear()
        for other in self._hidden_windows:
            other.show()
        self._hidden_windows = []
        if self.timeout_ms > 0:
            self.timer.start()
        self.unlocked.emit()
