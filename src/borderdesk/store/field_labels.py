"""What a user calls each stored field: the one place the column-limit messages (and any
other message about a stored field) take their words from.

Keyed by column name, with a few (table, column) entries where one name means different
things in different tables. Marked with ``N_``: translated when shown.
"""

from __future__ import annotations

from borderdesk.i18n import N_, _

FIELD_LABELS: dict[str, str] = {
    "alternative": N_("Alternative to detention"),
    "alternative_note": N_("Note on the alternative"),
    "amount": N_("Amount"),
    "arriving_from": N_("Arriving from"),
    "author": N_("Author"),
    "belongings_explanation": N_("Explanation about belongings"),
    "birth_place": N_("Place of birth"),
    "cancel_reason": N_("Reason for cancelling"),
    "case_number": N_("Case number"),
    "code": N_("Code"),
    "crossing_point": N_("Crossing point"),
    "currency": N_("Currency"),
    "decision_number": N_("Decision number"),
    "decision_reason": N_("Reason for the decision"),
    "description": N_("Description"),
    "destination": N_("Destination"),
    "document_type": N_("Document type"),
    "end_reason": N_("Reason for ending the stay"),
    "evidence_type": N_("Kind of evidence"),
    "file_name": N_("File name"),
    "full_name": N_("Full name"),
    "given_names": N_("Given names"),
    "given_names_latin": N_("Given names (Latin)"),
    "handover_note": N_("Handover note"),
    "issuing_state": N_("Issuing state"),
    "item": N_("Item"),
    "label": N_("Bed label"),
    "languages": N_("Languages"),
    "legal_basis": N_("Legal basis"),
    "medical_examiner": N_("Medical examiner"),
    "medical_needs": N_("Medical needs"),
    "medication": N_("Medication"),
    "mrz": N_("Machine-readable zone"),
    "name": N_("Name"),
    "nationality": N_("Nationality"),
    "note": N_("Note"),
    "notes": N_("Notes"),
    "number": N_("Document number"),
    "officer": N_("Officer"),
    "officer_name": N_("Officer's name"),
    "position": N_("Position"),
    "protocol_number": N_("Protocol number"),
    "reason": N_("Reason"),
    "received_by": N_("Received by"),
    "receiving_authority": N_("Receiving authority"),
    "receiving_officer": N_("Receiving officer"),
    "refusal_ground": N_("Ground for refusal"),
    "register_no": N_("Register number"),
    "return_note": N_("Note on return"),
    "returned_amount": N_("Amount returned"),
    "scan_filename": N_("Scan file name"),
    "source": N_("Source"),
    "subject": N_("Subject"),
    "suitable_for": N_("Suitable for"),
    "surname": N_("Surname"),
    "surname_latin": N_("Surname (Latin)"),
    "transport": N_("Transport"),
    "username": N_("User name"),
}

_BY_TABLE: dict[tuple[str, str], str] = {
    ("centre_room", "name"): N_("Room name"),
    ("site", "name"): N_("Site name"),
    ("sync_peer", "name"): N_("Peer name"),
    ("readmission_case", "notes"): N_("Case notes"),
}


def field_label(table: str | None, column: str) -> str:
    """The translated label of ``table.column``; the column's own name if it has none."""
    label = _BY_TABLE.get((table or "", column)) or FIELD_LABELS.get(column)
    return _(label) if label else column
