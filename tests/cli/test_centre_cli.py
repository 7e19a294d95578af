"""``borderdesk centre …``, ``transfer …`` and ``form intake|handover``: the contract."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from borderdesk.cli import main
from centre_samples import centre_database, men, passport
from helpers import ADMIN_PASSWORD, use_fast_password_hashing


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self):
        assert self.code == 0, self
        return json.loads(self.out)

    def one_line_error(self) -> str:
        assert self.code != 0, self
        assert "Traceback" not in self.err
        lines = self.err.splitlines()
        assert len(lines) == 1 and lines[0].startswith("borderdesk:"), self.err
        return lines[0]


@pytest.fixture
def run(tmp_path, monkeypatch, capsys):
    use_fast_password_hashing(monkeypatch)
    for name in ("BORDERDESK_LANG", "BORDERDESK_DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)
    centre_database(tmp_path, "c.sqlite3").dispose()
    monkeypatch.setenv("BORDERDESK_DB", str(tmp_path / "c.sqlite3"))
    monkeypatch.setenv("BORDERDESK_USER", "admin")
    monkeypatch.setenv("BORDERDESK_PASSWORD", ADMIN_PASSWORD)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))

    def invoke(*args: str | Path) -> Result:
        try:
            main(["--lang", "en", *[str(a) for a in args]])
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return invoke


def test_rooms_intake_list_release(run):
    rooms = run("centre", "rooms", "--json").json()
    assert sum(r["capacity"] for r in rooms) == 44 and rooms[0]["beds"][0]["bed"] == "1/A"
    stay = run(
        "centre",
        "intake",
        "--mrz",
        *passport(),
        "--bed",
        "2/B",
        "--escort",
        "Иванов",
        "--item",
        "Телефон:1:Samsung",
        "--cash",
        "RUB:500",
        "--json",
    ).json()
    assert stay["bed"] == "2/B" and len(stay["belongings"]) == 2
    second = run("centre", "intake", "--mrz", *men(1)[0], "--json").json()
    assert second["bed"] == "1/A"
    residents = run("centre", "list", "--json").json()
    assert [r["bed"] for r in residents] == ["2/B", "1/A"]  # by arrival
    for row in residents:
        assert {"stay_id", "bed", "person", "days_in", "days_left", "flags"} <= set(row)
    assert run("centre", "list").out.count("\n") == 2

    refused = run("centre", "release", stay["stay_id"], "--reason", "Court order lifted")
    assert "explanation" in refused.one_line_error()
    ok = run(
        "centre", "release", stay["stay_id"], "--reason", "Court order lifted", "--all-returned"
    )
    assert ok.code == 0 and "released" in ok.out
    shown = run("centre", "show", stay["stay_id"], "--json").json()
    assert shown["status"] == "released"
    plain = run("centre", "release", second["stay_id"], "--reason", "Released by court")
    assert plain.code == 0  # nothing was taken into safekeeping


def test_intake_errors_are_one_line(run):
    assert run("centre", "intake").one_line_error()
    assert "MRZ" in run("centre", "intake", "--mrz", "P<KAZ").one_line_error()
    run("centre", "intake", "--mrz", *passport(), "--bed", "3/A")
    taken = run("centre", "intake", "--mrz", *men(1)[0], "--bed", "3/A").one_line_error()
    assert "3/A" in taken
    assert run("centre", "intake", "--mrz", *men(2)[1], "--bed", "3A").code == 2


def test_transfer_refused_with_the_reason_and_planned_where_an_agreement_applies(run, tmp_path):
    tajik = run(
        "centre", "intake", "--mrz", *passport("RAHIMOV", "SHER", "A1234567", "TJK"), "--json"
    ).json()
    refused = run(
        "transfer",
        "plan",
        tajik["stay_id"],
        "--to",
        "TJK",
        "--date",
        "2030-01-10",
        "--crossing-point",
        "МАПП «Сагарчин»",
        "--escort",
        "Иванов",
    )
    assert "No readmission agreement with Tajikistan" in refused.one_line_error()
    assert run("transfer", "check", tajik["stay_id"], "--to", "TJK", "--on", "2030-01-10").code == 1

    kazakh = run(
        "centre", "intake", "--mrz", *passport(), "--arrived", "2016-02-01T10:00+05:00", "--json"
    ).json()
    planned = run(
        "transfer",
        "plan",
        kazakh["stay_id"],
        "--to",
        "KAZ",
        "--date",
        "2016-03-01",
        "--crossing-point",
        "МАПП «Сагарчин» – «Жайсан»",
        "--escort",
        "Иванов",
        "--escort",
        "Петров",
        "--json",
    ).json()
    assert planned["status"] == "planned" and planned["agreement"] == "RU-KZ"
    assert planned["escort_officers"] == ["Иванов", "Петров"]
    listed = run("transfer", "list", "--json").json()
    assert [t["id"] for t in listed] == [planned["id"]]

    intake_pdf = tmp_path / "intake.pdf"
    handover_pdf = tmp_path / "handover.pdf"
    assert run("form", "intake", kazakh["stay_id"], "--out", intake_pdf).code == 0
    assert intake_pdf.read_bytes().startswith(b"%PDF")

    done = run(
        "transfer", "complete", planned["id"], "--at", "2016-03-01T09:00+05:00", "--json"
    ).json()
    assert done["status"] == "completed" and done["case_status"] == "closed"
    assert run("centre", "show", kazakh["stay_id"], "--json").json()["status"] == "transferred"
    assert run("form", "handover", planned["id"], "--out", handover_pdf).code == 0
    assert handover_pdf.read_bytes().startswith(b"%PDF")
    assert run("form", "handover", planned["id"], "--out", tmp_path / "x.txt").code == 2
    # The numbers printed on the papers find the records too.
    by_number = tmp_path / "by-number.pdf"
    assert run("form", "intake", planned["stay_number"], "--out", by_number).code == 0
    assert by_number.read_bytes().startswith(b"%PDF")
    by_number.unlink()
    assert run("form", "handover", planned["transfer_number"], "--out", by_number).code == 0
    assert by_number.read_bytes().startswith(b"%PDF")
