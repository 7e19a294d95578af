"""The encrypted backup file: scrypt from a passphrase, ChaCha20-Poly1305 in chunks.

Layout: a header (magic, scrypt cost, salt, nonce prefix), then chunks of
``4-byte length + ciphertext``. Each chunk's nonce is the prefix, its number and a
final-chunk flag, and the header is the associated data of every chunk, so a reordered,
truncated, extended or edited file is refused (STREAM construction, Hoang–Reyhanitabar–
Rogaway–Vizár 2015).
"""

from __future__ import annotations

import os
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hpke
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from borderdesk.errors import DatabaseError
from borderdesk.i18n import N_, _

MAGIC = b"BDBACKUP\x01"
# Made to a public key (HQ's): the header holds the HPKE-sealed content key.
MAGIC_KEY = b"BDBACKUP\x02"
_HPKE = hpke.Suite(hpke.KEM.X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.CHACHA20_POLY1305)
_HPKE_INFO = b"BorderDesk backup\x00"
_WRAPPED_BYTES = 32 + 32 + 16  # encapsulated key, the sealed content key, its tag
_BAD_PASSPHRASE = N_("Wrong passphrase, or the backup file is damaged or incomplete.")
_BAD_KEY = N_("Wrong key, or the backup file is damaged or incomplete.")
KDF_SCRYPT = 1
# scrypt cost: 2**15 × 8 × 128 bytes = 32 MiB, about 0.1 s (RFC 7914's interactive figure).
SCRYPT_LOG2_N = 15
SCRYPT_R = 8
SCRYPT_P = 1
SALT_BYTES = 16
PREFIX_BYTES = 7
CHUNK_BYTES = 1 << 20
_HEADER = struct.Struct(f">{len(MAGIC)}sBBBB{SALT_BYTES}s{PREFIX_BYTES}s")
_LENGTH = struct.Struct(">I")
TAG_BYTES = 16


@dataclass(frozen=True)
class _Header:
    log2_n: int
    r: int
    p: int
    salt: bytes
    prefix: bytes

    def pack(self) -> bytes:
        return _HEADER.pack(MAGIC, KDF_SCRYPT, self.log2_n, self.r, self.p, self.salt, self.prefix)


def is_backup_file(head: bytes) -> bool:
    return head.startswith(MAGIC) or head.startswith(MAGIC_KEY)


def _key(passphrase: str, header: _Header) -> ChaCha20Poly1305:
    if header.log2_n > 22 or header.r > 32 or header.p > 16:
        raise DatabaseError(_("The backup file asks for an unreasonable key derivation cost."))
    kdf = Scrypt(salt=header.salt, length=32, n=1 << header.log2_n, r=header.r, p=header.p)
    return ChaCha20Poly1305(kdf.derive(passphrase.encode("utf-8")))


def _nonce(prefix: bytes, counter: int, final: bool) -> bytes:
    return prefix + struct.pack(">I", counter) + (b"\x01" if final else b"\x00")


def encrypt_stream(source: BinaryIO, target: BinaryIO, passphrase: str) -> None:
    header = _Header(
        SCRYPT_LOG2_N, SCRYPT_R, SCRYPT_P, os.urandom(SALT_BYTES), os.urandom(PREFIX_BYTES)
    )
    packed = header.pack()
    target.write(packed)
    _seal_chunks(source, target, _key(passphrase, header), header.prefix, packed)


def encrypt_stream_to_key(source: BinaryIO, target: BinaryIO, public_key: bytes) -> None:
    """The same chunks under a random key, which is sealed with HPKE (RFC 9180, as sync
    packages are) to an X25519 public key: only its private key (HQ's) opens the file."""
    content_key, prefix = ChaCha20Poly1305.generate_key(), os.urandom(PREFIX_BYTES)
    recipient = X25519PublicKey.from_public_bytes(public_key)
    wrapped = _HPKE.encrypt(content_key, recipient, info=_HPKE_INFO + MAGIC_KEY + prefix)
    packed = MAGIC_KEY + prefix + wrapped
    target.write(packed)
    _seal_chunks(source, target, ChaCha20Poly1305(content_key), prefix, packed)


def _seal_chunks(
    source: BinaryIO, target: BinaryIO, aead: ChaCha20Poly1305, prefix: bytes, packed: bytes
) -> None:
    counter = 0
    chunk = source.read(CHUNK_BYTES)
    while True:
        following = source.read(CHUNK_BYTES)
        final = not following
        sealed = aead.encrypt(_nonce(prefix, counter, final), chunk, packed)
        target.write(_LENGTH.pack(len(sealed)) + sealed)
        if final:
            return
        counter += 1
        chunk = following


def is_key_backup(head: bytes) -> bool:
    return head.startswith(MAGIC_KEY)


def decrypt_stream(source: BinaryIO, passphrase: str) -> Iterator[bytes]:
    """The plain chunks, each authenticated before it is given out."""
    packed = source.read(_HEADER.size)
    if is_key_backup(packed):
        raise DatabaseError(
            _("This backup was made to HQ's public key: restore it with --hq-database.")
        )
    if len(packed) < _HEADER.size or not is_backup_file(packed):
        raise DatabaseError(_("This is not a BorderDesk backup file."))
    magic, kdf, log2_n, r, p, salt, prefix = _HEADER.unpack(packed)
    if kdf != KDF_SCRYPT:
        raise DatabaseError(_("This is not a BorderDesk backup file."))
    aead = _key(passphrase, _Header(log2_n, r, p, salt, prefix))
    yield from _open_chunks(source, aead, prefix, packed, _BAD_PASSPHRASE)


def decrypt_stream_with_key(source: BinaryIO, private_key: bytes) -> Iterator[bytes]:
    """A backup made with ``encrypt_stream_to_key``, opened with the private key."""
    size = len(MAGIC_KEY) + PREFIX_BYTES + _WRAPPED_BYTES
    packed = source.read(size)
    if len(packed) < size or not is_key_backup(packed):
        raise DatabaseError(_("This is not a BorderDesk backup made to a public key."))
    prefix = packed[len(MAGIC_KEY) : len(MAGIC_KEY) + PREFIX_BYTES]
    try:
        content_key = _HPKE.decrypt(
            packed[len(MAGIC_KEY) + PREFIX_BYTES :],
            X25519PrivateKey.from_private_bytes(private_key),
            info=_HPKE_INFO + MAGIC_KEY + prefix,
        )
    except (InvalidTag, ValueError):
        raise DatabaseError(_(_BAD_KEY)) from None
    yield from _open_chunks(source, ChaCha20Poly1305(content_key), prefix, packed, _BAD_KEY)


def _open_chunks(
    source: BinaryIO, aead: ChaCha20Poly1305, prefix: bytes, packed: bytes, refusal: str
) -> Iterator[bytes]:
    counter = 0
    pending = _read_chunk(source)
    while pending is not None:
        following = _read_chunk(source)
        final = following is None
        try:
            yield aead.decrypt(_nonce(prefix, counter, final), pending, packed)
        except InvalidTag:
            raise DatabaseError(_(refusal)) from None
        if final:
            return
        counter += 1
        pending = following
    raise DatabaseError(_(refusal))


def _read_chunk(source: BinaryIO) -> bytes | None:
    raw = source.read(_LENGTH.size)
    if not raw:
        return None
    if len(raw) < _LENGTH.size:
        raise DatabaseError(_("The backup file is damaged or incomplete."))
    (length,) = _LENGTH.unpack(raw)
    if length > CHUNK_BYTES + TAG_BYTES:
        raise DatabaseError(_("The backup file is damaged or incomplete."))
    sealed = source.read(length)
    if len(sealed) < length:
        raise DatabaseError(_("The backup file is damaged or incomplete."))
    return sealed
