"""The check's verdicts are those main's code gave before its statements were rewritten
for speed (Core statements, one UNION ALL for the records on file, every namesake
scored): the same post, the same scans, on SQLite and on PostgreSQL
(``check_verdict_samples``, fixture ``tests/fixtures/check_verdicts.json``)."""

from __future__ import annotations

import json
import os

import pytest
from check_verdict_samples import FIXTURE, SITE, build, verdicts

from helpers import make_database


def _compare(db) -> None:
    build(db)
    found = verdicts(db)
    if os.environ.get("BORDERDESK_WRITE_VERDICTS"):
        FIXTURE.write_text(json.dumps(found, ensure_ascii=False, indent=1) + "\n", "utf-8")
    expected = json.loads(FIXTURE.read_text(encoding="utf-8"))
    assert found.keys() == expected.keys()
    differ = [label for label in expected if found[label] != expected[label]]
    assert not differ, {label: (expected[label], found[label]) for label in differ[:3]}


def test_the_same_verdicts_on_sqlite(tmp_path):
    db = make_database(tmp_path, "post.sqlite3", site_code=SITE, kind="centre")
    try:
        _compare(db)
    finally:
        db.dispose()


def test_the_same_verdicts_on_postgresql(tmp_path, pg_url):
    if os.environ.get("BORDERDESK_WRITE_VERDICTS"):
        pytest.skip("the fixture is written from SQLite")
    db = make_database(tmp_path, url=pg_url, site_code=SITE, kind="centre")
    try:
        _compare(db)
    finally:
        db.dispose()
