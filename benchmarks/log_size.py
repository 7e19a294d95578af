"""Database bytes per person before and after the change log lets go of what every peer
has (issue #10: at most 1.5 KB per person).

    python benchmarks/log_size.py --persons 100000

Builds the demo database for N persons (a post, as ``demo`` makes it), adds HQ as its
peer, and measures the file (after VACUUM) and the change log's share of it (SQLite's
dbstat). Then HQ acknowledges everything the post wrote (the watermarks its next package
would carry), the post prunes the acknowledged payloads and purges acknowledged
tombstones past the retention, and the same is measured again. Nothing is asserted.
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
from borderdesk.sync import peers, retention, status
from borderdesk.sync.watermarks import AUTHOR_OFFSET


def sizes(path: Path) -> tuple[int, dict[str, int]]:
    conn = sqlite3.connect(path)
    conn.execute("VACUUM")
    per_object: dict[str, int] = {}
    try:
        for name, size in conn.execute("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name"):
            per_object[name] = int(size)
    except sqlite3.OperationalError:  # SQLite built without dbstat
        pass
    conn.close()
    return path.stat().st_size, per_object


def log_bytes(per_object: dict[str, int]) -> int:
    return sum(v for k, v in per_object.items() if "change_log" in k)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--persons", type=int, default=100_000)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="borderdesk-log-size-"))
    try:
        start = time.perf_counter()
        post, _summary = demo.create_or_open(
            path=folder / "post.sqlite3", url=None, persons=args.persons, seed=2012
        )
        print(f"built the demo site in {time.perf_counter() - start:.0f} s", flush=True)
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
        assert post.path is not None
        before, before_parts = sizes(post.path)

        post = Database.open(path=post.path)
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
            pruned = status.prune_acknowledged(session)
            later = utc_now() + timedelta(days=retention.tombstone_days() + 1)
            purged = retention.purge_tombstones(session, now=later)
            prune_s = time.perf_counter() - t0
        post.dispose()
        after, after_parts = sizes(post.path)
        n = args.persons
        print(f"persons                    {n:>10,}")
        print(f"payloads pruned            {pruned:>10,}   tombstones purged {purged:,}"
              f"   in {prune_s:.1f} s")  # fmt: skip
        print(f"database before            {before / n:10.0f} B per person"
              f"   (change log {log_bytes(before_parts) / n:.0f} B per person)")  # fmt: skip
        print(f"database after             {after / n:10.0f} B per person"
              f"   (change log {log_bytes(after_parts) / n:.0f} B per person)"
              "   budget 1536 B")  # fmt: skip
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
