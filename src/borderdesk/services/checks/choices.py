"""The words a check is recorded with, and how many checks a listing shows.

Apart from the checking machinery: the command line's options list them in --help
without loading the assessment (MRZ, watchlists, regimes) or the tables.
"""

from __future__ import annotations

DIRECTIONS = ("entry", "exit")
DECISIONS = ("admit", "refuse", "detain")
RECENT_LIMIT = 50
