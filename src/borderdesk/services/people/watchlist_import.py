"""Importing a watchlist file: CSV, checked row by row, all or nothing unless partial.

Columns (``docs/watchlists.md``): documents ``issuing_state, number, reason, source,
valid_until``; persons ``surname, given_names, birth_date, nationality, reason,
source, valid_until, category`` (``wanted``, the default, or ``entry_ban``). A row
whose key is already listed (documents: issuing state and number; persons: name key,
date of birth and nationality) updates that entry instead of adding one.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlmodel import Session, col, func, select

from borderdesk.domain import countries
from borderdesk.domain.date_windows import date_window_problem
from borderdesk.domain.names import full_name_key, search_key
from borderdesk.domain.partial_date import PartialDate
from borderdesk.domain.safe_text import shown_in_message, stripped_name
from borderdesk.errors import InputError
from borderdesk.files import read_user_text
from borderdesk.i18n import _
from borderdesk.services.access.permissions import Actor, Permission, require
from borderdesk.store import bulk
from borderdesk.store.database import Database
from borderdesk.store.limits import column_limit, too_long_error
from borderdesk.store.tables import AuditEntry, WatchlistDocument, WatchlistPerson
from borderdesk.store.tracking import append_audit

DOCUMENTS, PERSONS = "documents", "persons"
COLUMNS = {
    DOCUMENTS: ("issuing_state", "number", "reason", "source", "valid_until"),
    PERSONS: (
        "surname",
        "given_names",
        "birth_date",
        "nationality",
        "reason",
        "source",
        "valid_until",
        "category",
    ),
}
# Persons lists: a wanted person, or one whose entry into Russia is not permitted.
CATEGORIES = ("wanted", "entry_ban")
REQUIRED = {DOCUMENTS: ("issuing_state", "number", "reason"), PERSONS: ("surname", "reason")}
_NUMBER = re.compile(r"^[A-Z0-9]{1,20}$")
_DOTTED = re.compile(r"^(\d{1,2}|\?\?|XX)\.(\d{1,2}|\?\?|XX)\.(\d{4})$")


@dataclass(frozen=True)
class RejectedRow:
    line: int
    message: str

    def to_json(self) -> dict[str, Any]:
        return {"line": self.line, "message": self.message}


@dataclass(frozen=True)
class WatchlistImport:
    kind: str
    rows: int
    added: int
    updated: int
    unchanged: int
    rejected: tuple[RejectedRow, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "rows": self.rows,
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rejected": [r.to_json() for r in self.rejected],
        }


# ---------------------------------------------------------------------- reading CSV


def _state(value: str, column: str, *, required: bool) -> str:
    code = countries.normalise(value) if value else ""
    if not code:
        if required:
            raise ValueError(_("{column} is empty").format(column=column))
        return ""
    if not countries.is_known(code):
        raise ValueError(
            _("{column}: unknown state code '{code}'").format(
                column=column, code=shown_in_message(value)
            )
        )
    return code


def _valid_until(value: str) -> date | None:
    if not value:
        return None
    match = _DOTTED.match(value)
    try:
        if match and "?" not in value and "X" not in value:
            day, month, year = match.groups()
            return date(int(year), int(month), int(day))
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(
            _("valid_until: expected YYYY-MM-DD or DD.MM.YYYY, got '{value}'").format(
                value=shown_in_message(value)
            )
        ) from None


def parse_birth_date(value: str) -> PartialDate | None:
    """``1980-05-17``, ``1980-05``, ``1980``, ``1980-??-??``, ``17.05.1980``, ``XX.05.1980``."""
    value = value.strip().upper().replace("XX", "??")
    if not value:
        return None
    match = _DOTTED.match(value)
    if match:
        day, month, year = match.groups()
        value = f"{year}-{month.zfill(2)}-{day.zfill(2)}"
    try:
        birth = PartialDate.parse(value)
    except ValueError:
        raise ValueError(
            _("birth_date: expected YYYY-MM-DD (?? for unknown parts), got '{value}'").format(
                value=shown_in_message(value)
            )
        ) from None
    problem = date_window_problem("birth_date", birth.earliest(), today=date.today())
    if problem is not None:
        raise ValueError(problem)
    return birth


def _document_row(cells: dict[str, str]) -> dict[str, Any]:
    number = re.sub(r"[\s<-]", "", cells["number"].upper())
    if not _NUMBER.match(number):
        raise ValueError(
            _("number: expected 1-20 Latin letters and digits, got '{value}'").format(
                value=shown_in_message(cells["number"])
            )
        )
    return {
        "issuing_state": _state(cells["issuing_state"], "issuing_state", required=True),
        "number": number,
        "reason": _fit(WatchlistDocument, "reason", cells["reason"]),
        "source": _fit(WatchlistDocument, "source", cells.get("source", "")),
        "valid_until": _valid_until(cells.get("valid_until", "")),
    }


def _fit(model: type[WatchlistDocument] | type[WatchlistPerson], field: str, value: str) -> str:
    """The cell unchanged when it fits its column; a rejected row (never cut) otherwise."""
    limit = column_limit(model, field)
    if limit is not None and len(value) > limit:
        raise ValueError(too_long_error(field, limit, len(value)).message)
    return value


def _person_row(cells: dict[str, str]) -> dict[str, Any]:
    # Names are kept without direction overrides or control characters, as scan names are.
    surname = stripped_name(cells["surname"])
    given = stripped_name(cells.get("given_names", ""))
    key = full_name_key(surname, given)
    if not search_key(surname):
        raise ValueError(
            _("surname: no letters in '{value}'").format(value=shown_in_message(surname))
        )
    birth = parse_birth_date(cells.get("birth_date", ""))
    return {
        "surname": _fit(WatchlistPerson, "surname", surname),
        "given_names": _fit(WatchlistPerson, "given_names", given),
        "name_key": key[:200],
        "birth_year": birth.year if birth else None,
        "birth_month": birth.month if birth else None,
        "birth_day": birth.day if birth else None,
        "nationality": _state(cells.get("nationality", ""), "nationality", required=False),
        "reason": _fit(WatchlistPerson, "reason", cells["reason"]),
        "source": _fit(WatchlistPerson, "source", cells.get("source", "")),
        "valid_until": _valid_until(cells.get("valid_until", "")),
        "category": _category(cells.get("category", "")),
    }


def _category(value: str) -> str:
    value = value.strip().lower() or CATEGORIES[0]
    if value not in CATEGORIES:
        raise ValueError(
            _("category: expected {choices}, got '{value}'").format(
                choices=" or ".join(CATEGORIES), value=shown_in_message(value)
            )
        )
    return value


def _header(fields: list[str], kind: str) -> list[str]:
    names = [f.strip().lower().lstrip("\ufeff") for f in fields]
    unknown = [n for n in names if n not in COLUMNS[kind]]
    if unknown:
        raise InputError(
            _("Line 1: unknown column '{column}'; the columns are: {columns}.").format(
                column=shown_in_message(unknown[0]), columns=", ".join(COLUMNS[kind])
            )
        )
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise InputError(
            _("Line 1: the column '{column}' is named twice.").format(
                column=shown_in_message(twice[0])
            ),
            code="duplicate_column",
        )
    missing = [c for c in REQUIRED[kind] if c not in names]
    if missing:
        raise InputError(
            _("Line 1: the column '{column}' is missing.").format(
                column=shown_in_message(missing[0])
            )
        )
    return names


def read_rows(text: str, kind: str) -> tuple[list[tuple[int, dict[str, Any]]], list[RejectedRow]]:
    """Check every row of a CSV text; (good rows with their line numbers, rejected rows)."""
    if kind not in COLUMNS:
        raise InputError(
            _("Unknown watchlist '{kind}': use documents or persons.").format(
                kind=shown_in_message(kind)
            )
        )
    text = text.lstrip("\ufeff")
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return _check_rows(reader, kind)
    except csv.Error:  # a field over the csv module's limit (128 KiB), a NUL byte
        raise InputError(
            _("Line {line}: not readable as CSV (a field too long, or a stray quote).").format(
                line=reader.line_num
            ),
            code="bad_csv",
        ) from None


def _check_rows(
    reader: Any, kind: str
) -> tuple[list[tuple[int, dict[str, Any]]], list[RejectedRow]]:
    try:
        names = _header(next(reader), kind)
    except StopIteration:
        raise InputError(_("The file is empty.")) from None
    convert: Callable[[dict[str, str]], dict[str, Any]] = (
        _document_row if kind == DOCUMENTS else _person_row
    )
    good: list[tuple[int, dict[str, Any]]] = []
    rejected: list[RejectedRow] = []
    for cells in reader:
        line = reader.line_num
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(names):
            rejected.append(
                RejectedRow(
                    line,
                    _("{found} fields instead of {expected}").format(
                        found=len(cells), expected=len(names)
                    ),
                )
            )
            continue
        row = {name: value.strip() for name, value in zip(names, cells, strict=True)}
        missing = [c for c in REQUIRED[kind] if not row.get(c)]
        try:
            if missing:
                raise ValueError(_("{column} is empty").format(column=missing[0]))
            good.append((line, convert(row)))
        except ValueError as exc:
            rejected.append(RejectedRow(line, str(exc)))
    return good, rejected


# ----------------------------------------------------------------------- importing


def _entry_key(kind: str, row: dict[str, Any]) -> tuple[Any, ...]:
    if kind == DOCUMENTS:
        return (row["issuing_state"], row["number"])
    return (
        row["name_key"],
        row["birth_year"],
        row["birth_month"],
        row["birth_day"],
        row["nationality"],
    )


_UPDATABLE = {
    DOCUMENTS: ("reason", "source", "valid_until"),
    PERSONS: ("reason", "source", "valid_until", "category"),
}


def import_csv(
    db: Database, *, actor: Actor, path: Path, kind: str, partial: bool = False
) -> WatchlistImport:
    """Import a watchlist file (UTF-8, comma or semicolon separated, header row first)."""
    require(actor, Permission.manage_watchlists)
    text = read_user_text(path, kind="watchlist")
    good, rejected = read_rows(text, kind)
    if rejected and not partial:
        first = rejected[0]
        more = len(rejected) - 1
        message = _("{path}, line {line}: {problem}.").format(
            path=Path(path).name, line=first.line, problem=first.message
        )
        if more:
            message += " " + _("{n} more bad row(s). Nothing was imported.").format(n=more)
        else:
            message += " " + _("Nothing was imported.")
        raise InputError(message, code="watchlist_bad_row")
    model = WatchlistDocument if kind == DOCUMENTS else WatchlistPerson
    added = updated = unchanged = 0
    with db.write(actor=actor.username) as session:
        existing = {_entry_key(kind, e.model_dump()): e for e in _entries(session, model)}
        new_rows: dict[tuple[Any, ...], dict[str, Any]] = {}
        for _line, row in good:
            key = _entry_key(kind, row)
            entry = existing.get(key)
            if entry is None:
                new_rows[key] = row  # a later row with the same key wins
                continue
            if all(getattr(entry, f) == row[f] for f in _UPDATABLE[kind]):
                unchanged += 1
                continue
            for f in _UPDATABLE[kind]:
                setattr(entry, f, row[f])
            session.add(entry)
            updated += 1
        added = bulk.insert_records(session, model, new_rows.values())
        append_audit(
            session,
            actor=actor.username,
            site=db.site_code or "",
            action="watchlist.import",
            table_name=model.__tablename__,
            changes={"file": Path(path).name, "added": added, "updated": updated},
        )
    return WatchlistImport(
        kind, len(good) + len(rejected), added, updated, unchanged, tuple(rejected)
    )


def _entries(session: Session, model: type[Any]) -> Iterator[Any]:
    return iter(session.exec(select(model).where(model.deleted == False)))  # noqa: E712


@dataclass(frozen=True)
class ImportRecord:
    """One past import of a watchlist file, as the audit log recorded it."""

    at: datetime
    actor: str
    kind: str
    file: str
    added: int
    updated: int


@dataclass(frozen=True)
class WatchlistsSummary:
    documents: int
    persons: int
    imports: tuple[ImportRecord, ...]


def watchlists_summary(db: Database, *, actor: Actor) -> WatchlistsSummary:
    """How many entries each list holds and when files came in (newest first)."""
    require(actor, Permission.manage_watchlists)
    kinds = {WatchlistDocument.__tablename__: DOCUMENTS, WatchlistPerson.__tablename__: PERSONS}
    with db.read() as session:
        documents = session.exec(select(func.count()).select_from(WatchlistDocument)).one()
        persons = session.exec(select(func.count()).select_from(WatchlistPerson)).one()
        entries = session.exec(
            select(AuditEntry)
            .where(AuditEntry.action == "watchlist.import")
            .order_by(col(AuditEntry.seq).desc())
        ).all()
    imports = []
    for entry in entries:
        try:
            changes = json.loads(entry.changes) if isinstance(entry.changes, str) else entry.changes
        except ValueError:
            changes = {}
        changes = changes if isinstance(changes, dict) else {}
        imports.append(
            ImportRecord(
                at=entry.at,
                actor=entry.actor,
                kind=kinds.get(entry.table_name or "", entry.table_name or ""),
                file=str(changes.get("file", "")),
                added=_count(changes.get("added")),
                updated=_count(changes.get("updated")),
            )
        )
    return WatchlistsSummary(int(documents), int(persons), tuple(imports))


def _count(value: object) -> int:
    return value if isinstance(value, int) else 0
