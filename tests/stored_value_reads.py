"""The read commands every bad stored value must survive (the hostile probe's 9999-12-31
and year 1, the unreadable-date texts): one list, so both probes read the same pages.

``{stay}``, ``{transfer}``, ``{case}`` and ``{tmp}`` are filled in by the test. The
release comes last in each probe: it writes (and must still work on such a row)."""

from __future__ import annotations

READS: list[tuple[str, list[str]]] = [
    ("centre", ["centre", "list"]),
    ("centre", ["centre", "rooms"]),
    ("centre", ["centre", "show", "{stay}"]),
    ("centre", ["form", "intake", "{stay}", "--out", "{tmp}/intake.pdf"]),
    ("centre", ["transfer", "list"]),
    ("centre", ["form", "handover", "{transfer}", "--out", "{tmp}/handover.pdf"]),
    ("supervisor", ["case", "list"]),
    ("supervisor", ["case", "show", "{case}"]),
    ("supervisor", ["form", "application", "{case}", "--out", "{tmp}/application.pdf"]),
    ("supervisor", ["report", "monthly", "--month", "2026-11", "--out", "{tmp}/return.pdf"]),
    ("officer", ["search", "IVANOV"]),
    ("officer", ["check", "list"]),
]
SYNC_STATUS = ("admin", ["sync", "status"])
RELEASE = ("centre", ["centre", "release", "{stay}", "--reason", "released", "--all-returned"])
