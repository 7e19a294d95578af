"""Printed forms: bilingual (RU/EN) PDF protocols built with reportlab.

Each form takes a plain frozen dataclass (mapped from records by the services)
and writes a deterministic A4 PDF to a path or a binary stream. This package
imports nothing from Qt or the store.
"""

from borderdesk.forms.check_protocol import CheckProtocolData, Finding, render_check_protocol
from borderdesk.forms.common import DocumentData, PersonData
from borderdesk.forms.handover_protocol import (
    HandedDocument,
    HandedOverPerson,
    HandoverProtocolData,
    ReturnedItem,
    render_handover_protocol,
)
from borderdesk.forms.intake_protocol import (
    BelongingItem,
    CashAmount,
    IntakeProtocolData,
    render_intake_protocol,
)
from borderdesk.forms.labels import Label, label
from borderdesk.forms.qr import canonical_json, content_digest, parse_qr_payload, qr_payload
from borderdesk.forms.readmission_application import (
    AccompanyingPerson,
    EvidenceItem,
    ReadmissionApplicationData,
    render_readmission_application,
)

__all__ = [
    "AccompanyingPerson",
    "BelongingItem",
    "CashAmount",
    "CheckProtocolData",
    "DocumentData",
    "EvidenceItem",
    "Finding",
    "HandedDocument",
    "HandedOverPerson",
    "HandoverProtocolData",
    "IntakeProtocolData",
    "Label",
    "PersonData",
    "ReadmissionApplicationData",
    "ReturnedItem",
    "canonical_json",
    "content_digest",
    "label",
    "parse_qr_payload",
    "qr_payload",
    "render_check_protocol",
    "render_handover_protocol",
    "render_intake_protocol",
    "render_readmission_application",
]
