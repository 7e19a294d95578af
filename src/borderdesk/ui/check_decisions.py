"""The dialogs a decision on the Document check page may need before it is recorded.

Admit on a red verdict asks first; Refuse (F6) asks for the legal ground; Detain (F8)
opens the apprehension case prefilled from the check. Kept apart from the page's layout
and scanning (``check_page``); the page mixes this in.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from borderdesk.i18n import _
from borderdesk.ui.dialogs.detain_case import DetainCaseDialog, DetentionSource
from borderdesk.ui.dialogs.refusal_ground import RefusalGroundDialog


class DecisionDialogs:
    """Mixed into ``CheckPage``: ``self`` is the page (its outcome, note, MRZ field, the
    strip of the last check, ``_record`` and ``new_check``)."""

    ground_dialog: RefusalGroundDialog | None = None
    detain_dialog: DetainCaseDialog | None = None
    confirm_box: QMessageBox | None = None

    def _ask_ground(self) -> None:
        """F6: the legal ground first; the refusal is recorded with it on OK."""
        dialog = RefusalGroundDialog(self)
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._record("refuse", ground=dialog.ground))
        dialog.rejected.connect(self._back_to_the_check)
        dialog.destroyed.connect(lambda *_args: setattr(self, "ground_dialog", None))
        self.ground_dialog = dialog
        dialog.open()

    def _open_detain_dialog(self) -> None:
        """F8: the apprehension case prefilled from this check, for the officer to confirm."""
        outcome = self.outcome
        assert outcome is not None
        source = DetentionSource.of_outcome(outcome, self.context.site.timezone, self.note.text())
        dialog = DetainCaseDialog(self.context, source, self)
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result: self._detain_finished(dialog))
        dialog.destroyed.connect(lambda *_args: setattr(self, "detain_dialog", None))
        self.detain_dialog = dialog
        dialog.open()

    def _detain_finished(self, dialog: DetainCaseDialog) -> None:
        # Recorded even when the case then failed and the officer closed the dialog.
        if dialog.recorded is None:
            self._back_to_the_check()
            return
        self.last.show_record(dialog.recorded.check)
        if dialog.case is not None:
            self.last.case_opened(dialog.case)
        self.new_check()

    def _back_to_the_check(self) -> None:
        """A dialog closed without a decision: the same check, the keys ready again."""
        self.window().activateWindow()
        self.mrz.setFocus()

    def _confirm_admit(self) -> None:
        box = QMessageBox(
            QMessageBox.Warning,
            _("Admit despite the alert?"),
            _("The check found an alert. Admit this person all the same?"),
            QMessageBox.Yes | QMessageBox.No,
            self,
        )
        box.setObjectName("confirm_admit")
        box.setDefaultButton(QMessageBox.No)
        box.setAttribute(Qt.WA_DeleteOnClose)
        box.finished.connect(
            lambda result: self._record("admit") if result == QMessageBox.Yes else None
        )
        self.confirm_box = box
        box.open()
