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
        (("check", "list", "--json"), ("borderdesk.services.checks.checking",)),
        (("centre", "list", "--json"), ()),
    ],
)
def test_a_login_command_loads_only_what_it_uses(database, command, also_never):
    env = {"BORDERDESK_DB": str(database), "BORDERDESK_USER": "admin",
           "BORDERDESK_PASSWORD": PASSWORD}  # fmt: skip
    modules = loaded_by(*command, env=env)
    assert "borderdesk.services.access.auth" in modules  # it did log in
    assert among(modules, (*NEVER_FOR_A_LISTING, *also_never)) == []
    # The database is at head: its version is read with one query, Alembic never loaded.
    assert "borderdesk.store.migrations" in modules and "alembic" not in modules
    # A table module loads when named: a user listing builds no case or centre tables.
    if command[0] == "user":
        tables = among(modules, ("borderdesk.store.tables",))
        assert "borderdesk.store.tables.users" in tables
        assert not set(tables) & {"borderdesk.store.tables.cases", "borderdesk.store.tables.centre"}
