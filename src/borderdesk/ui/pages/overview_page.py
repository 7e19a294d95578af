"""The first page everyone sees: which site this is and who is signed in."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from borderdesk.i18n import N_, _, format_zone
from borderdesk.services.access import users
from borderdesk.services.access.permissions import role_label
from borderdesk.services.access.users import UserRow
from borderdesk.ui.operations import run_op
from borderdesk.ui.pages import Page, PageContext
from borderdesk.ui.widgets import on_retranslate

SITE_KINDS = {
    "post": N_("Border post"),
    "centre": N_("Readmission centre"),
    "hq": N_("Regional directorate (HQ)"),
}


def site_kind_label(kind: str) -> str:
    return _(SITE_KINDS[kind]) if kind in SITE_KINDS else kind


class _Facts(QGroupBox):
    """A titled group of label: value lines."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.form = QFormLayout(self)
        self.form.setLabelAlignment(Qt.AlignLeft)
        self.form.setHorizontalSpacing(24)
        self.form.setVerticalSpacing(8)
        self._labels: list[tuple[QLabel, str]] = []

    def add(self, msgid: str, value: str = "") -> QLabel:
        label = QLabel()
        shown = QLabel(value)
        shown.setTextInteractionFlags(Qt.TextSelectableByMouse)
        shown.setWordWrap(True)
        self.form.addRow(label, shown)
        self._labels.append((label, msgid))
        return shown

    def retranslate(self) -> None:
        for label, msgid in self._labels:
            label.setText(_(msgid))

    def labels(self) -> list[QLabel]:
        return [label for label, _msgid in self._labels]


class OverviewPage(Page):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        site, actor = context.site, context.actor
        layout = QVBoxLayout(self)
        layout.setSpacing(16)

        self.site_box = _Facts(self)
        self.site_box.add(N_("Name"), site.name)
        self.site_box.add(N_("Code"), site.code)
        self.site_kind = self.site_box.add(N_("Kind"))
        self.zone = self.site_box.add(N_("Time zone"))
        self.site_box.add(N_("Database"), context.db.describe())

        self.account_box = _Facts(self)
        self.account_box.add(N_("User name"), actor.username)
        self.account_box.add(N_("Full name"), actor.full_name)
        self.role = self.account_box.add(N_("Role"))
        self.position = self.account_box.add(N_("Position"))
        self.position.setObjectName("account_position")

        for box in (self.site_box, self.account_box):
            box.setMaximumWidth(820)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setObjectName("hint")
        self.hint.setMaximumWidth(820)

        layout.addWidget(self.site_box)
        layout.addWidget(self.account_box)
        layout.addWidget(self.hint)
        layout.addStretch(1)
        on_retranslate(self)
        self.load_account()

    def activated(self) -> None:
        self.load_account()  # an administrator may have changed the position since

    def load_account(self) -> None:
        """The position is on the account record, not on the actor: read it through the service."""
        context = self.context
        run_op(
            self,
            lambda: users.own_account(context.db, actor=context.actor),
            self._account_loaded,
            lambda _exc: self.position.setText("—"),
            latest="account",
        )

    def _account_loaded(self, account: UserRow) -> None:
        self.position.setText(account.position or "—")

    def retranslate(self) -> None:
        self.site_box.setTitle(_("This site"))
        self.account_box.setTitle(_("Signed in"))
        self.site_box.retranslate()
        self.account_box.retranslate()
        # One label column for both groups, however long the words in this language.
        labels = self.site_box.labels() + self.account_box.labels()
        for label in labels:
            label.setMinimumWidth(0)
        width = max(label.sizeHint().width() for label in labels)
        for label in labels:
            label.setMinimumWidth(width)
        self.site_kind.setText(site_kind_label(self.context.site.kind))
        self.zone.setText(format_zone(self.context.site.timezone))
        self.zone.setToolTip(self.context.site.timezone)
        self.role.setText(role_label(self.context.actor.role))
        self.hint.setText(
            _(
                "Choose a task on the left. The screen locks itself after a while "
                "without input; File → Lock locks it now."
            )
        )
