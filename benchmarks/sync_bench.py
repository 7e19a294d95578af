"""Sync by file: export and import of a package of N changed records, each beside its
baseline in the same run (DESIGN.md, performance budget).

    python benchmarks/sync_bench.py --records 100000

- export (``sync.packages.make_package``: change log, rows, history, seal) against
  reading the same rows (``SELECT *`` of both tables through sqlite3);
- import (``sync.packages.import_package``: verify, decrypt, merge, change log)
  against a raw ``executemany`` of the same rows into the same tables of a fresh copy;
- package size per record.
Half the records are persons, half their identity documents. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from borderdesk.domain.clock import new_id, utc_now
from borderdesk.services.site import setup
from borderdesk.store import bulk
from borderdesk.store.database import Database
from borderdesk.store.tables import IdentityDocument, Person
from borderdesk.sync import packages, peers

TABLES = ("person", "identity_document")


def make_site(folder: Path, code: str, kind: str) -> Path:
    path = folder / f"{code}.sqlite3"
    setup.initialise(
        path=path, url=None, site_code=code, site_name=code, kind=kind,
        admin_user=f"admin-{code.lower()}", admin_password="Tundra-Compass-47-Lantern",
    ).dispose()  # fmt: skip
    return path


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


def read_baseline(path: Path) -> float:
    conn = sqlite3.connect(path)
    start = time.perf_counter()
    for table in TABLES:
        conn.execute(f"SELECT * FROM {table}").fetchall()
    elapsed = time.perf_counter() - start
    conn.close()
    return elapsed


def executemany_baseline(source: Path, target: Path) -> float:
    """The same rows, as stored, into the same tables: one transaction, no log."""
    src = sqlite3.connect(source)
    rows = {t: src.execute(f"SELECT * FROM {t} WHERE origin_site = 'POST-07'").fetchall()
            for t in TABLES}  # fmt: skip
    src.close()
    conn = sqlite3.connect(target)
    start = time.perf_counter()
    conn.execute("BEGIN IMMEDIATE")
    for table, values in rows.items():
        marks = ",".join("?" * len(values[0]))
        conn.executemany(f"INSERT INTO {table} VALUES ({marks})", values)
    conn.execute("COMMIT")
    elapsed = time.perf_counter() - start
    conn.close()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=100_000)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="borderdesk-sync-bench-"))
    try:
        hq_path, post_path = make_site(folder, "HQ-ORB", "hq"), make_site(folder, "POST-07", "post")
        hq, post = Database.open(path=hq_path), Database.open(path=post_path)
        introduce(hq, post)
        hq.dispose()
        fill(post, args.records)
        hq_fresh = folder / "hq-fresh.sqlite3"
        shutil.copyfile(hq_path, hq_fresh)

        read_s = read_baseline(post_path)
        start = time.perf_counter()
        with post.write(actor="admin") as session:
            report = packages.make_package(session, me="POST-07", to="HQ-ORB", now=utc_now())
        export_s = time.perf_counter() - start
        post.dispose()

        raw_s = executemany_baseline(post_path, hq_fresh)
        hq = Database.open(path=hq_path)
        start = time.perf_counter()
        with hq.write(actor="admin", replaying=True) as session:
            imported = packages.import_package(session, report.data, me="HQ-ORB", now=utc_now())
        import_s = time.perf_counter() - start
        hq.dispose()

        print(f"records in package         {report.records:>10,}  (applied {imported.applied:,})")
        print(f"package size               {len(report.data):>10,} B  "
              f"({len(report.data) / max(report.records, 1):.1f} B per record)")  # fmt: skip
        print(f"export                     {export_s:10.2f} s   reading the rows {read_s:.2f} s"
              f"   (x{export_s / read_s:.1f}, budget x2)")  # fmt: skip
        print(f"import                     {import_s:10.2f} s   raw executemany {raw_s:.2f} s"
              f"   (x{import_s / raw_s:.1f}, budget x3)")  # fmt: skip
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
