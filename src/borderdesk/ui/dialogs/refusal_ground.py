"""Refuse entry (F6): the officer chooses the legal ground before the refusal is recorded.

The grounds are data (``resources/refusal_grounds.toml``: the text in both languages
and the legal source, e.g. 114-FZ art. 27 item 2). Nothing is recorded here: OK
hands the chosen code back to the check page, which records the refusal with it.
Arrow keys choose, Enter confirms, Esc goes back to the check without a decision.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from borderdesk.domain.refusal_grounds import RefusalGround, refusal_grounds
from borderdesk.i18n import _, current_language
from borderdesk.ui.widgets import MessageLabel, on_retranslate

CODE_ROLE = Qt.UserRole


class GroundList(QListWidget):
    """The first arrow key chooses the row the focus shows (Qt marks the first row
    current, unselected, on focus: a plain list would skip it and choose the second)."""

    def keyPressEvent(self, event):  # type: ignore[no-untyped-def]  # noqa: N802
        current = self.currentRow()
        unchosen = current >= 0 and not self.item(current).isSelected()
        if unchosen and event.key() in (Qt.Key_Down, Qt.Key_Up):
            self.setCurrentRow(current)
            self.item(current).setSelected(True)
            event.accept()
            return
        super().keyPressEvent(event)


class RefusalGroundDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("refusal_ground_dialog")
        self.setMinimumWidth(640)
        self.grounds: tuple[RefusalGround, ...] = refusal_grounds()
        self.prompt = QLabel(self)
        self.prompt.setWordWrap(True)
        self.list = GroundList(self)
        self.list.setObjectName("grounds")
        self.list.setWordWrap(True)
        self.list.setMinimumHeight(260)
        for ground in self.grounds:
            item = QListWidgetItem()
            item.setData(CODE_ROLE, ground.code)
            self.list.addItem(item)
        self.unverified = QLabel(self)
        self.unverified.setObjectName("grounds_unverified")
        self.unverified.setWordWrap(True)
        self.unverified.setStyleSheet("color: #6d4c41;")
        self.unverified.setVisible(any(not g.verified for g in self.grounds))
        self.message = MessageLabel(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.prompt)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.unverified)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.list.itemSelectionChanged.connect(self._chosen_changed)
        on_retranslate(self)
        self._chosen_changed()
        self.list.setFocus()

    @property
    def ok_button(self):  # type: ignore[no-untyped-def]
        return self.buttons.button(QDialogButtonBox.Ok)

    def retranslate(self) -> None:
        lang = current_language()
        self.setWindowTitle(_("Refuse entry: legal ground"))
        self.prompt.setText(_("Choose the legal ground of the refusal (↑ ↓, then Enter):"))
        for row, ground in enumerate(self.grounds):
            self.list.item(row).setText(ground.label(lang))
        self.unverified.setText(
            _(
                "The legal sources of these grounds are not yet confirmed against the "
                "current text of the law."
            )
        )
        self.ok_button.setText(_("Record the refusal"))

    @property
    def ground(self) -> str | None:
        """The chosen ground's code (None until one is chosen)."""
        item = self.list.currentItem()
        return item.data(CODE_ROLE) if item is not None and item.isSelected() else None

    def choose(self, code: str) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).data(CODE_ROLE) == code:
                self.list.setCurrentRow(row)

    def _chosen_changed(self) -> None:
        self.message.clear_message()
        self.ok_button.setEnabled(self.ground is not None)

    def submit(self) -> None:
        if self.ground is None:
            self.message.show_message(_("Choose the legal ground first."))
            return
        self.accept()
