"""An entry's hash is taken over ``canonical_json`` of its fields; ``audit_hash`` spells
them by orjson where the text is the same (``fast_json``), and a batch seal's changes are
spelt so too: both must be the standard encoder's very text, whatever the values."""

from __future__ import annotations

import hashlib
import uuid

from hypothesis import given, settings
from hypothesis import strategies as st

from borderdesk.store import batch_seals
from borderdesk.store.serialise import canonical_json
from borderdesk.store.tracking import audit_hash

_VALUES = st.one_of(
    st.text(), st.integers(min_value=-(2**70), max_value=2**70), st.none(), st.booleans()
)


@settings(deadline=None)
@given(st.dictionaries(st.text(min_size=1, max_size=12), _VALUES, max_size=9))
def test_the_hash_is_over_the_standard_text(fields):
    prev = "0" * 64
    try:
        expected = hashlib.sha256((prev + "|" + canonical_json(fields)).encode()).hexdigest()
    except UnicodeEncodeError:  # a lone surrogate cannot be hashed either way
        return
    assert audit_hash(prev, fields) == expected


@settings(deadline=None)
@given(st.lists(st.uuids(), max_size=20, unique=True), st.data())
def test_a_batch_seals_text_is_the_standard_one(ids, data):
    record_ids = [str(i) for i in ids]
    digest = st.text(alphabet="0123456789abcdef", min_size=64, max_size=64)
    digests = data.draw(st.lists(digest, min_size=len(ids), max_size=len(ids)))
    text = batch_seals.changes_text(record_ids, digests)
    assert text == canonical_json(batch_seals.changes_of(record_ids, digests))
    assert batch_seals.sealed_rows(None, "", text) == dict(zip(record_ids, digests, strict=True))


def test_a_record_id_reads_back_as_given():
    some = str(uuid.uuid4())
    text = batch_seals.changes_text([some], ["ab" * 32])
    assert batch_seals.sealed_rows(None, "", text) == {some: "ab" * 32}
