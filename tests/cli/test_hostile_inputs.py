"""The hostile-input probe: every command fed what an attacker or a careless user would type.

Each case must end with its documented exit code (2 for bad input), one line on stderr
naming the problem (its "message class" below) and no traceback, within a time limit
(no hang). A few hostile inputs are no error at all but must be taken literally (``%``
in a name searched for), or are a check that fails (an implausible date of issue): those
end with their exit code, say nothing on stderr and print what they must. Afterwards
nothing was written (every table but the login audit is as it was), ``audit verify`` is
intact and ``pragma integrity_check`` is ok. A second probe
writes 9999-12-31 and year 1 straight into the tables and reads every page: none crashes.

The cases run in fresh processes, many per process (``RUNNER`` calls the CLI's ``main``
once per case), because the machine is slow and one process per case would take minutes.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest

from stored_value_reads import READS as STORED_READS
from stored_value_reads import RELEASE

pytestmark = pytest.mark.slow_module  # minutes of fresh processes: start it first

PASSWORD = "demo"  # the demo's users; the demo says it is for trying only
BAD_UTF8 = os.fsdecode(b"caf\xe9")  # Latin-1 bytes in a UTF-8 session: a lone surrogate
HUGE = "Я" * 120_000
# A one-line error quotes at most 60 characters of what it was given (shown_in_message).
LONGEST_ERROR = 400
TOO_BIG = "9" * 20  # past any integer SQLite (or a date) can hold
CASE_TIMEOUT = 20  # seconds per case: a FIFO or /dev/zero read would never end

# Tables a refused command may still change: its login is audited (and the audit head
# in local_setting moves with it).
LOGIN_TABLES = ("audit_entry", "login_state")

RUNNER = r"""
import contextlib, io, json, os, signal, sys

from borderdesk.cli import main

class Hang(Exception):
    pass

def on_alarm(signum, frame):
    raise Hang()

signal.signal(signal.SIGALRM, on_alarm)
cases = json.load(open(sys.argv[1], encoding="utf-8"))
results = []
base_env = dict(os.environ)
for case in cases:
    os.environ.clear()
    os.environ.update(base_env)
    for name, value in case["env"].items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value
    err, out = io.StringIO(), io.StringIO()
    code = None
    signal.alarm(case["timeout"])
    try:
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
            main(case["args"])
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    except Hang:
        code = "hang"
    except BaseException as exc:  # main let something through: that is a traceback
        code = "traceback:" + type(exc).__name__
    finally:
        signal.alarm(0)
    results.append(
        {"name": case["name"], "code": code, "stderr": err.getvalue(), "stdout": out.getvalue()}
    )
json.dump(results, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=True)
"""


@dataclass
class Case:
    name: str
    args: list[str]
    expect: str  # the message class: a word the one-line error must contain (lower case)
    code: int = 2
    env: dict[str, str | None] = field(default_factory=dict)
    out: str = ""  # what stdout must contain (an accepted input taken literally)


def _env(tmp: Path, db: Path) -> dict[str, str]:
    env = dict(os.environ)
    for name in [n for n in env if n.startswith("BORDERDESK_")]:
        env.pop(name)
    env.update(
        BORDERDESK_DB=str(db),
        BORDERDESK_USER="centre",
        BORDERDESK_PASSWORD=PASSWORD,
        XDG_STATE_HOME=str(tmp / "state"),
        XDG_DATA_HOME=str(tmp / "data"),
        PYTHONPATH=os.pathsep.join(sys.path),
    )
    return env


def _run_cases(tmp: Path, db: Path, cases: list[Case]) -> dict[str, dict[str, object]]:
    plan = tmp / f"cases-{len(cases)}.json"
    out = tmp / f"results-{len(cases)}.json"
    plan.write_text(
        json.dumps(
            [
                {"name": c.name, "args": ["--lang", "en", *c.args], "env": c.env}
                | {"timeout": CASE_TIMEOUT}
                for c in cases
            ],
            ensure_ascii=True,
        ),
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, "-c", RUNNER, str(plan), str(out)],
        env=_env(tmp, db),
        stdin=subprocess.DEVNULL,  # a password prompt reads nothing and gives up
        capture_output=True,
        text=True,
        timeout=CASE_TIMEOUT * len(cases) + 60,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    results = json.loads(out.read_text(encoding="utf-8"))
    return {r["name"]: r for r in results}


def _cli(tmp: Path, db: Path, *args: str, user: str = "admin") -> subprocess.CompletedProcess[str]:
    env = _env(tmp, db) | {"BORDERDESK_USER": user}
    return subprocess.run(
        [sys.executable, "-m", "borderdesk", "--lang", "en", *args],
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _fingerprint(db: Path) -> dict[str, str]:
    """Per table: a hash of every row (login tables left out: a login is audited)."""
    with sqlite3.connect(db) as con:
        tables = [
            r[0]
            for r in con.execute("select name from sqlite_master where type = 'table'")
            if r[0] not in LOGIN_TABLES
        ]
        prints = {}
        for table in tables:
            digest = hashlib.sha256()
            # The audit head and its signature (in local_setting) move with the audited
            # logins.
            where = (
                " where key not in ('audit_head', 'audit_head_signature')"
                if table == "local_setting"
                else ""
            )
            for row in con.execute(f'select * from "{table}"{where} order by rowid'):
                digest.update(repr(row).encode())
            prints[table] = digest.hexdigest()
    return prints


def _integrity(db: Path) -> str:
    with sqlite3.connect(db) as con:
        return con.execute("pragma integrity_check").fetchone()[0]


def _one(db: Path, sql: str) -> str:
    with sqlite3.connect(db) as con:
        row = con.execute(sql).fetchone()
    assert row is not None, sql
    return str(row[0])


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> Path:
    """What ``borderdesk demo --persons 30`` builds (same builder, same seed), built once
    in-process with cheap Argon2id hashes: every case below logs in in its fresh process,
    and 60-odd logins at the real cost were most of this module's minutes. The login
    itself is the real one (argon2 verifies with the cost stored in the hash)."""
    from helpers import build_demo_file

    return build_demo_file(
        tmp_path_factory.mktemp("hostile") / "demo.sqlite3", persons=30, seed=2012
    )


@pytest.fixture
def work(tmp_path, demo_db) -> tuple[Path, Path]:
    db = tmp_path / "site.sqlite3"
    with sqlite3.connect(demo_db) as source, sqlite3.connect(db) as target:
        source.backup(target)
    return tmp_path, db


def _files(tmp: Path) -> dict[str, Path]:
    """The hostile files: a FIFO, a folder, a sparse too-big file, bad UTF-8, bad CSV."""
    files = tmp / "files"
    files.mkdir()
    fifo = files / "pipe.csv"
    os.mkfifo(fifo)
    big = files / "big.csv"
    with big.open("wb") as fh:  # sparse: 2 GiB announced, nothing written
        fh.truncate(2 * 1024**3)
    latin = files / "latin1.txt"
    latin.write_bytes(b"Caf\xe9-Tundra-Compass-47\n")
    header = "issuing_state,number,reason,source,valid_until\n"
    long_field = files / "long_field.csv"
    long_field.write_text(header + "KAZ,N1234567,lost," + "x" * 1_000_000 + ",\n")
    twice = files / "twice.csv"
    twice.write_text("issuing_state,number,reason,reason\nKAZ,N1234567,lost,stolen\n")
    reason_201 = files / "reason_201.csv"
    reason_201.write_text(header + "KAZ,N1234567," + "r" * 201 + ",,\n")
    born_3000 = files / "born_3000.csv"
    born_3000.write_text(
        "surname,given_names,birth_date,nationality,reason\nIVANOV,IVAN,3000-01-01,RUS,wanted\n"
    )
    passphrase = files / "passphrase.txt"
    passphrase.write_text("Granitsa-Orenburg-2026\n")
    journal_fifo = files / "journal.csv"
    os.mkfifo(journal_fifo)
    return {
        "fifo": fifo,
        "folder": files,
        "big": big,
        "latin": latin,
        "long_field": long_field,
        "twice": twice,
        "reason_201": reason_201,
        "born_3000": born_3000,
        "passphrase": passphrase,
        "journal_fifo": journal_fifo,
    }


def _internal_passport(*, born: date, issued: date) -> list[str]:
    """A Russian internal passport whose every check digit is right."""
    from borderdesk.domain.mrz import compose_ru_internal_passport

    return list(
        compose_ru_internal_passport(
            surname="Здрилюк", given_name="Сергей", patronymic="Анатольевич", series="3914",
            number="935349", birth_date=born, sex="M", issue_date=issued,
            department_code="910-003",
        )
    )  # fmt: skip


def _hostile_cases(tmp: Path, db: Path) -> list[Case]:
    f = _files(tmp)
    person = _one(
        db,
        "select p.id from person p where not exists "
        "(select 1 from centre_stay s where s.person_id = p.id and s.status = 'in') limit 1",
    )
    stay = _one(
        db,
        "select stay_number from centre_stay s where status = 'in' and not exists "
        "(select 1 from centre_transfer t where t.stay_id = s.id and t.status = 'planned') "
        "limit 1",
    )
    case = _one(db, "select case_number from readmission_case where status = 'registered' limit 1")
    transfer = _one(db, "select transfer_number from centre_transfer where status = 'planned'")
    intake = ["centre", "intake", "--person", person]
    mrz = [
        "mrz",
        "check",
        "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
        "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
    ]
    watchlist = ["watchlist", "import", "--kind", "documents"]
    issued_1996 = _internal_passport(born=date(1972, 7, 23), issued=date(1996, 12, 18))
    issued_before_birth = _internal_passport(born=date(2005, 6, 1), issued=date(2003, 5, 5))
    officer = {"BORDERDESK_USER": "officer"}
    supervisor = {"BORDERDESK_USER": "supervisor"}
    cases_user = {"BORDERDESK_USER": "officer"}  # manage_cases
    admin = {"BORDERDESK_USER": "admin"}
    return [
        # -- dates outside the window of their kind (date_windows.toml)
        Case("intake arrived 9999", [*intake, "--arrived", "9999-12-31T00:00+00:00"], "plausible"),
        Case(
            "intake arrived year 1", [*intake, "--arrived", "0001-01-01T00:00+00:00"], "plausible"
        ),
        Case("intake arrived +5y", [*intake, "--arrived", "2031-12-31T00:00+05:00"], "plausible"),
        Case(
            "transfer plan 9999",
            [
                "transfer",
                "plan",
                stay,
                "--to",
                "KAZ",
                "--date",
                "9999-12-31",
                "--escort",
                "Ivanov",
                "--crossing-point",
                "X",
            ],
            "plausible",
        ),
        Case(
            "deadline from 9999",
            ["deadline", "--agreement", "EU-RU", "--step", "reply", "--from", "9999-12-31"],
            "plausible",
        ),
        Case(
            "deadline from year 1",
            ["deadline", "--agreement", "EU-RU", "--step", "reply", "--from", "0001-01-01"],
            "plausible",
        ),
        Case("mrz today empty", [*mrz, "--today", ""], "expected a date"),
        Case("mrz today 9999", [*mrz, "--today", "9999-12-31"], "plausible"),
        Case(
            "case event on year 1",
            ["case", "event", case, "--kind", "note", "--note", "x", "--on", "0001-01-01"],
            "plausible",
            env=cases_user,
        ),
        Case(
            "case new received year 1",
            [
                "case",
                "new",
                "--kind",
                "apprehension",
                "--person",
                person,
                "--requesting",
                "RUS",
                "--requested",
                "KAZ",
                "--received",
                "0001-01-01",
            ],
            "plausible",
            env=officer,
        ),
        Case(
            "watchlist birth 3000",
            ["watchlist", "import", "--kind", "persons", str(f["born_3000"])],
            "plausible",
            env=supervisor,
        ),
        # -- text over its column (in characters, the limit in the message)
        Case("intake note 120000", [*intake, "--note", HUGE], "at most 2000 characters"),
        Case("intake from 120000", [*intake, "--from", HUGE], "at most 200 characters"),
        # -- a huge value quoted back: the error repeats its first 60 characters, no more
        Case("intake cash 120000", [*intake, "--cash", HUGE], "currency:amount"),
        Case("intake arrived 120000", [*intake, "--arrived", HUGE], "expected a time"),
        Case(
            "release reason 120000",
            ["centre", "release", stay, "--reason", HUGE, "--all-returned"],
            "at most 1000 characters",
        ),
        Case(
            "transfer cancel reason 120000",
            ["transfer", "cancel", transfer, "--reason", HUGE],
            "at most 400 characters",
        ),
        Case(
            "case event note 120000",
            ["case", "event", case, "--kind", "note", "--note", HUGE],
            "at most",
            env=cases_user,
        ),
        Case(
            "watchlist reason 201",
            [*watchlist, str(f["reason_201"])],
            "at most 200 characters",
            env=supervisor,
        ),
        Case(
            "intake languages 120000",
            [*intake, "--languages", HUGE],
            "at most 200 characters",
        ),
        Case(
            "transfer plan year 1",
            [
                "transfer",
                "plan",
                stay,
                "--to",
                "KAZ",
                "--date",
                "0001-01-01",
                "--escort",
                "Ivanov",
                "--crossing-point",
                "X",
            ],
            "",
        ),
        # -- files: only regular files, within the limit of their kind (file_limits.toml)
        Case("watchlist fifo", [*watchlist, str(f["fifo"])], "not a regular file", env=supervisor),
        Case(
            "watchlist /dev/zero", [*watchlist, "/dev/zero"], "not a regular file", env=supervisor
        ),
        Case("watchlist folder", [*watchlist, str(f["folder"])], "is a directory", env=supervisor),
        Case("watchlist 2 GiB", [*watchlist, str(f["big"])], "too big", env=supervisor),
        Case("watchlist latin-1", [*watchlist, str(f["latin"])], "utf-8", env=supervisor),
        Case("watchlist 1 MB field", [*watchlist, str(f["long_field"])], "csv", env=supervisor),
        Case(
            "watchlist header twice", [*watchlist, str(f["twice"])], "named twice", env=supervisor
        ),
        Case(
            "scan fifo",
            [
                "case",
                "evidence",
                case,
                "--kind",
                "proof",
                "--type",
                "passport",
                "--scan",
                str(f["fifo"]),
            ],
            "not a regular file",
            env=cases_user,
        ),
        Case(
            "scan /dev/zero",
            [
                "case",
                "evidence",
                case,
                "--kind",
                "proof",
                "--type",
                "passport",
                "--scan",
                "/dev/zero",
            ],
            "not a regular file",
            env=cases_user,
        ),
        Case(
            "scan 2 GiB",
            [
                "case",
                "evidence",
                case,
                "--kind",
                "proof",
                "--type",
                "passport",
                "--scan",
                str(f["big"]),
            ],
            "too big",
            env=cases_user,
        ),
        Case(
            "password file /dev/zero",
            ["user", "add", "newuser", "--role", "officer", "--password-file", "/dev/zero"],
            "not a regular file",
            env=admin,
        ),
        Case(
            "password file fifo",
            ["user", "add", "newuser", "--role", "officer", "--password-file", str(f["fifo"])],
            "not a regular file",
            env=admin,
        ),
        Case(
            "password file latin-1",
            ["user", "add", "newuser", "--role", "officer", "--password-file", str(f["latin"])],
            "utf-8",
            env=admin,
        ),
        Case(
            "sync package /dev/zero",
            ["sync", "import", "/dev/zero"],
            "not a regular file",
            env=admin,
        ),
        Case(
            "sync package fifo", ["sync", "import", str(f["fifo"])], "not a regular file", env=admin
        ),
        Case(
            "identity file fifo",
            ["sync", "peer", "add", str(f["fifo"])],
            "not a regular file",
            env=admin,
        ),
        Case(
            "journal fifo",
            ["journal", "import", str(f["journal_fifo"])],
            "not a regular file",
            env=supervisor,
        ),
        # -- text that is not UTF-8, in arguments and in the environment
        Case("note bad utf-8", [*intake, "--note", BAD_UTF8], "utf-8"),
        Case("user bad utf-8", ["--user", BAD_UTF8, "centre", "list"], "utf-8"),
        Case(
            "password bad utf-8", ["centre", "list"], "utf-8", env={"BORDERDESK_PASSWORD": BAD_UTF8}
        ),
        # -- money: plain digits, an ISO 4217 currency
        Case("cash 1e400", [*intake, "--cash", "RUB:1e400"], "amount of money"),
        Case("cash unknown currency", [*intake, "--cash", "QQQ:100"], "currency code"),
        Case("cash NaN", [*intake, "--cash", "RUB:NaN"], "amount of money"),
        Case("cash 10^20", [*intake, "--cash", "RUB:" + "9" * 20], "digits before"),
        Case("cash too many decimals", [*intake, "--cash", "JPY:10.5"], "digits after"),
        # -- backup targets (refused before anything is written)
        Case(
            "backup onto a folder",
            ["backup", "--out", str(f["folder"]), "--passphrase-file", str(f["passphrase"])],
            "",
            code=2,
            env=admin,
        ),
        Case(
            "backup onto the -wal",
            ["backup", "--out", f"{db}-wal", "--passphrase-file", str(f["passphrase"])],
            "",
            code=2,
            env=admin,
        ),
        # -- numbers past any integer: one line, not an OverflowError (click's range)
        Case("case list due-within 10^20", ["case", "list", "--due-within", TOO_BIG], "36500",
             env=cases_user),
        Case("case list due-within 36501", ["case", "list", "--due-within", "36501"], "36500",
             env=cases_user),
        Case("watchlist list limit 10^20", ["watchlist", "list", "--limit", TOO_BIG], "100000",
             env=supervisor),
        Case("check list limit 10^20", ["check", "list", "--limit", TOO_BIG], "1000",
             env=officer),
        Case("search limit 10^20", ["search", "x", "--limit", TOO_BIG], "500", env=officer),
        Case("demo persons 10^20", ["demo", "--persons", TOO_BIG], "1000000"),
        Case("demo seed 10^20", ["demo", "--seed", TOO_BIG], "9223372036854775807"),
        Case("intake item quantity 10^20", [*intake, "--item", f"Носки:{TOO_BIG}"],
             "at most 9999"),
        Case("intake item quantity 1_0", [*intake, "--item", "Носки:1_0"], "--item: expected"),
        # -- empty names of files and folders (click reads "" as the current folder)
        Case("demo network empty", ["demo", "--network", ""], "give the folder",
             env={"BORDERDESK_DB": None}),
        Case("db empty", ["--db", "", "centre", "list"], "--db: give"),
        # -- text searched for: literal, and within its limit
        Case("watchlist name %", ["watchlist", "list", "--name", "%"], "", code=0,
             env=supervisor, out="Entries shown: 0 of 0 matching."),
        Case("watchlist name _", ["watchlist", "list", "--name", "_"], "", code=0,
             env=supervisor, out="Entries shown: 0 of 0 matching."),
        Case("case list search %", ["case", "list", "--search", "%"], "", code=0,
             env=cases_user, out="No cases."),
        Case("watchlist name 120000", ["watchlist", "list", "--name", HUGE],
             "at most 200 characters", env=supervisor),
        Case("case list search 120000", ["case", "list", "--search", HUGE],
             "at most 200 characters", env=cases_user),
        # -- a date of issue no Russian internal passport can carry (a check that fails)
        Case("mrz internal passport issued 1996", ["mrz", "check", *issued_1996], "", code=1,
             out="The date of issue is not plausible"),
        Case("mrz internal passport issued before birth",
             ["mrz", "check", *issued_before_birth], "", code=1,
             out="The date of issue is not plausible"),
        Case("agreement explain on 9999",
             ["agreement", "explain", "--partner", "KAZ", "--nationality", "KAZ",
              "--on", "9999-12-31"], "plausible"),
    ]  # fmt: skip


def test_every_hostile_input_is_a_one_line_error_and_writes_nothing(work):
    tmp, db = work
    before = _fingerprint(db)
    cases = _hostile_cases(tmp, db)
    results = _run_cases(tmp, db, cases)

    wrong = []
    for case in cases:
        got = results[case.name]
        lines = [line for line in str(got["stderr"]).splitlines() if line.strip()]
        text = " ".join(lines).lower()
        if case.out:  # taken literally, or a check that fails: the answer on stdout
            if got["code"] != case.code or lines or case.out not in str(got["stdout"]):
                wrong.append(
                    f"{case.name}: exit {got['code']} (expected {case.code}), "
                    f"stderr {text[:200]!r}, stdout {str(got['stdout'])[:300]!r}"
                )
            continue
        if got["code"] != case.code:
            wrong.append(f"{case.name}: exit {got['code']} (expected {case.code}): {text[:300]}")
        elif "traceback" in text or "unexpected error" in text:
            wrong.append(f"{case.name}: traceback: {text[:300]}")
        elif len(lines) != 1:
            wrong.append(f"{case.name}: {len(lines)} lines on stderr: {text[:300]}")
        elif len(text) > LONGEST_ERROR:
            wrong.append(f"{case.name}: a {len(text)}-character error: {text[:300]}")
        elif case.expect and case.expect not in text:
            wrong.append(f"{case.name}: expected '{case.expect}' in: {text[:300]}")
    assert not wrong, "\n".join(wrong)
    assert len(cases) == 67  # the report lists them

    after = _fingerprint(db)
    changed = [table for table in before if before[table] != after.get(table)]
    assert not changed, f"written despite the refusal: {changed}"
    assert _integrity(db) == "ok"
    verify = _cli(tmp, db, "audit", "verify")
    assert verify.returncode == 0, verify.stdout + verify.stderr


def test_a_password_piped_in_another_encoding_is_a_one_line_error(work):
    tmp, db = work
    env = _env(tmp, db) | {"BORDERDESK_USER": "centre"}
    env.pop("BORDERDESK_PASSWORD")
    done = subprocess.run(
        [sys.executable, "-m", "borderdesk", "--lang", "en", "centre", "list"],
        env=env,
        input=b"d\xe9mo\n",
        capture_output=True,
        timeout=120,
    )
    err = done.stderr.decode("utf-8", "replace")
    assert done.returncode in (1, 2), err
    assert "Traceback" not in err and "unexpected error" not in err
    assert len(err.strip().splitlines()) == 1, err


# ------------------------------------------------------------------ bad stored values

READS = [*STORED_READS, RELEASE]


def _poison(db: Path, day: str) -> None:
    """Write ``day`` straight into every kind of date column, as a hand edit or a bug would."""
    year = int(day[:4])
    moment = f"{day} 00:00:00.000000"
    with sqlite3.connect(db) as con:
        con.executescript(
            f"""
            update centre_stay set arrived_at = '{moment}' where status = 'in';
            update centre_stay set ended_at = '{moment}' where status != 'in';
            update centre_transfer set planned_date = '{day}', notice_due = '{day}';
            update readmission_case set received_on = '{day}', reply_due = '{day}',
                next_due = '{day}', facts_known_on = '{day}', transfer_due = '{day}';
            update case_event set at = '{moment}', effective_on = '{day}';
            update identity_document set expiry_date = '{day}';
            update person set birth_year = {year}, birth_month = 12, birth_day = 31;
            update document_check set checked_at = '{moment}';
            """
        )


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01"])
def test_every_read_survives_a_bad_stored_date(work, day):
    tmp, db = work
    stay = _one(db, "select stay_number from centre_stay where status = 'in' limit 1")
    case = _one(db, "select case_number from readmission_case limit 1")
    transfer = _one(db, "select transfer_number from centre_transfer limit 1")
    _poison(db, day)
    names = {"stay": stay, "case": case, "transfer": transfer, "tmp": str(tmp)}
    cases = [
        Case(
            " ".join(args[:2]),
            [a.format(**names) for a in args],
            "",
            code=0,
            env={"BORDERDESK_USER": user},
        )
        for user, args in READS
    ]
    results = _run_cases(tmp, db, cases)
    crashed = [
        f"{c.name}: exit {results[c.name]['code']}: {results[c.name]['stderr'][:300]}"
        for c in cases
        if results[c.name]["code"] != 0 or "unexpected error" in str(results[c.name]["stderr"])
    ]
    assert not crashed, "\n".join(crashed)
    assert _integrity(db) == "ok"
