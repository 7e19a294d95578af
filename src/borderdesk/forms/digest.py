"""The content digest and the QR payload of a printed form, without reportlab.

The payload may end with the site's signed audit-chain head (``AuditMark``), so a
paper protocol proves the history up to it was not rewritten later. The digest is the
SHA-256 of the record's canonical JSON (see ``forms.qr``). Services compute it whenever
they read a saved check, so it lives apart from the QR drawing: reading a record does
not load reportlab.
"""

from __future__ import annotations

import base64
import contextlib
import dataclasses
import enum
import hashlib
import json
import re
import unicodedata
from collections.abc import Mapping
from datetime import UTC, date, datetime, time
from decimal import Decimal
from typing import Any, NamedTuple
from uuid import UUID

PAYLOAD_PREFIX = "BD1"
_UUIDISH = re.compile(r"^[0-9A-Fa-f-]+$")


def _canonical(value: Any) -> Any:
    if value is None or isinstance(value, bool | int):
        return value
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, enum.Enum):
        return _canonical(value.value)
    if isinstance(value, float):
        return value
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            with contextlib.suppress(OverflowError):  # a stored year 1 or 9999: as stored
                value = value.astimezone(UTC)
        return value.isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, bytes | bytearray):
        return bytes(value).hex()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _canonical(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Mapping):
        return {str(_canonical(k)): _canonical(v) for k, v in value.items()}
    if isinstance(value, set | frozenset):
        items = [_canonical(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    if isinstance(value, list | tuple):
        return [_canonical(v) for v in value]
    raise TypeError(f"cannot canonicalise {type(value).__name__}")


def canonical_json(data: Any) -> bytes:
    """Canonical UTF-8 JSON of a mapping (or dataclass): the bytes the digest covers."""
    text = json.dumps(
        _canonical(data),
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
        allow_nan=False,
    )
    return text.encode("utf-8")


def content_digest(data: Mapping[str, Any]) -> str:
    """SHA-256 hex (lower case) of the canonical JSON of ``data``."""
    return hashlib.sha256(canonical_json(data)).hexdigest()


def short_digest(digest: str, groups: int = 4) -> str:
    """'9f86 d081 884c 7d65': the first 16 hex digits, printed under the QR code."""
    return " ".join(digest[i * 4 : i * 4 + 4] for i in range(groups))


class AuditMark(NamedTuple):
    """The audit-chain head when a form was printed: its entry number, the first 16 hex
    digits of its hash, and the site's Ed25519 signature of the whole head (64 bytes)."""

    seq: int
    hash_prefix: str
    signature: bytes

    def text(self) -> str:
        # Base32 (A-Z, 2-7) stays in the QR code's compact alphanumeric mode.
        sig = base64.b32encode(self.signature).decode().rstrip("=")
        return f"A{self.seq}.{self.hash_prefix[:16].upper()}.{sig}"


_MARK = re.compile(r"^A(\d{1,12})\.([0-9A-F]{16})\.([A-Z2-7]{103})$")


def parse_audit_mark(text: str) -> AuditMark | None:
    match = _MARK.match(text.strip().upper())
    if match is None:
        return None
    sig = base64.b32decode(match.group(3) + "=" * (-len(match.group(3)) % 8))
    return AuditMark(int(match.group(1)), match.group(2).lower(), sig)


class QrPayload(NamedTuple):
    kind: str
    record_id: str
    digest: str
    audit_mark: AuditMark | None = None


def qr_payload(kind: str, record_id: str, digest: str, mark: AuditMark | None = None) -> str:
    """Upper-case so that the QR encoder uses its compact alphanumeric mode."""
    rid = record_id.upper() if _UUIDISH.match(record_id) else record_id
    tail = f":{mark.text()}" if mark is not None else ""
    return f"{PAYLOAD_PREFIX}:{kind.upper()}:{rid}:{digest.upper()}{tail}"


def parse_qr_payload(text: str) -> QrPayload:
    text = text.strip()
    mark = None
    head, sep, last = text.rpartition(":")
    if sep and last.upper().startswith("A") and "." in last:
        mark = parse_audit_mark(last)
        if mark is None:
            raise ValueError(f"not a BorderDesk form code: {text[:40]!r}")
        text = head
    try:
        prefix, kind, rest = text.split(":", 2)
        record_id, digest = rest.rsplit(":", 1)
    except ValueError:
        raise ValueError(f"not a BorderDesk form code: {text[:40]!r}") from None
    if prefix != PAYLOAD_PREFIX or len(digest) != 64:
        raise ValueError(f"not a BorderDesk form code: {text[:40]!r}")
    if _UUIDISH.match(record_id):
        record_id = record_id.lower()
    return QrPayload(kind, record_id, digest.lower(), mark)
