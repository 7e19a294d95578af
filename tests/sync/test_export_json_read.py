"""The export reads a table's changed rows through SQLite's JSON aggregates
(``sync.json_columns``): the same columns, values and order as reading them by the
cursor, for every synced table of a demo database, chunk by chunk across gaps in the
rowids; and a value SQLite's JSON cannot carry exactly (a real, a blob, text that is not
UTF-8, all stored behind the program's back) sends the read back to the cursor, which
hands it out as it is."""

from __future__ import annotations

import json
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from borderdesk.store.database import Database
from borderdesk.store.tables import AuditEntry, Person
from borderdesk.sync import json_columns, routing, storage
from borderdesk.sync.export import AUDIT_LINKS


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory) -> Path:
    from helpers import build_demo_file

    return build_demo_file(
        tmp_path_factory.mktemp("json-read") / "demo.sqlite3", persons=40, seed=5
    )


@pytest.fixture
def demo(tmp_path, demo_template):
    path = tmp_path / "demo.sqlite3"
    shutil.copyfile(demo_template, path)
    database = Database.open(path=path)
    yield database
    database.dispose()


def _stored_ids(db: Database, table: str) -> list[str]:
    with closing(sqlite3.connect(db.path)) as con:
        return [row[0] for row in con.execute(f'SELECT id FROM "{table}" ORDER BY rowid')]


def _raw(db: Database, sql: str, params: tuple = ()) -> None:
    with closing(sqlite3.connect(db.path)) as con:
        con.execute(sql, params)
        con.commit()


def _read(db: Database, table, ids: list[str], monkeypatch, *, by_json: bool, only=False):
    """``fetch_canonical_by_ids`` of ``ids``, through JSON or (``by_json`` false) by the
    cursor alone; ``only``: through JSON with no way back to the cursor."""
    with monkeypatch.context() as patch:
        if not by_json:
            patch.setattr(json_columns, "table_chunks", _refused)
            patch.setattr(json_columns, "listed_chunks", _refused)
        if only:
            patch.setattr(storage, "_read_columns", _no_cursor)
        with db.read() as session:
            return storage.fetch_canonical_by_ids(session, table, json.dumps(ids))


def _no_cursor(*args, **kwargs):
    raise AssertionError("read by the cursor")


def _refused(*args, **kwargs):
    raise json_columns.NotJson
    yield  # a generator, as the readers it stands in for


def _audit(db: Database, monkeypatch, *, by_json: bool, only=False, after: int = 0):
    """The audit entries past ``after`` as the export reads them (without their links)."""
    table = AuditEntry.__table__
    with monkeypatch.context() as patch:
        if not by_json:
            patch.setattr(json_columns, "table_chunks", _refused)
        if only:
            patch.setattr(storage, "_read_columns", _no_cursor)
        with db.read() as session:
            return storage.fetch_canonical_columns(
                session, table, table.c.seq > after, order_by=table.c.seq, leave_out=AUDIT_LINKS
            )


def _json_tables():
    return list(routing.synced_tables())


def test_every_synced_table_reads_alike_through_json_and_by_the_cursor(demo, monkeypatch):
    filled = 0
    for table in _json_tables():
        ids = _stored_ids(demo, table.name)
        if not ids:
            continue
        filled += 1
        few = [ids[-1], ids[0], ids[-1], "0" * 32]  # looked up by key; one twice, one gone
        for listed in (ids + ["0" * 32], ids[1:], few):
            by_json = _read(demo, table, listed, monkeypatch, by_json=True, only=True)
            by_cursor = _read(demo, table, listed, monkeypatch, by_json=False)
            assert by_json == by_cursor, table.name
            assert len(by_json) == len(set(listed) & set(ids)), table.name
    # Persons, documents, checks, cases and their events, stays, transfers, users...
    assert filled >= 8


def test_chunks_follow_the_rowids_across_gaps(demo, monkeypatch):
    table = Person.__table__
    ids = _stored_ids(demo, "person")
    # Rows gone from the middle, and one moved far past the rest: chunks of three rowids
    # skip the gaps without reading empty ranges, and keep the table's order.
    _raw(demo, "DELETE FROM person WHERE rowid IN (4, 5, 6, 7, 12)")
    _raw(demo, "UPDATE person SET rowid = 1 << 40 WHERE rowid = 9")
    monkeypatch.setattr(json_columns, "CHUNK", 3)
    remaining = _stored_ids(demo, "person")

    for listed in (ids, ids[:3] + ids[20:]):
        by_json = _read(demo, table, listed, monkeypatch, by_json=True, only=True)
        assert by_json == _read(demo, table, listed, monkeypatch, by_json=False)
    read_through = _read(demo, table, ids, monkeypatch, by_json=True)
    assert [value.replace("-", "") for value in read_through.column("id")] == remaining


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("version", 0.1 + 0.2),  # a real in an integer column: JSON would print 0.3
        ("birth_year", float("inf")),
        ("surname", b"\x00\xff"),  # a blob in a text column
        ("given_names", "bad"),  # replaced below by bytes that are not UTF-8
    ],
)
def test_a_value_json_cannot_carry_is_read_by_the_cursor(demo, monkeypatch, column, value):
    table = Person.__table__
    ids = _stored_ids(demo, "person")
    if value == "bad":
        _raw(demo, f"UPDATE person SET {column} = CAST(x'4bff' AS TEXT) WHERE id = ?", (ids[2],))
    else:
        _raw(demo, f"UPDATE person SET {column} = ? WHERE id = ?", (value, ids[2]))

    for listed in (ids, ids[2:4]):
        try:
            expected = _read(demo, table, listed, monkeypatch, by_json=False)
        except sqlite3.Error as error:  # the cursor cannot read it either: the same error
            with pytest.raises(type(error)):
                _read(demo, table, listed, monkeypatch, by_json=True)
            continue
        by_json = _read(demo, table, listed, monkeypatch, by_json=True)
        assert by_json == expected
        row = next(r for r in by_json.rows() if r["id"].replace("-", "") == ids[2])
        assert row[column] == value


def test_audit_entries_read_alike_their_bytes_as_hex(demo, monkeypatch):
    """Digests and compact record ids are stored as bytes: through JSON they come as
    hex, spelt as the cursor's path spells the bytes; from any entry on, in seq order."""
    monkeypatch.setattr(json_columns, "CHUNK", 7)
    everything = _audit(demo, monkeypatch, by_json=True, only=True)
    assert everything == _audit(demo, monkeypatch, by_json=False)
    seqs = everything.column("seq")
    assert seqs == sorted(seqs) and len(seqs) > 20
    assert any(everything.column("row_hash")) and None in everything.column("record_id")
    later = _audit(demo, monkeypatch, by_json=True, only=True, after=seqs[15])
    assert later.column("seq") == seqs[16:]
    assert later == _audit(demo, monkeypatch, by_json=False, after=seqs[15])


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("record_id", "01a23f23512c700086162aceb42f57fb"),  # text left by an older program
        ("record_id", b"\x01" * 15),  # bytes of the wrong length
        ("row_hash", "not-a-digest"),
    ],
)
def test_audit_bytes_stored_otherwise_are_read_by_the_cursor(demo, monkeypatch, column, value):
    with closing(sqlite3.connect(demo.path)) as con:
        seq = con.execute("SELECT max(seq) FROM audit_entry WHERE record_id IS NOT NULL").fetchone()
        # The database refuses edits of the audit table: behind its back, without them.
        triggers = con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_entry'"
        ).fetchall()
        assert triggers
        for (name,) in triggers:
            con.execute(f'DROP TRIGGER "{name}"')
        con.execute(f"UPDATE audit_entry SET {column} = ? WHERE seq = ?", (value, seq[0]))
        con.commit()
        stored = con.execute(f"SELECT {column} FROM audit_entry WHERE seq = ?", seq).fetchone()
        assert stored == (value,)
    try:
        expected = _audit(demo, monkeypatch, by_json=False)
    except ValueError as error:  # the cursor's path refuses it: so does the JSON path
        with pytest.raises(type(error)):
            _audit(demo, monkeypatch, by_json=True)
        return
    assert _audit(demo, monkeypatch, by_json=True) == expected


def test_text_affinity_follows_sqlites_rules():
    for declared in ("VARCHAR(120)", "CHAR(32)", "TEXT", "CLOB", "nvarchar"):
        assert json_columns._keeps_text_only(declared), declared
    for declared in ("INTEGER", "BOOLEAN", "DATETIME", "DATE", "JSON", "", "CHARINT", "REAL"):
        assert not json_columns._keeps_text_only(declared), declared
