"""The audit log (supervisors, administrators): filter the entries, verify the hash chain."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QStringListModel, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QCompleter,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from borderdesk.i18n import N_, _, ngettext
from borderdesk.services.access import audit
from borderdesk.services.access.audit import AuditFilter, AuditRow, VerifyResult
from borderdesk.services.access.permissions import Permission
from borderdesk.ui.audit_text import action_filter, action_text, actor_text, table_text
from borderdesk.ui.dates import datetime_text, show_dates_as_chosen, site_qdate_today
from borderdesk.ui.models import RIGHT, Column, RowTableModel, sorting_proxy
from borderdesk.ui.models.row_table import row_table_view
from borderdesk.ui.operations import run_op
from borderdesk.ui.pages import Page, PageContext
from borderdesk.ui.person_card import fit_columns
from borderdesk.ui.widgets import MessageLabel, on_retranslate

LIMIT = 5000


def timestamp_text(value: datetime, tz: str) -> str:
    """Date and time with seconds in the site's zone: 28.11.2026 01:26:41."""
    return datetime_text(value, tz, seconds=True)


def changes_text(row: AuditRow) -> str:
    """``field: old → new`` for each changed field (the log stores ``[old, new]`` pairs)."""
    parts = []
    for field, value in row.changes.items():
        if isinstance(value, list) and len(value) == 2:
            old, new = ("—" if v is None else v for v in value)
            parts.append(f"{field}: {old} → {new}")
        else:
            parts.append(f"{field}: {value}")
    return "; ".join(parts)


def day_start(day: date, tz: str) -> datetime:
    """Midnight of ``day`` at the site, in UTC (the filter compares stored UTC times)."""
    return datetime.combine(day, time.min, tzinfo=ZoneInfo(tz)).astimezone(UTC)


class AuditPage(Page):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        tz = context.site.timezone
        #: Record id → case, stay, transfer or protocol number, for the rows shown.
        self.numbers: dict[str, str] = {}
        self.model: RowTableModel[AuditRow] = RowTableModel(
            [
                Column(N_("No."), lambda r: r.seq, align=RIGHT, sort_key=lambda r: r.seq),
                Column(N_("Time"), lambda r: timestamp_text(r.at, tz), sort_key=lambda r: r.at),
                Column(N_("User"), lambda r: actor_text(r.actor)),
                Column(N_("Action"), self.action_cell),
                Column(N_("Record kind"), self.table_cell),
                Column(N_("Record"), self.record_cell, sort_key=self.record_cell),
                # Field names and stored values are codes: in words, how many changed;
                # "Show codes" lists them.
                Column(N_("Changes"), self.changes_cell, tooltip=self.changes_tip),
            ],
            parent=self,
        )
        self.proxy = sorting_proxy(self.model, self)

        self.actor_edit = QLineEdit(self)
        self.actor_edit.setObjectName("actor_filter")
        self.actor_edit.setClearButtonEnabled(True)
        self._actors = QStringListModel(self)
        self.actor_edit.setCompleter(QCompleter(self._actors, self))
        self.action_edit = QLineEdit(self)
        self.action_edit.setObjectName("action_filter")
        self.action_edit.setClearButtonEnabled(True)
        today = site_qdate_today(tz)  # the site's day: in its evening UTC is a day behind
        self.since_check, self.since_edit = QCheckBox(self), self._date_edit(today.addDays(-7))
        self.until_check, self.until_edit = QCheckBox(self), self._date_edit(today)
        self.since_check.toggled.connect(self.since_edit.setEnabled)
        self.until_check.toggled.connect(self.until_edit.setEnabled)
        self.raw_check = QCheckBox(self)
        self.raw_check.setObjectName("show_codes")
        self.raw_check.toggled.connect(lambda _on: self.model.retranslate())
        self.apply_button = QPushButton(self)
        self.apply_button.setObjectName("apply_filter")
        self.apply_button.setDefault(True)
        self.verify_button = QPushButton(self)
        self.verify_button.setObjectName("verify_chain")
        self.verify_button.setVisible(context.actor.can(Permission.verify_audit))
        self.actor_label, self.action_label = QLabel(self), QLabel(self)

        filters = QHBoxLayout()
        filters.addWidget(self.actor_label)
        filters.addWidget(self.actor_edit, 1)
        filters.addWidget(self.action_label)
        filters.addWidget(self.action_edit, 1)
        filters.addSpacing(8)
        for check, edit in (
            (self.since_check, self.since_edit),
            (self.until_check, self.until_edit),
        ):
            filters.addWidget(check)
            filters.addWidget(edit)
        filters.addWidget(self.apply_button)

        self.count_label = QLabel(self)
        self.count_label.setObjectName("count")
        self.verify_result = MessageLabel(self)
        self.verify_result.setObjectName("verify_result")
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label)
        bottom.addStretch(1)
        bottom.addWidget(self.raw_check)
        bottom.addWidget(self.verify_button)

        self.table = row_table_view(
            self, self.proxy, name="audit_table", order=Qt.DescendingOrder, single_selection=False
        )

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        layout.addWidget(self.verify_result)

        self.apply_button.clicked.connect(self.refresh)
        self.actor_edit.returnPressed.connect(self.refresh)
        self.action_edit.returnPressed.connect(self.refresh)
        self.verify_button.clicked.connect(self.verify)
        self._fitted = False
        self._rows_shown = 0
        on_retranslate(self)

    def _date_edit(self, value: QDate) -> QDateEdit:
        edit = QDateEdit(value, self)
        edit.setCalendarPopup(True)
        edit.setEnabled(False)
        return edit

    # ------------------------------------------------------------ cells
    def action_cell(self, row: AuditRow) -> str:
        return row.action if self.raw_check.isChecked() else action_text(row.action)

    def table_cell(self, row: AuditRow) -> str:
        return row.table_name if self.raw_check.isChecked() else table_text(row.table_name)

    def record_cell(self, row: AuditRow) -> str:
        if self.raw_check.isChecked():
            return row.record_id
        # A record without a number of its own is named by its kind; its id is a code.
        return self.numbers.get(row.record_id) or ("—" if row.record_id else "")

    def changes_cell(self, row: AuditRow) -> str:
        if self.raw_check.isChecked():
            return changes_text(row)
        if row.sealed:
            n = row.sealed
            return ngettext("{n} record sealed", "{n} records sealed", n).format(n=n)
        n = len(row.changes)
        return ngettext("{n} field", "{n} fields", n).format(n=n) if n else ""

    def changes_tip(self, row: AuditRow) -> str | None:
        return changes_text(row) if self.raw_check.isChecked() else None

    def retranslate(self) -> None:
        self.raw_check.setText(_("Show codes"))
        self.raw_check.setToolTip(_("Action codes, table names and record ids as stored"))
        self.actor_label.setText(_("User"))
        self.action_label.setText(_("Action"))
        self.action_edit.setPlaceholderText(_("e.g. login"))
        self.since_check.setText(_("From"))
        self.until_check.setText(_("To"))
        self.apply_button.setText(_("Show"))
        self.verify_button.setText(_("Verify chain"))
        for edit in (self.since_edit, self.until_edit):
            show_dates_as_chosen(edit)  # written as every table of the chosen language writes
        self._show_count()

    def activated(self) -> None:
        self.refresh()

    # ------------------------------------------------------------------ data
    def current_filter(self) -> AuditFilter:
        tz = self.context.site.timezone
        since = until = None
        if self.since_check.isChecked():
            since = day_start(self.since_edit.date().toPython(), tz)
        if self.until_check.isChecked():
            until = day_start(self.until_edit.date().toPython() + timedelta(days=1), tz)
        return AuditFilter(
            actor=self.actor_edit.text().strip(),
            action=action_filter(self.action_edit.text()),
            since=since,
            until=until,
            limit=LIMIT,
        )

    def refresh(self) -> None:
        context, where = self.context, self.current_filter()
        self.apply_button.setEnabled(False)

        def entries() -> tuple[list[AuditRow], dict[str, str]]:
            rows = audit.list_entries(context.db, actor=context.actor, where=where)
            return rows, audit.record_numbers(context.db, actor=context.actor, rows=rows)

        run_op(
            self,
            entries,
            self._show,
            self._failed,
            latest="refresh",
        )

    def _show(self, found: tuple[list[AuditRow], dict[str, str]]) -> None:
        rows, self.numbers = found
        self.apply_button.setEnabled(True)
        self.model.set_rows(rows)
        self._rows_shown = len(rows)
        known = set(self._actors.stringList()) | {row.actor for row in rows}
        self._actors.setStringList(sorted(known))
        if not self._fitted and rows:
            fit_columns(self.table, widest=260)  # the changes stay in view too
            self._fitted = True
        self._show_count()

    def _show_count(self) -> None:
        n = self._rows_shown
        text = ngettext("{n} entry", "{n} entries", n).format(n=n)
        if n >= LIMIT:
            text = _("The latest {n} entries; narrow the filter to see older ones.").format(n=n)
        self.count_label.setText(text)

    def _failed(self, exc: BaseException) -> None:
        self.apply_button.setEnabled(True)
        self.verify_button.setEnabled(True)
        self.verify_result.show_error(exc)

    def verify(self) -> None:
        context = self.context
        self.verify_button.setEnabled(False)
        self.verify_result.show_message(_("Verifying…"), MessageLabel.INFO)
        run_op(
            self,
            lambda: audit.verify_chain(context.db, actor=context.actor),
            self._verified,
            self._failed,
        )

    def _verified(self, result: VerifyResult) -> None:
        self.verify_button.setEnabled(True)
        self.verify_result.show_message(
            result.message, MessageLabel.OK if result.ok else MessageLabel.ERROR
        )
