"""Onward transfers: planning under an agreement, the handover, cancellation and alternatives.

The package's public face: the rest of BorderDesk imports from here, never from its modules."""

from __future__ import annotations

from borderdesk.services.transfers.alternatives import (
    ALTERNATIVES,
    alternative_label,
    record_alternative,
)
from borderdesk.services.transfers.handover import (
    cancel_transfer,
    complete_transfer,
)
from borderdesk.services.transfers.planning import (
    TransferRefused,
    check_destination,
    plan_transfer,
)
from borderdesk.services.transfers.queries import (
    TransferRow,
    get_transfer,
    list_transfers,
)

__all__ = [
    "ALTERNATIVES",
    "TransferRefused",
    "TransferRow",
    "alternative_label",
    "cancel_transfer",
    "check_destination",
    "complete_transfer",
    "get_transfer",
    "list_transfers",
    "plan_transfer",
    "record_alternative",
]
