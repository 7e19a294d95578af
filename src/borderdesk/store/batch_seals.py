"""One audit entry sealing a whole batch of rows a sync package brought.

A row written by hand gets an audit entry of its own, whose ``row_hash`` seals it. A
package brings thousands of new rows at once; an entry a row cost more than the rows
themselves (its chained hash, four digests' worth of bytes, three index entries). So
the bulk import seals each batch of new rows with one entry of the chain, whose
``changes`` map every record id to its row digest: ``{"sealed_rows": {id: digest}}``.
The entry's hash covers that text like any other's, and ``audit verify`` reads the
digests from it as it reads each ``row_hash``. Such an entry names its table and no
record of its own, and has no ``row_hash``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from borderdesk.store.fast_json import canonical_row_json

SEALED_ROWS = "sealed_rows"
# At most this many rows an entry (the sync import's batch): an entry the audit page
# lists stays a few hundred kilobytes.
ROWS_PER_ENTRY = 5000
_MARK = f'{{"{SEALED_ROWS}":'  # how canonical JSON of such changes starts


def changes_of(record_ids: Sequence[str], digests: Sequence[str]) -> dict[str, Any]:
    """A batch seal's ``changes``: each record id (canonical UUID text) to its digest."""
    return {SEALED_ROWS: dict(zip(record_ids, digests, strict=True))}


def changes_text(record_ids: Sequence[str], digests: Sequence[str]) -> str:
    """``canonical_json(changes_of(...))``: the inner mapping is flat, so orjson spells
    it (``fast_json``), and the one key around it is spelt here."""
    inner = canonical_row_json(changes_of(record_ids, digests)[SEALED_ROWS])
    return f"{_MARK}{inner}}}"


def is_batch_seal(record_id: Any, row_hash: str, changes: str) -> bool:
    """Whether an entry (its record id, row hash and stored ``changes``) seals a batch."""
    return (
        record_id is None and not row_hash and isinstance(changes, str)
        and changes.startswith(_MARK)
    )  # fmt: skip


def sealed_rows(record_id: Any, row_hash: str, changes: str) -> dict[str, str]:
    """The record ids and digests a batch seal holds; none for any other entry, and
    none for one whose text cannot be read (its hash check fails first: ``changes`` is
    hashed with it)."""
    if not is_batch_seal(record_id, row_hash, changes):
        return {}
    try:
        value = json.loads(changes).get(SEALED_ROWS)
    except (ValueError, AttributeError, RecursionError):
        return {}
    if not isinstance(value, dict):
        return {}
    return {k: v for k, v in value.items() if isinstance(v, str)}


def sealed_count(record_id: Any, row_hash: str, changes: dict[str, Any]) -> int:
    """How many rows an entry's parsed ``changes`` seal as a batch (0 for other entries)."""
    value = changes.get(SEALED_ROWS) if record_id is None and not row_hash else None
    return len(value) if isinstance(value, dict) else 0
