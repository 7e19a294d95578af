"""The ``.bdsync`` envelope: signed by the sender, readable only by the recipient.

Layout (all integers big-endian)::

    magic "BDSYNC" | format u16 | total length u64 | sender 16 B | recipient 16 B
    | header length u32 | header (canonical JSON) | sealed body | Ed25519 signature 64 B

The fixed prefix names sender and recipient, so the signature over everything before
it is checked with the sender's known key *before* the header is parsed or the body
decrypted. The body is sealed with HPKE (RFC 9180, base mode: X25519, HKDF-SHA256,
ChaCha20-Poly1305) to the recipient's X25519 key; the prefix and header are the HPKE
``info``, so they are bound to the body as associated data. The declared total length
tells a truncated copy from an altered one.
"""

from __future__ import annotations

import json
import struct
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hpke
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

from borderdesk.i18n import _
from borderdesk.store.serialise import canonical_json
from borderdesk.sync.refusals import PackageRefused

MAGIC = b"BDSYNC"
# The body's format (sync.body): 2 is columnar and zstandard-compressed; 1 still reads.
FORMAT_VERSION = 2
READABLE_FORMATS = frozenset({1, 2})
EXTENSION = ".bdsync"
SIGNATURE_SIZE = 64
_PREFIX = struct.Struct(">6sHQ16s16sI")
_MAX_HEADER = 1 << 20
_INFO = b"BorderDesk sync package v1\x00"
_SUITE = hpke.Suite(hpke.KEM.X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.CHACHA20_POLY1305)


@dataclass(frozen=True)
class OpenedPackage:
    header: dict[str, Any]
    body: bytes


def _site_field(code: str) -> bytes:
    raw = code.encode("ascii")
    if not raw or len(raw) > 16:
        raise ValueError(f"site code {code!r} does not fit the envelope")
    return raw.ljust(16, b" ")


def seal(
    header: dict[str, Any],
    body: bytes,
    *,
    signing_key: Ed25519PrivateKey,
    recipient_key: X25519PublicKey,
) -> bytes:
    """The package file's bytes for ``header`` (sender, recipient and the body's format
    inside) and ``body``."""
    header_bytes = canonical_json(header).encode()
    sealed_size = len(body) + _SUITE_OVERHEAD
    total = _PREFIX.size + len(header_bytes) + sealed_size + SIGNATURE_SIZE
    prefix = _PREFIX.pack(
        MAGIC,
        header.get("format", FORMAT_VERSION),
        total,
        _site_field(header["sender"]),
        _site_field(header["recipient"]),
        len(header_bytes),
    )
    bound = prefix + header_bytes
    sealed = _SUITE.encrypt(body, recipient_key, info=_INFO + bound)
    signed = bound + sealed
    return signed + signing_key.sign(signed)


# HPKE adds the encapsulated key (32 bytes for X25519) and the AEAD tag (16 bytes).
_SUITE_OVERHEAD = 32 + 16


def read_addressing(data: bytes) -> tuple[int, str, str]:
    """Format version, sender and recipient from the fixed prefix (no parsing beyond it)."""
    if len(data) < len(MAGIC) or data[: len(MAGIC)] != MAGIC:
        raise PackageRefused(_("This file is not a BorderDesk sync package."), code="not_package")
    if len(data) < _PREFIX.size:
        raise PackageRefused(
            _("The package is truncated: the file ends inside its header."), code="truncated"
        )
    _magic, version, total, sender, recipient, _length = _PREFIX.unpack_from(data)
    if version not in READABLE_FORMATS:
        if version < max(READABLE_FORMATS):
            raise PackageRefused(
                _("The package has format {version}, which no BorderDesk reads.").format(
                    version=version
                ),
                code="unknown_format",
            )
        raise PackageRefused(
            _(
                "The package has format {version}, newer than this BorderDesk reads ({known}): "
                "update BorderDesk."
            ).format(version=version, known=max(READABLE_FORMATS)),
            code="newer_format",
        )
    if len(data) < total:
        raise PackageRefused(
            _("The package is truncated: {size} of {total} bytes.").format(
                size=len(data), total=total
            ),
            code="truncated",
        )
    try:
        return version, sender.decode("ascii").strip(), recipient.decode("ascii").strip()
    except UnicodeDecodeError:
        raise _altered() from None


def _altered() -> PackageRefused:
    return PackageRefused(
        _("The package's signature does not match: the file was altered or damaged."),
        code="bad_signature",
    )


def open_package(
    data: bytes,
    *,
    me: str,
    my_key: X25519PrivateKey,
    sender_key: Callable[[str], Ed25519PublicKey | None],
) -> OpenedPackage:
    """Check, in this order: addressing, sender, signature; then parse and decrypt."""
    version, sender, recipient = read_addressing(data)
    if recipient != me:
        raise PackageRefused(
            _("The package is for site {recipient}, not for this site ({me}).").format(
                recipient=recipient, me=me
            ),
            code="wrong_recipient",
        )
    public_key = sender_key(sender)
    if public_key is None:
        raise PackageRefused(
            _("The package comes from {sender}, which is not a peer of this site.").format(
                sender=sender
            ),
            code="unknown_sender",
        )
    total = _PREFIX.unpack_from(data)[2]
    if len(data) != total or total < _PREFIX.size + SIGNATURE_SIZE:
        raise _altered()
    signed, signature = data[:-SIGNATURE_SIZE], data[-SIGNATURE_SIZE:]
    try:
        public_key.verify(signature, signed)
    except InvalidSignature:
        raise _altered() from None
    # From here on the bytes are the sender's own.
    header_length = _PREFIX.unpack_from(data)[5]
    if header_length > _MAX_HEADER or _PREFIX.size + header_length > len(signed):
        raise _altered()
    bound = signed[: _PREFIX.size + header_length]
    try:
        header = json.loads(bound[_PREFIX.size :])
    except ValueError:
        raise _altered() from None
    if (
        not isinstance(header, dict)
        or header.get("sender") != sender
        or header.get("recipient") != recipient
        or header.get("format") != version
    ):
        raise _altered()
    try:
        body = _SUITE.decrypt(signed[len(bound) :], my_key, info=_INFO + bound)
    except (InvalidTag, ValueError):
        raise PackageRefused(
            _("The package cannot be decrypted with this site's key."), code="undecryptable"
        ) from None
    return OpenedPackage(header=header, body=body)
