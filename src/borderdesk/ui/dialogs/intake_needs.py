"""The intake's medical screening and vulnerability: fit to travel, needs, medication,
who examined; minor, unaccompanied minor, pregnancy, disability, a family member
already in the centre. The vulnerability decides which beds suit the person."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from borderdesk.i18n import _
from borderdesk.services.centre import Medical, ResidentRow, Vulnerability
from borderdesk.ui.widgets import on_retranslate


class IntakeNeeds(QWidget):
    #: Something that changes which beds suit the person.
    profile_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.medical_box = QGroupBox(self)
        medical = QFormLayout(self.medical_box)
        self.fit = QComboBox(self)
        self.fit.setObjectName("fit_to_travel")
        for value in (None, True, False):
            self.fit.addItem("", value)
        self.needs = QLineEdit(self)
        self.needs.setObjectName("medical_needs")
        self.medication = QLineEdit(self)
        self.medication.setObjectName("medication")
        self.examiner = QLineEdit(self)
        self.examiner.setObjectName("examiner")
        self.medical_labels = [QLabel(self) for _i in range(4)]
        for label, field in zip(
            self.medical_labels, (self.fit, self.needs, self.medication, self.examiner), strict=True
        ):
            medical.addRow(label, field)

        self.vulnerability_box = QGroupBox(self)
        grid = QGridLayout(self.vulnerability_box)
        self.minor = QCheckBox(self)
        self.minor.setObjectName("minor")
        self.unaccompanied = QCheckBox(self)
        self.unaccompanied.setObjectName("unaccompanied_minor")
        self.pregnant = QCheckBox(self)
        self.pregnant.setObjectName("pregnant")
        self.disabled = QCheckBox(self)
        self.disabled.setObjectName("disabled")
        for i, box in enumerate((self.minor, self.unaccompanied, self.pregnant, self.disabled)):
            grid.addWidget(box, i // 2, i % 2)
            box.toggled.connect(self._changed)
        self.family_label = QLabel(self)
        self.family = QComboBox(self)
        self.family.setObjectName("family")
        self.family.addItem("", None)
        self.family.currentIndexChanged.connect(self._changed)
        grid.addWidget(self.family_label, 2, 0)
        grid.addWidget(self.family, 2, 1)
        grid.setColumnStretch(1, 1)

        layout = QVBoxLayout(self)
        layout.addWidget(self.medical_box)
        layout.addWidget(self.vulnerability_box)
        layout.addStretch(1)
        on_retranslate(self)

    def retranslate(self) -> None:
        self.medical_box.setTitle(_("Medical screening"))
        for label, text in zip(
            self.medical_labels,
            (_("Fit to travel"), _("Medical needs"), _("Medication"), _("Examined by")),
            strict=True,
        ):
            label.setText(text)
        for i, text in enumerate(
            (_("Not examined yet"), _("Fit to travel"), _("Not fit to travel"))
        ):
            self.fit.setItemText(i, text)
        self.vulnerability_box.setTitle(_("Vulnerability"))
        self.minor.setText(_("Minor"))
        self.minor.setToolTip(_("Left unticked, the date of birth decides."))
        self.unaccompanied.setText(_("Unaccompanied minor"))
        self.pregnant.setText(_("Pregnancy"))
        self.disabled.setText(_("Disability"))
        self.family_label.setText(_("Family member in the centre"))
        self.family.setItemText(0, _("None"))

    def set_residents(self, residents: list[ResidentRow]) -> None:
        """Who a newcomer may be linked to as family."""
        self.family.blockSignals(True)
        while self.family.count() > 1:
            self.family.removeItem(1)
        for resident in sorted(residents, key=lambda r: r.person.display_name):
            self.family.addItem(
                f"{resident.person.display_name} ({resident.bed})", resident.stay_id
            )
        self.family.blockSignals(False)

    def _changed(self) -> None:
        if self.unaccompanied.isChecked() and self.family.currentIndex() > 0:
            self.family.setCurrentIndex(0)  # emits again, with the link gone
            return
        self.profile_changed.emit()

    def medical(self) -> Medical:
        return Medical(
            fit_to_travel=self.fit.currentData(),
            needs=self.needs.text(),
            medication=self.medication.text(),
            examiner=self.examiner.text(),
        )

    def vulnerability(self) -> Vulnerability:
        return Vulnerability(
            minor=True if self.minor.isChecked() else None,
            unaccompanied_minor=self.unaccompanied.isChecked(),
            family_stay_id=self.family.currentData(),
            pregnant=self.pregnant.isChecked(),
            disabled=self.disabled.isChecked(),
        )
