"""Every audit entry an import writes stores its record id and digests as bytes (schema
step 0010e), on the bulk path too: the look-ups by record (who edited it last) find them,
and the chain verifies."""

from __future__ import annotations

import sqlite3

import pytest
from sync_sites import HQ, POST, add_person, export, import_

from borderdesk.services.access import audit
from helpers import login

pytestmark = pytest.mark.usefixtures("row_path")


def stored_kinds(db) -> set[tuple[str, int, str, int]]:
    conn = sqlite3.connect(db.path)
    try:
        return set(
            conn.execute(
                "SELECT DISTINCT typeof(record_id), length(record_id), typeof(hash), length(hash)"
                " FROM audit_entry WHERE record_id IS NOT NULL"
            )
        )
    finally:
        conn.close()


def test_imported_seals_store_bytes(hq, post):
    for surname in ("KARIMOV", "RAKHIMOV", "TOKHIROV"):
        add_person(post, surname)
    import_(hq, export(post, HQ))
    import_(post, export(hq, POST))
    for site in (hq, post):
        assert stored_kinds(site) == {("blob", 16, "blob", 32)}
        result = audit.verify_chain(site, actor=login(site))
        assert result.ok, result.message
