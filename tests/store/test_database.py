"""Opening and creating databases: anything that is not ours is refused and left untouched."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from borderdesk.errors import DatabaseError, InputError
from borderdesk.services.site import setup
from borderdesk.store import migrations
from borderdesk.store.database import Database
from helpers import make_database

pytestmark = pytest.mark.usefixtures("english")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def siblings(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir())


def assert_refused_untouched(path: Path, match: str) -> None:
    before, names = digest(path), siblings(path)
    with pytest.raises(DatabaseError, match=match) as caught:
        Database.open(path=path)
    assert str(path) in caught.value.message
    assert "\n" not in caught.value.message
    assert digest(path) == before
    assert siblings(path) == names  # no -wal, -shm or backup left beside it


def test_missing_file_is_refused_and_not_created(tmp_path):
    path = tmp_path / "nowhere" / "borderdesk.sqlite3"
    with pytest.raises(DatabaseError, match="borderdesk init") as caught:
        Database.open(path=path)
    assert str(path) in caught.value.message
    assert not path.parent.exists()


def test_text_file_is_refused(tmp_path):
    path = tmp_path / "notes.sqlite3"
    path.write_text("Журнал задержаний за 2019 год\n", encoding="utf-8")
    assert_refused_untouched(path, "not a BorderDesk database")


def test_short_binary_file_is_refused(tmp_path):
    path = tmp_path / "short.sqlite3"
    path.write_bytes(b"SQLite")
    assert_refused_untouched(path, "not a BorderDesk database")


def test_sqlite_file_of_another_program_is_refused(tmp_path):
    path = tmp_path / "places.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
    conn.execute("INSERT INTO moz_places (url) VALUES ('https://example.org')")
    conn.commit()
    conn.close()
    assert_refused_untouched(path, "not a BorderDesk database")
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()


def test_database_from_a_newer_borderdesk_is_refused(tmp_path):
    path = tmp_path / "newer.sqlite3"
    make_database(tmp_path, path.name).dispose()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = 'ffff9999'")
    conn.commit()
    conn.execute("PRAGMA journal_mode=DELETE")  # as another program might leave it
    conn.close()
    assert_refused_untouched(path, "newer BorderDesk.*ffff9999")


def test_empty_file_is_refused(tmp_path):
    path = tmp_path / "empty.sqlite3"
    path.touch()
    assert_refused_untouched(path, "empty")
    assert path.stat().st_size == 0


def test_directory_is_refused(tmp_path):
    with pytest.raises(DatabaseError):
        Database.open(path=tmp_path)


def test_create_refuses_an_existing_path(tmp_path):
    path = tmp_path / "borderdesk.sqlite3"
    make_database(tmp_path).dispose()
    before = digest(path)
    with pytest.raises(DatabaseError, match="already exists"):
        Database.create(path=path)
    with pytest.raises(DatabaseError, match="already exists"):
        initialise(tmp_path, site_code="POST-08")
    assert digest(path) == before


def test_new_database_is_at_head_in_wal_mode(db):
    with db.engine.connect() as conn:
        assert migrations.current_revision(conn) == migrations.head()
    conn = sqlite3.connect(db.path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()


def initialise(tmp_path: Path, **overrides: str) -> Database:
    args = {
        "path": tmp_path / "borderdesk.sqlite3",
        "url": None,
        "site_code": "POST-07",
        "site_name": "Застава 7",
        "kind": "post",
        "admin_user": "admin",
        "admin_password": "secret1",
    }
    return setup.initialise(**{**args, **overrides})


@pytest.mark.parametrize(
    ("field", "value", "match"),
    [
        ("site_code", "p", "Site code"),
        ("site_code", "POST 7", "Site code"),
        ("kind", "fort", "site kind"),
        ("admin_password", "123", "too short"),
        ("admin_user", "Админ", "User name"),
        ("timezone", "Mars/Olympus", "time zone"),
    ],
)
def test_init_with_bad_input_leaves_no_file(tmp_path, field, value, match):
    with pytest.raises(InputError, match=match):
        initialise(tmp_path, **{field: value})
    assert list(tmp_path.iterdir()) == []


def test_init_failing_half_way_leaves_no_file(tmp_path, monkeypatch):
    class Broken:
        @staticmethod
        def generate():
            raise RuntimeError("no entropy")

    monkeypatch.setattr(setup, "Ed25519PrivateKey", Broken)
    with pytest.raises(RuntimeError, match="no entropy"):
        initialise(tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_site_and_keys_are_written(db):
    from borderdesk.services.site.sites import this_site

    site = this_site(db)
    assert (site.code, site.name, site.kind) == ("POST-07", "Застава 7", "post")
    assert db.site_code == "POST-07"
