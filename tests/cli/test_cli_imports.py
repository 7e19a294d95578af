"""What a command loads, in a fresh process: --help loads no service, a login command only
what it uses (no forms, no Alembic on a database at head, no Qt).

The modules imported are asserted, not a time: a wall-clock limit fails on a busy machine
(benchmarks/cli_startup.py measures the time).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from borderdesk.cli import _COMMANDS

PASSWORD = "Tundra-Compass-47-Lantern"
# Loaded by no command that only lists records.
NEVER_FOR_A_LISTING = ("reportlab", "PIL", "alembic", "PySide6", "zxcvbn", "openpyxl", "xlsxwriter")
# Nor by any command on an SQLite database (the partial indexes name SQLite's predicate
# only: store.tables.partial_indexes_on_postgresql).
NEVER_ON_SQLITE = ("sqlalchemy.dialects.postgresql", "psycopg")
# Nor by any --help: the layers below the CLI and what they stand on.
NEVER_FOR_HELP = (
    *NEVER_FOR_A_LISTING,
    "sqlalchemy",
    "sqlmodel",
    "pydantic",
    "argon2",
    "cryptography",
    "rapidfuzz",
    "holidays",
    "borderdesk.services.access",
    "borderdesk.services.cases.queries",
    "borderdesk.services.checks.checking",
    "borderdesk.store",
    "borderdesk.sync",
    "borderdesk.forms",
    "borderdesk.reports",
    "borderdesk.journal",
    "borderdesk.ui",
)

# A listing of saved checks reads them: it matches no names, parses no MRZ, reads no history
# (services.people.person_row holds the person as recorded, apart from people.persons; the
# faces of domain.mrz and domain.names load only the findings' messages and labels).
CHECK_LIST_NEVER = (
    "rapidfuzz",
    "borderdesk.services.checks.checking",
    "borderdesk.services.people.persons",
    "borderdesk.domain.mrz.parser",
    "borderdesk.domain.names.matching",
    "borderdesk.domain.names.identity",
    "borderdesk.store.tables.cases",
    "borderdesk.store.tables.centre",
)

_RUN = (
    "import atexit, json, sys\n"
    "atexit.register(lambda: print('\\nMODULES ' + json.dumps(sorted(sys.modules))))\n"
    "from borderdesk.cli import main\n"
    "main(sys.argv[1:])\n"
)


def loaded_by(*args: str, env: dict[str, str] | None = None) -> set[str]:
    run_env = {k: v for k, v in os.environ.items() if not k.startswith("BORDERDESK_")}
    run_env.update(env or {})
    done = subprocess.run(
        [sys.executable, "-c", _RUN, *args], capture_output=True, text=True, env=run_env,
        timeout=180,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return set(json.loads(done.stdout.rsplit("MODULES ", 1)[1]))


def among(modules: set[str], roots: tuple[str, ...]) -> list[str]:
    return sorted(m for m in modules if any(m == r or m.startswith(r + ".") for r in roots))


@pytest.mark.parametrize("command", sorted(_COMMANDS))
def test_a_commands_help_loads_no_layer_below_the_cli(command):
    assert among(loaded_by(command, "--help"), NEVER_FOR_HELP) == []


@pytest.fixture(scope="module")
def database(tmp_path_factory) -> Path:
    """A database at head with an administrator (made in a fresh process, as a user would)."""
    path = tmp_path_factory.mktemp("cli-imports") / "site.sqlite3"
    secret = path.with_name("password.txt")
    secret.write_text(PASSWORD, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("BORDERDESK_")}
    done = subprocess.run(
        [sys.executable, "-m", "borderdesk", "--db", str(path), "init", "--kind", "post",
         "--site-code", "POST-1", "--site-name", "Post 1", "--admin-user", "admin",
         "--admin-password-file", str(secret)],
        capture_output=True, text=True, env=env, timeout=180,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return path


@pytest.mark.parametrize(
    ("command", "also_never"),
    [
        (("user", "list", "--json"), ("rapidfuzz", "borderdesk.services.cases.queries")),
        (("case", "list", "--json"), ()),
        (("check", "list", "--json"), CHECK_LIST_NEVER),
        (("check", "list"), CHECK_LIST_NEVER),
        (("centre", "list", "--json"), ()),
    ],
)
def test_a_login_command_loads_only_what_it_uses(database, command, also_never):
    env = {"BORDERDESK_DB": str(database), "BORDERDESK_USER": "admin",
           "BORDERDESK_PASSWORD": PASSWORD}  # fmt: skip
    modules = loaded_by(*command, env=env)
    assert "borderdesk.services.access.auth" in modules  # it did log in
    assert among(modules, (*NEVER_FOR_A_LISTING, *NEVER_ON_SQLITE, *also_never)) == []
    # The database is at head: its version is read with one query, Alembic never loaded.
    assert "borderdesk.store.migrations" in modules and "alembic" not in modules
    # A table module loads when named: a user listing builds no case or centre tables.
    if command[0] == "user":
        tables = among(modules, ("borderdesk.store.tables",))
        assert "borderdesk.store.tables.users" in tables
        assert not set(tables) & {"borderdesk.store.tables.cases", "borderdesk.store.tables.centre"}


_TABLE_VALIDATORS = """
import json
from sqlmodel import SQLModel
from borderdesk.store.tables import WatchlistPerson, load_all

def subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from subclasses(sub)

load_all()
tables = {c for c in subclasses(SQLModel) if c.model_config.get("table")}
built = sorted(c.__name__ for c in tables if c.__pydantic_complete__)
row = WatchlistPerson(surname="X", reason="test")
print(json.dumps({"tables": len(tables), "built": built, "dumped": row.model_dump()["surname"],
                  "now_built": WatchlistPerson.__pydantic_complete__}))
"""


def test_table_classes_build_their_validators_when_first_used():
    """pydantic's defer_build: defining the tables builds no validator; using one does."""
    done = subprocess.run(
        [sys.executable, "-c", _TABLE_VALIDATORS], capture_output=True, text=True, timeout=180
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["tables"] >= 20 and result["built"] == []
    # Deferred, not lost: the first use builds it and gives what it gave before.
    assert result["dumped"] == "X" and result["now_built"] is True


_WATCH = """
import gc, json, sys
from borderdesk.cli import main
from borderdesk.cli.state import CliState
from borderdesk.services.access import users

seen = {}
real_list = users.list_users

def list_users(*args, **kwargs):
    seen["listing"] = gc.isenabled()  # the command's own work, after the login
    seen["start_frozen"] = gc.get_freeze_count() > 20_000  # the start's objects
    return real_list(*args, **kwargs)

users.list_users = list_users
real_database = CliState.database

def database(self, **kwargs):
    seen.setdefault("starting", gc.isenabled())  # the command's modules are imported by now
    return real_database(self, **kwargs)

CliState.database = database
try:
    main()  # as the console script calls it: a process that runs one command
except SystemExit:
    pass
print("SEEN " + json.dumps(seen))
"""


def test_a_login_starts_with_the_collector_paused_and_the_command_runs_with_it(database):
    """cli.collector: paused while the start builds its long-lived objects, never after;
    what the start built is frozen (never walked again) once the command's work begins."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("BORDERDESK_")}
    env.update(BORDERDESK_DB=str(database), BORDERDESK_USER="admin", BORDERDESK_PASSWORD=PASSWORD)
    done = subprocess.run(
        [sys.executable, "-c", _WATCH, "user", "list", "--json"],
        capture_output=True, text=True, timeout=180, env=env,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.rsplit("SEEN ", 1)[1])
    assert seen == {"starting": False, "listing": True, "start_frozen": True}
