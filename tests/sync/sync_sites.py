"""Two or more sites in one test: databases, identities, packages between them."""

from __future__ import annotations

import os
import subprocess
import sys

from sqlalchemy import func, select, update

from borderdesk.domain.clock import utc_now
from borderdesk.store.database import Database
from borderdesk.store.tables import AuditEntry, ChangeLogEntry, IdentityDocument, Person
from borderdesk.sync import packages, peers, routing
from borderdesk.sync.watermarks import AUTHOR_OFFSET
from helpers import ADMIN_PASSWORD, ADMIN_USER, make_database

HQ = "HQ-ORB"
POST = "POST-07"
POST2 = "POST-09"


def make_site(tmp_path, code: str, kind: str) -> Database:
    return make_database(tmp_path, f"{code}.sqlite3", site_code=code, kind=kind)


def identity(db: Database) -> dict:
    with db.read() as session:
        return peers.identity_of(session, db.site_code or "")


def introduce(a: Database, b: Database) -> None:
    """Each administrator adds the other's identity file."""
    ida, idb = identity(a), identity(b)
    with a.write(actor="admin") as session:
        peers.add_peer(session, idb, me=a.site_code or "", now=utc_now())
    with b.write(actor="admin") as session:
        peers.add_peer(session, ida, me=b.site_code or "", now=utc_now())


def export(db: Database, to: str) -> bytes:
    with db.write(actor="admin", exporting=True) as session:
        return packages.make_package(session, me=db.site_code or "", to=to, now=utc_now()).data


def import_(db: Database, data: bytes) -> packages.ImportReport:
    with db.write(actor="admin", replaying=True) as session:
        return packages.import_package(session, data, me=db.site_code or "", now=utc_now())


def kept_by_an_older_program(db) -> None:
    """Every change this site wrote with a copy of its row in the log, as BorderDesk kept
    them before issue #10 (imported ones it kept without)."""
    with db.write(actor="admin", replaying=True) as session:
        session.execute(
            update(ChangeLogEntry)
            .where(
                ChangeLogEntry.payload == "",
                func.substr(ChangeLogEntry.hlc, AUTHOR_OFFSET + 1) == db.site_code,
            )
            .values(payload='{"row": "as an older BorderDesk kept it"}')
        )


def entries_with_links(db) -> list[dict]:
    """The site's own audit entries as a package of an older program carried them: every
    field, links too, times and record ids as text."""
    table = AuditEntry.__table__
    with db.read() as session:
        rows = session.execute(select(*table.columns)).all()
    entries = [dict(zip(table.columns.keys(), row, strict=True)) for row in rows]
    return [{**e, "at": e["at"].isoformat(), "record_id": e["record_id"] and str(e["record_id"])}
            for e in entries]  # fmt: skip


def add_person(db, surname: str, **extra) -> Person:
    with db.write(actor="ivanov") as session:
        person = Person(surname=surname, name_key=surname.lower(), nationality="UZB", **extra)
        session.add(person)
        session.flush()
        session.add(
            IdentityDocument(
                person_id=person.id, document_type="P", issuing_state="UZB", number=surname[:9]
            )
        )
    return person


def synced_rows(db, *, tables=None) -> dict[str, list[tuple]]:
    """Every row of every synced table, in key order: two databases compare row by row."""
    out = {}
    with db.read() as session:
        for table in routing.synced_tables():
            if tables and table.name not in tables:
                continue
            rows = session.execute(select(table).order_by(table.c.id)).all()
            out[table.name] = [tuple(r) for r in rows]
    return out


# A command in a fresh process, as the site's administrator, in English.
def run_as_admin(db, *args: str) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "BORDERDESK_DB": str(db.path),
        "BORDERDESK_USER": ADMIN_USER,
        "BORDERDESK_PASSWORD": ADMIN_PASSWORD,
        "BORDERDESK_LANG": "en",
    }
    done = subprocess.run(
        [sys.executable, "-m", "borderdesk", *args],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    assert "Traceback" not in done.stderr, done.stderr
    return done
