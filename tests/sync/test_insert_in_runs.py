"""``storage.insert_stored_in_runs`` leaves a table as ``insert_stored_columns`` does, row
for row and in the same order: runs of a bulk write by SQLite's own loop, the rest (short
runs, a NULL record id, an empty row seal, a gap in the numbers) bound one by one."""

from __future__ import annotations

import sqlite3
import uuid

import pytest
from sqlalchemy import Column, Integer, LargeBinary, MetaData, String, Table, create_engine
from sqlalchemy.orm import Session

from borderdesk.sync import storage

_META = MetaData()
_TABLE = Table(
    "entries", _META,
    Column("site", String, primary_key=True), Column("seq", Integer, primary_key=True),
    Column("at", String), Column("action", String), Column("record_id", LargeBinary),
    Column("row_hash", LargeBinary),
)  # fmt: skip
WIDTHS = {"record_id": 16, "row_hash": 32}


def _columns() -> dict[str, list]:
    rows = []
    seq = 0

    def add(count: int, at: str, action: str, *, record=True, digest=True) -> None:
        nonlocal seq
        for _ in range(count):
            seq += 1
            rows.append((
                "POST-07", seq, at, action,
                bytearray(uuid.uuid4().bytes) if record else None,
                bytearray(uuid.uuid4().bytes * 2) if digest else bytearray(),
            ))  # fmt: skip

    add(3, "t1", "site.insert")
    add(200, "t2", "person.insert")  # a run
    add(1, "t2", "sync.export", record=False, digest=False)
    add(150, "t3", "identity_document.insert")  # a run
    add(20, "t4", "person.update")  # too short to be worth a statement
    add(100, "t5", "person.insert", digest=False)  # seals not made: bound one by one
    seq += 5
    add(90, "t6", "person.insert")  # a run after a gap in the numbers
    add(70, "t7", "person.insert")
    seq += 1  # a gap inside rows that share their values: bound one by one
    add(70, "t7", "person.insert")
    return {name: [row[i] for row in rows] for i, name in enumerate(_TABLE.columns.keys())}


@pytest.mark.parametrize("runs", [True, False])
def test_runs_leave_the_table_as_binding_row_by_row_does(tmp_path, monkeypatch, runs):
    columns = _columns()
    made = []
    real = storage._insert_run

    def counted(session, table, columns, shared, fixed, widths, counter, start, stop):
        made.append(stop - start)
        real(session, table, columns, shared, fixed, widths, counter, start, stop)

    monkeypatch.setattr(storage, "_insert_run", counted)
    path = tmp_path / f"{runs}.sqlite3"
    engine = create_engine(f"sqlite:///{path}")
    _META.create_all(engine)
    with Session(engine) as session:
        if runs:
            storage.insert_stored_in_runs(session, _TABLE, columns, counter="seq", widths=WIDTHS)
        else:
            storage.insert_stored_columns(session, _TABLE, columns)
        session.commit()
    engine.dispose()
    with sqlite3.connect(path) as conn:
        stored = conn.execute("SELECT rowid, * FROM entries ORDER BY rowid").fetchall()
    expected = [
        (n + 1, *(bytes(v) if isinstance(v, bytearray) else v for v in row))
        for n, row in enumerate(zip(*columns.values(), strict=True))
    ]
    assert stored == expected
    assert made == ([200, 150, 90] if runs else [])
