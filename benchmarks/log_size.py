"""Database bytes per person before and after the change log lets go of what every peer
has (issue #10: at most 1.5 KB per person).

    python benchmarks/log_size.py --persons 100000 [--keep DIR]

Builds the demo database for N persons (one site, as ``demo`` makes it), adds a second
HQ as its one peer, and measures the file (after VACUUM) and each table's share of it,
its indexes included (SQLite's dbstat). Then the peer acknowledges everything the site
wrote (the watermarks its next package would carry), the site lets go of what no peer
needs (``retention.let_go``, as an import does: payloads, tombstones past the
retention, and the entries a record's row says all of), and the same is measured
again. ``--keep DIR`` keeps the built demo there and reuses it next time (each run
works on a copy). Nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sqlite3
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from sqlalchemy import func, select

from borderdesk.domain.clock import utc_now
from borderdesk.services.demo import builder as demo
from borderdesk.services.site import setup
from borderdesk.store.database import Database
from borderdesk.store.tables import ChangeLogEntry, SyncPeer
from borderdesk.sync import peers, retention
from borderdesk.sync.watermarks import AUTHOR_OFFSET


def sizes(path: Path) -> tuple[int, dict[str, int]]:
    """The file's size after VACUUM, and the bytes of each table with its indexes."""
    conn = sqlite3.connect(path)
    conn.execute("VACUUM")
    owner = dict(conn.execute("SELECT name, tbl_name FROM sqlite_master"))
    per_table: dict[str, int] = {}
    try:
        for name, size in conn.execute("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name"):
            table = owner.get(name, name)
            per_table[table] = per_table.get(table, 0) + int(size)
    except sqlite3.OperationalError:  # SQLite built without dbstat
        pass
    conn.close()
    return path.stat().st_size, per_table


def log_bytes(per_table: dict[str, int]) -> int:
    return per_table.get("change_log", 0)


def split(before: dict[str, int], after: dict[str, int], n: int) -> None:
    """Bytes per person of each table (with its indexes), largest first."""
    print(f"{'table (with its indexes)':<28}{'before':>10}{'after':>10}   B per person")
    for table in sorted(before, key=lambda t: -before[t]):
        if before[table] / n >= 1 or after.get(table, 0) / n >= 1:
            print(f"{table:<28}{before[table] / n:10.0f}{after.get(table, 0) / n:10.0f}")


def built_demo(folder: Path, keep: Path | None, persons: int) -> Path:
    """A fresh copy of the demo for ``persons``: built once per ``keep`` folder."""
    if keep is not None:
        kept = keep / f"demo-{persons}.sqlite3"
        if not kept.exists():
            keep.mkdir(parents=True, exist_ok=True)
            db, _summary = demo.create_or_open(path=kept, url=None, persons=persons, seed=2012)
            db.dispose()
        shutil.copy(kept, folder / "post.sqlite3")
    else:
        db, _summary = demo.create_or_open(
            path=folder / "post.sqlite3", url=None, persons=persons, seed=2012
        )
        db.dispose()
    return folder / "post.sqlite3"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--keep", type=Path, help="keep the built demo here and reuse it")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="borderdesk-log-size-"))
    try:
        start = time.perf_counter()
        path = built_demo(folder, args.keep, args.persons)
        post = Database.open(path=path)
        print(f"demo site ready in {time.perf_counter() - start:.0f} s", flush=True)
        hq = setup.initialise(
            path=folder / "hq.sqlite3", url=None, site_code="HQ-BENCH", site_name="HQ",
            kind="hq", admin_user="hqadmin", admin_password="Tundra-Compass-47-Lantern",
        )  # fmt: skip
        with hq.read() as session:
            identity = peers.identity_of(session, "HQ-BENCH")
        hq.dispose()
        me = post.site_code or ""
        with post.write(actor="admin") as session:
            peers.add_peer(session, identity, me=me, now=utc_now())
        post.dispose()
        before, before_parts = sizes(path)

        post = Database.open(path=path)
        with post.write(actor="admin", replaying=True) as session:
            author = func.substr(ChangeLogEntry.hlc, AUTHOR_OFFSET + 1)
            newest = session.execute(
                select(func.max(ChangeLogEntry.hlc)).where(author == me)
            ).scalar_one()
            peer = session.get(SyncPeer, "HQ-BENCH")
            assert peer is not None
            peer.acked_upto = json.dumps({me: newest})  # what HQ's next package says
            session.add(peer)
            session.flush()
            t0 = time.perf_counter()
            later = utc_now() + timedelta(days=retention.tombstone_days() + 1)
            pruned, purged = retention.let_go(session, now=later)
            prune_s = time.perf_counter() - t0
        post.dispose()
        after, after_parts = sizes(path)
        n = args.persons
        print(f"persons                    {n:>10,}")
        print(f"payloads pruned            {pruned:>10,}   tombstones purged {purged:,}"
              f"   in {prune_s:.1f} s")  # fmt: skip
        print(f"database before            {before / n:10.0f} B per person"
              f"   (change log {log_bytes(before_parts) / n:.0f} B per person)")  # fmt: skip
        print(f"database after             {after / n:10.0f} B per person"
              f"   (change log {log_bytes(after_parts) / n:.0f} B per person)"
              "   budget 1536 B")  # fmt: skip
        split(before_parts, after_parts, n)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
