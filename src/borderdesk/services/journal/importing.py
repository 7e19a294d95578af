"""Importing a legacy journal: every good row a person and an incoming case, atomically.

One transaction for the whole journal, written in batches as the rows are read (so
a 200 000-row journal needs no more memory than a batch): without ``partial`` a
journal with any refused row is rolled back whole, and so is a dry run or a
cancelled import. A row already imported at this site (same identity, see
``journal.JournalRow.identity``) with the same content is left as it is; with other
content its case is brought up to date, unless the case was changed in BorderDesk
since the import.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlmodel import Session, col, select

from borderdesk.domain.reference import load_agreements
from borderdesk.errors import BorderDeskError
from borderdesk.i18n import _
from borderdesk.journal import (
    Duplicate,
    JournalLayout,
    JournalRow,
    Progress,
    RefusedCell,
    RefusedRow,
    open_reader,
)
from borderdesk.journal.report import write_report
from borderdesk.services.access.permissions import Actor, Permission, require
from borderdesk.services.journal.cases import (
    CaseNumbers,
    DueDates,
    IdSupply,
    case_fields,
    content_hash,
    coverage_checker,
    coverage_refusal,
    journal_note,
    timeline,
)
from borderdesk.services.journal.people import (
    PersonFinder,
    given_names_of,
    possible_match_remark,
)
from borderdesk.services.journal.results import JournalImport
from borderdesk.services.site.sites import site_today
from borderdesk.store import bulk
from borderdesk.store.database import Database
from borderdesk.store.tables import CaseEvent, JournalEntry, Person, ReadmissionCase
from borderdesk.store.tracking import append_audit

BATCH_ROWS = 2000
_TIMELINE_KINDS = ("opened", "status", "decision")


class ImportCancelled(BorderDeskError):
    """The user cancelled the import: nothing was imported."""


class _Discard(Exception):
    """Roll the transaction back: a dry run, or refused rows without ``partial``."""


class _Importer:
    """Writes the good rows of one journal, batch by batch, inside one transaction."""

    def __init__(
        self, session: Session, *, site: str, file_name: str, author: str, layout: JournalLayout
    ) -> None:
        self.session = session
        self.site = site
        self.file_name = file_name
        self.author = author
        self.state_column = layout.letter("requesting_state")
        self.surname_column = layout.letter("surname")
        self.number_column = layout.letter("no") if "no" in layout.positions else ""
        self.book = load_agreements()
        self.coverage = coverage_checker(self.book)
        self.due = DueDates(self.book)
        self.ids = IdSupply()
        self.people = PersonFinder(session, self.ids)
        self.numbers = CaseNumbers(session, site)

    def add(self, batch: list[JournalRow], result: JournalImport) -> None:
        if not batch:
            return
        existing = {
            entry.identity: entry
            for entry in self.session.exec(
                select(JournalEntry).where(
                    JournalEntry.site_code == self.site,
                    col(JournalEntry.identity).in_([r.identity for r in batch]),
                    JournalEntry.deleted == False,  # noqa: E712
                )
            )
        }
        self.people.preload(batch)
        cases: list[dict[str, Any]] = []
        events: list[dict[str, Any]] = []
        entries: list[dict[str, Any]] = []
        for row in batch:
            digest = content_hash(row)
            entry = existing.get(row.identity)
            if entry is not None and entry.content_hash == digest:
                result.unchanged += 1
                continue
            answer = self.coverage(row)
            refusal = coverage_refusal(row, answer, self.state_column)
            if refusal is not None:
                result.refused.append(refusal)
                continue
            if entry is not None:
                self._update(entry, row, digest, answer, result, events)
                continue
            choice = self.people.choose(row)
            person_id = choice.person_id
            result.persons_created += choice.created
            if choice.possible is not None:
                result.remarks.append(self._remark(row, possible_match_remark(choice)))
            case = case_fields(
                row,
                answer,
                person_id=person_id,
                file_name=self.file_name,
                book=self.book,
                due=self.due,
            )
            case_id = case["id"] = self.ids.next()
            case["case_number"] = self.numbers.next(row.received_on.year)
            cases.append(case)
            events.extend(timeline(row, case_id=case_id, author=self.author, note=self._note(row)))
            entries.append(self._entry(row, digest, case_id, person_id, version=1))
            result.imported += 1
        bulk.insert_records(self.session, Person, self.people.take_new())
        bulk.insert_records(self.session, ReadmissionCase, cases)
        bulk.insert_records(self.session, CaseEvent, events)
        bulk.insert_records(self.session, JournalEntry, entries)

    def _remark(self, row: JournalRow, text: str) -> RefusedCell:
        """A remark on a row that was imported (what the import decided, for the clerk)."""
        return RefusedCell(row.row, self.surname_column, "surname", row.surname, text)

    def _note(self, row: JournalRow) -> str:
        return journal_note(self.file_name, row)

    def _entry(
        self, row: JournalRow, digest: str, case_id: uuid.UUID, person_id: uuid.UUID, version: int
    ) -> dict[str, Any]:
        return {
            "site_code": self.site,
            "identity": row.identity,
            "register_no": row.register_no,
            "case_id": case_id,
            "person_id": person_id,
            "file_name": self.file_name[:255],
            "row_number": row.row,
            "content_hash": digest,
            "case_version": version,
        }

    def _person_of_update(self, entry: JournalEntry, row: JournalRow) -> uuid.UUID:
        """The person already linked, while the row still names them; else meet anew."""
        person = self.session.get(Person, entry.person_id)
        if person is not None and not person.deleted:
            birth = row.birth_date
            same = (
                person.surname == row.surname
                and person.given_names == given_names_of(row)
                and person.nationality == row.nationality
                and (person.birth_year, person.birth_month, person.birth_day)
                == ((birth.year, birth.month, birth.day) if birth else (None, None, None))
            )
            if same:
                return person.id
        person_id, created = self.people.person_for(row)
        if created:  # the case refers to it: insert it before the case is flushed
            bulk.insert_records(self.session, Person, self.people.take_new())
        return person_id

    def _update(
        self,
        entry: JournalEntry,
        row: JournalRow,
        digest: str,
        answer: Any,
        result: JournalImport,
        events: list[dict[str, Any]],
    ) -> None:
        case = self.session.get(ReadmissionCase, entry.case_id)
        if case is None or case.deleted or case.version != entry.case_version:
            number = case.case_number if case is not None else ""
            result.refused.append(
                RefusedCell(
                    row.row,
                    "",
                    "",
                    row.register_no,
                    _(
                        "case {number} was changed in BorderDesk since the journal was "
                        "imported: correct it there"
                    ).format(number=number),
                )
            )
            return
        received = case.received_on
        if (
            row.number_year is None
            and received is not None
            and (received.year != row.received_on.year)
        ):
            # Most likely No. 15 of next year's register, not a correction of this one.
            result.refused.append(
                RefusedCell(
                    row.row,
                    self.number_column,
                    "no",
                    row.register_no,
                    _(
                        "No. {number} was imported with a date of receipt in {year} (case "
                        "{case}): if the register starts its numbering again every year, "
                        "import it with yearly numbering"
                    ).format(number=row.register_no, year=received.year, case=case.case_number),
                )
            )
            return
        person_id = self._person_of_update(entry, row)
        fields = case_fields(
            row,
            answer,
            person_id=person_id,
            file_name=self.file_name,
            book=self.book,
            due=self.due,
        )
        fields.pop("case_number", None)
        for name, value in fields.items():
            setattr(case, name, value)
        self.session.add(case)
        for event in self.session.exec(
            select(CaseEvent).where(
                CaseEvent.case_id == case.id,
                col(CaseEvent.kind).in_(_TIMELINE_KINDS),
                CaseEvent.deleted == False,  # noqa: E712
            )
        ):
            event.deleted = True  # the journal's timeline is recorded again below
            self.session.add(event)
        events.extend(timeline(row, case_id=case.id, author=self.author, note=self._note(row)))
        self.session.flush()
        for name, value in self._entry(row, digest, case.id, person_id, case.version).items():
            setattr(entry, name, value)
        self.session.add(entry)
        result.updated += 1


def import_journal(
    db: Database,
    *,
    actor: Actor,
    path: Path | str,
    sheet: str | None = None,
    dry_run: bool = False,
    partial: bool = False,
    yearly_numbers: bool = False,
    report: Path | str | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> JournalImport:
    """Import a journal file (``docs/journal.md``); the counts and every refused cell.

    ``yearly_numbers``: the register restarts its numbering every year, so a row is
    known by its number and the year it was received in (No. 15 of 2019 and No. 15 of
    2020 are two requests).
    """
    require(actor, Permission.import_journal)
    path = Path(path)
    result = JournalImport(file=path.name, dry_run=dry_run)
    duplicates: list[Duplicate] = []
    reader = open_reader(path, sheet=sheet, today=site_today(db), yearly_numbers=yearly_numbers)
    layout = reader.layout
    try:
        with reader, db.write(actor=actor.username) as session:
            importer = _Importer(
                session,
                site=db.site_code or "",
                file_name=path.name,
                author=actor.username,
                layout=layout,
            )
            batch: list[JournalRow] = []
            for item in reader.items(progress):
                if cancelled is not None and cancelled():
                    raise ImportCancelled(
                        _("The import was cancelled: nothing was imported."), code="cancelled"
                    )
                result.rows += 1
                if isinstance(item, JournalRow):
                    batch.append(item)
                    if len(batch) >= BATCH_ROWS:
                        importer.add(batch, result)
                        batch = []
                elif isinstance(item, RefusedRow):
                    result.refused.extend(item.cells)
                else:
                    duplicates.append(item)
            importer.add(batch, result)
            result.duplicates = len(duplicates)
            result.duplicate_rows = duplicates
            result.refused.sort(key=lambda cell: cell.row)
            if dry_run or (result.refused and not partial):
                raise _Discard
            append_audit(
                session,
                actor=actor.username,
                site=db.site_code or "",
                action="journal.import",
                table_name=JournalEntry.__tablename__,
                changes={
                    "file": path.name,
                    "imported": result.imported,
                    "updated": result.updated,
                    "refused": result.refused_rows,
                },
            )
            result.written = True
    except _Discard:
        pass
    result.duplicate_rows = duplicates
    if report is not None:
        _write_report(path, Path(report), sheet=sheet, layout=layout, outcome=result)
    return result


def _write_report(
    path: Path, report: Path, *, sheet: str | None, layout: JournalLayout, outcome: JournalImport
) -> None:
    write_report(
        path,
        report,
        sheet=sheet,
        layout=layout,
        refused=outcome.refused,
        duplicates=outcome.duplicate_rows,
        remarks=outcome.remarks,
    )
    outcome.report = str(report)


def save_journal_report(
    *,
    actor: Actor,
    path: Path | str,
    outcome: JournalImport,
    report: Path | str,
    sheet: str | None = None,
) -> JournalImport:
    """Write the copy with reasons (``--report``) of an import or a dry run already run on
    ``path``: what the GUI's Save report button does. Reads the journal, writes no record."""
    require(actor, Permission.import_journal)
    path = Path(path)
    with open_reader(path, sheet=sheet) as reader:
        layout = reader.layout
    _write_report(path, Path(report), sheet=sheet, layout=layout, outcome=outcome)
    return outcome


__all__ = ["ImportCancelled", "import_journal", "save_journal_report"]
