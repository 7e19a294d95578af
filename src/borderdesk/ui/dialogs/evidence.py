"""A means of evidence for a case: proof or presumption, its type from the agreement's
own lists, a description, and a scan of the document (stored with its SHA-256)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
)

from borderdesk.domain.reference import agreement_name
from borderdesk.errors import BorderDeskError
from borderdesk.i18n import _
from borderdesk.services import cases
from borderdesk.services.cases.rows import CaseDetail
from borderdesk.services.site import reference
from borderdesk.ui.dialogs.service_dialog import ServiceDialog
from borderdesk.ui.pages import PageContext
from borderdesk.ui.widgets import on_retranslate

SUBJECT_ROLE = Qt.UserRole + 1
KINDS = ("proof", "presumption")


def kind_text(kind: str) -> str:
    return _("proof") if kind == "proof" else _("presumption")


def subject_text(subject: str) -> str:
    return _("nationality") if subject == "nationality" else _("transit")


class EvidenceDialog(ServiceDialog):
    """OK adds the evidence (``cases.add_evidence``); ``result`` is the new evidence row."""

    def __init__(self, context: PageContext, case: CaseDetail, parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(context, parent)
        self.setObjectName("evidence_dialog")
        self.case = case
        self.setMinimumWidth(580)
        self.kind = QComboBox(self)
        self.kind.setObjectName("evidence_kind")
        for kind in KINDS:
            self.kind.addItem("", kind)
        self.evidence_type = QComboBox(self)
        self.evidence_type.setObjectName("evidence_type")
        self.evidence_type.setMinimumContentsLength(40)
        self.evidence_type.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.description = QLineEdit(self)
        self.description.setObjectName("description")
        self.scan = QLineEdit(self)
        self.scan.setObjectName("scan_path")
        self.scan.setClearButtonEnabled(True)
        self.browse = QPushButton(self)
        self.browse.setObjectName("browse_scan")
        scan_row = QHBoxLayout()
        scan_row.addWidget(self.scan, 1)
        scan_row.addWidget(self.browse)
        self.unlisted = QLabel(self)
        self.unlisted.setWordWrap(True)
        self.unlisted.hide()
        self.labels = [QLabel(self) for _i in range(4)]
        self.form.addRow(self.labels[0], self.kind)
        self.form.addRow(self.labels[1], self.evidence_type)
        self.form.addRow("", self.unlisted)
        self.form.addRow(self.labels[2], self.description)
        self.form.addRow(self.labels[3], scan_row)
        self.kind.currentIndexChanged.connect(self._fill_types)
        self.browse.clicked.connect(self.choose_scan)
        on_retranslate(self)

    def retranslate(self) -> None:
        self.setWindowTitle(_("Add evidence to {number}").format(number=self.case.case_number))
        for i in range(self.kind.count()):
            self.kind.setItemText(i, kind_text(self.kind.itemData(i)))
        for label, text in zip(
            self.labels, (_("Kind"), _("Type"), _("Description"), _("Scan")), strict=True
        ):
            label.setText(text)
        self.description.setPlaceholderText(_("e.g. number, issuing authority, date"))
        self.scan.setPlaceholderText(_("Optional: an image or PDF of the document"))
        self.browse.setText(_("Choose file…"))
        self.unlisted.setText(
            _("{agreement} has no list of evidence on file: type the means of evidence.").format(
                agreement=agreement_name(self.case.agreement_id)
            )
        )
        self._fill_types()

    def _fill_types(self) -> None:
        """The agreement's types of the chosen kind, by subject (nationality, transit)."""
        kind = self.kind.currentData()
        current = self.evidence_type.currentText()
        try:
            lists = reference.evidence_choices(
                actor=self.context.actor, agreement_id=self.case.agreement_id, kind=kind
            )
        except BorderDeskError as exc:
            self.message.show_error(exc)
            lists = {}
        self.evidence_type.clear()
        for subject, types in lists.items():
            for evidence_type in types:
                self.evidence_type.addItem(
                    f"{evidence_type} ({subject_text(subject)})"
                    if len(lists) > 1
                    else evidence_type,
                    evidence_type,
                )
                self.evidence_type.setItemData(
                    self.evidence_type.count() - 1, subject, SUBJECT_ROLE
                )
        self.evidence_type.setEditable(not lists)
        self.unlisted.setVisible(not lists)
        if not lists and current:
            self.evidence_type.setEditText(current)

    def choose_scan(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            _("Scan of the document"),
            self.scan.text() or str(Path.home()),
            _("Images and PDF (*.png *.jpg *.jpeg *.tif *.tiff *.pdf);;All files (*)"),
        )
        if path:
            self.scan.setText(path)

    def submit(self) -> None:
        index = self.evidence_type.currentIndex()
        listed = self.evidence_type.isEditable() is False
        evidence_type = (
            self.evidence_type.itemData(index) if listed else self.evidence_type.currentText()
        )
        subject = self.evidence_type.itemData(index, SUBJECT_ROLE) if listed else None
        if not (evidence_type or "").strip():
            self.problem(_("Give the type of evidence."))
            return
        scan = self.scan.text().strip() or None
        context, case_id = self.context, self.case.id
        kind, description = self.kind.currentData(), self.description.text()
        self.run(
            lambda: cases.add_evidence(
                context.db,
                actor=context.actor,
                case_id=case_id,
                kind=kind,
                evidence_type=evidence_type,
                description=description,
                scan_path=scan,
                subject=subject,
            )
        )
