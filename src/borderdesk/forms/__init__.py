"""Printed forms: bilingual (RU/EN) PDF protocols built with reportlab.

Each form takes a plain frozen dataclass (mapped from records by the services)
and writes a deterministic A4 PDF to a path or a binary stream. This package
imports nothing from Qt or the store.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from borderdesk.lazy_face import lazy_attributes

# Imported when first named: a service that only computes a digest (forms.digest)
# does not load reportlab and every form.
if TYPE_CHECKING:
    from borderdesk.forms.check_protocol import (
        CheckProtocolData,
        Finding,
        render_check_protocol,
    )
    from borderdesk.forms.common import (
        DocumentData,
        PersonData,
    )
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
    from borderdesk.forms.labels import (
        Label,
        label,
    )
    from borderdesk.forms.qr import (
        canonical_json,
        content_digest,
        parse_qr_payload,
        qr_payload,
    )
    from borderdesk.forms.readmission_application import (
        AccompanyingPerson,
        EvidenceItem,
        ReadmissionApplicationData,
        render_readmission_application,
    )

_MODULE_OF = {
    "AccompanyingPerson": "readmission_application",
    "BelongingItem": "intake_protocol",
    "canonical_json": "qr",
    "CashAmount": "intake_protocol",
    "CheckProtocolData": "check_protocol",
    "content_digest": "qr",
    "DocumentData": "common",
    "EvidenceItem": "readmission_application",
    "Finding": "check_protocol",
    "HandedDocument": "handover_protocol",
    "HandedOverPerson": "handover_protocol",
    "HandoverProtocolData": "handover_protocol",
    "IntakeProtocolData": "intake_protocol",
    "Label": "labels",
    "label": "labels",
    "parse_qr_payload": "qr",
    "PersonData": "common",
    "qr_payload": "qr",
    "ReadmissionApplicationData": "readmission_application",
    "render_check_protocol": "check_protocol",
    "render_handover_protocol": "handover_protocol",
    "render_intake_protocol": "intake_protocol",
    "render_readmission_application": "readmission_application",
    "ReturnedItem": "handover_protocol",
}


__getattr__ = lazy_attributes(__name__, _MODULE_OF)


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
