"""Command-line start-up as whole processes, beside ``python -c "import sqlalchemy"``.

    python benchmarks/cli_startup.py [--runs 15] [--db FILE]

Each command runs ``--runs`` times in a fresh process (after one warm-up run, like
hyperfine), interleaved with the baselines (``import sqlalchemy``, ``import sqlmodel``) so a
busy machine slows all alike; p50 and p95 of the wall and CPU time are printed. The
processes may write bytecode (as an installed BorderDesk has it): with
PYTHONDONTWRITEBYTECODE set, every run would compile the whole package anew.
``--against SRC`` runs each command from another tree's src/ too (interleaved, marked
@base): before/after pairs under the same load.
A login verifies an Argon2id hash; that cost is measured on its own (in this process)
and printed beside the commands: it is the price of the password hashing, not of
start-up. With login commands chosen, a "floor" process runs too: the libraries a login
loads and one Argon2id check, as little as such a command can take while its services
stand on SQLModel. The login commands need a database with the demo users (``borderdesk demo``):
built once under benchmarks/data/ when --db is not given.
Budget (DESIGN.md): a command with a login <= 1 s, ``--help`` <= 0.3 s.

``--breakdown`` also times the steps of ``user list`` in fresh processes (CPU ms): the
libraries, BorderDesk's own modules and tables, opening the database, the login (its
Argon2 check apart), the steps every login runs, and the listing itself.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE.parent / "src"

BASELINE = ("import sqlalchemy", [sys.executable, "-c", "import sqlalchemy"])
BASELINES = [BASELINE, ("import sqlmodel", [sys.executable, "-c", "import sqlmodel"])]
# What a login command cannot do without while its services stand on SQLModel: the
# libraries a login loads and one Argon2id check at the product's cost, with the collector
# paused and frozen at exit as the CLI does. The command's time beyond it is BorderDesk's.
_FLOOR = """
import gc, sys
gc.disable()
import click, sqlmodel, sqlalchemy.dialects.sqlite, babel.dates
import cryptography.hazmat.primitives.asymmetric.ed25519
from argon2 import PasswordHasher
PasswordHasher().verify(sys.argv[1], "Tundra-Compass-47-Lantern")
gc.freeze()
"""
FLOOR_NAME = "floor: libraries+argon2"
# (name, arguments after `python -m borderdesk`, needs the demo database and a login)
COMMANDS: list[tuple[str, list[str], bool]] = [
    ("--version", ["--version"], False),
    ("--help", ["--help"], False),
    ("case --help", ["case", "--help"], False),
    ("check --help", ["check", "--help"], False),
    ("centre --help", ["centre", "--help"], False),
    ("form --help", ["form", "--help"], False),
    (
        "mrz check",
        [
            "mrz",
            "check",
            "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
            "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
        ],
        False,
    ),  # fmt: skip
    ("user list (login)", ["user", "list", "--json"], True),
    ("case list (login)", ["case", "list", "--json"], True),
    ("check list (login)", ["check", "list", "--json"], True),
    ("centre list (login)", ["centre", "list", "--json"], True),
]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def _cpu_of_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_once(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU (user + system) milliseconds of one process; CPU suffers less from a
    machine shared with other work."""
    cpu, start = _cpu_of_children(), time.perf_counter()
    done = subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed, cpu = time.perf_counter() - start, _cpu_of_children() - cpu
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(argv[2:])}: exit {done.returncode}\n{done.stderr.decode()}")
    return elapsed * 1000, cpu * 1000


def argon2_verify(runs: int) -> tuple[float, float]:
    """Median wall and CPU milliseconds of one verification of a hash made as BorderDesk
    makes them (services.access.passwords: argon2-cffi's defaults, RFC 9106)."""
    sys.path.insert(0, str(SRC))
    from borderdesk.services.access.passwords import hash_password, verify_password

    stored = hash_password("Tundra-Compass-47-Lantern")
    walls, cpus = [], []
    for _ in range(runs):
        usage = resource.getrusage(resource.RUSAGE_SELF)
        cpu, start = usage.ru_utime + usage.ru_stime, time.perf_counter()
        assert verify_password(stored, "Tundra-Compass-47-Lantern")
        usage = resource.getrusage(resource.RUSAGE_SELF)
        walls.append((time.perf_counter() - start) * 1000)
        cpus.append((usage.ru_utime + usage.ru_stime - cpu) * 1000)
    return statistics.median(walls), statistics.median(cpus)


# Run in a fresh process by --breakdown: the steps of `borderdesk user list`, in its order.
_BREAKDOWN = """
import json, os, sys, time
from pathlib import Path
marks = [("python start-up", time.process_time())]
def mark(name):
    marks.append((name, time.process_time()))
from borderdesk.cli import collector
collector.pause()
collector.one_command_process()  # as main() does for the process's own command
import click, sqlalchemy, sqlalchemy.orm, pydantic, sqlmodel
mark("click, SQLAlchemy, pydantic, SQLModel")
import borderdesk.cli
from borderdesk.services.access import auth, users
mark("BorderDesk modules and tables")
from borderdesk.domain.reference import load_reference_data
load_reference_data()
mark("reference data check (every start)")
from borderdesk.services.site.database import open_database
db = open_database(url=None, path=Path(os.environ["BORDERDESK_DB"]), must_exist=True)
mark("open the database")
collector.resume()  # as CliState.database does
from borderdesk.services.access import passwords
real_verify, spent = passwords.verify_password, []
def timed_verify(*args):
    start = time.process_time()
    try:
        return real_verify(*args)
    finally:
        spent.append(time.process_time() - start)
auth.verify_password = timed_verify
actor = auth.login(db, username=os.environ["BORDERDESK_USER"],
                   password=os.environ["BORDERDESK_PASSWORD"])
mark("login")
from borderdesk.services import cases
from borderdesk.services.access import audit
cases.apply_silence(db, actor=actor)
audit.integrity_alert(db, actor=actor)
mark("deemed acceptances, audit alert")
rows = [row for row in users.list_users(db, actor=actor)]
mark("the listing")
steps = {name: (t - marks[i][1]) * 1000 for i, (name, t) in enumerate(marks[1:])}
steps = {"python start-up": marks[0][1] * 1000, **steps}
steps["login"] -= spent[0] * 1000
steps["of it: Argon2id verify"] = spent[0] * 1000
print(json.dumps(steps))
"""


def breakdown(env: dict[str, str], runs: int) -> None:
    import json

    samples: dict[str, list[float]] = {}
    for _ in range(runs):
        before = _cpu_of_children()
        done = subprocess.run(
            [sys.executable, "-c", _BREAKDOWN], env=env, capture_output=True, text=True, check=True
        )
        whole = (_cpu_of_children() - before) * 1000
        steps = json.loads(done.stdout)
        # What the process spends after its last step: exit handlers, the interpreter's end.
        steps["process end"] = whole - sum(steps.values())
        for name, ms in steps.items():
            samples.setdefault(name, []).append(ms)
    print(f"user list, step by step (CPU ms, p50 of {runs} fresh processes):")
    for name, values in samples.items():
        label = name if not name.startswith("of it") else f"login: {name[7:]}"
        print(f"  {label:<40} {statistics.median(values):6.0f}")
    total = sum(statistics.median(v) for v in samples.values())
    print(f"  {'sum':<40} {total:6.0f}")


def demo_database() -> Path:
    path = HERE / "data" / "cli-demo.sqlite3"
    if not path.exists():
        path.parent.mkdir(exist_ok=True)
        print(f"building {path.name} (once)...", flush=True)
        subprocess.run(
            [
                sys.executable,
                "-m",
                "borderdesk",
                "--lang",
                "en",
                "--db",
                str(path),
                "demo",
                "--persons",
                "200",
            ],  # fmt: skip
            check=True,
            env=_env(None),
        )
    return path


def _env(db: Path | None) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), env.get("PYTHONPATH")]))
    env.setdefault("BORDERDESK_LANG", "ru")
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # bytecode as installed (see the docstring)
    if db is not None:
        env.update(BORDERDESK_DB=str(db), BORDERDESK_USER="admin", BORDERDESK_PASSWORD="demo")
    return env


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--db", type=Path, default=None, help="a demo database (user admin)")
    parser.add_argument("--only", default=None, help="comma-separated command names to run")
    parser.add_argument("--breakdown", action="store_true", help="also time user list's steps")
    parser.add_argument(
        "--against",
        type=Path,
        default=None,
        help="another tree's src/ (e.g. an unpacked `git archive main src resources "
        "translations`): each command also runs from it, interleaved, marked '@base'",
    )
    args = parser.parse_args()

    env = _env(args.db or demo_database())
    only = args.only.split(",") if args.only else None
    chosen = [c for c in COMMANDS if only is None or c[0] in only]
    from argon2 import PasswordHasher

    floor_hash = PasswordHasher().hash("Tundra-Compass-47-Lantern")
    plans: list[tuple[str, list[str], dict[str, str]]] = [
        (name, argv, env) for name, argv in BASELINES
    ]
    if any(login for _name, _argv, login in chosen):
        plans.append((FLOOR_NAME, [sys.executable, "-c", _FLOOR, floor_hash], env))
    other_env = None
    if args.against is not None:
        other_env = dict(env, PYTHONPATH=str(args.against.resolve()))
    for name, argv, _login in chosen:
        plans.append((name, [sys.executable, "-m", "borderdesk", *argv], env))
        if other_env is not None:
            plans.append((f"{name} @base", [sys.executable, "-m", "borderdesk", *argv], other_env))
    times: dict[str, list[float]] = {name: [] for name, _argv, _env in plans}
    cpu: dict[str, list[float]] = {name: [] for name, _argv, _env in plans}
    for _name, argv, plan_env in plans:  # warm-up: the OS file cache, the compiled catalogs
        run_once(argv, plan_env)
    for _ in range(args.runs):
        for name, argv, plan_env in plans:
            wall, used = run_once(argv, plan_env)
            times[name].append(wall)
            cpu[name].append(used)

    base = statistics.median(times[BASELINE[0]])
    base_cpu = statistics.median(cpu[BASELINE[0]])
    verify_wall, verify_cpu = argon2_verify(runs=max(3, args.runs // 3))
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; {args.runs} runs each")
    print(
        f"{'command':<28} {'wall p50':>9} {'p95':>7} {'cpu p50':>8} {'p95':>7}"
        "  (ms; p50 as a multiple of import sqlalchemy's, wall / cpu)"
    )
    for name, values in times.items():
        p50, p95 = statistics.median(values), percentile(values, 95)
        c50, c95 = statistics.median(cpu[name]), percentile(cpu[name], 95)
        print(
            f"{name:<28} {p50:9.0f} {p95:7.0f} {c50:8.0f} {c95:7.0f}"
            f"  x{p50 / base:.2f} / x{c50 / base_cpu:.2f}"
        )
    print(
        f"{'argon2id verify':<28} {verify_wall:9.0f} {'':>7} {verify_cpu:8.0f} {'':>7}"
        "  (in process: the login's password check, default parameters)"
    )
    if args.breakdown:
        breakdown(env, runs=args.runs)


if __name__ == "__main__":
    main()
