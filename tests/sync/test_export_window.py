"""A post's export reads its window in one pass over the change log (``export._scan_window``)
and the rows by id; it picks the same records, with the same newest stamps, as asking the
log table by table (``export._window`` and ``_window_columns``), which HQ still does."""

from __future__ import annotations

import json

from sqlalchemy import select
from sync_sites import HQ, add_person, export, import_

from borderdesk.store.tables import Person, SyncPeer
from borderdesk.sync import export as export_module
from borderdesk.sync import packages, routing, storage


def _windows(post):
    """The one-pass window and the table-by-table one, on the same session."""
    with post.read() as session:
        me = packages.local_site(session, post.site_code)
        peer = session.get(SyncPeer, HQ)
        cond = export_module.window_condition(me, peer)
        scan = export_module._scan_window(session, cond)
        by_table = sorted(export_module._window(session, cond))
        read = {}
        for table in routing.synced_tables():
            if table.name not in scan.ids:
                continue
            one_pass = storage.fetch_canonical_by_ids(session, table, scan.ids[table.name])
            per_table = export_module._window_columns(session, table, cond)
            read[table.name] = (_by_id(one_pass), _by_id(per_table))
        return scan, by_table, read


def _by_id(columns):
    return sorted(columns.rows(), key=lambda row: row["id"])


def _edit(post, person_id, surname):
    with post.write(actor="ivanov") as session:
        person = session.get(Person, person_id)
        person.surname = surname
        session.add(person)


def test_the_one_pass_window_reads_what_the_per_table_one_reads(post, hq):
    first = add_person(post, "KARIMOV")
    add_person(post, "TURSUNOV")
    _edit(post, first.id, "KARIMOVA")  # edited twice: two entries for one record
    _edit(post, first.id, "KARIMOVV")

    scan, by_table, read = _windows(post)

    assert sorted(scan.newest) == by_table
    assert {"person", "identity_document"} <= set(read)
    for name, (one_pass, per_table) in read.items():
        assert one_pass == per_table, name
    # The edited record is read once, however many entries it has in the window.
    assert len(read["person"][0]) == 2
    assert json.loads(scan.ids["person"]).count(first.id.hex) == 3


def test_after_an_acknowledged_package_the_window_holds_only_what_came_since(post, hq):
    add_person(post, "KARIMOV")
    import_(hq, export(post, HQ))
    import_(post, export(hq, post.site_code))  # HQ's package acknowledges the post's
    later = add_person(post, "TURSUNOV")

    scan, by_table, read = _windows(post)

    assert sorted(scan.newest) == by_table
    assert [row["id"] for row in read["person"][0]] == [str(later.id)]
    assert read["person"][0] == read["person"][1]


def test_an_exported_edit_reaches_hq_with_its_history(post, hq):
    person = add_person(post, "KARIMOV")
    _edit(post, person.id, "KARIMOVA")

    report = import_(hq, export(post, HQ))

    assert report.applied >= 2 and report.conflicts == 0
    with hq.read() as session:
        row = session.execute(select(Person).where(Person.id == person.id)).scalar_one()
        assert (row.surname, row.version) == ("KARIMOVA", 2)


def test_rows_by_id_read_alike_through_the_table_and_by_key(post):
    """Most of a table listed: read through and the rest left out; a few: looked up by
    key. Either way each listed row once, and an id with no row (gone since) nothing."""
    people = [add_person(post, f"KARIMOV{n}") for n in range(8)]
    gone = "0" * 32
    table = Person.__table__
    with post.read() as session:
        everyone = _by_id(storage.fetch_canonical_columns(session, table, table.c.id.is_not(None)))
        stored = [p.id.hex for p in people]

        def read(ids):
            return _by_id(storage.fetch_canonical_by_ids(session, table, json.dumps(ids)))

        through = read([*stored[:7], stored[0], gone])  # 7 of 8: the table read through
        by_key = read([stored[3], stored[3], gone])  # 1 of 8: looked up

    wanted = {str(p.id) for p in people[:7]}
    assert through == [row for row in everyone if row["id"] in wanted]
    assert by_key == [row for row in everyone if row["id"] == str(people[3].id)]
