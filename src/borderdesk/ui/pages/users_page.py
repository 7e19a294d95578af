"""User accounts (administrators): list, add, disable or enable, reset a password."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from borderdesk.i18n import N_, _
from borderdesk.services.access import users
from borderdesk.services.access.permissions import ROLE_LABELS, Role
from borderdesk.services.access.users import UserRow
from borderdesk.ui.dates import datetime_text
from borderdesk.ui.dialogs.service_dialog import ServiceDialog
from borderdesk.ui.models import Column, RowTableModel, row_at, sorting_proxy
from borderdesk.ui.models.row_table import row_table_view
from borderdesk.ui.operations import run_op
from borderdesk.ui.pages import Page, PageContext
from borderdesk.ui.widgets import MessageLabel, on_retranslate


def user_status(row: UserRow) -> str:
    if row.disabled:
        return _("Disabled")
    if row.locked_until is not None:
        return _("Locked")
    return _("Active")


class UsersPage(Page):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        tz = context.site.timezone

        def when(value):  # type: ignore[no-untyped-def]
            return datetime_text(value, tz)

        def stamp(value):  # type: ignore[no-untyped-def]
            return value.timestamp() if value else 0.0

        self.model: RowTableModel[UserRow] = RowTableModel(
            [
                Column(N_("User name"), lambda r: r.username),
                Column(N_("Full name"), lambda r: r.full_name),
                Column(N_("Position"), lambda r: r.position),
                Column(N_("Role"), lambda r: _(ROLE_LABELS[Role(r.role)])),
                Column(N_("Status"), user_status),
                Column(
                    N_("Locked until"),
                    lambda r: when(r.locked_until),
                    sort_key=lambda r: stamp(r.locked_until),
                ),
                Column(
                    N_("Last login"),
                    lambda r: when(r.last_login_at),
                    sort_key=lambda r: stamp(r.last_login_at),
                ),
            ],
            muted=lambda r: r.disabled,
            parent=self,
        )
        self.proxy = sorting_proxy(self.model, self)

        self.add_button = QPushButton(self)
        self.add_button.setObjectName("add_user")
        self.toggle_button = QPushButton(self)
        self.toggle_button.setObjectName("toggle_disabled")
        self.password_button = QPushButton(self)
        self.password_button.setObjectName("reset_password")
        self.position_button = QPushButton(self)
        self.position_button.setObjectName("change_position")
        self.refresh_button = QPushButton(self)
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self.proxy.setFilterFixedString)

        buttons = QHBoxLayout()
        for button in (
            self.add_button,
            self.toggle_button,
            self.password_button,
            self.position_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.filter_edit)
        buttons.addWidget(self.refresh_button)

        self.message = MessageLabel(self)
        self.table = row_table_view(self, self.proxy, name="users_table", order=Qt.AscendingOrder)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(lambda _index: self.reset_password())

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)

        self.add_button.clicked.connect(self.add_user)
        self.toggle_button.clicked.connect(self.toggle_disabled)
        self.password_button.clicked.connect(self.reset_password)
        self.position_button.clicked.connect(self.change_position)
        self.refresh_button.clicked.connect(self.refresh)
        self.dialog: QDialog | None = None
        self._fitted = False
        on_retranslate(self)
        self._update_buttons()

    def retranslate(self) -> None:
        self.add_button.setText(_("Add user…"))
        self.password_button.setText(_("Reset password…"))
        self.position_button.setText(_("Change position…"))
        self.refresh_button.setText(_("Refresh"))
        self.filter_edit.setPlaceholderText(_("Filter"))
        self._update_buttons()

    def activated(self) -> None:
        self.refresh()

    # ---------------------------------------------------------------- data
    def refresh(self, *, select: str | None = None) -> None:
        context = self.context
        selected = select or (self.selected().username if self.selected() else None)
        run_op(
            self,
            lambda: users.list_users(context.db, actor=context.actor),
            lambda rows: self._show(rows, selected),
            latest="refresh",
        )

    def _show(self, rows: list[UserRow], selected: str | None) -> None:
        self.model.set_rows(rows)
        if not self._fitted and rows:
            self.table.resizeColumnsToContents()
            self._fitted = True
        if selected:
            for proxy_row in range(self.proxy.rowCount()):
                if row_at(self.proxy.index(proxy_row, 0)).username == selected:
                    self.table.selectRow(proxy_row)
                    break
        self._update_buttons()

    def selected(self) -> UserRow | None:
        indexes = self.table.selectionModel().selectedRows()
        return row_at(indexes[0]) if indexes else None

    def _update_buttons(self) -> None:
        row = self.selected()
        self.toggle_button.setEnabled(
            row is not None and row.username != self.context.actor.username
        )
        self.password_button.setEnabled(row is not None)
        self.position_button.setEnabled(row is not None)
        self.toggle_button.setText(_("Enable") if row and row.disabled else _("Disable"))

    # ------------------------------------------------------------- actions
    def add_user(self) -> None:
        self.message.clear_message()
        dialog = AddUserDialog(self.context, self)
        dialog.accepted.connect(lambda: self._done(dialog.created, _("User {name} added.")))
        self._open(dialog)

    def reset_password(self) -> None:
        row = self.selected()
        if row is None:
            return
        self.message.clear_message()
        dialog = PasswordDialog(self.context, row.username, self)
        dialog.accepted.connect(lambda: self._done(row.username, _("New password set for {name}.")))
        self._open(dialog)

    def change_position(self) -> None:
        row = self.selected()
        if row is None:
            return
        self.message.clear_message()
        dialog = PositionDialog(self.context, row, self)
        dialog.accepted.connect(lambda: self._done(row.username, _("Position of {name} changed.")))
        self._open(dialog)

    def toggle_disabled(self) -> None:
        row = self.selected()
        if row is None:
            return
        context, disable = self.context, not row.disabled
        self.message.clear_message()
        self.toggle_button.setEnabled(False)
        message = _("User {name} disabled.") if disable else _("User {name} enabled.")
        run_op(
            self,
            lambda: users.set_disabled(
                context.db, actor=context.actor, username=row.username, disabled=disable
            ),
            lambda changed: self._done(changed.username, message),
            self._failed,
        )

    def _open(self, dialog: QDialog) -> None:
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()

    def _done(self, username: str | None, message: str) -> None:
        if username:
            self.message.show_message(message.format(name=username), MessageLabel.OK)
        self.refresh(select=username)

    def _failed(self, exc: BaseException) -> None:
        self._update_buttons()
        self.message.show_error(exc)


class _PasswordFields:
    """Password and repeat, checked against each other before any service call."""

    def __init__(self, parent: QWidget, form: QFormLayout) -> None:
        self.password = QLineEdit(parent)
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.Password)
        self.repeat = QLineEdit(parent)
        self.repeat.setObjectName("repeat")
        self.repeat.setEchoMode(QLineEdit.Password)
        self.password_label = QLabel(parent)
        self.repeat_label = QLabel(parent)
        form.addRow(self.password_label, self.password)
        form.addRow(self.repeat_label, self.repeat)

    def retranslate(self) -> None:
        self.password_label.setText(_("Password"))
        self.repeat_label.setText(_("Repeat password"))

    def problem(self) -> str | None:
        if self.password.text() != self.repeat.text():
            return _("The two passwords differ.")
        return None


class AddUserDialog(ServiceDialog):
    def __init__(self, context: PageContext, parent: QWidget) -> None:
        super().__init__(context, parent)
        self.setObjectName("add_user_dialog")
        self.username = QLineEdit(self)
        self.username.setObjectName("username")
        self.full_name = QLineEdit(self)
        self.full_name.setObjectName("full_name")
        self.position = QLineEdit(self)
        self.position.setObjectName("position")
        self.position.setMaxLength(200)
        self.role = QComboBox(self)
        self.role.setObjectName("role")
        for role in Role:
            self.role.addItem("", role.value)
        self.username_label, self.full_name_label, self.position_label, self.role_label = (
            QLabel(self),
            QLabel(self),
            QLabel(self),
            QLabel(self),
        )
        self.form.addRow(self.username_label, self.username)
        self.form.addRow(self.full_name_label, self.full_name)
        self.form.addRow(self.position_label, self.position)
        self.form.addRow(self.role_label, self.role)
        self.passwords = _PasswordFields(self, self.form)
        on_retranslate(self)

    def retranslate(self) -> None:
        self.setWindowTitle(_("Add user"))
        self.username_label.setText(_("User name"))
        self.username.setPlaceholderText(_("Latin letters and digits, e.g. ivanov.p"))
        self.full_name_label.setText(_("Full name"))
        self.position_label.setText(_("Position"))
        self.position.setPlaceholderText(_("Position and rank, printed under the name on forms"))
        self.role_label.setText(_("Role"))
        for i in range(self.role.count()):
            self.role.setItemText(i, _(ROLE_LABELS[Role(self.role.itemData(i))]))
        self.passwords.retranslate()

    def submit(self) -> None:
        problem = self.passwords.problem()
        if problem:
            self.problem(problem)
            return
        context = self.context
        username, full_name = self.username.text(), self.full_name.text()
        role, password = self.role.currentData(), self.passwords.password.text()
        position = self.position.text()
        self.run(
            lambda: users.add_user(
                context.db,
                actor=context.actor,
                username=username,
                role=role,
                password=password,
                full_name=full_name,
                position=position,
            )
        )

    @property
    def created(self) -> str | None:
        """The new user's name, once the service has added them."""
        return self.result.username if self.result is not None else None


class PositionDialog(ServiceDialog):
    """The position and rank printed under a user's name on the forms printed from now on."""

    def __init__(self, context: PageContext, row: UserRow, parent: QWidget) -> None:
        super().__init__(context, parent)
        self.setObjectName("position_dialog")
        self.target = row.username
        self.explanation = QLabel(self)
        self.explanation.setWordWrap(True)
        self.form.addRow(self.explanation)
        self.position = QLineEdit(row.position, self)
        self.position.setObjectName("position")
        self.position.setMaxLength(200)
        self.position_label = QLabel(self)
        self.form.addRow(self.position_label, self.position)
        self.position.setMinimumWidth(self.fontMetrics().horizontalAdvance("x" * 50))
        on_retranslate(self)

    def retranslate(self) -> None:
        self.setWindowTitle(_("Change position"))
        self.explanation.setText(
            _(
                "The position and rank of {name}, printed under the name on the forms "
                "printed from now on."
            ).format(name=self.target)
        )
        self.position_label.setText(_("Position"))

    def submit(self) -> None:
        context, target, position = self.context, self.target, self.position.text()
        self.run(
            lambda: users.set_position(
                context.db, actor=context.actor, username=target, position=position
            )
        )


class PasswordDialog(ServiceDialog):
    def __init__(self, context: PageContext, username: str, parent: QWidget) -> None:
        super().__init__(context, parent)
        self.setObjectName("password_dialog")
        self.target = username
        self.explanation = QLabel(self)
        self.explanation.setWordWrap(True)
        self.form.addRow(self.explanation)
        self.passwords = _PasswordFields(self, self.form)
        on_retranslate(self)

    def retranslate(self) -> None:
        self.setWindowTitle(_("Reset password"))
        self.explanation.setText(
            _("Set a new password for {name}. This also lifts a lock after failed logins.").format(
                name=self.target
            )
        )
        self.passwords.retranslate()

    def submit(self) -> None:
        problem = self.passwords.problem()
        if problem:
            self.problem(problem)
            return
        context, target, password = self.context, self.target, self.passwords.password.text()
        self.run(
            lambda: users.set_password(
                context.db, actor=context.actor, username=target, password=password
            )
        )
