"""The words for a centre stay's and a transfer's status (codes are stored, words shown)."""

from __future__ import annotations

from borderdesk.i18n import N_, _

STAY_STATUS_LABELS = {
    "in": N_("in the centre"),
    "released": N_("released"),
    "transferred": N_("transferred"),
}
TRANSFER_STATUS_LABELS = {
    "planned": N_("planned"),
    "completed": N_("completed"),
    "cancelled": N_("cancelled"),
}


def stay_status_label(status: str) -> str:
    return _(STAY_STATUS_LABELS[status]) if status in STAY_STATUS_LABELS else status


def transfer_status_label(status: str) -> str:
    return _(TRANSFER_STATUS_LABELS[status]) if status in TRANSFER_STATUS_LABELS else status
