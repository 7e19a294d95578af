"""Sync through the command line, every step a fresh process, as two sites run it:
a watchlist entry made at HQ raises an alert at the post; a check made at the post
appears in HQ's search; a killed export or import leaves nothing half-done."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from borderdesk.domain.mrz.compose import compose_td3
from borderdesk.domain.partial_date import PartialDate

pytestmark = pytest.mark.slow_module  # minutes of fresh processes: start it first

PASSWORD = "Tundra-Compass-47-Lantern"  # the fresh processes apply the real policy


def passport(surname: str, number: str) -> list[str]:
    return list(
        compose_td3(
            surname=surname,
            given_names="ALISHER",
            document_number=number,
            nationality="UZB",
            birth_date=PartialDate(1990, 3, 4),
            sex="M",
            expiry_date=date(2033, 1, 1),
        )
    )


@dataclass
class Site:
    code: str
    db: Path
    folder: Path

    def env(self, user: str) -> dict[str, str]:
        return {
            **os.environ,
            "BORDERDESK_DB": str(self.db),
            "BORDERDESK_USER": user,
            "BORDERDESK_PASSWORD": PASSWORD,
            "BORDERDESK_LANG": "en",
            "XDG_STATE_HOME": str(self.folder / "state"),
            "XDG_CACHE_HOME": str(self.folder / "cache"),
        }

    def start(self, user: str, *args: str | Path, extra: dict[str, str] | None = None):
        return subprocess.Popen(
            [sys.executable, "-m", "borderdesk", *map(str, args)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**self.env(user), **(extra or {})},
        )

    def run(self, user: str, *args: str | Path) -> subprocess.CompletedProcess:
        proc = self.start(user, *args)
        out, err = proc.communicate(timeout=120)
        assert "Traceback" not in err, err
        return subprocess.CompletedProcess(args, proc.returncode, out, err)

    def ok(self, user: str, *args: str | Path) -> str:
        done = self.run(user, *args)
        assert done.returncode == 0, done.stderr
        return done.stdout

    def json(self, user: str, *args: str | Path):
        return json.loads(self.ok(user, *args, "--json"))


def make_site(tmp_path: Path, code: str, kind: str, admin: str) -> Site:
    folder = tmp_path / code
    folder.mkdir()
    site = Site(code, folder / "site.sqlite3", folder)
    secret = folder / "pw"
    secret.write_text(PASSWORD)
    site.ok(
        admin, "init", "--site-code", code, "--site-name", code, "--kind", kind,
        "--admin-user", admin, "--admin-password-file", secret,
    )  # fmt: skip
    return site


def add_cheap_account(site: Site, admin: str, user: str, role: str) -> None:
    """The working account, added in-process with a cheap Argon2id hash: it logs in two
    dozen times below, each in a fresh process, and the real cost made this module the
    suite's slowest. The logins stay real (argon2 verifies with the stored cost); ``init``
    above and the administrators keep the real cost, and ``user add`` itself is tested
    in tests/cli/test_foundation_cli.py."""
    from borderdesk.services.access import auth, users
    from borderdesk.store.database import Database
    from helpers import use_fast_password_hashing

    database = Database.open(path=site.db)
    try:
        actor = auth.login(database, username=admin, password=PASSWORD)
        with pytest.MonkeyPatch.context() as monkeypatch:
            use_fast_password_hashing(monkeypatch)
            users.add_user(database, actor=actor, username=user, role=role, password=PASSWORD)
    finally:
        database.dispose()  # the last connection folds the WAL into the file


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    """HQ and a post that have exchanged identity files; a supervisor and an officer."""
    tmp_path = tmp_path_factory.mktemp("sites")
    hq = make_site(tmp_path, "HQ-ORB", "hq", "hqadmin")
    post = make_site(tmp_path, "POST-07", "post", "postadmin")
    for site, admin, user, role in ((hq, "hqadmin", "volkov", "supervisor"),
                                    (post, "postadmin", "petrov", "officer")):  # fmt: skip
        add_cheap_account(site, admin, user, role)
        site.ok(admin, "sync", "identity", "--out", site.folder / "identity.json")
    printed = hq.ok("hqadmin", "sync", "peer", "add", post.folder / "identity.json")
    assert "POST-07" in printed and "fingerprint" in printed
    post.ok("postadmin", "sync", "peer", "add", hq.folder / "identity.json")
    return hq, post


def test_identity_file_holds_no_secret(sites):
    hq, _post = sites
    text = (hq.folder / "identity.json").read_text()
    assert "private" not in text.lower()
    identity = json.loads(text)
    assert identity["code"] == "HQ-ORB" and len(identity["signing_public_key"]) == 64


def test_hq_watchlist_reaches_the_post_and_post_check_reaches_hq_search(sites, tmp_path):
    hq, post = sites
    lines = passport("RAKHIMOV", "FA1234567")
    listed = tmp_path / "wanted.csv"
    listed.write_text(
        "surname,given_names,birth_date,nationality,reason\n"
        "RAKHIMOV,ALISHER,1990-03-04,UZB,wanted\n",
        encoding="utf-8",
    )
    hq.ok("volkov", "watchlist", "import", listed, "--kind", "persons")
    to_post = tmp_path / "hq-to-post.bdsync"
    sent = hq.json("volkov", "sync", "export", "--to", "POST-07", "--out", to_post)
    assert sent["records"] >= 1 and to_post.stat().st_mode & 0o077 == 0
    dry = post.json("petrov", "sync", "import", to_post, "--dry-run")
    assert dry["dry_run"] and dry["applied"] >= 1
    got = post.json("petrov", "sync", "import", to_post)
    assert got["applied"] == dry["applied"] and got["parked"] == 0
    again = post.run("petrov", "sync", "import", to_post)
    assert again.returncode == 0 and len(again.stderr.splitlines()) == 1  # replay: harmless
    assert "error" not in again.stderr and "brings nothing new" in again.stderr
    checked = post.json(
        "petrov", "check", "--mrz", *lines, "--decision", "refuse", "--ground", "entry_ban"
    )
    assert checked["verdict"] == "alert", checked
    to_hq = tmp_path / "post-to-hq.bdsync"
    post.ok("petrov", "sync", "export", "--to", "HQ-ORB", "--out", to_hq)
    imported = hq.json("volkov", "sync", "import", to_hq)
    assert imported["applied"] >= 3 and imported["audit_chain_ok"] is True
    hits = hq.json("volkov", "search", "RAKHIMOV")
    assert [h["person_id"] for h in hits] == [checked["person_id"]]
    for site, user in ((hq, "volkov"), (post, "postadmin")):
        assert site.run(user, "audit", "verify").returncode == 0
    status = post.json("petrov", "sync", "status")
    assert status[0]["site"] == "HQ-ORB" and status[0]["sent"] == 1


def test_refusals_are_one_line_and_change_nothing(sites, tmp_path):
    hq, post = sites
    package = tmp_path / "p.bdsync"
    post.ok("petrov", "sync", "export", "--to", "HQ-ORB", "--out", package)
    data = package.read_bytes()
    flipped = tmp_path / "flipped.bdsync"
    flipped.write_bytes(data[:100] + bytes([data[100] ^ 1]) + data[101:])
    cut = tmp_path / "cut.bdsync"
    cut.write_bytes(data[: len(data) // 2])
    for bad, word in ((flipped, "signature"), (cut, "truncated")):
        done = hq.run("volkov", "sync", "import", bad)
        assert done.returncode == 1 and done.stdout == "", done
        (line,) = done.stderr.splitlines()
        assert word in line
    wrong = post.run("petrov", "sync", "import", package)
    assert "not for this site" in wrong.stderr


def paused(site: Site, user: str, stage: str, *args: str | Path) -> None:
    marker = site.folder / f"paused-{stage}"
    marker.unlink(missing_ok=True)
    proc = site.start(
        user,
        *args,
        extra={"BORDERDESK_SYNC_PAUSE_AT": stage, "BORDERDESK_SYNC_PAUSE_FILE": str(marker)},
    )
    try:
        deadline = time.monotonic() + 60
        while not marker.exists():
            assert proc.poll() is None, proc.communicate()
            assert time.monotonic() < deadline
            time.sleep(0.05)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.communicate()


def test_kill_mid_export_and_mid_import(sites, tmp_path):
    hq, post = sites
    post.json("petrov", "check", "--mrz", *passport("TOSHEV", "FA7654321"), "--decision", "admit")
    before = post.json("petrov", "sync", "status")[0]["sent"]
    out = tmp_path / "killed.bdsync"
    paused(post, "petrov", "export-written", "sync", "export", "--to", "HQ-ORB", "--out", out)
    assert not out.exists()
    assert post.json("petrov", "sync", "status")[0]["sent"] == before
    post.ok("petrov", "sync", "export", "--to", "HQ-ORB", "--out", out)
    paused(hq, "volkov", "import", "sync", "import", out)
    assert hq.json("volkov", "search", "TOSHEV") == []
    assert hq.json("volkov", "sync", "import", out)["applied"] >= 2
    assert len(hq.json("volkov", "search", "TOSHEV")) == 1
