"""Journal import (DESIGN.md budget: 100 000 rows within 5x a raw executemany of the rows
it produces), and the XLSX reader it stands on.

    python benchmarks/journal_import.py --rows 100000 [--xlsx] [--readers] [--profile F]

Builds a journal of N rows (realistic mix: pending, accepted, refused, transferred;
names repeating so persons are met), imports it into a fresh database, then inserts
the very rows the import produced (person, readmission_case, case_event,
journal_entry) into another fresh database with one raw ``executemany`` per table:
the baseline, reported for the records alone, with their change-log entries, and with
everything the import writes (also the audit row seals and the name index).
``--readers`` also times reading the XLSX with python-calamine and
with openpyxl (read-only mode). Nothing is asserted: it prints.
"""

from __future__ import annotations

import argparse
import cProfile
import csv
import random
import resource
import shutil
import sqlite3
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

STATES = ["Финляндия", "FI", "DEU", "Германия", "POL", "Эстония", "LV", "NLD", "Франция"]
NATIONALITIES = ["UZB", "TJK", "Россия", "KGZ", "PAK", "лицо без гражданства", "BGD", ""]
SURNAMES = ["Иванов", "Каримов", "Рахимов", "Ходжаев", "Петров", "Усманов", "Ким", "Ли"]
GIVEN = ["Пётр", "Бахтиёр", "Шерзод", "Фарход", "Олег", "Алишер", "Ольга", "Мадина"]
TABLES = ("person", "readmission_case", "case_event", "journal_entry")


def journal_rows(count: int, seed: int = 7) -> list[list[str]]:
    rng = random.Random(seed)
    rows = []
    for n in range(1, count + 1):
        received = date(2015, 1, 1) + timedelta(days=rng.randrange(3000))
        decision = rng.choice(["", "принято", "принято", "отказано"])
        decided = received + timedelta(days=rng.randrange(1, 25)) if decision else None
        transferred = (
            decided + timedelta(days=rng.randrange(1, 60))
            if decision == "принято" and rng.random() < 0.7
            else None
        )
        birth = f"{rng.randrange(1, 28):02d}.{rng.randrange(1, 13):02d}.{rng.randrange(1960, 2002)}"
        rows.append(
            [
                str(n),
                received.strftime("%d.%m.%Y") if n % 2 else received.isoformat(),
                rng.choice(STATES),
                f"{rng.choice(SURNAMES)}{rng.randrange(20000)}",
                rng.choice(GIVEN),
                "",
                birth,
                rng.choice(NATIONALITIES),
                f"паспорт {rng.randrange(10**8, 10**9)}",
                decision,
                decided.strftime("%d.%m.%Y") if decided else "",
                transferred.strftime("%d.%m.%Y") if transferred else "",
                "",
            ]
        )
    return rows


HEADINGS = [
    "№ п/п", "Дата поступления", "Запрашивающее государство", "Фамилия", "Имя", "Отчество",
    "Дата рождения", "Гражданство", "Документ", "Решение", "Дата решения", "Дата передачи",
    "Примечание",
]  # fmt: skip


def write_csv(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh, delimiter=";")
        writer.writerow(HEADINGS)
        writer.writerows(rows)


def write_xlsx(path: Path, rows: list[list[str]]) -> None:
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = book.add_worksheet("Журнал")
    sheet.write_row(0, 0, HEADINGS)
    for r, row in enumerate(rows, start=1):
        sheet.write_row(r, 0, row)
    book.close()


def fresh_database(folder: Path, name: str):
    from borderdesk.services.site import setup

    return setup.initialise(
        path=folder / name,
        url=None,
        site_code="POST-07",
        site_name="Застава 7",
        kind="post",
        admin_user="admin",
        admin_password="Tundra-Compass-47-Lantern",
    )


# The rows of these tables the import wrote (not the set-up's, not the login's).
_IMPORT_ROWS = {
    "change_log": "table_name IN ({})".format(",".join(f"'{t}'" for t in TABLES)),
    "audit_entry": "table_name IN ({})".format(",".join(f"'{t}'" for t in TABLES)),
    "name_candidate": "owner = 'person'",
}
EVERYTHING = (*TABLES, "change_log", "audit_entry", "name_candidate")


def baseline(source: Path, target: Path, tables: tuple[str, ...]) -> tuple[float, float]:
    """Seconds (wall, CPU) of one raw ``executemany`` per table of the rows the import
    produced, into the same tables of a fresh database (same schema, indexes, triggers)."""
    src = sqlite3.connect(source)
    data = {}
    for table in tables:
        where = f" WHERE {_IMPORT_ROWS[table]}" if table in _IMPORT_ROWS else ""
        data[table] = src.execute(f"SELECT * FROM {table}{where}").fetchall()  # noqa: S608
    src.close()
    conn = sqlite3.connect(target)
    start, cpu = time.perf_counter(), time.process_time()
    with conn:
        for table in tables:
            if not data[table]:
                continue
            marks = ",".join("?" * len(data[table][0]))
            conn.executemany(f"INSERT INTO {table} VALUES ({marks})", data[table])  # noqa: S608
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    conn.close()
    print("  rows produced: " + ", ".join(f"{t} {len(data[t]):,}" for t in tables))
    return elapsed, cpu


def time_readers(path: Path) -> None:
    import openpyxl
    import python_calamine

    start = time.perf_counter()
    sheet = python_calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0)
    calamine_rows = sum(1 for _ in sheet.iter_rows())
    calamine = time.perf_counter() - start
    start = time.perf_counter()
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    openpyxl_rows = sum(1 for _ in book.worksheets[0].iter_rows(values_only=True))
    book.close()
    slow = time.perf_counter() - start
    print(
        f"  reading {calamine_rows:,} rows: python-calamine {calamine:.2f} s, "
        f"openpyxl (read-only) {slow:.2f} s ({openpyxl_rows:,} rows) -> x{slow / calamine:.1f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--xlsx", action="store_true", help="import an XLSX instead of a CSV")
    parser.add_argument("--readers", action="store_true", help="calamine against openpyxl")
    parser.add_argument("--profile", metavar="FILE", help="write a cProfile of the import")
    args = parser.parse_args()
    if args.rows > 200_000:
        parser.error("at most 200 000 rows on this machine")

    from borderdesk.services.access import auth
    from borderdesk.services.journal import import_journal

    folder = Path(tempfile.mkdtemp(prefix="borderdesk-journal-bench-"))
    try:
        rows = journal_rows(args.rows)
        journal = folder / ("journal.xlsx" if args.xlsx else "journal.csv")
        (write_xlsx if args.xlsx else write_csv)(journal, rows)
        print(f"journal: {journal.name}, {args.rows:,} rows, {journal.stat().st_size:,} bytes")
        if args.readers:
            xlsx = journal if args.xlsx else folder / "journal.xlsx"
            if not args.xlsx:
                write_xlsx(xlsx, rows)
            time_readers(xlsx)
        db = fresh_database(folder, "imported.sqlite3")
        actor = auth.login(db, username="admin", password="Tundra-Compass-47-Lantern")
        profiler = cProfile.Profile() if args.profile else None
        start, cpu = time.perf_counter(), time.process_time()
        if profiler is not None:
            profiler.enable()
        result = import_journal(db, actor=actor, path=journal, partial=True)
        if profiler is not None:
            profiler.disable()
            profiler.dump_stats(args.profile)
        ours, ours_cpu = time.perf_counter() - start, time.process_time() - cpu
        db.dispose()
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"  import: {ours:.2f} s, CPU {ours_cpu:.2f} s ({result.imported:,} cases, "
            f"{result.persons_created:,} persons, {result.refused_rows:,} refused); "
            f"peak RSS {rss:.0f} MB"
        )
        for name, tables in (
            ("the records", TABLES),
            ("the records and their change-log entries", (*TABLES, "change_log")),
            ("everything the import wrote (also row seals, name index)", EVERYTHING),
        ):
            target = fresh_database(folder, f"baseline-{len(tables)}.sqlite3")
            target.dispose()
            base, base_cpu = baseline(folder / "imported.sqlite3", target.path, tables)
            print(
                f"  raw executemany of {name}: {base:.2f} s, CPU {base_cpu:.2f} s -> import is "
                f"x{ours / base:.1f} (CPU x{ours_cpu / base_cpu:.1f})"
            )
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
