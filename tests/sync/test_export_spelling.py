"""The export's column spellers (``sync.storage``) spell every stored value as
``storage.canonical`` spells it one by one, on the fast path and on the odd values that
leave it (NULLs, a digest stored as text, bytes of the wrong length)."""

from __future__ import annotations

import uuid

import pytest

from borderdesk.sync import storage


def _ids(n: int) -> list[uuid.UUID]:
    return [uuid.uuid4() for _ in range(n)]


def test_stored_uuids_are_spelt_as_str_of_uuid():
    ids = _ids(50)
    assert storage._uuid_texts([u.hex for u in ids]) == [str(u) for u in ids]
    with_null = [ids[0].hex, None, ids[1].hex]
    assert storage._uuid_texts(with_null) == [str(ids[0]), None, str(ids[1])]


def test_compact_uuids_are_spelt_as_str_of_uuid():
    ids = _ids(50)
    assert storage._uuid16_texts(tuple(u.bytes for u in ids)) == [str(u) for u in ids]
    assert storage._uuid16_texts([None, ids[0].bytes]) == [None, str(ids[0])]
    # A text left by an older program is handed out as it is, as the reader does.
    assert storage._uuid16_texts([str(ids[0]), ids[1].bytes]) == [str(ids[0]), str(ids[1])]
    with pytest.raises(ValueError):
        storage._uuid16_texts([b"\x01" * 15, ids[0].bytes])


def test_digests_are_their_hex_digits_and_a_text_one_stays():
    digests = [bytes([n]) * 32 for n in range(20)]
    assert storage._digest_texts(digests) == [d.hex() for d in digests]
    assert storage._digest_texts(["not-a-digest", b"\xff" * 32]) == ["not-a-digest", "ff" * 32]
    assert storage._digest_texts([b"", None]) == ["", None]
