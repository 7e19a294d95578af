"""The same code on PostgreSQL (HQ). Runs only where a server answers.

Set BORDERDESK_TEST_PG_URL (a superuser URL such as postgresql://postgres@host/postgres),
or run a server that trusts postgres@127.0.0.1:5432. Each test gets its own database,
dropped afterwards.
"""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlmodel import select

from borderdesk.cli import main
from borderdesk.errors import AuthenticationError, DatabaseError
from borderdesk.services.access import audit, users
from borderdesk.store.database import Database
from borderdesk.store.tables import ChangeLogEntry, Person, User
from helpers import add_user, login, make_database


@pytest.fixture
def pg_db(pg_url, tmp_path):
    db = make_database(tmp_path, url=pg_url, site_code="HQ", kind="hq")
    yield db
    db.dispose()


def test_init_users_audit_and_tampering_on_postgresql(pg_db, pg_url, tmp_path):
    admin = login(pg_db)
    add_user(pg_db, admin, "ivanov", "officer")
    users.set_disabled(pg_db, actor=admin, username="ivanov")
    assert [row.username for row in users.list_users(pg_db, actor=admin)] == ["admin", "ivanov"]
    with pytest.raises(AuthenticationError):
        login(pg_db, "ivanov", "pw-1234")
    with pytest.raises(AuthenticationError):
        login(pg_db, "x" * 500, "nope")  # longer than the column: refused, not a crash
    result = audit.verify_chain(pg_db, actor=admin)
    assert result.ok, result.message
    assert result.checked == 7

    with pg_db.read() as session:
        user = session.exec(select(User).where(User.username == "ivanov")).one()
        stamps = session.exec(select(ChangeLogEntry.hlc).order_by(ChangeLogEntry.seq)).all()
    assert user.version == 2 and user.origin_site == "HQ"
    assert user.created_at.utcoffset() == timedelta(0)
    assert stamps == sorted(stamps) and len(set(stamps)) == len(stamps)

    with pytest.raises(DatabaseError):
        make_database(tmp_path, url=pg_url, site_code="HQ2", kind="hq")  # no second init
    with pytest.raises(DatabaseError):
        pg_db.backup_to(tmp_path / "copy.sqlite3")

    with pg_db.engine.begin() as conn:
        # The trigger refuses the edit; an editor with the owner's rights drops it first.
        conn.exec_driver_sql("DROP TRIGGER audit_entry_no_update ON audit_entry")
        conn.exec_driver_sql("UPDATE audit_entry SET actor = 'mallory' WHERE seq = 2")
    result = audit.verify_chain(pg_db, actor=admin)
    assert (result.ok, result.broken_seq) == (False, 2)


def test_concurrent_clients_keep_one_chain(pg_db, pg_url):
    """Two HQ machines writing at once: the chain head row serialises them."""
    other = Database.open(url=pg_url)
    errors: list[BaseException] = []

    def writer(database: Database, prefix: str) -> None:
        try:
            for i in range(10):
                with database.write(actor="admin") as session:
                    session.add(Person(surname=f"{prefix}{i}"))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [
        threading.Thread(target=writer, args=(pg_db, "A")),
        threading.Thread(target=writer, args=(other, "B")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    other.dispose()
    assert errors == []
    result = audit.verify_chain(pg_db, actor=login(pg_db))
    assert result.ok, result.message


def test_cli_on_postgresql(pg_url, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("BORDERDESK_DATABASE_URL", pg_url)
    monkeypatch.setenv("BORDERDESK_USER", "admin")
    monkeypatch.setenv("BORDERDESK_PASSWORD", "secret1")
    pw = tmp_path / "pw.txt"
    pw.write_text("secret1\n")

    def run(*args: str) -> int:
        with pytest.raises(SystemExit) as exited:
            main(list(args))
        return exited.value.code

    init = ["init", "--site-code", "HQ", "--site-name", "Управление", "--kind", "hq"]
    assert run(*init, "--admin-user", "admin", "--admin-password-file", str(pw)) == 0
    assert run("user", "add", "ivanov", "--role", "officer", "--password-file", str(pw)) == 0
    assert run("audit", "verify") == 0
    assert "secret1" not in capsys.readouterr().out


def test_name_index_on_postgresql(pg_db):
    from borderdesk.store import name_index

    with pg_db.write(actor="test") as session:
        name_index.index_surnames(session, name_index.PERSONS, ["Щербаков", "JUSUPOW"])
        name_index.index_surnames(session, name_index.PERSONS, ["Щербаков"])  # no conflict
    with pg_db.read() as session:
        near = name_index.near_surnames(session, name_index.PERSONS, "SCHTSCHERBAKOW")
        assert [n.surname_key for n in near] == ["SHCHERBAKOV"]
    with pg_db.write(actor="test") as session:
        assert name_index.rebuild_name_index(session) == 0


def test_the_demo_builds_on_postgresql(pg_url):
    """The demo's sample of documents seeks by id order (PostgreSQL has no min(uuid))."""
    from borderdesk.services.demo.builder import create_or_open

    db, summary = create_or_open(path=None, url=pg_url, persons=40, seed=3)
    try:
        with db.read() as session:
            assert len(session.exec(select(Person)).all()) >= 40
        assert audit.verify_chain(db, actor=login(db, "admin", "demo")).ok
    finally:
        db.dispose()
