"""The Sync page's tables: peers, the outcome of an import, the conflict queue, and
both versions of one conflict side by side. Thin: columns over the services' rows."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from borderdesk.i18n import N_, _
from borderdesk.services.sync import ConflictRow, PeerStatus, choosable_fields
from borderdesk.services.sync.batch import (
    APPLIED,
    CANCELLED,
    PARKED,
    REFUSED,
    REPLAYED,
    PackageOutcome,
)
from borderdesk.ui.audit_text import table_text
from borderdesk.ui.dates import datetime_text
from borderdesk.ui.models.row_table import RIGHT, Column, RowTableModel

KIND_LABELS = {"hq": N_("HQ"), "post": N_("Border post"), "centre": N_("Centre")}
STATE_LABELS = {
    APPLIED: N_("Imported"),
    REPLAYED: N_("Nothing new"),
    PARKED: N_("Parked"),
    REFUSED: N_("Refused"),
    CANCELLED: N_("Cancelled"),
}
# The fields a conflict most often shows, in words; any other shows its column name.
FIELD_LABELS = {
    "surname": N_("Surname"),
    "given_names": N_("Given names"),
    "reason": N_("Reason"),
    "nationality": N_("Nationality"),
    "birth_date": N_("Date of birth"),
    "birth_day": N_("Day of birth"),
    "birth_month": N_("Month of birth"),
    "birth_year": N_("Year of birth"),
    "deleted": N_("Deleted"),
    "name_key": N_("Search key of the name"),
    "source": N_("Source"),
    "valid_until": N_("Valid until"),
    "username": N_("User name"),
    "full_name": N_("Full name"),
    "position": N_("Position"),
    "role": N_("Role"),
    "disabled": N_("Disabled"),
    "number": N_("Number"),
    "document_type": N_("Document type"),
    "issuing_state": N_("Issuing state"),
    "status": N_("Status"),
    "name": N_("Name"),
    "surname_latin": N_("Surname in Latin letters"),
    "given_names_latin": N_("Given names in Latin letters"),
    "sex": N_("Sex"),
    "birth_place": N_("Place of birth"),
    "category": N_("Category"),
}
CONFLICT_KINDS = {"concurrent": N_("Edited at both sites"), "duplicate": N_("Same name twice")}


def kind_text(kind: str) -> str:
    return _(KIND_LABELS[kind]) if kind in KIND_LABELS else kind


def peer_columns(tz: str) -> list[Column[PeerStatus]]:
    return [
        Column(N_("Site"), lambda r: r.code),
        Column(N_("Name"), lambda r: r.name),
        Column(N_("Kind"), lambda r: kind_text(r.kind)),
        Column(N_("Last sent"), lambda r: _package_text(r.sent_number, r.sent_at, tz)),
        Column(N_("Acknowledged"), lambda r: r.acked_number, align=RIGHT),
        Column(N_("Last received"), lambda r: _package_text(r.received_number, r.received_at, tz)),
        Column(
            N_("Waiting"),
            lambda r: r.unacknowledged,
            align=RIGHT,
            header_tooltip_msgid=N_("Changes made here that the site has not acknowledged"),
        ),
        Column(
            N_("Oldest waiting"),
            lambda r: datetime_text(r.oldest_unacknowledged, tz),
            sort_key=lambda r: r.oldest_unacknowledged,
        ),
        Column(N_("Key fingerprint"), lambda r: r.fingerprint),
    ]


def _package_text(number: int, at: datetime | None, tz: str) -> str:
    if not number:
        return "—"
    return _("No. {number}, {when}").format(number=number, when=datetime_text(at, tz))


def outcome_columns() -> list[Column[PackageOutcome]]:
    def count(name: str) -> Callable[[PackageOutcome], object]:
        return lambda r: getattr(r.result, name) if r.result is not None else ""

    return [
        Column(N_("File"), lambda r: r.path.name, tooltip=lambda r: str(r.path)),
        Column(N_("Result"), lambda r: _(STATE_LABELS.get(r.state, r.state))),
        Column(N_("Sender"), lambda r: r.result.sender if r.result else ""),
        Column(N_("Package"), count("number"), align=RIGHT),
        Column(N_("Applied"), count("applied"), align=RIGHT),
        Column(N_("Already here"), count("skipped"), align=RIGHT),
        Column(N_("Conflicts"), count("conflicts"), align=RIGHT),
        Column(N_("Why not imported"), lambda r: r.reason, tooltip=lambda r: r.reason or None),
    ]


def conflict_columns(tz: str) -> list[Column[ConflictRow]]:
    return [
        Column(
            N_("Found"),
            lambda r: datetime_text(r.detected_at, tz),
            sort_key=lambda r: r.detected_at,
        ),
        Column(N_("Record"), lambda r: table_text(r.table_name)),
        Column(
            N_("Kind"), lambda r: _(CONFLICT_KINDS[r.kind]) if r.kind in CONFLICT_KINDS else r.kind
        ),
        Column(N_("Winning version"), lambda r: _by(r.winner_site, r.winner_user)),
        Column(N_("Other version"), lambda r: _by(r.other_site, r.other_user)),
        Column(N_("Fields that differ"), lambda r: ", ".join(r.differences)),
    ]


def _by(site: str, user: str) -> str:
    return f"{site} / {user}" if user else site


@dataclass(frozen=True)
class FieldPair:
    """One field of a conflict: its value in each version and whether they differ."""

    field: str
    winner: object
    other: object
    differs: bool
    # A merge may take this field from the other version (computed fields follow).
    choosable: bool = False


def field_pairs(conflict: ConflictRow) -> list[FieldPair]:
    """Every field of the two versions, the differing ones first, then by name."""
    names = sorted(set(conflict.winner_fields) | set(conflict.other_fields))
    mergeable = conflict.kind == "concurrent"
    choosable = set(choosable_fields(conflict.differences)) if mergeable else set()
    pairs = [
        FieldPair(
            field=name,
            winner=conflict.winner_fields.get(name),
            other=conflict.other_fields.get(name),
            differs=name in conflict.differences,
            choosable=name in choosable,
        )
        for name in names
    ]
    return sorted(pairs, key=lambda p: (not p.differs, p.field))


def field_label(name: str) -> str:
    return _(FIELD_LABELS[name]) if name in FIELD_LABELS else name


def _value_text(value: object) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return str(value)


OTHER_COLUMN = 2


class FieldPairModel(RowTableModel[FieldPair]):
    """Field | winner | other; a field whose values differ is bold on a marked ground.

    The other version's value of a differing field has a check box: ticked, a merge
    takes that field from the other version (unticked fields keep the winner's)."""

    choices_changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(
            [
                Column(N_("Field"), lambda p: field_label(p.field), tooltip=lambda p: p.field),
                Column(N_("Winning version"), lambda p: _value_text(p.winner)),
                Column(
                    N_("Other version"),
                    lambda p: _value_text(p.other),
                    header_tooltip_msgid=N_("Tick a value to take it into the merged record"),
                ),
                Column(N_("Differs"), lambda p: "≠" if p.differs else ""),
            ],
            parent=parent,
        )
        self._take_other: set[str] = set()

    def set_rows(self, rows: Sequence[FieldPair]) -> None:
        self._take_other = set()
        super().set_rows(rows)
        self.choices_changed.emit()

    def taken_from_other(self) -> list[str]:
        """The fields ticked to take from the other version, in table order."""
        return [p.field for p in self.rows() if p.field in self._take_other]

    def _checkable(self, index: QModelIndex | QPersistentModelIndex) -> bool:
        return (
            index.isValid()
            and index.column() == OTHER_COLUMN
            and index.row() < self.rowCount()
            and self.row(index.row()).choosable
        )

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if self._checkable(index):
            flags |= Qt.ItemIsUserCheckable
        return flags

    def setData(
        self, index: QModelIndex | QPersistentModelIndex, value: object, role: int = Qt.EditRole
    ) -> bool:
        if role != Qt.CheckStateRole or not self._checkable(index):
            return False
        field = self.row(index.row()).field
        if Qt.CheckState(value) == Qt.Checked:  # type: ignore[call-overload]
            self._take_other.add(field)
        else:
            self._take_other.discard(field)
        self.dataChanged.emit(index, index, [Qt.CheckStateRole])
        self.choices_changed.emit()
        return True

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.DisplayRole):
        if index.isValid() and index.row() < self.rowCount():
            pair = self.row(index.row())
            if role == Qt.CheckStateRole and self._checkable(index):
                return Qt.Checked if pair.field in self._take_other else Qt.Unchecked
            if pair.differs and role == Qt.FontRole:
                font = QFont()
                font.setBold(True)
                return font
            if pair.differs and role == Qt.BackgroundRole:
                return QBrush(QColor("#fff1c2"))
        return super().data(index, role)
