"""A record whose stored date is not a date (a hand edit into SQLite) cannot travel:
export writes no package, HQ's import applies nothing, each in one line naming the
record; once the post corrects the record, everything arrives and the audit verifies."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import date

import pytest
from sqlalchemy import func, select
from sync_sites import HQ, add_person, export, import_
from sync_sites import run_as_admin as run

from borderdesk.errors import BorderDeskError
from borderdesk.store.tables import IdentityDocument, Person
from borderdesk.sync import unreadable_dates
from borderdesk.sync.refusals import PackageRefused


def hand_edit(db, sql: str, *params: object) -> None:
    with closing(sqlite3.connect(db.path)) as con, con:
        con.execute(sql, params)


def old_program_export(db, to: str, monkeypatch) -> bytes:
    """A package as a program without the check wrote it: the raw text inside."""
    with monkeypatch.context() as patch:
        patch.setattr(unreadable_dates, "check_export", lambda records, recipient: None)
        return export(db, to)


def count(db, model) -> int:
    with db.read() as session:
        return session.execute(select(func.count()).select_from(model)).scalar_one()


@pytest.mark.usefixtures("row_path", "english")
@pytest.mark.parametrize("garbage", ["yesterday", 12345, "2024-13-45"])
def test_both_ends_refuse_in_one_line_and_write_nothing(hq, post, monkeypatch, garbage):
    person = add_person(post, "KARIMOV")
    hand_edit(post, "update identity_document set expiry_date = ?", garbage)
    with pytest.raises(BorderDeskError, match="not a date") as refused:
        export(post, HQ)
    assert "identity_document" in refused.value.message and "expiry_date" in refused.value.message
    data = old_program_export(post, HQ, monkeypatch)
    with pytest.raises(PackageRefused, match="nothing applied") as refused:
        import_(hq, data)
    assert refused.value.code == "unreadable_date" and "\n" not in refused.value.message
    with hq.read() as session:
        assert session.get(Person, person.id) is None  # not even the readable records


def test_end_to_end_in_fresh_processes(hq, post, monkeypatch, tmp_path):
    add_person(post, "KARIMOV")
    document_id = None
    with post.read() as session:
        document_id = session.execute(select(IdentityDocument.id)).scalar_one()
    hand_edit(post, "update identity_document set expiry_date = 'yesterday'")
    post.dispose()
    out = tmp_path / "POST-07-to-HQ.bdsync"

    # The post: export refuses in one line and writes no file; audit verify names the edit.
    refused = run(post, "sync", "export", "--to", HQ, "--out", str(out))
    assert refused.returncode != 0 and not out.exists()
    assert len(refused.stderr.strip().splitlines()) == 1
    assert "'yesterday'" in refused.stderr and "expiry_date" in refused.stderr
    verify = run(post, "audit", "verify")
    assert verify.returncode != 0 and "identity_document" in (verify.stdout + verify.stderr)

    # HQ: a package from a program without the check is refused, nothing applied.
    out.write_bytes(old_program_export(post, HQ, monkeypatch))
    post.dispose()
    persons_before = count(hq, Person)
    hq.dispose()
    for args in (("--dry-run",), ()):
        refused = run(hq, "sync", "import", str(out), *args)
        assert refused.returncode != 0, refused.stdout
        assert len(refused.stderr.strip().splitlines()) == 1
        assert "nothing applied" in refused.stderr and "POST-07" in refused.stderr
    assert count(hq, Person) == persons_before
    assert run(hq, "audit", "verify").returncode == 0
    hq.dispose()

    # The post corrects the record through BorderDesk; the next package brings everything.
    with post.write(actor="ivanov") as session:
        session.get(IdentityDocument, document_id).expiry_date = date(2031, 5, 1)
    post.dispose()
    assert run(post, "audit", "verify").returncode == 0  # sealed anew by the correction
    out.unlink()
    assert run(post, "sync", "export", "--to", HQ, "--out", str(out)).returncode == 0
    done = run(hq, "sync", "import", str(out))
    assert done.returncode == 0, done.stderr
    with hq.read() as session:
        assert session.get(IdentityDocument, document_id).expiry_date == date(2031, 5, 1)
    assert run(hq, "audit", "verify").returncode == 0
