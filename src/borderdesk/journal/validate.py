"""One journal row's cells -> a :class:`JournalRow`, or every reason it is refused.

Every cell is checked, so the clerk sees all of a row's mistakes at once. Besides
each cell on its own, the row must hold together: a decision has its date, a date
of decision has its decision, nothing happens before the request was received or
after today, and only an accepted request is transferred.
"""

from __future__ import annotations

from datetime import date

from borderdesk.domain.date_windows import date_window_problem
from borderdesk.domain.safe_text import stripped_name
from borderdesk.i18n import _
from borderdesk.journal.cells import CellValue, is_blank, shown
from borderdesk.journal.columns import vocabulary, word_key
from borderdesk.journal.dates import DateRefused, parse_birth_date, parse_day
from borderdesk.journal.header import JournalLayout
from borderdesk.journal.rows import ACCEPTED, REFUSED, JournalRow, RefusedCell
from borderdesk.journal.states import StateRefused, nationality_code, state_code

# Lengths the store keeps (store/tables: person, readmission_case).
MAX_LENGTH = {
    "no": 40,
    "surname": 120,
    "given_names": 200,
    "document": 200,
    "note": 2000,
}


class _Row:
    """The cells of one row, and the reasons found so far."""

    def __init__(self, number: int, cells: list[CellValue], layout: JournalLayout) -> None:
        self.number = number
        self.cells = cells
        self.layout = layout
        self.refused: list[RefusedCell] = []

    def raw(self, field: str) -> CellValue:
        index = self.layout.positions.get(field)
        if index is None or index >= len(self.cells):
            return None
        return self.cells[index]

    def text(self, field: str) -> str:
        return " ".join(shown(self.raw(field)).split())

    def refuse(self, field: str, reason: str) -> None:
        letter = self.layout.letter(field) if field in self.layout.positions else ""
        self.refused.append(
            RefusedCell(self.number, letter, field, shown(self.raw(field)).strip(), reason)
        )

    def required(self, field: str) -> bool:
        if is_blank(self.raw(field)):
            self.refuse(field, _("required, but empty"))
            return False
        return True

    def sized(self, field: str) -> str:
        value = self.text(field)
        limit = MAX_LENGTH.get(field)
        if limit and len(value) > limit:
            self.refuse(field, _("longer than {limit} characters").format(limit=limit))
        return value

    def day(self, field: str, today: date | None) -> date | None:
        if is_blank(self.raw(field)):
            return None
        try:
            value = parse_day(self.raw(field))
        except DateRefused as exc:
            self.refuse(field, str(exc))
            return None
        if today is not None and value > today:
            self.refuse(field, _("a date in the future"))
            return None
        return value


def check_row(
    number: int,
    cells: list[CellValue],
    layout: JournalLayout,
    *,
    today: date | None = None,
    yearly_numbers: bool = False,
) -> JournalRow | list[RefusedCell]:
    """Check one data row; the typed row, or the reasons it is refused (never empty).

    ``yearly_numbers``: the register starts its numbering again each year, so a number
    is the row's identity only with the year the request was received.
    """
    row = _Row(number, cells, layout)
    register_no = row.sized("no")
    received = row.day("received", today) if row.required("received") else None

    requesting = ""
    if row.required("requesting_state"):
        try:
            requesting = state_code(row.text("requesting_state"))
        except StateRefused as exc:
            row.refuse("requesting_state", str(exc))

    # Names are kept without direction overrides or control characters, as scan names are.
    surname = stripped_name(row.sized("surname")) if row.required("surname") else ""
    if surname and not any(ch.isalpha() for ch in surname):
        row.refuse("surname", _("no letters in the surname"))
    given = stripped_name(row.sized("given_names"))
    patronymic = stripped_name(row.text("patronymic"))
    if len(f"{given} {patronymic}") > MAX_LENGTH["given_names"]:
        row.refuse("patronymic", _("name and patronymic together are too long"))

    birth = None
    if not is_blank(row.raw("birth_date")):
        try:
            birth = parse_birth_date(row.raw("birth_date"))
        except DateRefused as exc:
            row.refuse("birth_date", str(exc))
        else:
            problem = date_window_problem("birth_date", birth.earliest(), today=date.today())
            if problem is not None:
                row.refuse("birth_date", problem)
            elif received and birth.earliest() > received:
                row.refuse("birth_date", _("born after the request was received"))

    nationality = "XXX"
    try:
        nationality = nationality_code(row.text("nationality"))
    except StateRefused as exc:
        row.refuse("nationality", str(exc))

    decision = _decision(row)
    decided = row.day("decision_date", today)
    transferred = row.day("transfer_date", today)
    _check_sequence(row, received, decision, decided, transferred)

    if row.refused or received is None:
        return row.refused
    return JournalRow(
        row=number,
        register_no=register_no,
        number_year=received.year if yearly_numbers and register_no else None,
        received_on=received,
        requesting_state=requesting,
        surname=surname,
        given_names=given,
        patronymic=patronymic,
        birth_date=birth,
        nationality=nationality,
        document=row.sized("document"),
        decision=decision,
        decided_on=decided,
        transferred_on=transferred,
        note=row.sized("note"),
    )


def _decision(row: _Row) -> str | None:
    word = word_key(row.text("decision"))
    if not word:
        return None
    words = vocabulary()
    if word in words.accepted:
        return ACCEPTED
    if word in words.refused:
        return REFUSED
    row.refuse("decision", _("expected 'accepted' or 'refused' (or 'принято' / 'отказано')"))
    return None


def _check_sequence(
    row: _Row,
    received: date | None,
    decision: str | None,
    decided: date | None,
    transferred: date | None,
) -> None:
    """The steps in their order: received, decided, transferred."""
    has_decision = not is_blank(row.raw("decision"))
    if decision is not None and decided is None and is_blank(row.raw("decision_date")):
        row.refuse("decision_date", _("the decision is written, but not its date"))
    if decided is not None and not has_decision:
        row.refuse("decision", _("a date of decision, but no decision"))
    if decided is not None and received is not None and decided < received:
        row.refuse("decision_date", _("decided before the request was received"))
    if transferred is None or (has_decision and decision is None):
        return  # an unreadable decision is refused already
    if decision != ACCEPTED:
        row.refuse("transfer_date", _("a transfer, but the request was not accepted"))
    elif decided is not None and transferred < decided:
        row.refuse("transfer_date", _("transferred before the decision"))
