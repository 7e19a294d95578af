"""Onward transfers: planning under an agreement, the handover, cancellation and alternatives.

The package's public face: the rest of BorderDesk imports from here, never from its modules."""

from __future__ import annotations

from typing import TYPE_CHECKING

from borderdesk.lazy_face import lazy_attributes

# Imported when first named: a command loads the modules of what it uses (a listing
# does not pay for planning under the agreements or for the handover).
if TYPE_CHECKING:
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
    from borderdesk.services.transfers.receiving import receiving_authority

_MODULE_OF = {
    "alternative_label": "alternatives",
    "ALTERNATIVES": "alternatives",
    "cancel_transfer": "handover",
    "check_destination": "planning",
    "complete_transfer": "handover",
    "get_transfer": "queries",
    "list_transfers": "queries",
    "plan_transfer": "planning",
    "receiving_authority": "receiving",
    "record_alternative": "alternatives",
    "TransferRefused": "planning",
    "TransferRow": "queries",
}


__getattr__ = lazy_attributes(__name__, _MODULE_OF)


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
    "receiving_authority",
    "record_alternative",
]
