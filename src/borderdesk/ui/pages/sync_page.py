"""Sync (supervisors, administrators): packages to and from a folder, the peers and
their last exchange, what the last import brought, and the conflict queue with both
versions of a record side by side."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from borderdesk.i18n import _, ngettext
from borderdesk.services import sync as sync_service
from borderdesk.services.sync import KEEP_MERGE, KEEP_OTHER, KEEP_WINNER, ConflictRow, PeerStatus
from borderdesk.services.sync.batch import APPLIED, CANCELLED, PARKED, REFUSED, PackageOutcome
from borderdesk.ui import sync_transfer
from borderdesk.ui.models import RowTableModel, row_at, sorting_proxy
from borderdesk.ui.models.row_table import row_table_view
from borderdesk.ui.models.sync_rows import (
    FieldPairModel,
    conflict_columns,
    field_pairs,
    kind_text,
    outcome_columns,
    peer_columns,
)
from borderdesk.ui.operations import LongOp, run_op
from borderdesk.ui.pages import Page, PageContext
from borderdesk.ui.sync_transfer import ExportBatch
from borderdesk.ui.widgets import MessageLabel, on_retranslate

ALL_PEERS = "*"


class SyncPage(Page):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        tz = context.site.timezone
        self.long_op: LongOp | None = None
        self.outcomes: list[PackageOutcome] | None = None
        self.exported: ExportBatch | None = None

        self.explanation = QLabel(self)
        self.explanation.setWordWrap(True)
        self.peer_box = QComboBox(self)
        self.peer_box.setObjectName("export_peer")
        self.export_button = QPushButton(self)
        self.export_button.setObjectName("export_packages")
        self.export_button.clicked.connect(self.export_packages)
        self.import_button = QPushButton(self)
        self.import_button.setObjectName("import_packages")
        self.import_button.clicked.connect(self.import_packages)
        self.message = MessageLabel(self)
        self.message.setObjectName("sync_message")
        actions = QHBoxLayout()
        self.export_label = QLabel(self)
        actions.addWidget(self.export_label)
        actions.addWidget(self.peer_box)
        actions.addWidget(self.export_button)
        actions.addSpacing(24)
        actions.addWidget(self.import_button)
        actions.addStretch(1)

        self.peer_model: RowTableModel[PeerStatus] = RowTableModel(peer_columns(tz))
        self.peer_table = row_table_view(self, sorting_proxy(self.peer_model, self), name="peers")
        self.peer_group = QGroupBox(self)
        QVBoxLayout(self.peer_group).addWidget(self.peer_table)
        self.peer_group.setMaximumHeight(190)  # a handful of peers; the queue gets the room

        self.outcome_model: RowTableModel[PackageOutcome] = RowTableModel(
            outcome_columns(), muted=lambda o: o.state not in (APPLIED,)
        )
        self.outcome_table = QTableView(self)
        self.outcome_table.setObjectName("import_outcomes")
        self.outcome_table.setModel(self.outcome_model)
        self.outcome_table.verticalHeader().hide()
        self.outcome_table.horizontalHeader().setStretchLastSection(True)
        self.outcome_summary = QLabel(self)
        self.outcome_summary.setObjectName("import_summary")
        self.outcome_summary.setWordWrap(True)
        came_in = QWidget(self)
        came_in_layout = QVBoxLayout(came_in)
        came_in_layout.addWidget(self.outcome_summary)
        came_in_layout.addWidget(self.outcome_table, 1)

        self.conflict_model: RowTableModel[ConflictRow] = RowTableModel(conflict_columns(tz))
        self.conflict_table = row_table_view(
            self, sorting_proxy(self.conflict_model, self), name="conflicts"
        )
        self.conflict_table.selectionModel().selectionChanged.connect(self._conflict_chosen)
        self.pair_model = FieldPairModel(self)
        self.pair_model.choices_changed.connect(self._enable_resolution)
        self.pair_table = QTableView(self)
        self.pair_table.setObjectName("conflict_fields")
        self.pair_table.setModel(self.pair_model)
        self.pair_table.verticalHeader().hide()
        self.pair_table.horizontalHeader().setStretchLastSection(True)
        self.pair_heading = QLabel(self)
        self.pair_heading.setWordWrap(True)
        self.keep_winner_button = QPushButton(self)
        self.keep_winner_button.setObjectName("keep_winner")
        self.keep_winner_button.clicked.connect(lambda: self.resolve(KEEP_WINNER))
        self.keep_other_button = QPushButton(self)
        self.keep_other_button.setObjectName("keep_other")
        self.keep_other_button.clicked.connect(lambda: self.resolve(KEEP_OTHER))
        self.merge_button = QPushButton(self)
        self.merge_button.setObjectName("merge_fields")
        self.merge_button.clicked.connect(lambda: self.resolve(KEEP_MERGE))
        buttons = QHBoxLayout()
        buttons.addWidget(self.keep_winner_button)
        buttons.addWidget(self.keep_other_button)
        buttons.addWidget(self.merge_button)
        buttons.addStretch(1)
        compare = QWidget(self)
        compare_layout = QVBoxLayout(compare)
        compare_layout.setContentsMargins(0, 0, 0, 0)
        compare_layout.addWidget(self.pair_heading)
        compare_layout.addWidget(self.pair_table, 1)
        compare_layout.addLayout(buttons)
        conflicts = QSplitter(Qt.Horizontal, self)
        conflicts.addWidget(self.conflict_table)
        conflicts.addWidget(compare)
        conflicts.setSizes([500, 600])

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("sync_tabs")
        self.tabs.addTab(conflicts, "")
        self.tabs.addTab(came_in, "")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.explanation)
        layout.addLayout(actions)
        layout.addWidget(self.message)
        layout.addWidget(self.peer_group)
        layout.addWidget(self.tabs, 1)
        self._enable_resolution()
        on_retranslate(self)

    # ----------------------------------------------------------------- texts
    def retranslate(self) -> None:
        self.explanation.setText(
            _(
                "Packages carry this site's changes to the other sites and theirs to it, as "
                "files: export them to a folder (a USB stick), take the stick to the other "
                "site and import them there. Each package is imported whole or not at all."
            )
        )
        self.export_label.setText(_("Export for:"))
        self.export_button.setText(_("Export to a folder…"))
        self.import_button.setText(_("Import packages…"))
        self.peer_group.setTitle(_("Sites and their last exchange"))
        self.keep_winner_button.setText(_("Keep the winning version"))
        self.keep_other_button.setText(_("Take the other version"))
        self.merge_button.setText(_("Merge chosen fields"))
        self.merge_button.setToolTip(
            _(
                "Writes the winning version with the values ticked in the other version's "
                "column; the merged record is checked like any edit."
            )
        )
        self._fill_peer_box(self.peer_model.rows())
        self._title_tabs()
        self._show_pairs(self.current_conflict())
        if self.outcomes is not None:
            self.outcome_summary.setText(outcome_summary(self.outcomes))

    def _title_tabs(self) -> None:
        count = self.conflict_model.rowCount()
        self.tabs.setTabText(0, _("Conflicts ({count})").format(count=count))
        self.tabs.setTabText(1, _("What came in"))

    # ----------------------------------------------------------------- data
    def activated(self) -> None:
        self.reload()

    def reload(self) -> None:
        db, actor = self.context.db, self.context.actor
        run_op(
            self, lambda: sync_service.sync_status(db, actor=actor), self._show_peers, latest="p"
        )
        self.reload_conflicts()

    def reload_conflicts(self) -> None:
        db, actor = self.context.db, self.context.actor
        run_op(
            self,
            lambda: sync_service.list_conflicts(db, actor=actor),
            self._show_conflicts,
            latest="c",
        )

    def _show_peers(self, rows: list[PeerStatus]) -> None:
        self.peer_model.set_rows(rows)
        self.peer_table.resizeColumnsToContents()
        self._fill_peer_box(rows)

    def _fill_peer_box(self, rows: list[PeerStatus]) -> None:
        chosen = self.peer_box.currentData()
        self.peer_box.clear()
        if len(rows) > 1:
            self.peer_box.addItem(_("every site"), ALL_PEERS)
        for row in rows:
            self.peer_box.addItem(f"{row.code} — {row.name} ({kind_text(row.kind)})", row.code)
        index = self.peer_box.findData(chosen)
        self.peer_box.setCurrentIndex(max(index, 0))
        self.export_button.setEnabled(bool(rows))

    def _show_conflicts(self, rows: list[ConflictRow]) -> None:
        self.conflict_model.set_rows(rows)
        self.conflict_table.resizeColumnsToContents()
        self._title_tabs()
        if rows:
            self.conflict_table.selectRow(0)
        else:
            self._show_pairs(None)

    # ----------------------------------------------------------------- export
    def chosen_peers(self) -> list[str]:
        code = self.peer_box.currentData()
        if code == ALL_PEERS:
            return [r.code for r in self.peer_model.rows()]
        return [code] if code else []

    def choose_folder(self) -> Path | None:
        """Where to write the packages (a method of its own so tests can answer it)."""
        return sync_transfer.choose_folder(self, _("Export the packages to the folder"))

    def export_packages(self) -> None:
        peers = self.chosen_peers()
        if not peers:
            return
        folder = self.choose_folder()
        if folder is None:
            return
        self.exported = None
        self._busy(True)
        self.long_op = sync_transfer.start_export(
            self, self.context, peers, folder, on_done=self._exported, on_error=self._failed
        )

    def _exported(self, batch: ExportBatch) -> None:
        self.exported = batch
        self._busy(False)
        lines = [
            _("Package {number} for {site}: {records} records, in {path}").format(
                number=r.number, site=r.recipient, records=r.records, path=r.path
            )
            for r in batch.written
        ]
        if batch.cancelled:
            lines.append(_("Cancelled: the packages listed were written, no other."))
        kind = MessageLabel.INFO if batch.cancelled else MessageLabel.OK
        self.message.show_message("\n".join(lines) or _("No package was written."), kind)
        self.reload()

    # ----------------------------------------------------------------- import
    def choose_files(self) -> list[Path]:
        """The package files to import (a method of its own so tests can answer it)."""
        return sync_transfer.choose_package_files(self)

    def import_packages(self) -> None:
        paths = self.choose_files()
        if not paths:
            return
        self.outcomes = None
        self._busy(True)
        self.message.clear_message()
        self.long_op = sync_transfer.start_import(
            self, self.context, paths, on_done=self.show_outcomes, on_error=self._failed
        )

    def show_outcomes(self, outcomes: list[PackageOutcome]) -> None:
        self.outcomes = outcomes
        self._busy(False)
        self.outcome_model.set_rows(outcomes)
        self.outcome_table.resizeColumnsToContents()
        self.outcome_summary.setText(outcome_summary(outcomes))
        self.tabs.setCurrentIndex(1)
        self.reload()

    def _failed(self, exc: BaseException) -> None:
        self._busy(False)
        self.message.show_error(exc)
        self.reload()

    def _busy(self, busy: bool) -> None:
        self.export_button.setEnabled(not busy and bool(self.peer_model.rows()))
        self.import_button.setEnabled(not busy)

    # ----------------------------------------------------------------- conflicts
    def current_conflict(self) -> ConflictRow | None:
        rows = self.conflict_table.selectionModel().selectedRows()
        row = row_at(rows[0]) if rows else None
        return row if isinstance(row, ConflictRow) else None

    def _conflict_chosen(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._show_pairs(self.current_conflict())

    def _show_pairs(self, conflict: ConflictRow | None) -> None:
        self.pair_model.set_rows(field_pairs(conflict) if conflict else [])
        self.pair_table.resizeColumnsToContents()
        if conflict is None:
            self.pair_heading.setText(_("Choose a conflict to compare its two versions."))
        else:
            self.pair_heading.setText(
                _(
                    "Winning version, kept at every site: {winner_site} ({winner_user}). "
                    "Other version: {other_site} ({other_user}). Differing fields are marked; "
                    "to merge, tick the other version's values to take."
                ).format(
                    winner_site=conflict.winner_site,
                    winner_user=conflict.winner_user or "—",
                    other_site=conflict.other_site,
                    other_user=conflict.other_user or "—",
                )
            )
        self._enable_resolution()

    def _enable_resolution(self) -> None:
        conflict = self.current_conflict()
        self.keep_winner_button.setEnabled(conflict is not None)
        # Two records with one name: there is no "other version" of the same record.
        concurrent = conflict is not None and conflict.kind == "concurrent"
        self.keep_other_button.setEnabled(concurrent)
        self.merge_button.setEnabled(concurrent and bool(self.pair_model.taken_from_other()))

    def resolve(self, keep: str) -> None:
        conflict = self.current_conflict()
        if conflict is None:
            return
        db, actor = self.context.db, self.context.actor
        fields = None
        if keep == KEEP_MERGE:
            fields = {name: KEEP_OTHER for name in self.pair_model.taken_from_other()}
        for button in (self.keep_winner_button, self.keep_other_button, self.merge_button):
            button.setEnabled(False)
        run_op(
            self,
            lambda: sync_service.resolve_conflict(
                db, actor=actor, conflict_id=conflict.id, keep=keep, fields=fields
            ),
            lambda _none: self._resolved(),
            self._refused,
        )

    def _refused(self, exc: BaseException) -> None:
        """A merge the record's rules refuse: say why, keep the choice to correct it."""
        self.message.show_error(exc)
        self._enable_resolution()

    def _resolved(self) -> None:
        self.message.show_message(
            _("Conflict resolved: the decision travels to the other sites with the next package."),
            MessageLabel.OK,
        )
        self.reload_conflicts()


def outcome_summary(outcomes: list[PackageOutcome]) -> str:
    """One paragraph: how many files went in, and what they brought."""
    imported = [o for o in outcomes if o.state == APPLIED and o.result is not None]
    parts = [
        ngettext("{count} file", "{count} files", len(outcomes)).format(count=len(outcomes)),
        ngettext("{count} imported", "{count} imported", len(imported)).format(count=len(imported)),
    ]
    for state, label in (
        (PARKED, _("parked: {count}")),
        (REFUSED, _("refused: {count}")),
        (CANCELLED, _("cancelled: {count}")),
    ):
        count = sum(1 for o in outcomes if o.state == state)
        if count:
            parts.append(label.format(count=count))
    text = "; ".join(parts) + ". "
    text += _(
        "Records applied: {applied}, already here: {skipped}, conflicts: {conflicts}."
    ).format(
        applied=sum(o.result.applied for o in imported if o.result),
        skipped=sum(o.result.skipped for o in imported if o.result),
        conflicts=sum(o.result.conflicts for o in imported if o.result),
    )
    if any(o.state == CANCELLED for o in outcomes):
        text += " " + _(
            "Cancel rolls back the package being imported and starts no other; the packages "
            "imported before it stay imported."
        )
    return text
