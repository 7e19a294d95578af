"""Backups (supervisors, administrators): a consistent copy of the database to a chosen file."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from borderdesk.i18n import _
from borderdesk.services.site import backup as backups
from borderdesk.ui.operations import run_op
from borderdesk.ui.pages import Page, PageContext
from borderdesk.ui.widgets import MessageLabel, on_retranslate


class BackupsPage(Page):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.explanation = QLabel(self)
        self.explanation.setWordWrap(True)
        # Backups are encrypted: the passphrase is asked here, never stored.
        self.passphrase = QLineEdit(self)
        self.passphrase.setObjectName("backup_passphrase")
        self.passphrase.setEchoMode(QLineEdit.Password)
        self.backup_button = QPushButton(self)
        self.backup_button.setObjectName("make_backup")
        self.backup_button.clicked.connect(self.make_backup)
        self.message = MessageLabel(self)
        self.message.setObjectName("backup_result")
        row = QHBoxLayout()
        row.addWidget(self.passphrase, 1)
        row.addWidget(self.backup_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.explanation)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addStretch(1)
        on_retranslate(self)

    def retranslate(self) -> None:
        self.explanation.setText(
            _(
                "A backup is a complete, consistent copy of this database, made while the "
                "program runs. Keep it on another disk; each backup is recorded in the audit log."
            )
        )
        self.backup_button.setText(_("Make a backup…"))
        self.passphrase.setPlaceholderText(_("Passphrase for the backup file"))

    def suggested_name(self) -> str:
        stamp = datetime.now(ZoneInfo(self.context.site.timezone)).strftime("%Y-%m-%d-%H%M")
        return f"borderdesk-{self.context.site.code}-{stamp}.bdbackup"

    def choose_file(self) -> Path | None:
        """Ask where to write the copy (a method of its own so tests can answer it)."""
        current = self.context.db.path
        folder = Path(current).parent if current else Path.home()
        name, _filter = QFileDialog.getSaveFileName(
            self,
            _("Save the backup as"),
            str(folder / self.suggested_name()),
            _("BorderDesk backups (*.bdbackup);;All files (*)"),
        )
        return Path(name) if name else None

    def make_backup(self) -> None:
        passphrase = self.passphrase.text()
        if not passphrase:
            self.message.show_message(_("Enter a passphrase: the backup is encrypted with it."))
            self.passphrase.setFocus()
            return
        out = self.choose_file()
        if out is None:
            return
        context = self.context
        self.backup_button.setEnabled(False)
        self.message.show_message(_("Making the backup…"), MessageLabel.INFO)
        run_op(
            self,
            lambda: backups.backup(context.db, actor=context.actor, out=out, passphrase=passphrase),
            self._done,
            self._failed,
        )

    def _done(self, out: Path) -> None:
        self.backup_button.setEnabled(True)
        self.message.show_message(_("Backup saved: {path}").format(path=out), MessageLabel.OK)

    def _failed(self, exc: BaseException) -> None:
        self.backup_button.setEnabled(True)
        self.message.show_error(exc)
