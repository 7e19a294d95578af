"""A pause point for the fault tests: kill -9 half-way through an import or export.

Set ``BORDERDESK_SYNC_PAUSE_AT`` to ``import`` or ``export`` and
``BORDERDESK_SYNC_PAUSE_FILE`` to a path: at that point, inside the open transaction,
the process creates the file and waits to be killed. Unset, this does nothing.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

PAUSE_AT = "BORDERDESK_SYNC_PAUSE_AT"
PAUSE_FILE = "BORDERDESK_SYNC_PAUSE_FILE"


def pause_point(stage: str) -> None:
    if os.environ.get(PAUSE_AT) != stage or not os.environ.get(PAUSE_FILE):
        return
    Path(os.environ[PAUSE_FILE]).write_text(str(os.getpid()))
    time.sleep(120)  # the test kills the process long before this ends
