"""Who receives the person at a handover: the destination's competent authority under
the transfer's agreement (resources/reference/agreements.toml). The printed handover
protocol and the complete-transfer dialog both take it from here."""

from __future__ import annotations

from borderdesk.domain.reference import load_agreements
from borderdesk.services.transfers.queries import TransferRow


def agreement_receiving_authority(transfer: TransferRow) -> str:
    """The destination's competent authority as forms print it ("Русское / English"),
    or "" when the agreement names none (or the transfer has no agreement)."""
    if not transfer.agreement_id:
        return ""
    agreement = load_agreements().find(transfer.agreement_id)
    authority = agreement.authority(transfer.destination) if agreement else None
    return authority.text if authority else ""


def receiving_authority(transfer: TransferRow) -> str:
    """What the handover names as receiving: what was recorded, else the agreement's."""
    return transfer.receiving_authority or agreement_receiving_authority(transfer)
