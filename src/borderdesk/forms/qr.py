"""Content digest and QR code that tie a printed form to its database record.

The QR code carries ``BD1:<KIND>:<record id>:<sha256 hex>``; the digest is the
SHA-256 of the record's canonical JSON (sorted keys, no whitespace, ISO dates,
aware datetimes in UTC, NFC strings, UTF-8). Its short form is printed under the
code so a paper protocol can be checked against the database by eye.
"""

from __future__ import annotations

from functools import cache
from itertools import groupby

from reportlab.graphics.barcode.qrencoder import QRCode, QRErrorCorrectLevel
from reportlab.platypus import Flowable

# The digest and the payload live in forms.digest (no reportlab); named here as before.
from borderdesk.forms.digest import (
    PAYLOAD_PREFIX,
    AuditMark,
    QrPayload,
    canonical_json,
    content_digest,
    parse_audit_mark,
    parse_qr_payload,
    qr_payload,
    short_digest,
)

__all__ = [
    "PAYLOAD_PREFIX",
    "AuditMark",
    "QrCode",
    "QrPayload",
    "canonical_json",
    "content_digest",
    "parse_audit_mark",
    "parse_qr_payload",
    "qr_modules",
    "qr_payload",
    "short_digest",
]


@cache
def qr_modules(payload: str, level: str = "M") -> tuple[tuple[bool, ...], ...]:
    """The QR symbol's dark/light modules, from reportlab's own QR encoder."""
    code = QRCode(None, getattr(QRErrorCorrectLevel, level))
    code.addData(payload)
    code.make()
    return tuple(tuple(bool(m) for m in row) for row in code.modules)


class QrCode(Flowable):
    """A square QR code ``size`` points wide, drawn as one filled path (fast, compact)."""

    def __init__(self, payload: str, size: float, border: int = 2, level: str = "M"):
        super().__init__()
        self.payload = payload
        self.size = size
        self.border = border
        self.level = level

    def wrap(self, _avail_width, _avail_height):
        return self.size, self.size

    def draw(self) -> None:
        modules = qr_modules(self.payload, self.level)
        box = self.size / (len(modules) + 2 * self.border)
        path = self.canv.beginPath()
        for r, row in enumerate(modules):
            col = 0
            for dark, run in groupby(row):
                count = len(list(run))
                if dark:
                    x = (col + self.border) * box
                    y = self.size - (r + self.border + 1) * box
                    path.rect(x, y, count * box, box)
                col += count
        self.canv.drawPath(path, stroke=0, fill=1)
