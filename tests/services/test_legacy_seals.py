"""Rows written before rows were sealed (0009a) are sealed by ``audit seal-legacy``: from
then on an edit behind the program's back is found; before, it goes unnoticed."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import uuid

import pytest

from borderdesk.errors import BorderDeskError, PermissionDenied
from borderdesk.i18n import set_language
from borderdesk.services.access import audit
from borderdesk.services.access.legacy_seals import seal_legacy_rows
from borderdesk.store import audit_head
from helpers import ADMIN_PASSWORD, add_user


@pytest.fixture(autouse=True)
def _english():
    set_language("en")


def _legacy_person(db) -> str:
    """A person row as an old version left it: no audit entry seals it; the database
    carries migration 0009a's legacy mark."""
    person_id = uuid.uuid4().hex
    with sqlite3.connect(db.path) as raw:
        raw.execute(
            "INSERT INTO person (id, surname, given_names, surname_latin, given_names_latin,"
            " name_key, sex, nationality, birth_place, origin_site, hlc, deleted, version,"
            " created_at, updated_at) VALUES (?, 'Old', 'Row', '', '', 'old row', 'M', 'RUS',"
            " '', 'POST-07', '0', 0, 1, '2020-01-01 00:00:00.000000',"
            " '2020-01-01 00:00:00.000000')",
            (person_id,),
        )
        raw.execute(
            "INSERT OR REPLACE INTO local_setting (key, value) VALUES (?, '1')",
            (audit_head.LEGACY_ROWS_KEY,),
        )
    return person_id


def _edit(db, person_id: str, surname: str) -> None:
    with sqlite3.connect(db.path) as raw:
        raw.execute("UPDATE person SET surname = ? WHERE id = ?", (surname, person_id))


def test_a_legacy_row_is_checked_only_once_sealed(db, admin):
    person_id = _legacy_person(db)
    _edit(db, person_id, "Forged")
    assert audit.verify_chain(db, actor=admin).ok  # the gap: unsealed, so unchecked
    assert seal_legacy_rows(db, actor=admin) == 1
    assert audit.verify_chain(db, actor=admin).ok
    with db.read() as session:
        assert audit_head.setting(session, audit_head.LEGACY_ROWS_KEY) is None
    assert seal_legacy_rows(db, actor=admin) == 0  # nothing left to seal
    _edit(db, person_id, "Forged again")
    result = audit.verify_chain(db, actor=admin)
    assert not result.ok and "changed outside BorderDesk" in result.message


def test_only_an_administrator_seals_and_never_over_a_broken_log(db, admin):
    supervisor = add_user(db, admin, "petrova", "supervisor")
    with pytest.raises(PermissionDenied):
        seal_legacy_rows(db, actor=supervisor)
    _legacy_person(db)
    with sqlite3.connect(db.path) as raw:
        raw.execute("UPDATE user_account SET full_name = 'Forged' WHERE username = 'petrova'")
    with pytest.raises(BorderDeskError, match="nothing was sealed"):
        seal_legacy_rows(db, actor=admin)
    with db.read() as session:
        assert audit_head.setting(session, audit_head.LEGACY_ROWS_KEY) == "1"


def test_the_cli_seals_in_a_fresh_process(db, tmp_path):
    _legacy_person(db)
    db.dispose()
    env = {k: v for k, v in os.environ.items() if not k.startswith("BORDERDESK_")}
    env |= {
        "BORDERDESK_DB": str(db.path),
        "BORDERDESK_USER": "admin",
        "BORDERDESK_PASSWORD": ADMIN_PASSWORD,
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "PYTHONPATH": os.pathsep.join(sys.path),
    }
    done = subprocess.run(
        [sys.executable, "-m", "borderdesk", "--lang", "en", "audit", "seal-legacy"],
        env=env, capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "1 row sealed as it stands now" in done.stdout
