"""A process killed half-way through an import leaves the database as it was."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from sync_sites import HQ, add_person, export, import_, synced_rows

IMPORT_SCRIPT = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from borderdesk.domain.clock import utc_now
    from borderdesk.store.database import Database
    from borderdesk.sync import packages

    db = Database.open(path=Path(sys.argv[1]))
    data = Path(sys.argv[2]).read_bytes()
    with db.write(actor="admin", replaying=True) as session:
        packages.import_package(session, data, me=db.site_code, now=utc_now())
    """
)


def run_until_paused(args: list[str], tmp_path: Path, stage: str) -> None:
    marker = tmp_path / f"paused-{stage}"
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(sys.path),
        "BORDERDESK_SYNC_PAUSE_AT": stage,
        "BORDERDESK_SYNC_PAUSE_FILE": str(marker),
    }
    proc = subprocess.Popen([sys.executable, "-c", IMPORT_SCRIPT, *args], env=env)
    try:
        deadline = time.monotonic() + 60
        while not marker.exists():
            assert proc.poll() is None, "the import ended before its pause point"
            assert time.monotonic() < deadline, "the import never reached its pause point"
            time.sleep(0.05)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()


def test_kill_during_import_applies_nothing_and_a_retry_applies_all(hq, post, tmp_path):
    for n in range(20):
        add_person(post, f"PERSON{n:02d}")
    package = tmp_path / "to-hq.bdsync"
    package.write_bytes(export(post, HQ))
    before = synced_rows(hq)
    run_until_paused([str(tmp_path / f"{HQ}.sqlite3"), str(package)], tmp_path, "import")
    assert synced_rows(hq) == before
    report = import_(hq, package.read_bytes())
    assert report.applied >= 40
    assert len(synced_rows(hq)["person"]) == 20
