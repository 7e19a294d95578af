"""A list column (a stay's or transfer's escort officers, stored as JSON) travels as a
list on both row paths: HQ stores the same text the centre does, seals it as it reads
back (so ``audit verify`` at HQ holds after the import), and a later edit of the stay
arrives as a list too, not as a JSON string inside JSON."""

from __future__ import annotations

import sqlite3
from contextlib import closing

import pytest
from sync_sites import HQ, export, import_, introduce, make_site

from borderdesk.services import centre
from borderdesk.services.access.audit import verify_chain
from borderdesk.store.tables import CentreStay
from centre_samples import CENTRE_CODE, passport, staff
from helpers import login

ESCORTS = ["прапорщик Ахметов Р. С.", 'сержант "Ковалёв" И. П.']


def _stored(db, stay_id) -> str:
    with closing(sqlite3.connect(db.path)) as con:
        return con.execute(
            "select escort_officers from centre_stay where id = ?", (stay_id.hex,)
        ).fetchone()[0]


@pytest.mark.usefixtures("row_path")
def test_escort_officers_arrive_as_a_list_and_the_audit_verifies(hq, tmp_path):
    site = make_site(tmp_path, CENTRE_CODE, "centre")
    introduce(hq, site)
    _admin, worker = staff(site)
    stay = centre.intake(site, actor=worker, mrz_lines=passport(), escorts=ESCORTS)
    import_(hq, export(site, HQ))
    with hq.read() as session:
        assert session.get(CentreStay, stay.id).escort_officers == ESCORTS
    assert _stored(hq, stay.id) == _stored(site, stay.id)
    verified = verify_chain(hq, actor=login(hq))
    assert verified.ok, verified.message

    # An edit at the centre arrives as an update of the row HQ holds.
    with site.write(actor="dinara") as session:
        session.get(CentreStay, stay.id).escort_officers = [*ESCORTS, "лейтенант Ли"]
    import_(hq, export(site, HQ))
    with hq.read() as session:
        assert session.get(CentreStay, stay.id).escort_officers == [*ESCORTS, "лейтенант Ли"]
    assert _stored(hq, stay.id) == _stored(site, stay.id)
    assert verify_chain(hq, actor=login(hq)).ok
    assert verify_chain(site, actor=login(site)).ok
    site.dispose()


def test_a_package_from_an_older_sqlite_exporter_still_arrives_as_a_list(hq, tmp_path, monkeypatch):
    """Such a package carried the stored JSON text; the typed path (PostgreSQL) stored
    it as a JSON string instead of the list."""
    from borderdesk.sync import storage

    site = make_site(tmp_path, CENTRE_CODE, "centre")
    introduce(hq, site)
    _admin, worker = staff(site)
    stay = centre.intake(site, actor=worker, mrz_lines=passport(), escorts=ESCORTS)
    real = storage.fetch_canonical_by_ids
    made_as_before = []

    def as_before(session, table, ids):
        columns = real(session, table, ids)
        if table.name == "centre_stay":
            values = columns.values[columns.names.index("escort_officers")]
            values[:] = [_stored(site, stay.id)] * len(values)
            made_as_before.append(len(values))
        return columns

    with monkeypatch.context() as patch:
        patch.setattr(storage, "fetch_canonical_by_ids", as_before)
        data = export(site, HQ)
    assert made_as_before == [1]  # the package carried the stored text
    monkeypatch.setattr(storage, "uses_storage_form", lambda session: False)
    import_(hq, data)
    with hq.read() as session:
        assert session.get(CentreStay, stay.id).escort_officers == ESCORTS
    site.dispose()
