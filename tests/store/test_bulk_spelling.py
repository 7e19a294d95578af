"""The fast paths of bulk writes spell, stamp and seal exactly as the per-row code does.

orjson for canonical JSON, row digests of a batch, the audit seal's chain hash built
from a template, one clock reading per batch, ids drawn per batch: each compared
with the code it stands in for, on hostile values too.
"""

from __future__ import annotations

import hashlib
import uuid
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal

import pytest
import uuid6
from hypothesis import given, settings
from hypothesis import strategies as st

from borderdesk.domain.clock import MAX_COUNTER, HybridLogicalClock, new_ids
from borderdesk.store.fast_json import canonical_row_json
from borderdesk.store.row_digest import row_digest, row_digests
from borderdesk.store.serialise import canonical_json, remembering_plain_value
from borderdesk.store.tables import CaseEvent, Person, ReadmissionCase
from borderdesk.store.tracking import _seal_text, audit_hash, entry_fields

ZONES = st.sampled_from([None, UTC, timezone(timedelta(hours=3)), timezone(timedelta(hours=-5))])
TIMES = st.builds(lambda d, tz: d.replace(tzinfo=tz), st.datetimes(timezones=st.none()), ZONES)
# Any text, lone surrogates included (orjson refuses those: the standard path spells them).
TEXT = st.text(st.characters(codec=None, exclude_categories=()), max_size=12)
VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False),
    TEXT,
    st.uuids(),
    st.builds(lambda: uuid6.uuid7()),  # a UUID subclass
    TIMES,
    st.dates(),
    st.decimals(allow_nan=False, allow_infinity=False, places=2),
    st.lists(st.integers(), max_size=2),
)
ROWS = st.dictionaries(TEXT, VALUES, max_size=6)


@settings(max_examples=400, deadline=None)
@given(ROWS)
def test_orjson_spelling_is_canonical_json(row):
    plain = remembering_plain_value()
    try:
        expected = canonical_json(row, default=plain)
    except (TypeError, ValueError):  # json cannot spell it either (a Decimal)
        return
    assert canonical_row_json(row, default=plain) == expected


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_row_digests_equal_row_digest(data):
    table = ReadmissionCase.__table__
    rows = []
    for _ in range(data.draw(st.integers(1, 4))):
        rows.append({column.name: data.draw(VALUES) for column in table.columns})
    try:
        expected = [row_digest(table, row) for row in rows]
    except UnicodeEncodeError:  # a lone surrogate: neither can seal it
        with pytest.raises(UnicodeEncodeError):
            row_digests(table, rows)
        return
    assert row_digests(table, rows) == expected


def test_row_digests_of_typical_rows():
    at = datetime(2024, 5, 1, 10, 30, tzinfo=UTC)
    moscow = datetime(2024, 5, 1, 13, 30, tzinfo=timezone(timedelta(hours=3)))
    rows = [
        {"id": uuid.uuid4(), "surname": "Щербаков", "birth_year": 1985, "deleted": 0,
         "created_at": at, "updated_at": moscow, "hlc": "x"},
        {"id": uuid.uuid4(), "surname": "O'Neil \"x\"\n\x01", "deleted": True,
         "created_at": at.replace(tzinfo=None), "updated_at": at},
    ]  # fmt: skip
    table = Person.__table__
    assert row_digests(table, rows) == [row_digest(table, row) for row in rows]
    event = {"id": uuid.uuid4(), "effective_on": date(2019, 3, 1), "note": Decimal("1.5")}
    assert row_digests(CaseEvent.__table__, [event]) == [row_digest(CaseEvent.__table__, event)]


@settings(max_examples=200, deadline=None)
@given(TEXT, TEXT, TEXT, TEXT, st.integers(1, 2**40), st.one_of(st.uuids(), TEXT, st.none()))
def test_seal_template_hashes_as_audit_hash(site, actor, action, table, seq, record_id):
    at = "2024-05-01T10:30:00.123456+00:00"
    digest = "ab" * 32
    try:
        expected = audit_hash(
            "0" * 64,
            entry_fields(
                {
                    "seq": seq,
                    "at": at,
                    "site": site,
                    "actor": actor,
                    "action": action,
                    "table_name": table,
                    "record_id": str(record_id) if isinstance(record_id, uuid.UUID) else record_id,
                    "changes": "{}",
                    "row_hash": digest,
                }
            ),
        )
    except UnicodeEncodeError:  # a lone surrogate cannot be hashed by either
        return
    text = _seal_text(at=at, site=site, actor=actor, action=action, table_name=table)
    spelt = "0" * 64 + "|" + text(seq, record_id, digest)
    assert hashlib.sha256(spelt.encode()).hexdigest() == expected


@settings(deadline=None)
@given(
    st.lists(st.integers(-2, 3), max_size=8),
    st.integers(-1, 2),
    st.sampled_from([0, 1, 7, 300, MAX_COUNTER + 3]),
)
def test_a_batch_of_stamps_is_what_now_would_give(history, batch_wall, count):
    """Whatever the clock saw before, and a wall clock behind, equal or ahead of it."""
    single = HybridLogicalClock("POST-07", wall_ms=lambda: 0)
    batch = HybridLogicalClock("POST-07", wall_ms=lambda: 0)
    for tick in history:
        for clock in (single, batch):
            clock._wall_ms = lambda tick=tick: 1_000 + tick
            clock.now()
    for clock in (single, batch):  # a batch reads the wall clock once
        clock._wall_ms = lambda: 1_000 + batch_wall
    expected = [single.now().encode() for _ in range(count)]
    assert batch.now_encoded(count) == expected
    assert batch.now() == single.now()  # and the clock goes on alike


def test_ids_of_a_batch_are_version_7_ascending_and_before_later_ids():
    ids = new_ids(5000)
    assert len(set(ids)) == 5000 and ids == sorted(ids)
    assert {i.version for i in ids} == {7} and {i.variant for i in ids} == {uuid.RFC_4122}
    assert all(type(i) is uuid.UUID for i in ids)
    from borderdesk.domain.clock import new_id

    assert new_id() > ids[-1]
    assert new_ids(0) == []


def test_bulk_seals_match_the_rows_read_back_whatever_their_zone(db):
    """A seal taken from the change-log text where it may, computed apart where not
    (times in another zone, booleans given as numbers): each one what verify reads."""
    from sqlalchemy import select as sql_select

    from borderdesk.store import bulk
    from borderdesk.store.tables import AuditEntry

    moscow = timezone(timedelta(hours=3))
    at = datetime(2020, 1, 2, 3, 4, 5, 123456, tzinfo=UTC)
    rows = [
        {"surname": "Иванов", "birth_year": 1980},
        {"surname": "Петров", "created_at": at.astimezone(moscow), "deleted": 0},
        {"surname": "Сидоров", "updated_at": at.astimezone(timezone(timedelta(0)))},
        {"surname": 'O"Neil\\x', "created_at": at},
    ]
    with db.write(actor="admin") as session:
        bulk.insert_records(session, Person, rows)
    table = Person.__table__
    with db.read() as session:
        stored = {
            r["id"]: row_digest(table, r) for r in session.execute(sql_select(table)).mappings()
        }
        seals = dict(
            session.execute(
                sql_select(AuditEntry.record_id, AuditEntry.row_hash).where(
                    AuditEntry.table_name == "person"
                )
            ).all()
        )
    assert len(stored) == 4 and seals == stored
