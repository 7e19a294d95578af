"""Sync by file: export and import of a package of N changed records, each beside its
baseline in the same run (DESIGN.md, performance budget).

    python benchmarks/sync_bench.py --records 100000
    python benchmarks/sync_bench.py --records 100000 --pg postgresql://user:pw@host/postgres
    python benchmarks/sync_bench.py --records 100000 --from-hq

- export (``sync.packages.make_package``: change log, rows, history, audit entries,
  seal) against reading the same rows (``SELECT *`` of both tables, raw DB-API), and
  against reading everything the package carries (those rows and the post's audit
  entries);
- import (``sync.packages.import_package``: verify, decrypt, merge, change log, seals,
  the sender's audit entries) against a raw ``executemany`` of the same rows, as HQ
  stored them, into the same tables of a fresh copy of HQ, and against the same of
  everything the package carries (those rows and the post's audit entries, into HQ's
  copy of the post's chain); the baseline binds blobs as ``bytearray``, as the import
  does (the sqlite3 module looks each ``bytes`` value up in its adapter registry);
- package size per record.
The baselines' connections are set as the program's are (foreign keys checked,
``synchronous=NORMAL``), and they read a table through rather than by its
``origin_site`` index (which SQLite would pick, a tenth slower).
Ratios have two significant digits; on SQLite the process's CPU times are printed too
(on a shared machine the wall time is mostly waiting for a core).
Half the records are persons, half their identity documents, from a post to HQ; with
``--from-hq`` half are HQ's wanted persons, half its invalidated documents, to a post
(reference data: no audit entries travel that way). With ``--pg`` both sites
live on that PostgreSQL server (databases ``syncspeed_bench_*``, dropped afterwards).
``--profile DIR`` writes cProfile stats of the export and the import there.
Nothing is asserted.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url

from borderdesk.domain.clock import new_id, utc_now
from borderdesk.services.site import setup
from borderdesk.store import bulk
from borderdesk.store.database import Database
from borderdesk.store.tables import IdentityDocument, Person, WatchlistDocument, WatchlistPerson
from borderdesk.sync import packages, peers

TABLES = ("person", "identity_document")
WATCHLISTS = ("watchlist_person", "watchlist_document")
FOREIGN_AUDIT = "foreign_audit_entry"  # HQ's copy of each site's chain
PG_PREFIX = "syncspeed_bench_"


class Sites:
    """Where the two sites' databases live: SQLite files, or PostgreSQL databases."""

    def __init__(self, folder: Path, pg: str | None) -> None:
        self.folder, self.pg = folder, pg

    def url(self, name: str) -> str | None:
        if self.pg is None:
            return None
        return make_url(self.pg).set(database=PG_PREFIX + name).render_as_string(False)

    def path(self, name: str) -> Path | None:
        return None if self.pg else self.folder / f"{name}.sqlite3"

    def open(self, name: str) -> Database:
        return Database.open(path=self.path(name), url=self.url(name))

    def create(self, name: str, code: str, kind: str) -> None:
        if self.pg:
            self._admin(f'DROP DATABASE IF EXISTS "{PG_PREFIX}{name}" WITH (FORCE)')
            self._admin(f'CREATE DATABASE "{PG_PREFIX}{name}"')
        setup.initialise(
            path=self.path(name), url=self.url(name), site_code=code, site_name=code, kind=kind,
            admin_user=f"admin-{code.lower()}", admin_password="Tundra-Compass-47-Lantern",
        ).dispose()  # fmt: skip

    def copy(self, name: str, to: str) -> None:
        if self.pg:
            self._admin(f'DROP DATABASE IF EXISTS "{PG_PREFIX}{to}" WITH (FORCE)')
            self._admin(f'CREATE DATABASE "{PG_PREFIX}{to}" TEMPLATE "{PG_PREFIX}{name}"')
        else:
            shutil.copyfile(self.folder / f"{name}.sqlite3", self.folder / f"{to}.sqlite3")

    @contextmanager
    def raw(self, name: str) -> Iterator[Any]:
        """A plain DB-API connection (autocommit off) to a site's database."""
        if self.pg:
            import psycopg

            conn: Any = psycopg.connect(make_url(self.url(name)).set(drivername="postgresql")
                                        .render_as_string(False))  # fmt: skip
        else:
            conn = sqlite3.connect(self.folder / f"{name}.sqlite3", isolation_level=None)
            # As the program's connections are set (store.database): the same work a row.
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute("PRAGMA synchronous=NORMAL")
        try:
            yield conn
        finally:
            conn.close()

    def drop_all(self, names: list[str]) -> None:
        for name in names if self.pg else ():
            self._admin(f'DROP DATABASE IF EXISTS "{PG_PREFIX}{name}" WITH (FORCE)')

    def _admin(self, sql: str) -> None:
        import psycopg

        assert self.pg is not None
        with psycopg.connect(self.pg, autocommit=True) as conn:
            conn.execute(sql)  # type: ignore[arg-type]


def introduce(a: Database, b: Database) -> None:
    for me, other in ((a, b), (b, a)):
        with other.read() as session:
            identity = peers.identity_of(session, other.site_code or "")
        with me.write(actor="admin") as session:
            peers.add_peer(session, identity, me=me.site_code or "", now=utc_now())


def fill(post: Database, records: int) -> None:
    persons = records // 2
    person_rows, document_rows = [], []
    for n in range(persons):
        pid = new_id()
        person_rows.append(
            {"id": pid, "surname": f"KARIMOV{n}", "given_names": "ALISHER",
             "surname_latin": f"KARIMOV{n}", "name_key": f"karimov{n} alisher",
             "birth_year": 1970 + n % 40, "birth_month": 1 + n % 12, "birth_day": 1 + n % 28,
             "sex": "M", "nationality": "UZB"}
        )  # fmt: skip
        document_rows.append(
            {"person_id": pid, "document_type": "P", "issuing_state": "UZB",
             "number": f"FA{n:07d}", "expiry_date": datetime(2033, 1, 1, tzinfo=UTC).date()}
        )  # fmt: skip
    with post.write(actor="admin") as session:
        bulk.insert_records(session, Person, person_rows)
        bulk.insert_records(session, IdentityDocument, document_rows)


def fill_watchlists(hq: Database, records: int) -> None:
    """HQ's side: half wanted persons, half invalidated documents (reference data every
    post gets)."""
    half = records // 2
    persons = [
        {"surname": f"KARIMOV{n}", "given_names": "ALISHER", "name_key": f"karimov{n} alisher",
         "birth_year": 1970 + n % 40, "nationality": "UZB", "reason": "wanted"}
        for n in range(half)
    ]  # fmt: skip
    documents = [
        {"issuing_state": "UZB", "number": f"FA{n:07d}", "reason": "stolen"}
        for n in range(records - half)
    ]
    with hq.write(actor="admin") as session:
        bulk.insert_records(session, WatchlistPerson, persons)
        bulk.insert_records(session, WatchlistDocument, documents)


@dataclass(frozen=True)
class Direction:
    """Who sends to whom, and which tables the package's records are in."""

    sender: str  # site name in ``Sites``
    sender_code: str
    recipient: str
    recipient_code: str
    tables: tuple[str, ...]
    audit: bool  # the package carries the sender's audit entries (a site's, to HQ)


TO_HQ = Direction("post", "POST-07", "hq", "HQ-ORB", TABLES, audit=True)
FROM_HQ = Direction("hq", "HQ-ORB", "post", "POST-07", WATCHLISTS, audit=False)


Times = tuple[float, float]  # wall, CPU of this process (seconds)


def read_baseline(sites: Sites, way: Direction, *, with_audit: bool) -> Times:
    """Reading the records the package carries: every row of its tables; with
    ``with_audit`` the sender's audit entries too (the package carries them as well)."""
    # SQLite's "+": not by the origin_site index, which it would pick to look every row
    # up through (a tenth slower than reading the table through; every row is the
    # sender's here). PostgreSQL's planner reads the table through by itself.
    where = f"{'' if sites.pg else '+'}origin_site = {_quoted(way.sender_code)}"
    with sites.raw(way.sender) as conn:
        start, cpu = time.perf_counter(), time.process_time()
        for table in way.tables:
            conn.execute(f"SELECT * FROM {table} WHERE {where}").fetchall()
        if with_audit:
            conn.execute("SELECT * FROM audit_entry").fetchall()
        return time.perf_counter() - start, time.process_time() - cpu


def _quoted(code: str) -> str:
    return "'" + code.replace("'", "''") + "'"


def executemany_baseline(sites: Sites, way: Direction, *, with_audit: bool) -> Times:
    """The same rows, as the recipient stores them after the import, into the same
    tables of a fresh copy of it: one transaction, no change log, no audit of its own.
    With ``with_audit`` the sender's audit entries too, into HQ's copy of its chain.
    Blobs are bound as ``bytearray``: the sqlite3 module looks every ``bytes`` value up
    in its adapter registry first (the import binds them so too)."""
    code = _quoted(way.sender_code)
    tables = {t: f"origin_site = {code}" for t in way.tables}
    if with_audit:
        tables[FOREIGN_AUDIT] = f"site = {code}"
    with sites.raw(way.recipient) as src:
        rows = {t: src.execute(f"SELECT * FROM {t} WHERE {where}").fetchall()
                for t, where in tables.items()}  # fmt: skip
    if not sites.pg:
        rows = {t: [tuple(bytearray(v) if type(v) is bytes else v for v in row) for row in values]
                for t, values in rows.items()}  # fmt: skip
    sites.copy(f"{way.recipient}_fresh", "base")
    mark = "%s" if sites.pg else "?"
    with sites.raw("base") as conn:
        cursor = conn.cursor()
        start, cpu = time.perf_counter(), time.process_time()
        if not sites.pg:
            cursor.execute("BEGIN IMMEDIATE")
        for table, values in rows.items():
            marks = ",".join([mark] * len(values[0]))
            cursor.executemany(f"INSERT INTO {table} VALUES ({marks})", values)
        conn.commit() if sites.pg else cursor.execute("COMMIT")
        return time.perf_counter() - start, time.process_time() - cpu


def ratio(a: float, b: float) -> str:
    """``a / b`` with two significant digits (3.0, 12, 0.85)."""
    x = a / b
    return f"{x:.0f}" if x >= 10 else f"{x:.1f}" if x >= 1 else f"{x:.2f}"


def timed(work: Callable[[], Any], profile: Path | None, name: str) -> tuple[Any, Times]:
    profiler = cProfile.Profile() if profile else None
    start, cpu = time.perf_counter(), time.process_time()
    if profiler:
        profiler.enable()
    result = work()
    if profiler:
        profiler.disable()
    elapsed = time.perf_counter() - start, time.process_time() - cpu
    if profiler and profile:
        profile.mkdir(parents=True, exist_ok=True)
        profiler.dump_stats(profile / f"{name}.prof")
    return result, elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--pg", metavar="URL", help="run both sites on this PostgreSQL server")
    parser.add_argument("--profile", type=Path, metavar="DIR")
    parser.add_argument(
        "--from-hq", action="store_true", help="HQ's watchlists to a post, not a post's to HQ"
    )
    args = parser.parse_args()
    way = FROM_HQ if args.from_hq else TO_HQ
    folder = Path(tempfile.mkdtemp(prefix="borderdesk-sync-bench-"))
    sites = Sites(folder, args.pg)
    try:
        sites.create("hq", "HQ-ORB", "hq")
        sites.create("post", "POST-07", "post")
        hq, post = sites.open("hq"), sites.open("post")
        introduce(hq, post)
        hq.dispose()
        post.dispose()
        sites.copy(way.recipient, f"{way.recipient}_fresh")
        sender = sites.open(way.sender)
        (fill if way is TO_HQ else fill_watchlists)(sender, args.records)

        read_rows = read_baseline(sites, way, with_audit=False)
        read_all = read_baseline(sites, way, with_audit=True) if way.audit else None

        def export() -> packages.ExportReport:
            with sender.write(actor="admin", exporting=True) as session:
                return packages.make_package(
                    session, me=way.sender_code, to=way.recipient_code, now=utc_now()
                )

        report, export_s = timed(export, args.profile, "export")
        sender.dispose()
        recipient = sites.open(way.recipient)

        def import_() -> packages.ImportReport:
            with recipient.write(actor="admin", replaying=True) as session:
                return packages.import_package(
                    session, report.data, me=way.recipient_code, now=utc_now()
                )

        imported, import_s = timed(import_, args.profile, "import")
        recipient.dispose()
        # After the import: the baselines write the rows as the recipient stored them.
        raw_rows = executemany_baseline(sites, way, with_audit=False)
        raw_all = executemany_baseline(sites, way, with_audit=True) if way.audit else None

        engine = "PostgreSQL" if args.pg else "SQLite"
        load = " ".join(f"{v:.2f}" for v in os.getloadavg())
        print(f"engine                     {engine}   (load average {load})")
        print(f"package                    {way.sender_code} to {way.recipient_code}")
        print(f"records in package         {report.records:>10,}  (applied {imported.applied:,},"
              f" audit entries {report.audit_entries:,})")  # fmt: skip
        print(f"package size               {len(report.data):>10,} B  "
              f"({len(report.data) / max(report.records, 1):.1f} B per record)")  # fmt: skip
        for name, (wall, cpu), budget, baselines in (
            ("export", export_s, 2, (("reading the rows", read_rows),
                                     ("reading rows + audit entries", read_all))),
            ("import", import_s, 3, (("executemany of the rows", raw_rows),
                                     ("executemany of rows + audit entries", raw_all))),
        ):  # fmt: skip
            print(f"{name:<27}{wall:10.2f} s   (budget x{budget})" + (
                "" if args.pg else f"   CPU {cpu:.2f} s"))  # fmt: skip
            for what, times in baselines:
                if times is None:  # nothing but the rows travels
                    continue
                base, base_cpu = times
                line = f"  against {what:<36}{base:6.2f} s   x{ratio(wall, base)}"
                if not args.pg:  # on PostgreSQL the server's work is another process's CPU
                    line += f"   CPU {base_cpu:.2f} s, x{ratio(cpu, base_cpu)}"
                print(line)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        sites.drop_all(["hq", "post", "hq_fresh", "post_fresh", "base"])


if __name__ == "__main__":
    main()
