"""What a scan read, field by field: the MRZ's Latin names beside the name as written on
record, the document, the dates, every check digit, and the visa if one was scanned."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocumentFragment
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QWidget

from borderdesk.domain.mrz import MrzResult
from borderdesk.i18n import N_, _
from borderdesk.services.checks import CheckOutcome
from borderdesk.ui.dates import date_text
from borderdesk.ui.models.person_rows import birth_with_age, document_type_label
from borderdesk.ui.person_card import SEXES, latin_of_written, name_as_written, nationality_text
from borderdesk.ui.widgets import on_retranslate

MATCHED_BY = {
    "document": N_("known person, found by the document"),
    "name_birth_nationality": N_("known person, found by name, date of birth and nationality"),
    "new": N_("not on record before"),
}
CHECK_LABELS = {
    "document_number": N_("number"),
    "birth_date": N_("birth date"),
    "expiry_date": N_("expiry"),
    "optional_data": N_("personal number"),
    "composite": N_("composite"),
}
ROWS = (
    ("surname", N_("Surname (MRZ)")),
    ("given_names", N_("Given names (MRZ)")),
    ("written", N_("Name as written")),
    ("person", N_("Person")),
    ("document", N_("Document")),
    ("nationality", N_("Nationality")),
    ("birth", N_("Date of birth")),
    ("sex", N_("Sex")),
    ("expiry", N_("Valid until")),
    ("checks", N_("Check digits")),
    ("visa", N_("Visa")),
)
RED, GREEN, GREY = "#b00020", "#1b6e20", "#666666"


def _document(result: MrzResult) -> str:
    parts = [document_type_label(result.document_type), result.issuing_state]
    parts += [result.document_number or "—", result.format]
    return " · ".join(p for p in parts if p)


def _checks(result: MrzResult) -> str:
    shown = []
    for name, passed in result.checks.items():
        if passed is None or name not in CHECK_LABELS:
            continue
        mark, colour = ("✓", GREEN) if passed else ("✗", RED)
        label = escape(_(CHECK_LABELS[name]))
        shown.append(f'<span style="color:{colour}">{mark}&nbsp;{label}</span>')
    return " &nbsp; ".join(shown) or "—"


def _expiry(result: MrzResult) -> str:
    text = date_text(result.expiry_date) if result.expiry_date else "—"
    if "expired" in result.warnings:
        expired = escape(_("expired"))
        return f'<span style="color:{RED}"><b>{escape(text)}</b> — {expired}</span>'
    return escape(text)


class DocumentDetails(QGroupBox):
    """The fields of the last scan; empty until there is one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("document_details")
        self.form = QFormLayout(self)
        self.form.setHorizontalSpacing(14)
        self.form.setVerticalSpacing(5)
        self.form.setLabelAlignment(Qt.AlignLeft)
        # Wrapped values get their full height (a value cut to one line said half a sentence).
        self.form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self.labels: dict[str, QLabel] = {}
        self.values: dict[str, QLabel] = {}
        for key, _msgid in ROWS:
            label, value = QLabel(self), QLabel(self)
            value.setObjectName(f"detail_{key}")
            value.setTextInteractionFlags(Qt.TextSelectableByMouse)
            value.setWordWrap(True)
            value.setTextFormat(Qt.RichText)
            self.form.addRow(label, value)
            self.labels[key], self.values[key] = label, value
        self.outcome: CheckOutcome | None = None
        on_retranslate(self)

    def retranslate(self) -> None:
        self.setTitle(_("Document read"))
        for key, msgid in ROWS:
            self.labels[key].setText(_(msgid))
        self.show_outcome(self.outcome)

    def text(self, key: str) -> str:
        """A field's text without markup (for tests and screen readers)."""
        value = self.values[key]
        return value.text() if value.textFormat() == Qt.PlainText else _plain(value.text())

    def _set(self, key: str, html: str | None) -> None:
        # Every row stays (fields that jump about are hard to read at a glance).
        value = self.values[key]
        value.setText(html or "—")
        # The form gives a wrapped label one line: ask for the lines it needs at its width.
        if value.width() > 50:
            value.setMinimumHeight(value.heightForWidth(value.width()))

    def show_outcome(self, outcome: CheckOutcome | None) -> None:
        self.outcome = outcome
        if outcome is None:
            for key, _msgid in ROWS:
                self._set(key, None)
            return
        doc = outcome.document
        self._set("surname", escape(doc.surname or "—"))
        self._set("given_names", escape(doc.given_names or "—"))
        self._set("written", self._written(outcome))
        self._set("person", escape(_(MATCHED_BY.get(outcome.matched_by, outcome.matched_by))))
        self._set("document", escape(_document(doc)))
        self._set("nationality", escape(nationality_text(doc.nationality)))
        self._set("birth", escape(birth_with_age(doc.birth_date, outcome.checked_at.date())))
        self._set("sex", escape(_(SEXES[doc.sex]) if doc.sex in SEXES else "—"))
        self._set("expiry", _expiry(doc))
        self._set("checks", _checks(doc))
        visa = outcome.visa
        self._set("visa", None if visa is None else f"{escape(_document(visa))}<br>{_expiry(visa)}")

    @staticmethod
    def _written(outcome: CheckOutcome) -> str | None:
        """The name as written on record, when it is in another script than the MRZ's;
        else the Cyrillic name a Russian internal passport's MRZ carries (ЗДРИЛЮК for
        ZDRIL7K), decoded from the interior ministry's substitution."""
        person = outcome.person
        written = name_as_written(person)
        if person.person_id is None or not written or written.isascii():
            cyrillic = outcome.document.cyrillic_name
            return f"<b>{escape(cyrillic.full())}</b>" if cyrillic is not None else None
        html = f"<b>{escape(written)}</b>"
        latin = latin_of_written(person)
        mrz = " ".join(p for p in (outcome.document.surname, outcome.document.given_names) if p)
        if latin != mrz:
            doc9303 = _("Doc 9303: {latin}").format(latin=latin)
            html += f'<br><span style="color:{GREY}">{escape(doc9303)}</span>'
        return html


def _plain(html: str) -> str:
    return QTextDocumentFragment.fromHtml(html).toPlainText()
