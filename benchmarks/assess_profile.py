"""Where a scan's time goes: every SQL statement ``checks.assess`` runs, with SQLite's
query plan, and a cProfile of the scan, for known documents, unknown ones and known
persons on a new document with a typo in the surname.

    python benchmarks/assess_profile.py --persons 100000 [--samples 50] [--plans] [--profile]

It reads the demo database ``benchmarks/run.py`` builds (run that first). Prints only.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import random
import sqlite3
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import scan_samples  # noqa: E402
from sqlalchemy import event  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--samples", type=int, default=50)
    parser.add_argument("--plans", action="store_true", help="EXPLAIN QUERY PLAN of each statement")
    parser.add_argument("--profile", action="store_true", help="cProfile, top functions")
    args = parser.parse_args()
    path = HERE / "data" / f"demo-{args.persons}.sqlite3"

    from borderdesk.services import checks
    from borderdesk.services.access import auth
    from borderdesk.services.site.database import open_database

    db = open_database(url=None, path=path)
    officer = auth.login(db, username="officer", password="demo")
    raw = sqlite3.connect(path)
    rng = random.Random(11)
    cases = scan_samples.scan_cases(raw, rng, args.samples)

    statements: list[tuple[str, object]] = []

    @event.listens_for(db.engine, "before_cursor_execute")
    def _seen(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
        statements.append((statement, parameters))

    for name, mrzs in cases.items():
        checks.assess(db, actor=officer, mrz_lines=mrzs[0])  # warm caches
        statements.clear()
        times = []
        profiler = cProfile.Profile()
        cpu = []
        for mrz in mrzs:
            start, start_cpu = time.perf_counter(), time.process_time()
            if args.profile:
                profiler.enable()
            checks.assess(db, actor=officer, mrz_lines=mrz)
            if args.profile:
                profiler.disable()
            times.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
        per_scan = len(statements) / len(mrzs)

        def p95(values: list[float]) -> float:
            return sorted(values)[round(0.95 * (len(values) - 1))]

        print(
            f"\n=== {name}: wall p50 {statistics.median(times):.2f} ms, p95 {p95(times):.2f} ms;"
            f" CPU p50 {statistics.median(cpu):.2f} ms, p95 {p95(cpu):.2f} ms;"
            f" {per_scan:.1f} statements per scan"
        )
        shapes = Counter(s for s, _p in statements)
        for statement, n in shapes.most_common():
            print(f"  {n / len(mrzs):5.1f}x  {' '.join(statement.split())[:150]}")
            if args.plans:
                params = next(p for s, p in statements if s == statement)
                try:
                    plan = raw.execute("EXPLAIN QUERY PLAN " + statement, params).fetchall()
                except sqlite3.Error as exc:
                    print(f"         (no plan: {exc})")
                    continue
                for row in plan:
                    print(f"         {row[-1]}")
        if args.profile:
            print()
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)


if __name__ == "__main__":
    main()
