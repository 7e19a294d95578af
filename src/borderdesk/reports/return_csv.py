"""The monthly return as CSV and as JSON: one row per figure (``indicator``,
``breakdown``, ``value``, ``previous``), rendered from the computed table."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any, BinaryIO

from borderdesk.domain.returns.table import CSV_COLUMNS, MonthlyReturn, Value
from borderdesk.files import write_private_file


def csv_value(value: Value) -> str:
    """Empty for "not defined" (a share of nothing); integers without a decimal point."""
    if value is None:
        return ""
    return str(value)


def return_csv_text(ret: MonthlyReturn) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for figure in ret.figures:
        # Every cell is a code or a number we made: nothing a spreadsheet would run.
        writer.writerow(
            [
                figure.indicator,
                figure.breakdown,
                csv_value(figure.value),
                csv_value(figure.previous),
            ]
        )
    return buffer.getvalue()


def write_return_csv(ret: MonthlyReturn, out: Path | str | BinaryIO) -> None:
    data = return_csv_text(ret).encode("utf-8")
    if isinstance(out, Path | str):
        write_private_file(out, data)
    else:
        out.write(data)


def return_json(ret: MonthlyReturn) -> dict[str, Any]:
    """The ``--json`` document: the scope of the return, then one row per figure."""
    return {
        "month": str(ret.month),
        "previous_month": str(ret.previous_month),
        "as_of": ret.as_of.isoformat(),
        "sites": [
            {
                "code": s.code,
                "name": s.name,
                "timezone": s.timezone,
                "synced": s.synced,
                "newest_package": s.newest_package.isoformat() if s.newest_package else None,
            }
            for s in ret.sites
        ],
        "digest": ret.digest(),
        "figures": ret.rows(),
    }
