"""``borderdesk demo --network DIR`` in fresh processes: four sites that trust each
other, packages in DIR/outbox that HQ imports at once, and an audit log that verifies."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path


def run(*args: str | Path, user: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "BORDERDESK_LANG": "en", "BORDERDESK_PASSWORD": "demo"}
    env.pop("BORDERDESK_DB", None)
    env.pop("BORDERDESK_DATABASE_URL", None)
    if user:
        env["BORDERDESK_USER"] = user
    done = subprocess.run(
        [sys.executable, "-m", "borderdesk", *map(str, args)],
        capture_output=True, text=True, env=env, timeout=600,
    )  # fmt: skip
    assert "Traceback" not in done.stderr, done.stderr
    return done


def test_the_network_is_built_and_hq_imports_a_post_package(tmp_path):
    folder = tmp_path / "network"
    built = run("demo", "--network", folder, "--persons", "40")
    assert built.returncode == 0, built.stderr
    for name in ("hq", "post-07", "post-09", "centre"):
        assert f"borderdesk --db {folder / (name + '.sqlite3')}" in built.stdout
    packages = sorted(p.name for p in (folder / "outbox").glob("*.bdsync"))
    assert len(packages) == 6 and "POST-07-to-HQ-ORB" in " ".join(packages)

    hq = folder / "hq.sqlite3"
    peers = json.loads(run("--db", hq, "sync", "peer", "list", "--json", user="admin").stdout)
    assert {p["site"] for p in peers} == {"POST-07", "POST-09", "CENTRE-ORB"}
    (package,) = (folder / "outbox").glob("POST-07-to-HQ-ORB-*.bdsync")
    imported = run("--db", hq, "sync", "import", package, "--json", user="supervisor")
    assert imported.returncode == 0, imported.stderr
    result = json.loads(imported.stdout)
    assert result["sender"] == "POST-07" and result["applied"] > 20
    assert result["conflicts"] == 0 and result["audit_chain_ok"] is True
    verified = run("--db", hq, "audit", "verify", user="supervisor")
    assert verified.returncode == 0, verified.stderr

    again = run("demo", "--network", folder)  # built once: reported, not rebuilt
    assert again.returncode == 0 and "existing demo network" in again.stdout
    refused = run("--db", tmp_path / "x.sqlite3", "demo", "--network", folder)
    assert refused.returncode != 0 and len(refused.stderr.strip().splitlines()) == 1
