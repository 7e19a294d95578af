"""BorderDesk's performance budget (DESIGN.md), each figure beside a baseline in the same run.

    python benchmarks/run.py --persons 1000000 [--samples 200] [--skip-gui] [--cpu]

The demo database for N persons is built once under benchmarks/data/ (with 100 000
watchlist entries at 1 M persons) and reused; the name-candidate index is rebuilt
when it is empty and the FTS5 trigram baseline is built once beside it. Nothing here
is asserted: it prints. The name matcher's recall and false-alert rate against a
100 000-entry watchlist are measured by benchmarks/names.py.
"""

from __future__ import annotations

import argparse
import io
import math
import random
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
sys.path.insert(0, str(HERE))


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


# perf_counter (wall time), or process_time with --cpu: on a shared, loaded machine the
# wall time of a scan is mostly waiting for a core.
CLOCK = time.perf_counter


def timed(fn: Callable[[], object]) -> float:
    start = CLOCK()
    fn()
    return (CLOCK() - start) * 1000


def two_significant(value: float) -> str:
    """``0.094`` -> ``0.094``, ``12.3`` -> ``12``, ``1234`` -> ``1200``."""
    if value == 0 or not math.isfinite(value):
        return str(value)
    digits = 1 - math.floor(math.log10(abs(value)))
    return f"{round(value, digits):,.{max(digits, 0)}f}"


def report(
    name: str, ours: list[float], base: list[float], unit: str = "ms", baseline: str = ""
) -> None:
    p50, p95 = statistics.median(ours), percentile(ours, 95)
    b50, b95 = statistics.median(base), percentile(base, 95)
    ratio = two_significant(p95 / b95) if b95 else "inf"
    label = f" ({baseline})" if baseline else ""
    print(
        f"{name:<34} p50 {p50:8.2f} {unit}  p95 {p95:8.2f} {unit}   "
        f"baseline{label} p50 {b50:8.3f} {unit}  p95 {b95:8.3f} {unit}   (p95 x{ratio})"
    )


def build(path: Path, persons: int) -> None:
    from borderdesk.services.demo import builder as demo

    print(f"building {path.name} with {persons:,} persons (once)...", flush=True)
    done = 0

    def progress(n: int) -> None:
        nonlocal done
        done += n
        if done % 100_000 < n:
            print(f"  {done:,} persons", flush=True)

    db, _summary = demo.create_or_open(
        path=path, url=None, persons=persons, seed=2012, progress=progress, stage=print
    )
    db.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--persons", type=int, default=1_000_000)
    parser.add_argument("--samples", type=int, default=200)
    parser.add_argument("--skip-gui", action="store_true", help="no cold start, no memory")
    parser.add_argument(
        "--cpu", action="store_true", help="time by CPU time of this process, not wall time"
    )
    args = parser.parse_args()
    if args.cpu:
        global CLOCK
        CLOCK = time.process_time

    DATA.mkdir(exist_ok=True)
    path = DATA / f"demo-{args.persons}.sqlite3"
    if not path.exists():
        build(path, args.persons)

    import scan_samples

    from borderdesk.services import checks
    from borderdesk.services.access import auth
    from borderdesk.services.checks import protocol_form as check_protocol
    from borderdesk.services.site.database import open_database

    db = open_database(url=None, path=path)
    officer = auth.login(db, username="officer", password="demo")
    raw = sqlite3.connect(path)
    rng = random.Random(7)
    total = raw.execute("select count(*) from person").fetchone()[0]
    watch = raw.execute(
        "select (select count(*) from watchlist_document) + (select count(*) from watchlist_person)"
    ).fetchone()[0]
    print(
        f"database: {total:,} persons, {watch:,} watchlist entries, {path.stat().st_size >> 20} MiB"
    )

    # Sample documents by rowid: random, without a full scan.
    docs = scan_samples.known_rows(raw, rng, args.samples)

    # 1. MRZ scan to verdict: documents on record, and documents of persons not on
    # record (the look-up by name, date of birth and nationality finds nobody).
    ours = [
        timed(lambda d=d: checks.assess(db, actor=officer, mrz_lines=d[0].split("\n")))
        for d in docs
    ]
    base = [
        timed(
            lambda d=d: raw.execute(
                "select p.* from identity_document d join person p on p.id = d.person_id"
                " where d.number = ? and d.issuing_state = ?",
                (d[1], d[2]),
            ).fetchall()
        )
        for d in docs
    ]
    report("MRZ scan to verdict, known", ours, base, baseline="indexed document lookup")
    unknown = scan_samples.unknown_documents(args.samples)
    ours = [timed(lambda m=m: checks.assess(db, actor=officer, mrz_lines=m)) for m in unknown]
    report("MRZ scan to verdict, unknown", ours, base, baseline="indexed document lookup")
    # Persons on record on a new passport with a typo in the surname (own random
    # stream: the name-search samples below stay those of earlier runs).
    typos = scan_samples.typo_documents(docs, random.Random(13))
    ours = [timed(lambda m=m: checks.assess(db, actor=officer, mrz_lines=m)) for m in typos]
    report("MRZ scan to verdict, typo", ours, base, baseline="indexed document lookup")

    # 2. Name search.
    import names_search

    names_search.ensure_name_index(db)
    fts = names_search.FtsBaseline.open(DATA / f"fts-{args.persons}.sqlite3", path)
    names_search.run(db, officer, raw, fts, docs, rng, report, timed)

    # 3. Protocol PDF for one recorded check.
    check_id = raw.execute("select id from document_check limit 1").fetchone()[0]
    import uuid

    check_uuid = uuid.UUID(hex=check_id) if len(check_id) == 32 else uuid.UUID(check_id)
    ours = [
        timed(lambda: check_protocol.check_protocol_pdf(db, actor=officer, check_id=check_uuid))
        for _ in range(20)
    ]
    from reportlab.pdfgen.canvas import Canvas

    def bare_pdf() -> None:
        canvas = Canvas(io.BytesIO())
        canvas.drawString(72, 720, "Protocol")
        canvas.showPage()
        canvas.save()

    base = [timed(bare_pdf) for _ in range(20)]
    report("protocol PDF", ours, base)

    if args.skip_gui:
        print(f"(run on {date.today().isoformat()})")
        return
    # 4 and 5. Cold start to the login window; memory with the GUI open.
    probe = [sys.executable, str(HERE / "gui_probe.py")]

    def start(mode: str) -> float:
        return timed(
            lambda: subprocess.run([*probe, mode, str(path)], check=True, capture_output=True)
        )

    report(
        "cold start to login window",
        [start("start") for _ in range(5)],
        [start("bare-start") for _ in range(5)],
    )

    def memory(mode: str) -> float:
        out = subprocess.run([*probe, mode, str(path)], check=True, capture_output=True, text=True)
        return float(out.stdout.strip().splitlines()[-1])

    report("RSS with the GUI open", [memory("gui-memory")], [memory("bare-memory")], unit="MB")
    print(f"(run on {date.today().isoformat()})")


if __name__ == "__main__":
    main()
