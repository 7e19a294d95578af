"""``sync export``, ``sync import`` and ``sync status`` in fresh processes with HQ on
PostgreSQL (BORDERDESK_DATABASE_URL) and a post on SQLite. Where
BORDERDESK_TEST_PG_URL is set these run, never skip: an unreachable server fails."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

PASSWORD = "Tundra-Compass-47-Lantern"  # the fresh processes apply the real policy
DEFAULT_SERVER = "postgresql://postgres@127.0.0.1:5432/postgres"


@pytest.fixture
def hq_database_url():
    """A database of this test's own on the server, dropped afterwards."""
    try:
        import psycopg
    except ImportError:
        psycopg = None
    required = os.environ.get("BORDERDESK_TEST_PG_URL")
    server = required or DEFAULT_SERVER
    try:
        if psycopg is None:
            raise RuntimeError("psycopg is not installed")
        with psycopg.connect(server, connect_timeout=3, autocommit=True) as conn:
            name = f"borderdesk_syncmerge_cli_{uuid.uuid4().hex[:10]}"
            conn.execute(f'CREATE DATABASE "{name}"')
    except Exception as exc:
        if required:
            pytest.fail(f"BORDERDESK_TEST_PG_URL is set but PostgreSQL does not answer: {exc}")
        pytest.skip("no PostgreSQL server")
    yield make_url(server).set(database=name).render_as_string(hide_password=False)
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class Site:
    def __init__(self, folder: Path, code: str, *, url: str | None = None) -> None:
        self.folder, self.code = folder, code
        folder.mkdir()
        self.where = (
            {"BORDERDESK_DATABASE_URL": url}
            if url
            else {"BORDERDESK_DB": str(folder / "site.sqlite3")}
        )

    def run(self, *args: str | Path, user: str = "admin") -> subprocess.CompletedProcess:
        env = {k: v for k, v in os.environ.items() if k not in ("BORDERDESK_DB",)}
        env.pop("BORDERDESK_DATABASE_URL", None)
        env.update(
            self.where,
            BORDERDESK_USER=user,
            BORDERDESK_PASSWORD=PASSWORD,
            BORDERDESK_LANG="en",
            XDG_STATE_HOME=str(self.folder / "state"),
            XDG_CACHE_HOME=str(self.folder / "cache"),
        )
        done = subprocess.run(
            [sys.executable, "-m", "borderdesk", *map(str, args)],
            capture_output=True, text=True, env=env, timeout=180,
        )  # fmt: skip
        assert "Traceback" not in done.stderr, done.stderr
        return done

    def ok(self, *args: str | Path) -> str:
        done = self.run(*args)
        assert done.returncode == 0, done.stderr
        return done.stdout

    def json(self, *args: str | Path):
        return json.loads(self.ok(*args, "--json"))

    def init(self, kind: str) -> None:
        secret = self.folder / "pw"
        secret.write_text(PASSWORD)
        self.ok(
            "init", "--site-code", self.code, "--site-name", self.code, "--kind", kind,
            "--admin-user", "admin", "--admin-password-file", secret,
        )  # fmt: skip
        self.ok("sync", "identity", "--out", self.folder / "identity.json")


def test_export_import_and_status_with_hq_on_postgresql(hq_database_url, tmp_path):
    hq = Site(tmp_path / "hq", "HQ-ORB", url=hq_database_url)
    post = Site(tmp_path / "post", "POST-07")
    hq.init("hq")
    post.init("post")
    assert "POST-07" in hq.ok("sync", "peer", "add", post.folder / "identity.json")
    post.ok("sync", "peer", "add", hq.folder / "identity.json")

    listed = tmp_path / "wanted.csv"
    listed.write_text(
        "surname,given_names,birth_date,nationality,reason\n"
        "RAKHIMOV,ALISHER,1990-03-04,UZB,wanted\n",
        encoding="utf-8",
    )
    hq.ok("watchlist", "import", listed, "--kind", "persons")
    to_post = tmp_path / "hq-to-post.bdsync"
    sent = hq.json("sync", "export", "--to", "POST-07", "--out", to_post)
    assert sent["records"] >= 1
    got = post.json("sync", "import", to_post)
    assert got["applied"] >= 1 and got["parked"] == 0

    own = tmp_path / "post-wanted.csv"  # something of the post's own for HQ
    own.write_text(
        "surname,given_names,birth_date,nationality,reason\n"
        "KARIMOV,BAKHTIYOR,1988-11-02,TJK,wanted\n",
        encoding="utf-8",
    )
    post.ok("watchlist", "import", own, "--kind", "persons")
    to_hq = tmp_path / "post-to-hq.bdsync"
    post.ok("sync", "export", "--to", "HQ-ORB", "--out", to_hq)
    dry = hq.json("sync", "import", to_hq, "--dry-run")
    assert dry["dry_run"] and dry["applied"] >= 1
    imported = hq.json("sync", "import", to_hq)
    assert imported["applied"] == dry["applied"] and imported["audit_chain_ok"] is True
    again = hq.run("sync", "import", to_hq)  # a replay changes nothing, one line
    assert again.returncode == 0 and len(again.stderr.strip().splitlines()) <= 1

    (at_hq,) = hq.json("sync", "status")
    assert at_hq["site"] == "POST-07" and at_hq["sent"] == 1 and at_hq["acknowledged"] == 1
    (at_post,) = post.json("sync", "status")
    assert at_post["site"] == "HQ-ORB" and at_post["sent"] == 1
    assert hq.run("audit", "verify").returncode == 0
    assert post.run("audit", "verify").returncode == 0
