"""Write text that is not a date into every date and time column, as a hand edit would.

Shared by the CLI and GUI probes of unreadable stored dates (tests/cli, tests/ui).
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

# What a careless editor or another program leaves in a date column.
GARBAGE: tuple[object, ...] = ("yesterday", "", "2024-13-45", 12345, "31.12.2024")
# The audit log refuses edits (triggers): it keeps its own dates.
SPARED = ("audit_entry",)


def date_columns(con: sqlite3.Connection) -> list[tuple[str, str]]:
    rows = con.execute(
        "select m.name, p.name from sqlite_master m, pragma_table_info(m.name) p"
        " where m.type = 'table' and (p.type like 'DATE%')"
    ).fetchall()
    return [(table, column) for table, column in rows if table not in SPARED]


def poison_dates(db: Path, *, shift: int = 0, where: dict[str, str] | None = None) -> int:
    """Each date column of every row gets a garbage value (rotating through ``GARBAGE``,
    starting ``shift`` along); ``where`` limits a table to some rows. Returns the columns."""
    where = where or {}
    # Closed at once: the last connection folds the WAL into the file, which may be copied.
    with closing(sqlite3.connect(db)) as con, con:
        columns = date_columns(con)
        for index, (table, column) in enumerate(columns):
            value = GARBAGE[(index + shift) % len(GARBAGE)]
            condition = where.get(table, "1")
            con.execute(f'update "{table}" set "{column}" = ? where {condition}', (value,))
    return len(columns)
