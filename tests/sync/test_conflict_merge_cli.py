"""``sync resolve --keep merge --field …`` in a fresh process, as a supervisor's script
runs it: the conflict listed, the merge written, a bad merge refused in one line."""

from __future__ import annotations

import json

from sqlalchemy import select
from sync_sites import HQ, POST, export, import_
from sync_sites import run_as_admin as run

from borderdesk.store.tables import SyncConflict, WatchlistPerson


def test_merge_from_the_command_line(hq, post):
    with hq.write(actor="supervisor") as session:
        entry = WatchlistPerson(surname="DZHURAEV", name_key="dzhuraev", reason="wanted")
        session.add(entry)
    import_(post, export(hq, POST))
    with post.write(actor="petrov") as session:
        row = session.get(WatchlistPerson, entry.id)
        row.reason, row.source = "wanted: theft", "post 07 report"
    with hq.write(actor="sidorov") as session:
        row = session.get(WatchlistPerson, entry.id)
        row.reason, row.source = "wanted: fraud", "MVD circular 12"
    import_(hq, export(post, HQ))
    hq.dispose()

    listed = run(hq, "sync", "conflicts", "--json")
    assert listed.returncode == 0, listed.stderr
    (conflict,) = json.loads(listed.stdout)
    assert set(conflict["differences"]) == {"reason", "source"}

    bad = run(hq, "sync", "resolve", conflict["id"], "--keep", "merge", "--field", "surname=other")
    assert bad.returncode != 0 and "does not differ" in bad.stderr
    assert len(bad.stderr.strip().splitlines()) == 1
    loose = run(hq, "sync", "resolve", conflict["id"], "--keep", "merge", "--field", "reason")
    assert loose.returncode != 0 and "NAME=winner" in loose.stderr

    done = run(
        hq, "sync", "resolve", conflict["id"],
        "--keep", "merge", "--field", "reason=other", "--field", "source=winner",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "resolved" in done.stdout
    with hq.read() as session:
        merged = session.get(WatchlistPerson, entry.id)
        assert (merged.reason, merged.source) == ("wanted: theft", "MVD circular 12")
        (closed,) = session.execute(select(SyncConflict)).scalars()
        assert closed.status == "merged"
    assert run(hq, "audit", "verify").returncode == 0
    helped = run(hq, "sync", "resolve", "--help")
    assert "--field" in helped.stdout and "merge" in helped.stdout
