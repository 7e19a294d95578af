"""``borderdesk case …`` and ``form application`` through the real entry point."""

from __future__ import annotations

import hashlib
import json
from datetime import date, timedelta

import pytest

import borderdesk.cli as cli_module
from borderdesk.domain.mrz.compose import compose_td3
from borderdesk.store.tables import Person
from helpers import ADMIN_PASSWORD, ADMIN_USER, make_database, use_fast_password_hashing

RECENT = (date.today() - timedelta(days=3)).isoformat()
MRZ = compose_td3(
    surname="HOSSAIN",
    given_names="MOHAMMAD ARIF",
    document_number="BX1234567",
    nationality="BGD",
    birth_date=date(1988, 11, 2),
    sex="M",
    expiry_date=date(2030, 1, 1),
)


@pytest.fixture
def env(monkeypatch, tmp_path):
    use_fast_password_hashing(monkeypatch)
    db = make_database(tmp_path)
    with db.write(actor="admin") as session:
        uzbek = Person(surname="Рахимов", given_names="Бахтиёр", nationality="UZB")
        tajik = Person(surname="Саидов", given_names="Фаридун", nationality="TJK")
        session.add_all([uzbek, tajik])
    db.dispose()
    monkeypatch.setenv("BORDERDESK_DB", str(tmp_path / "borderdesk.sqlite3"))
    monkeypatch.setenv("BORDERDESK_USER", ADMIN_USER)
    monkeypatch.setenv("BORDERDESK_PASSWORD", ADMIN_PASSWORD)
    return {"uzbek": str(uzbek.id), "tajik": str(tajik.id), "dir": tmp_path}


@pytest.fixture
def run(capsys):
    def _run(*args: str) -> tuple[int, str, str]:
        with pytest.raises(SystemExit) as info:
            cli_module.main(["--lang", "en", *args])
        out, err = capsys.readouterr()
        return info.value.code, out, err

    return _run


def run_json(run, *args: str):
    code, out, err = run(*args, "--json")
    assert code == 0, err
    return json.loads(out)


def new_incoming(run, received: str = RECENT) -> dict:
    return run_json(
        run, "case", "new", "--kind", "incoming", "--mrz", *MRZ,
        "--requesting", "DEU", "--requested", "RUS", "--received", received,
    )  # fmt: skip


def test_new_incoming_from_mrz_and_show_every_due_date(env, run):
    case = new_incoming(run)
    assert case["kind"] == "incoming" and case["status"] == "registered"
    assert case["agreement"] == "EU-RU" and case["category"] == "third_country"
    assert case["person"]["name"] == "HOSSAIN MOHAMMAD ARIF"
    shown = run_json(run, "case", "show", case["case_number"])
    reply = shown["due_dates"][0]
    assert reply["step"] == "reply" and reply["kind"] == "calendar"
    received = date.fromisoformat(RECENT)
    assert reply["due"] == (received + timedelta(days=25)).isoformat()
    assert reply["unverified"] is True and "EU-RU" in reply["rule"]
    assert shown["next_due"]["step"] == "reply"
    code, out, _err = run("case", "show", case["id"])
    assert code == 0 and "reply" in out and case["case_number"] in out


def test_list_json_rows_and_filters(env, run):
    fresh = new_incoming(run)
    old = run_json(
        run, "case", "new", "--kind", "outgoing", "--person", env["uzbek"],
        "--requesting", "RUS", "--requested", "UZB", "--received", "2024-01-10",
    )  # fmt: skip
    rows = run_json(run, "case", "list")
    assert isinstance(rows, list) and len(rows) == 2
    for row in rows:
        assert {"id", "kind", "status", "person", "requesting_state", "requested_state"} <= set(row)
        assert "next_due" in row and "name" in row["person"]
    assert [r["id"] for r in run_json(run, "case", "list", "--overdue")] == [old["id"]]
    assert [r["id"] for r in run_json(run, "case", "list", "--due-within", "40")] == [
        old["id"],
        fresh["id"],
    ]
    assert run_json(run, "case", "list", "--status", "closed") == []
    code, _out, err = run("case", "list", "--status", "approved")
    assert code == 2 and err.count("\n") == 1


def test_workflow_steps_events_and_a_clear_error(env, run):
    case = new_incoming(run)
    code, out, err = run("case", "event", case["id"], "--to", "closed")
    assert code == 1 and err.count("\n") == 1
    assert "registered" in err and "closed" in err and "Traceback" not in err
    code, out, err = run("case", "event", case["id"], "--to", "under_examination", "--note", "go")
    assert code == 0, err
    code, out, err = run("case", "event", case["id"], "--kind", "contact", "--note", "Called")
    assert code == 0, err
    code, _out, err = run("case", "decide", case["id"], "--refuse")
    assert code == 2 and "reason" in err
    decided = run_json(run, "case", "decide", case["id"], "--refuse", "--reason", "Not proven")
    assert decided["status"] == "refused" and decided["decision_reason"] == "Not proven"
    kinds = [e["kind"] for e in decided["timeline"]]
    assert kinds == ["opened", "status", "contact", "decision"]


def test_outgoing_to_tajikistan_is_refused_in_one_line(env, run):
    code, out, err = run(
        "case", "new", "--kind", "outgoing", "--person", env["tajik"],
        "--requesting", "RUS", "--requested", "TJK", "--received", RECENT,
    )  # fmt: skip
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "Tajikistan" in err


def test_evidence_with_a_scan(env, run):
    case = new_incoming(run)
    scan = env["dir"] / "page.png"
    scan.write_bytes(b"\x89PNG\r\n\x1a\n fake scan")
    row = run_json(
        run, "case", "evidence", case["id"], "--kind", "proof",
        "--type", "identity card, even expired", "--description", "ID 123", "--scan", str(scan),
    )  # fmt: skip
    assert row["scan"]["sha256"] == hashlib.sha256(scan.read_bytes()).hexdigest()
    code, _out, err = run(
        "case", "evidence", case["id"], "--kind", "proof", "--type", "hearsay",
        "--description", "x",
    )  # fmt: skip
    assert code == 2 and "hearsay" in err


def test_form_application(env, run):
    case = new_incoming(run)
    out = env["dir"] / "application.pdf"
    code, stdout, err = run("form", "application", case["case_number"], "--out", str(out))
    assert code == 0, err
    assert out.read_bytes().startswith(b"%PDF") and case["case_number"] in stdout
    code, _stdout, err = run("form", "application", case["id"], "--out", str(out) + ".txt")
    assert code == 2
