"""store.tables loads a table module when first named; whatever enumerates the metadata
(sync, Alembic, the model/migration comparison) sees every table all the same."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from sqlmodel import SQLModel

from borderdesk.store import tables
from borderdesk.store.name_index import _OWNER_OF_TABLE
from borderdesk.store.tracking import NAME_INDEXED_TABLES

TABLES_DIR = Path(tables.__file__).parent


def every_table() -> set[str]:
    tables.load_all()
    return set(SQLModel.metadata.tables)


def in_a_fresh_process(code: str) -> dict[str, list[str]]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BORDERDESK_")}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=180
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_load_all_imports_every_module_of_the_package():
    files = {f"borderdesk.store.tables.{p.stem}" for p in TABLES_DIR.glob("*.py")}
    assert set(tables.table_modules()) == files - {"borderdesk.store.tables.__init__"}
    # Every class the face names is found where the face says.
    for name in tables.__all__:
        assert getattr(tables, name) is not None


def test_a_login_loads_few_tables_and_sync_still_sees_them_all():
    seen = in_a_fresh_process(
        "import json, sys\n"
        "from sqlmodel import SQLModel\n"
        "from borderdesk.store.tables import User\n"
        "before = sorted(SQLModel.metadata.tables)\n"
        "from borderdesk.sync import routing\n"
        "synced = sorted(t.name for t in routing.synced_tables())\n"
        "subclasses = sorted(c.__tablename__ for c in routing._all_subclasses("
        "routing.SyncRecord) if hasattr(c, '__table__'))\n"
        "print(json.dumps({'before': before, 'synced': synced, 'subclasses': subclasses,"
        " 'metadata': sorted(SQLModel.metadata.tables)}))\n"
    )
    assert "user_account" in seen["before"] and "readmission_case" not in seen["before"]
    assert set(seen["metadata"]) == every_table()
    # Sync's tables are every synchronised record's, as with every table imported.
    from borderdesk.sync import routing

    assert seen["synced"] == sorted(t.name for t in routing.synced_tables())
    assert seen["synced"] == seen["subclasses"]


def test_alembic_sees_every_table(tmp_path):
    """A migration run (env.py) in a process that had imported no table yet."""
    seen = in_a_fresh_process(
        "import json\n"
        "from pathlib import Path\n"
        "from sqlmodel import SQLModel\n"
        "from borderdesk.store.database import Database\n"
        f"db = Database.create(path=Path({str(tmp_path / 'new.sqlite3')!r}))\n"
        "db.dispose()\n"
        "print(json.dumps({'metadata': sorted(SQLModel.metadata.tables)}))\n"
    )
    assert set(seen["metadata"]) == every_table()


def test_the_name_index_is_filed_for_the_tables_it_owns():
    assert set(_OWNER_OF_TABLE) == NAME_INDEXED_TABLES


def test_partial_indexes_hold_the_same_rows_on_postgresql():
    """The table modules name SQLite's predicate; load_all gives PostgreSQL the same."""
    from sqlalchemy.dialects import postgresql
    from sqlalchemy.schema import CreateIndex

    tables.load_all()
    partial = {
        index.name: index
        for table in SQLModel.metadata.tables.values()
        for index in table.indexes
        if index.dialect_options["sqlite"]["where"] is not None
    }
    assert set(partial) == {
        "uq_centre_stay_bed_occupied",
        "uq_centre_stay_person_in",
        "uq_centre_transfer_planned",
    }
    for index in partial.values():
        sqlite_where = index.dialect_options["sqlite"]["where"]
        assert index.dialect_options["postgresql"]["where"] is sqlite_where
        ddl = str(CreateIndex(index).compile(dialect=postgresql.dialect()))
        assert ddl.startswith("CREATE UNIQUE INDEX") and ddl.endswith(f"WHERE {sqlite_where}")
    tables.load_all()  # twice changes nothing
    assert all(
        index.dialect_options["postgresql"]["where"] is index.dialect_options["sqlite"]["where"]
        for index in partial.values()
    )


def test_a_centre_table_loads_no_postgresql_dialect():
    seen = in_a_fresh_process(
        "import json, sys\n"
        "from borderdesk.store.tables import CentreStay, Transfer\n"
        "print(json.dumps({'loaded': sorted(m for m in sys.modules if 'postgresql' in m)}))\n"
    )
    assert seen["loaded"] == []
