"""The monthly return over N cases, beside bare SQL GROUP BY counts of the same figures.

    python benchmarks/returns.py --cases 1000000      # the budget: < 3 s, PDF included
    python benchmarks/returns.py --cases 100000       # what a shared machine may build

The database (N cases, N document checks, N/10 persons, N/10 centre stays, N/40
transfers, over ten years at HQ and three posts in two time zones) is built once under
benchmarks/data/ with the store's bulk writer and reused. Nothing is asserted: it prints
the return (computed and rendered as PDF, CSV and XLSX) and the baseline: the same
figures' aggregate queries on a bare sqlite3 connection, in the same run.
"""

from __future__ import annotations

import argparse
import io
import random
import sqlite3
import statistics
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from borderdesk.store.database import Database

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
SITES = (
    ("ORB-HQ", "Asia/Yekaterinburg"),
    ("POST-01", "Asia/Yekaterinburg"),
    ("POST-02", "Asia/Yekaterinburg"),
    ("CENTRE-1", "Europe/Samara"),
)
START = date(2016, 12, 1)
DAYS = 3650
BATCH = 20_000


def build(path: Path, cases: int) -> None:
    from borderdesk.domain.clock import new_id
    from borderdesk.services.site.setup import initialise
    from borderdesk.store.bulk import insert_records
    from borderdesk.store.tables import (
        Bed,
        CentreStay,
        DocumentCheck,
        Person,
        ReadmissionCase,
        Room,
        Site,
        Transfer,
    )

    print(f"building {path.name}: {cases:,} cases (once)...", flush=True)
    db = initialise(
        path=path,
        url=None,
        site_code="ORB-HQ",
        site_name="HQ",
        kind="hq",
        admin_user="admin",
        admin_password="bench-password",
    )
    rng = random.Random(2012)

    def day() -> date:
        return START + timedelta(days=rng.randrange(DAYS))

    def moment() -> datetime:
        return datetime.combine(day(), datetime.min.time(), tzinfo=UTC) + timedelta(
            minutes=rng.randrange(1440)
        )

    def write(model, rows) -> None:
        for i in range(0, len(rows), BATCH):
            with db.write(actor="admin") as session:
                insert_records(session, model, rows[i : i + BATCH])

    with db.write(actor="admin") as session:
        for code, tz in SITES[1:]:
            session.add(Site(code=code, name=code, kind="post", timezone=tz, origin_site=code))
    persons = [new_id() for _ in range(max(1, cases // 10))]
    write(
        Person,
        [
            {
                "id": p,
                "surname": "BENCH",
                "nationality": rng.choice(("AFG", "PAK", "RUS", "UZB", "BGD")),
            }
            for p in persons
        ],
    )
    sites = [s for s, _tz in SITES]
    write(
        DocumentCheck,
        [
            {
                "site": (s := rng.choice(sites)),
                "origin_site": s,
                "officer": "officer",
                "checked_at": moment(),
                "direction": rng.choice(("entry", "exit")),
                "person_id": rng.choice(persons),
                "verdict": "clear",
                "findings": '[{"code":"watchlist_document","source":"watchlist"}]'
                if rng.random() < 0.02
                else "[]",
                "decision": rng.choices(("admit", "refuse", "detain"), (90, 8, 2))[0],
                "protocol_number": f"B-{i}",
                "content_digest": "",
            }
            for i in range(cases)
        ],
    )
    rows = []
    for i in range(cases):
        kind = rng.choices(("incoming", "apprehension", "outgoing"), (45, 35, 20))[0]
        received = day()
        due = received + timedelta(days=rng.choice((15, 30, 60)))
        # As in use: old requests are decided (or withdrawn); the last months' still run.
        recent = (START + timedelta(days=DAYS) - received).days < 120
        undecided = rng.random() < (0.3 if recent else 0.02)
        decided = None if undecided else received + timedelta(days=rng.randrange(70))
        decision = rng.choice(("accepted", "refused")) if decided else None
        rows.append(
            {
                "case_number": f"B-RA-{i}",
                "kind": kind,
                "person_id": rng.choice(persons),
                "origin_site": rng.choice(sites),
                "requesting_state": rng.choice(("DEU", "POL", "FIN", "FRA"))
                if kind == "incoming"
                else "RUS",
                "requested_state": "RUS" if kind == "incoming" else rng.choice(("KAZ", "UZB")),
                "agreement_id": "EU-RU" if kind == "incoming" else "RU-KZ",
                "received_on": received if kind == "incoming" else None,
                "submitted_on": received if kind != "incoming" else None,
                "reply_due": due,
                "decision": decision,
                "decided_on": decided,
                "replied_on": decided if decided and rng.random() < 0.9 else None,
                "status": decision or "under_examination",
                "transferred_on": decided + timedelta(days=20)
                if decision == "accepted" and rng.random() < 0.4
                else None,
            }
        )
    write(ReadmissionCase, rows)
    stays = max(1, cases // 10)
    with db.write(actor="admin") as session:
        room = Room(code="B", origin_site="CENTRE-1")
        session.add(room)
        session.flush()
        beds = [Bed(room_id=room.id, label=str(i), origin_site="CENTRE-1") for i in range(stays)]
        session.add_all(beds)
        session.flush()
        bed_ids = [b.id for b in beds]
    stay_rows = []
    for i in range(stays):
        arrived = moment()
        ended = arrived + timedelta(hours=rng.randrange(24, 100 * 24))
        stay_rows.append(
            {
                "id": new_id(),
                "stay_number": f"B-ST-{i}",
                "person_id": rng.choice(persons),
                "origin_site": "CENTRE-1",
                "arrived_at": arrived,
                "bed_id": bed_ids[i],
                "legal_basis": rng.choice(("readmission", "identification")),
                "ended_at": ended,
                "status": rng.choice(("released", "transferred")),
                "escort_officers": [],
            }
        )
    write(CentreStay, stay_rows)
    write(
        Transfer,
        [
            {
                "stay_id": s["id"],
                "origin_site": "CENTRE-1",
                "destination": rng.choice(("KAZ", "UZB", "TJK")),
                "planned_date": s["ended_at"].date(),
                "status": (status := rng.choice(("completed", "cancelled"))),
                "completed_at": s["ended_at"] if status == "completed" else None,
                # Most cancellations carry their time; some are older than that column.
                "cancelled_at": s["ended_at"] - timedelta(days=rng.randrange(10))
                if status == "cancelled" and rng.random() < 0.9
                else None,
                "escort_officers": [],
            }
            for s in stay_rows[: max(1, cases // 40)]
        ],
    )
    db.dispose()


def baseline(raw: sqlite3.Connection, first: str, last: str, start: str, end: str) -> None:
    """The same figures for one month and all sites, as bare GROUP BY queries on the same
    indexes (the month's date column; kind and site filtered by no index, as ours are)."""
    site = "coalesce(origin_site, '')"
    kind = "coalesce(kind, '')"
    raw.execute(
        "select site, direction, count(*), sum(decision='refuse'), sum(decision='detain'),"
        ' sum(findings like \'%"source":"watchlist"%\') from document_check d'
        " where site in ('ORB-HQ','POST-01','POST-02','CENTRE-1')"
        " and checked_at >= ? and checked_at < ? and not deleted and not exists"
        " (select 1 from document_check c where c.corrects_id = d.id) group by 1, 2",
        (start, end),
    ).fetchall()
    raw.execute(
        f"select {site}, requesting_state, count(*) from readmission_case where {kind}='incoming'"
        " and received_on between ? and ? group by 1, 2",
        (first, last),
    ).fetchall()
    raw.execute(
        f"select {site}, requesting_state, decision, replied_on is null, count(*),"
        " sum(replied_on <= coalesce(extended_reply_due, reply_due)) from readmission_case"
        " where decided_on between ? and ? group by 1, 2, 3, 4",
        (first, last),
    ).fetchall()
    for undecided in ("decided_on is null", "decided_on > ?"):
        raw.execute(
            f"select {site}, count(*), sum(coalesce(extended_reply_due, reply_due) < ?)"
            f" from readmission_case where {kind}='incoming'"
            f" and coalesce(received_on, '9999') <= ? and {undecided} group by 1",
            (last, last, last) if "?" in undecided else (last, last),
        ).fetchall()
    raw.execute(
        f"select {site}, requested_state, count(*) from readmission_case"
        f" where {kind} != 'incoming' and submitted_on between ? and ? group by 1, 2",
        (first, last),
    ).fetchall()
    raw.execute(
        f"select {site}, requesting_state, count(*) from readmission_case"
        f" where {kind} = 'incoming' and transferred_on between ? and ? group by 1, 2",
        (first, last),
    ).fetchall()
    raw.execute(
        "select origin_site, strftime('%Y-%m-%d %H', arrived_at), count(*) from centre_stay"
        " where arrived_at >= ? and arrived_at < ? group by 1, 2",
        (start, end),
    ).fetchall()
    raw.execute(
        "select origin_site, strftime('%Y-%m-%d %H', ended_at), status, count(*) from centre_stay"
        " where ended_at >= ? and ended_at < ? group by 1, 2, 3",
        (start, end),
    ).fetchall()
    raw.execute(
        "select origin_site, destination, status, count(*) from centre_transfer"
        " where completed_at >= ? and completed_at < ? group by 1, 2, 3",
        (start, end),
    ).fetchall()
    raw.execute(
        "select origin_site, destination, count(*) from centre_transfer"
        " where status = 'cancelled' and cancelled_at >= ? and cancelled_at < ? group by 1, 2",
        (start, end),
    ).fetchall()


def timed(fn: Callable[[], object]) -> tuple[float, float]:
    """Wall-clock and CPU milliseconds: on a shared machine the CPU time is the figure that
    says what the work costs (the wall clock also counts other people's processes)."""
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000


def line(name: str, values: list[tuple[float, float]], base: float) -> str:
    wall = statistics.median(v[0] for v in values)
    cpu = statistics.median(v[1] for v in values)
    return (
        f"{name:<36} wall median {wall:8.1f} ms  cpu median {cpu:8.1f} ms"
        f"  (cpu x{cpu / base:.1f} the baseline)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    DATA.mkdir(exist_ok=True)
    path = DATA / f"returns-{args.cases}.sqlite3"
    if not path.exists():
        build(path, args.cases)

    from borderdesk.domain.returns import ReturnMonth
    from borderdesk.forms.monthly_return import render_monthly_return
    from borderdesk.reports.return_csv import write_return_csv
    from borderdesk.reports.return_xlsx import write_return_xlsx
    from borderdesk.services.access.permissions import Actor
    from borderdesk.services.returns import monthly_return
    from borderdesk.services.site.database import open_database
    from borderdesk.store.tables.users import Role

    db = open_database(url=None, path=path)
    actor = Actor(username="admin", role=Role.admin, site_code="ORB-HQ")
    raw = sqlite3.connect(path)
    month = ReturnMonth(2026, 10)
    counts = {
        t: raw.execute(f"select count(*) from {t}").fetchone()[0]
        for t in ("readmission_case", "document_check", "centre_stay")
    }
    print(f"database: {counts}, {path.stat().st_size >> 20} MiB; month {month}, 4 sites")

    def ours(fmt: str) -> Callable[[], None]:
        def run() -> None:
            ret = monthly_return(db, actor=actor, month=month)
            sink = io.BytesIO()
            {"pdf": render_monthly_return, "csv": write_return_csv, "xlsx": write_return_xlsx}[fmt](
                ret, sink
            )

        return run

    ours("pdf")()  # fonts registered, catalogs read: once per process, as in the GUI

    def bare() -> None:
        for m in (month, month.previous()):
            start = f"{m.first_day - timedelta(days=1)} 19:00:00"
            end = f"{m.last_day} 19:00:00"
            baseline(raw, m.first_day.isoformat(), m.last_day.isoformat(), start, end)

    def measure(title: str) -> None:
        results = {}
        for fmt in ("pdf", "csv", "xlsx"):
            results[fmt] = [timed(ours(fmt)) for _ in range(args.repeat)]
        computed = [
            timed(lambda: monthly_return(db, actor=actor, month=month)) for _ in range(args.repeat)
        ]
        base = [timed(bare) for _ in range(args.repeat)]
        b_cpu = statistics.median(v[1] for v in base)
        print(f"-- {title}")
        print(line("bare SQL GROUP BY (2 months)", base, b_cpu))
        print(line("return computed (2 months + trend)", computed, b_cpu))
        for fmt, values in results.items():
            print(line(f"return + {fmt.upper()}", values, b_cpu))

    # Before: without the return's indexes (schema step 0009r); after: with them.
    # The bare baseline runs on the same connection, so it loses them too.
    raw.close()
    with sqlite3.connect(path) as conn:
        for name in RETURN_INDEXES:
            conn.execute(f"drop index if exists {name}")
    for title in ("without the 0009r indexes", "with the 0009r indexes"):
        if title.startswith("with "):
            restore_indexes(db)
        db.engine.dispose()  # every connection sees the schema as it now is
        raw = sqlite3.connect(path)
        measure(title)
        print_plans(db, raw, lambda: monthly_return(db, actor=actor, month=month))
        raw.close()
    db.dispose()


RETURN_INDEXES = (
    "ix_centre_stay_site_arrived",
    "ix_centre_stay_site_ended",
    "ix_centre_transfer_site_completed",
    "ix_centre_transfer_site_cancelled",
)


def restore_indexes(db: Database) -> None:
    """Create the return's indexes again from the models (as the migration made them)."""
    from borderdesk.store.tables import CentreStay, Transfer

    for model in (CentreStay, Transfer):
        for index in model.__table__.indexes:  # type: ignore[attr-defined]
            if index.name in RETURN_INDEXES:
                index.create(db.engine, checkfirst=True)


def print_plans(db: Database, raw: sqlite3.Connection, run: Callable[[], object]) -> None:
    """Every SELECT the return runs, through EXPLAIN QUERY PLAN: a SCAN of a table (not a
    SEARCH by an index) grows with the whole table, the rest with the month's rows."""
    from sqlalchemy import event

    seen: list[tuple[str, tuple]] = []

    def keep(conn, cursor, statement, parameters, context, executemany) -> None:  # noqa: ANN001
        if statement.lstrip().upper().startswith("SELECT"):
            seen.append((statement, tuple(parameters or ())))

    event.listen(db.engine, "before_cursor_execute", keep)
    try:
        run()
    finally:
        event.remove(db.engine, "before_cursor_execute", keep)
    steps: dict[str, int] = {}
    costs: list[tuple[float, str, str]] = []
    for statement, parameters in seen:
        plan = [row[-1] for row in raw.execute("explain query plan " + statement, parameters)]
        for detail in plan:
            steps[detail] = steps.get(detail, 0) + 1
        cpu = time.process_time()
        raw.execute(statement, parameters).fetchall()
        costs.append((time.process_time() - cpu, plan[0] if plan else "", statement))
    scans = {d: n for d, n in steps.items() if d.startswith("SCAN") and "CONSTANT ROW" not in d}
    print(f"   {len(seen)} SELECTs in one return; their plan steps:")
    for detail, n in sorted(steps.items()):
        mark = "SCAN!" if detail in scans else "     "
        print(f"   {mark} {n:3d} x {detail}")
    print(f"   whole-table or whole-index scans: {sum(scans.values())}")
    # What grows with the data: the dearest statements, as a bare connection runs them.
    total = sum(c for c, _p, _s in costs)
    print(
        f"   the {len(costs)} statements on a bare connection: cpu {total * 1000:.1f} ms; dearest:"
    )
    for cost, plan, _statement in sorted(costs, reverse=True)[:6]:
        print(f"     {cost * 1000:7.1f} ms  {plan}")


if __name__ == "__main__":
    main()
