"""Checks a journal file passes before any parser sees it (limits in ``resources/journal``).

An XLSX file is a zip archive, and a zip bomb (a few kilobytes that inflate to
gigabytes) would exhaust memory inside the XLSX reader. So the archive's directory
is read first, without inflating anything: the number of members, their declared
uncompressed sizes and each large member's compression ratio must stay within the
limits.
"""

from __future__ import annotations

import tomllib
import zipfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from borderdesk.errors import InputError
from borderdesk.files import regular_file_size
from borderdesk.i18n import _
from borderdesk.paths import resource

LIMITS_FILE = ("journal", "limits.toml")


@dataclass(frozen=True)
class JournalLimits:
    max_file_bytes: int
    max_uncompressed_bytes: int
    max_compression_ratio: float
    ratio_checked_from_bytes: int
    max_members: int
    max_rows: int


@cache
def limits() -> JournalLimits:
    with resource(*LIMITS_FILE).open("rb") as fh:
        data = tomllib.load(fh)
    return JournalLimits(
        max_file_bytes=int(data["max_file_bytes"]),
        max_uncompressed_bytes=int(data["max_uncompressed_bytes"]),
        max_compression_ratio=float(data["max_compression_ratio"]),
        ratio_checked_from_bytes=int(data["ratio_checked_from_bytes"]),
        max_members=int(data["max_members"]),
        max_rows=int(data["max_rows"]),
    )


def _megabytes(size: int) -> str:
    return f"{size / 1048576:.0f}"


def check_file_size(path: Path, rules: JournalLimits | None = None) -> int:
    """The file's size, refused when it is missing or larger than the limit."""
    rules = rules or limits()
    size = regular_file_size(path)  # a FIFO or /dev/zero: refused, never read
    if size > rules.max_file_bytes:
        raise InputError(
            _("{name} is larger than {limit} MB: split the journal into several files.").format(
                name=path.name, limit=_megabytes(rules.max_file_bytes)
            ),
            code="journal_too_large",
        )
    return size


def check_xlsx_archive(path: Path, rules: JournalLimits | None = None) -> None:
    """Refuse an XLSX whose zip directory promises more than the limits allow."""
    rules = rules or limits()
    check_file_size(path, rules)
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise InputError(
            _("{name} is not an XLSX workbook (not a zip archive).").format(name=path.name),
            code="journal_not_xlsx",
        ) from None
    if len(members) > rules.max_members:
        raise InputError(
            _("{name} holds {count} parts; a workbook has at most {limit}.").format(
                name=path.name, count=len(members), limit=rules.max_members
            ),
            code="journal_zip_bomb",
        )
    total = sum(m.file_size for m in members)
    if total > rules.max_uncompressed_bytes:
        raise InputError(
            _("{name} unpacks to {size} MB, more than {limit} MB: refused as unsafe.").format(
                name=path.name,
                size=_megabytes(total),
                limit=_megabytes(rules.max_uncompressed_bytes),
            ),
            code="journal_zip_bomb",
        )
    for member in members:
        if member.file_size < rules.ratio_checked_from_bytes:
            continue
        ratio = member.file_size / max(member.compress_size, 1)
        if ratio > rules.max_compression_ratio:
            raise InputError(
                _(
                    "{name}: the part {part} is compressed {ratio:.0f} times "
                    "(at most {limit:.0f}): refused as unsafe."
                ).format(
                    name=path.name,
                    part=member.filename,
                    ratio=ratio,
                    limit=rules.max_compression_ratio,
                ),
                code="journal_zip_bomb",
            )
