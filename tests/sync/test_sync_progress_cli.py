"""Export and import draw a progress bar for a person at a terminal, and none for a
script (``--json``, or output that is not a terminal). Fresh processes, one on a pty."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

from sync_sites import HQ, POST, add_person

from helpers import ADMIN_PASSWORD


def run(db, tmp_path: Path, *args: str | Path, terminal: bool) -> str:
    env = {
        **os.environ,
        "BORDERDESK_DB": str(db.path),
        "BORDERDESK_USER": "admin",
        "BORDERDESK_PASSWORD": ADMIN_PASSWORD,
        "BORDERDESK_LANG": "en",
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "COLUMNS": "100",
    }
    command = [sys.executable, "-m", "borderdesk", *map(str, args)]
    if not terminal:
        done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)
        assert done.returncode == 0, done.stderr
        return done.stdout + done.stderr
    main, child = pty.openpty()
    proc = subprocess.Popen(command, stdin=child, stdout=child, stderr=child, env=env)
    os.close(child)
    chunks = []
    while True:
        try:
            chunk = os.read(main, 4096)
        except OSError:  # the child closed its end
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(main)
    assert proc.wait(timeout=120) == 0, b"".join(chunks)
    return b"".join(chunks).decode(errors="replace")


def test_a_bar_at_a_terminal_none_for_scripts(hq, post, tmp_path):
    add_person(post, "KARIMOV")
    package = tmp_path / "p1.bdsync"
    shown = run(post, tmp_path, "sync", "export", "--to", HQ, "--out", package, terminal=True)
    assert "Exporting" in shown and "100%" in shown
    assert "Package 1 for HQ-ORB" in shown
    shown = run(hq, tmp_path, "sync", "import", package, terminal=True)
    assert "Importing" in shown and "100%" in shown
    add_person(post, "RAKHIMOV")
    piped = run(post, tmp_path, "sync", "export", "--to", HQ, "--out", tmp_path / "p2.bdsync",
                terminal=False)  # fmt: skip
    assert "Exporting" not in piped and "Package 2 for HQ-ORB" in piped
    as_json = run(hq, tmp_path, "sync", "export", "--to", POST, "--out", tmp_path / "b.bdsync",
                  "--json", terminal=True)  # fmt: skip
    assert "Exporting" not in as_json and '"records"' in as_json
