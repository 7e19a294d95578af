"""The name-candidate index: filing surnames, asking with other spellings, rebuilding,
and the 0005 step filling it from the persons already on record."""

from __future__ import annotations

import shutil
import sqlite3
import uuid
from pathlib import Path

from sqlmodel import select

from borderdesk.domain.names import full_name_key
from borderdesk.store import name_index
from borderdesk.store.database import Database
from borderdesk.store.tables import NameCandidate, Person, WatchlistPerson

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def _person(surname: str, given: str = "IVAN", *, deleted: bool = False) -> Person:
    return Person(
        surname=surname,
        given_names=given,
        name_key=full_name_key(surname, given),
        birth_year=1985,
        nationality="RUS",
        deleted=deleted,
    )


def test_other_spellings_find_the_filed_surname(db) -> None:
    with db.write(actor="test") as session:
        session.add_all([_person("Щербаков"), _person("JUSUPOW"), _person("PETROV")])
        session.flush()
        filed = name_index.index_surnames(
            session, name_index.PERSONS, ["Щербаков", "JUSUPOW", "PETROV", "PETROV"]
        )
        assert filed > 0
    with db.read() as session:
        for spelling in ("SHERBAKOV", "SCHTSCHERBAKOW", "SHCHERBAKOV", "SHCHERBAKIV"):
            near = name_index.near_surnames(session, name_index.PERSONS, spelling)
            assert [n.surname_key for n in near][:1] == ["SHCHERBAKOV"], spelling
        near = name_index.near_surnames(session, name_index.PERSONS, "IUSUPOV")
        assert near[0].surname_key == "JUSUPOV"
        assert near[0].fit.finding == "same_skeleton"
        assert name_index.near_surnames(session, name_index.PERSONS, "SIDOROV") == []
        # Each owner has its own keys.
        assert name_index.surname_keys_for(session, name_index.WATCHLIST_PERSONS, "PETROV") == []


def test_filing_twice_changes_nothing(db) -> None:
    with db.write(actor="test") as session:
        first = name_index.index_surnames(session, name_index.PERSONS, ["IVANOV-PETROV"])
        name_index.index_surnames(session, name_index.PERSONS, ["IVANOV-PETROV"])
    with db.read() as session:
        rows = session.exec(select(NameCandidate)).all()
        assert len(rows) == first
        # A compound surname is found by each of its parts.
        assert "IVANOV PETROV" in name_index.surname_keys_for(session, name_index.PERSONS, "PETROV")


def test_rebuild_files_live_persons_and_watchlist_entries_only(db) -> None:
    with db.write(actor="test") as session:
        session.add_all([_person("SIDOROV"), _person("GONE", deleted=True)])
        session.add(WatchlistPerson(surname="SHERBAKOV", name_key="SHERBAKOV", reason="wanted"))
        name_index.index_surnames(session, name_index.PERSONS, ["STALE"])
    with db.write(actor="test") as session:
        assert name_index.rebuild_name_index(session) > 0
    with db.read() as session:
        keys = {(r.owner, r.surname_key) for r in session.exec(select(NameCandidate))}
    assert keys == {("person", "SIDOROV"), ("watchlist_person", "SHERBAKOV")}


def test_upgrade_to_0005_files_the_surnames_on_record(tmp_path) -> None:
    path = tmp_path / "old.sqlite3"
    shutil.copyfile(FIXTURES / "schema-0004.sqlite3", path)
    conn = sqlite3.connect(path)
    for surname, deleted in (("Щербаков", 0), ("Удалённый", 1)):
        conn.execute(
            "INSERT INTO person VALUES (?, 'POST-07', '2026-01-01 00:00:00', "
            "'2026-01-01 00:00:00', 1, '0', ?, ?, 'Иван', '', '', ?, 1985, 3, 15, 'M', "
            "'RUS', '')",
            (uuid.uuid4().hex, deleted, surname, full_name_key(surname, "Иван")),
        )
    conn.commit()
    conn.close()
    db = Database.open(path=path)
    try:
        with db.read() as session:
            keys = {r.surname_key for r in session.exec(select(NameCandidate))}
            assert keys == {"SHCHERBAKOV"}
            near = name_index.near_surnames(session, name_index.PERSONS, "SCHTSCHERBAKOW")
            assert [n.surname_key for n in near] == ["SHCHERBAKOV"]
    finally:
        db.dispose()


def test_every_write_files_the_surname(db) -> None:
    from borderdesk.store import bulk

    with db.write(actor="test") as session:
        session.add(_person("Щербаков"))  # ORM: filed at the flush
        bulk.insert_records(
            session,
            WatchlistPerson,
            [{"surname": "JUSUPOW", "name_key": "JUSUPOV", "reason": "wanted"}],
        )
    with db.write(actor="test") as session:
        person = session.exec(select(Person)).one()
        person.surname = "Сидоров"  # an edit files the new surname
    with db.read() as session:
        owners = {(r.owner, r.surname_key) for r in session.exec(select(NameCandidate))}
    assert ("person", "SHCHERBAKOV") in owners
    assert ("person", "SIDOROV") in owners
    assert ("watchlist_person", "JUSUPOV") in owners


def test_index_surnames_counts_each_pair_once(db) -> None:
    with db.write(actor="test") as session:
        # Surnames that read alike file the same rows once.
        filed = name_index.index_surnames(
            session, name_index.PERSONS, ["KARIMOV1", "KARIMOV2", "Каримов", "KARIMOV"]
        )
        alone = len(name_index._rows(name_index.PERSONS, ["KARIMOV"]))
    with db.read() as session:
        rows = session.exec(select(NameCandidate)).all()
    assert filed == len(rows) == len({(r.candidate_key, r.surname_key) for r in rows})
    assert filed >= alone > 0
