"""The envelope: round trip, and every way a package is refused before it is read."""

from __future__ import annotations

import struct

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from borderdesk.sync import envelope
from borderdesk.sync.envelope import open_package, read_addressing, seal
from borderdesk.sync.refusals import PackageRefused

SENDER, RECIPIENT = "POST-07", "HQ-ORB"
signing = Ed25519PrivateKey.generate()
recipient_key = X25519PrivateKey.generate()
HEADER = {"format": 1, "sender": SENDER, "recipient": RECIPIENT, "number": 3, "counts": {}}
BODY = b"compressed records " * 200


def sealed() -> bytes:
    return seal(HEADER, BODY, signing_key=signing, recipient_key=recipient_key.public_key())


def open_as(data: bytes, *, me: str = RECIPIENT, known: bool = True, key=None):
    return open_package(
        data,
        me=me,
        my_key=key or recipient_key,
        sender_key=lambda code: signing.public_key() if known and code == SENDER else None,
    )


def refusal(data: bytes, **kwargs) -> str:
    with pytest.raises(PackageRefused) as caught:
        open_as(data, **kwargs)
    assert "\n" not in caught.value.message
    return caught.value.code


def test_round_trip_gives_header_and_body():
    opened = open_as(sealed())
    assert opened.header == HEADER
    assert opened.body == BODY


def test_body_is_not_readable_in_the_file():
    assert b"compressed records" not in sealed()


def test_wrong_recipient_is_refused():
    assert refusal(sealed(), me="POST-09") == "wrong_recipient"


def test_unknown_sender_is_refused():
    assert refusal(sealed(), known=False) == "unknown_sender"


def test_another_key_cannot_decrypt():
    assert refusal(sealed(), key=X25519PrivateKey.generate()) == "undecryptable"


def test_a_forged_signature_is_refused():
    forger = Ed25519PrivateKey.generate()
    data = seal(HEADER, BODY, signing_key=forger, recipient_key=recipient_key.public_key())
    assert refusal(data) == "bad_signature"


def test_every_flipped_byte_is_refused():
    data = sealed()
    for position in range(len(data)):
        flipped = bytearray(data)
        flipped[position] ^= 0x01
        with pytest.raises(PackageRefused):
            open_as(bytes(flipped))


def test_truncation_anywhere_is_refused():
    data = sealed()
    for size in (0, 3, 20, 60, len(data) // 2, len(data) - 64, len(data) - 1):
        code = refusal(data[:size])
        assert code in {"truncated", "not_package"}, (size, code)


def test_a_newer_format_is_refused_before_anything_else():
    data = bytearray(sealed())
    struct.pack_into(">H", data, len(envelope.MAGIC), envelope.FORMAT_VERSION + 1)
    assert refusal(bytes(data)) == "newer_format"


def test_addressing_is_read_from_the_fixed_prefix():
    assert read_addressing(sealed()) == (1, SENDER, RECIPIENT)


def test_an_unrelated_file_is_not_a_package():
    assert refusal(b"PK\x03\x04 a zip file" * 10) == "not_package"
