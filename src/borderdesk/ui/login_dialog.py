"""The login window: user name and password, checked by ``auth.login`` off the GUI thread."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from borderdesk import i18n
from borderdesk.i18n import _
from borderdesk.ui.operations import run_op
from borderdesk.ui.widgets import LANGUAGE_NAMES, MessageLabel, heading_font, on_retranslate

if TYPE_CHECKING:
    # Only for hints: the window shows before the database layer is even imported.
    from borderdesk.services.access.permissions import Actor
    from borderdesk.services.site.database import Database
    from borderdesk.services.site.sites import SiteInfo


class LoginDialog(QDialog):
    """Accepted once a user logged in; ``actor`` is then the logged-in user.

    ``db`` may come later (``set_database``): the window shows first, so the user sees
    it at once while the database opens behind it.
    """

    def __init__(
        self, db: Database | None, site: SiteInfo | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("login_dialog")
        self.db = db
        self.site = site
        self.actor: Actor | None = None

        self.title = QLabel("BorderDesk", self)
        heading_font(self.title, scale=1.8)
        self.site_label = QLabel(self)
        self.site_label.setObjectName("site")
        self.site_label.setWordWrap(True)

        self.username = QLineEdit(self)
        self.username.setObjectName("username")
        self.password = QLineEdit(self)
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.Password)
        self.username_label, self.password_label = QLabel(self), QLabel(self)
        form = QFormLayout()
        form.setVerticalSpacing(10)
        form.addRow(self.username_label, self.username)
        form.addRow(self.password_label, self.password)

        self.message = MessageLabel(self)
        self.language = QComboBox(self)
        self.language.setObjectName("language")
        for code, name in LANGUAGE_NAMES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(self.language.findData(i18n.current_language()))
        self.language.currentIndexChanged.connect(self._language_chosen)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Cancel, self)
        # Our own button: Qt retranslates standard buttons and would undo "Log in".
        self.ok_button = self.buttons.addButton("", QDialogButtonBox.AcceptRole)
        self.ok_button.setObjectName("log_in")
        self.ok_button.setDefault(True)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.language)
        bottom.addStretch(1)
        bottom.addWidget(self.buttons)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 20)
        layout.setSpacing(12)
        layout.addWidget(self.title)
        layout.addWidget(self.site_label)
        layout.addSpacing(6)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addLayout(bottom)
        self.setMinimumWidth(440)
        self.username.setFocus(Qt.OtherFocusReason)
        self.ok_button.setEnabled(db is not None)
        on_retranslate(self)

    def set_database(self, db: Database, site: SiteInfo | None) -> None:
        self.db, self.site = db, site
        self.ok_button.setEnabled(True)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Log in"))  # Qt appends the application name, "BorderDesk"
        if self.site is not None:
            self.site_label.setText(
                _("{name} ({code})").format(name=self.site.name, code=self.site.code)
            )
        self.username_label.setText(_("User name"))
        self.password_label.setText(_("Password"))
        self.ok_button.setText(_("Log in"))
        self.language.blockSignals(True)
        self.language.setCurrentIndex(self.language.findData(i18n.current_language()))
        self.language.blockSignals(False)

    def _language_chosen(self) -> None:
        i18n.set_language(self.language.currentData())

    def submit(self) -> None:
        username = self.username.text().strip().lower()
        password = self.password.text()
        if not username:
            self.message.show_message(_("Enter your user name."))
            self.grow_to_content()
            self.username.setFocus()
            return
        if self.db is None:
            return  # still opening the database; the button is disabled meanwhile
        from borderdesk.services import cases
        from borderdesk.services.access import auth

        self.message.clear_message()
        self.ok_button.setEnabled(False)
        db = self.db

        def log_in() -> Actor:
            actor = auth.login(db, username=username, password=password)
            # Deemed acceptances due since the last login are recorded (a write of its own).
            cases.apply_silence(db, actor=actor)
            return actor

        run_op(
            self,
            log_in,
            self._logged_in,
            self._failed,
        )

    def _logged_in(self, actor: Actor) -> None:
        self.actor = actor
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.ok_button.setEnabled(True)
        self.password.clear()
        self.password.setFocus()
        self.message.show_error(exc)
        self.grow_to_content()

    def grow_to_content(self) -> None:
        """Make room for a message that appeared (two lines of it squeezed the fields)."""
        layout = self.layout()
        layout.activate()
        width = self.width()
        needed = (
            layout.totalHeightForWidth(width)
            if layout.hasHeightForWidth()
            else layout.totalSizeHint().height()
        )
        if needed > self.height():
            self.resize(width, needed)
