"""Schema versions: every committed old database upgrades; head matches the models."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect
from sqlmodel import SQLModel

from borderdesk.services.access import audit
from borderdesk.store import migrations
from borderdesk.store.database import Database
from borderdesk.store.tables import load_all
from helpers import add_user, login

load_all()  # every table on the metadata, for the comparison with the migrations

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SCHEMA_FIXTURES = sorted(FIXTURES.glob("schema-*.sqlite3"))


def revision_of(fixture: Path) -> str:
    return fixture.stem.removeprefix("schema-")


def schema_differences(db: Database) -> list:
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        return compare_metadata(context, SQLModel.metadata)


def stored_revision(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    finally:
        conn.close()


def copy_fixture(fixture: Path, tmp_path: Path) -> Path:
    path = tmp_path / "site.sqlite3"
    shutil.copyfile(fixture, path)
    return path


def test_fixtures_exist_and_are_known_revisions():
    assert SCHEMA_FIXTURES, "run tests/fixtures/make_schema_fixture.py"
    for fixture in SCHEMA_FIXTURES:
        assert migrations.is_known(revision_of(fixture)), fixture.name
        assert stored_revision(fixture) == revision_of(fixture)


@pytest.mark.parametrize("fixture", SCHEMA_FIXTURES, ids=revision_of)
def test_old_database_upgrades_to_head(fixture, tmp_path):
    revision = revision_of(fixture)
    path = copy_fixture(fixture, tmp_path)
    db = Database.open(path=path)
    try:
        assert stored_revision(path) == migrations.head()
        backups = list(tmp_path.glob("site.sqlite3.before-*.bak"))
        if revision == migrations.head():
            assert backups == []
        else:
            assert len(backups) == 1
            assert backups[0].name.startswith(f"site.sqlite3.before-{revision}-")
            assert stored_revision(backups[0]) == revision
        assert schema_differences(db) == []
        admin = login(db)
        add_user(db, admin, "ivanov", "officer")
        result = audit.verify_chain(db, actor=admin)
        assert result.ok, result.message
    finally:
        db.dispose()


def test_opening_at_head_makes_no_backup(db, tmp_path):
    db.dispose()
    Database.open(path=db.path).dispose()
    assert list(tmp_path.glob("*.bak")) == []


def test_failed_upgrade_rolls_back_whole(tmp_path, monkeypatch):
    fixture = SCHEMA_FIXTURES[0]
    path = copy_fixture(fixture, tmp_path)
    if migrations.head() == revision_of(fixture):
        monkeypatch.setattr(migrations, "head", lambda: "future-step")

    def broken_upgrade(connection, target="head"):
        connection.exec_driver_sql("CREATE TABLE half_done (x INTEGER)")
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = 'half'")
        raise RuntimeError("step failed")

    monkeypatch.setattr(migrations, "upgrade", broken_upgrade)
    with pytest.raises(RuntimeError, match="step failed"):
        Database.open(path=path)
    assert stored_revision(path) == revision_of(fixture)
    conn = sqlite3.connect(path)
    assert "half_done" not in {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    conn.close()
    assert len(list(tmp_path.glob("site.sqlite3.before-*.bak"))) == 1


def test_head_matches_the_models(db):
    assert schema_differences(db) == []
    with db.engine.connect() as conn:
        tables = set(inspect(conn).get_table_names())
    assert set(SQLModel.metadata.tables) <= tables
