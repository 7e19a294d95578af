"""The officer's position and rank: kept with the user, printed under the name on forms."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime

import pytest

from borderdesk.services import checks
from borderdesk.services.access import users
from borderdesk.services.access.permissions import issue_actor
from borderdesk.services.checks import protocol_form
from borderdesk.store.tables.users import Role
from forms.test_check_protocol_service import LINES, pdf_text
from helpers import ADMIN_PASSWORD, USER_PASSWORD, login, make_database, use_fast_password_hashing

POSITION = "старший инспектор, капитан"


@pytest.fixture
def setup(tmp_path, monkeypatch):
    use_fast_password_hashing(monkeypatch)
    db = make_database(tmp_path)
    admin = login(db)
    yield db, admin
    db.dispose()


def test_position_is_kept_listed_and_printed_under_the_name(setup):
    db, admin = setup
    row = users.add_user(
        db,
        actor=admin,
        username="sidorov",
        role="officer",
        password=USER_PASSWORD,
        full_name="Сидоров Олег Петрович",
        position=f"  {POSITION} ",
    )
    assert row.position == POSITION
    listed = {u.username: u for u in users.list_users(db, actor=admin)}
    assert listed["sidorov"].position == POSITION and listed["sidorov"].to_json()["position"]
    officer = issue_actor("sidorov", Role.officer, db.site_code or "", "Сидоров Олег Петрович")
    now = datetime(2026, 6, 1, 6, 30, tzinfo=UTC)
    record = checks.check_document(db, actor=officer, mrz_lines=LINES, now=now).check
    data = protocol_form.protocol_data(db, actor=officer, check_id=record.id)
    assert data.officer_position == POSITION
    text = pdf_text(protocol_form.check_protocol_pdf(db, actor=officer, check_id=record.id))
    assert POSITION in text


def test_a_user_without_position_prints_blank(setup):
    db, admin = setup
    row = users.add_user(db, actor=admin, username="ivanov", role="officer", password=USER_PASSWORD)
    assert row.position == ""


def test_cli_user_add_position_in_a_fresh_process(tmp_path, monkeypatch):
    use_fast_password_hashing(monkeypatch)
    db_path = tmp_path / "site.sqlite3"
    make_database(tmp_path, db_path.name).dispose()
    pw = tmp_path / "pw.txt"
    pw.write_text("Tundra-Compass-47-Lantern\n", encoding="utf-8")  # the real policy applies
    env = {
        **os.environ,
        "BORDERDESK_USER": "admin",
        "BORDERDESK_PASSWORD": ADMIN_PASSWORD,
        "BORDERDESK_LANG": "en",
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
    }

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "borderdesk", "--db", str(db_path), *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )

    added = run("user", "add", "petrova", "--role", "officer", "--password-file", str(pw),
                "--position", POSITION)  # fmt: skip
    assert added.returncode == 0, added.stderr
    listed = run("user", "list")
    assert POSITION in listed.stdout
    rows = {r["username"]: r for r in json.loads(run("user", "list", "--json").stdout)}
    assert rows["petrova"]["position"] == POSITION


def test_a_changed_position_prints_on_later_forms_and_the_return(setup):
    from borderdesk.services import returns

    db, admin = setup
    users.add_user(
        db, actor=admin, username="sidorov", role="officer", password=USER_PASSWORD,
        full_name="Сидоров Олег Петрович", position="инспектор",
    )  # fmt: skip
    users.set_position(db, actor=admin, username="sidorov", position=POSITION)
    officer = issue_actor("sidorov", Role.officer, db.site_code or "", "Сидоров Олег Петрович")
    now = datetime(2026, 6, 1, 6, 30, tzinfo=UTC)
    record = checks.check_document(db, actor=officer, mrz_lines=LINES, now=now).check
    assert POSITION in pdf_text(
        protocol_form.check_protocol_pdf(db, actor=officer, check_id=record.id)
    )

    users.add_user(
        db, actor=admin, username="volkov", role="supervisor", password=USER_PASSWORD,
        full_name="Волков Андрей", position="начальник отдела, подполковник",
    )  # fmt: skip
    supervisor = issue_actor("volkov", Role.supervisor, db.site_code or "", "Волков Андрей")
    ret = returns.monthly_return(db, actor=supervisor, month="2026-06")
    pdf = returns.marked_return(db, actor=supervisor, ret=ret, suffix=".pdf")
    assert "начальник отдела, подполковник" in pdf_text(pdf)
