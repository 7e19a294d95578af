"""Tables about a person: the history of checks and cases, the documents on record.

Shared by the Document check page and the person card. Codes from the services
(``admit``, ``entry``, a case's status) are worded here, in the user's language.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QObject

from borderdesk.domain.partial_date import PartialDate
from borderdesk.i18n import N_, _, ngettext
from borderdesk.services.people.history import (
    HistoryEntry,
    history_outcome,
    history_record,
)
from borderdesk.services.people.persons import DocumentRow
from borderdesk.ui.dates import date_text, datetime_text
from borderdesk.ui.models.row_table import Column, RowTableModel

DOCUMENT_TYPES = {
    "P": N_("Passport"),
    "I": N_("Identity card"),
    "A": N_("Identity card"),
    "C": N_("Identity card"),
    "V": N_("Visa"),
}


def document_type_label(code: str) -> str:
    """``P`` -> Passport (the MRZ code itself only where no name is known)."""
    name = DOCUMENT_TYPES.get(code[:1].upper())
    return _(name) if name else code


def birth_display(birth: PartialDate | None) -> str:
    """ISO, with ``??`` for the parts the document does not know."""
    return birth.display() if birth else "—"


def age_in_years(birth: PartialDate | None, today: date) -> int | None:
    if birth is None:
        return None
    born = birth.earliest()
    years = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    return years if years >= 0 else None


def birth_with_age(birth: PartialDate | None, today: date) -> str:
    age = age_in_years(birth, today)
    if age is None:
        return birth_display(birth)
    years = ngettext("{n} year", "{n} years", age).format(n=age)
    return f"{birth_display(birth)} ({years})"


def history_model(timezone: str, parent: QObject | None = None) -> RowTableModel[HistoryEntry]:
    """Earlier checks, cases and centre stays, times shown in the site's time zone."""
    return RowTableModel(
        [
            Column(
                N_("Date"),
                lambda e: datetime_text(e.at, timezone),
                sort_key=lambda e: e.at,
            ),
            Column(N_("Record"), history_record),
            # The number begins with the site's code; the tooltip names the site anyway.
            Column(
                N_("Number"),
                lambda e: e.reference,
                tooltip=lambda e: _("Site") + f": {e.site}",
            ),
            # A refusal's legal ground makes it long: the tooltip shows it whole.
            Column(N_("Outcome"), history_outcome, tooltip=history_outcome),
        ],
        parent=parent,
    )


def documents_model(
    parent: QObject | None = None, *, muted: Callable[[DocumentRow], bool] | None = None
) -> RowTableModel[DocumentRow]:
    return RowTableModel(
        [
            Column(N_("Document"), lambda d: document_type_label(d.document_type)),
            Column(N_("Issued by"), lambda d: d.issuing_state),
            Column(N_("Number"), lambda d: d.number),
            Column(
                N_("Valid until"),
                lambda d: date_text(d.expiry_date) if d.expiry_date else "—",
                sort_key=lambda d: d.expiry_date.isoformat() if d.expiry_date else "",
            ),
        ],
        muted=muted,
        parent=parent,
    )
