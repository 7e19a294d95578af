"""Journal tests read files only: no database. Messages are checked in English."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from borderdesk import i18n

sys.path.insert(0, str(Path(__file__).parent))  # journal_samples


@pytest.fixture
def english():
    i18n.set_language("en")
