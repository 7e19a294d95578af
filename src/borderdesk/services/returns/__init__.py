"""The monthly return: computed for supervisors and administrators, written as PDF, CSV
or XLSX. The package's public face: the rest of BorderDesk imports from here."""

from __future__ import annotations

from borderdesk.reports.return_csv import return_json
from borderdesk.services.returns.monthly import (
    FORMATS,
    check_return_path,
    marked_return,
    monthly_return,
    render_return,
    return_sites,
    write_monthly_return,
    write_return_file,
)

__all__ = [
    "FORMATS",
    "check_return_path",
    "marked_return",
    "monthly_return",
    "render_return",
    "return_json",
    "return_sites",
    "write_monthly_return",
    "write_return_file",
]
