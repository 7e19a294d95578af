"""A journal row as an incoming readmission case with its timeline, the way the workflow
records one: the same statuses, event kinds and case columns as ``services.cases``
(``open_case`` then ``decide`` then the transfer steps), dated when each step happened.

The timeline of a row: ``opened`` (registered) on the day of receipt; on the day of
the decision ``status`` (to under examination) and ``decision`` (accepted or
refused, with ``decided_on`` and ``replied_on``); on the day of transfer ``status``
to transfer scheduled and to transferred (``transferred_on``). The monthly returns
count exactly these columns.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import uuid
from bisect import bisect_right
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from functools import lru_cache
from types import SimpleNamespace
from typing import Any

from sqlmodel import Session, select

from borderdesk.domain.agreements import HOME_STATE, AgreementBook, explain
from borderdesk.domain.case_schedule import WAITING_FOR_REPLY, WAITING_FOR_TRANSFER, CaseFacts
from borderdesk.domain.clock import new_ids, utc_now
from borderdesk.i18n import _
from borderdesk.journal import ACCEPTED, REFUSED, JournalRow, RefusedCell
from borderdesk.services.cases import refresh_due_dates
from borderdesk.store.tables import ReadmissionCase

DUE_DATE_FIELDS = (
    "application_due",
    "reply_due",
    "extended_reply_due",
    "transfer_due",
    "next_step",
    "next_due",
)
# explain() answers that mean no agreement applies between the two states at all.
_NO_AGREEMENT = frozenset({"no_agreement", "not_member_state", "not_applicable", "not_in_force"})


class CaseNumbers:
    """The next case numbers per year (``SITE-RA-YEAR-NNNN``), as ``open_case`` numbers them."""

    def __init__(self, session: Session, site: str) -> None:
        self.session = session
        self.site = site
        self.last: dict[int, int] = {}

    def next(self, year: int) -> str:
        prefix = f"{self.site}-RA-{year}-"
        if year not in self.last:
            numbers = self.session.exec(
                select(ReadmissionCase.case_number).where(
                    ReadmissionCase.case_number.startswith(prefix)
                )
            ).all()
            self.last[year] = max(
                (int(n[len(prefix) :]) for n in numbers if n[len(prefix) :].isdigit()), default=0
            )
        self.last[year] += 1
        return f"{prefix}{self.last[year]:04d}"


class IdSupply:
    """New record ids drawn a few thousand at a time (``new_ids``), handed out one by one."""

    def __init__(self, draw: int = 4096) -> None:
        self.draw = draw
        self.ids: Iterator[uuid.UUID] = iter(())

    def next(self) -> uuid.UUID:
        try:
            return next(self.ids)
        except StopIteration:
            self.ids = iter(new_ids(self.draw))
            return next(self.ids)


def content_hash(row: JournalRow) -> str:
    """SHA-256 of the row's typed content: equal for rows saying the same thing."""
    plain = [str(v) if v is not None else None for v in row.content()]
    return hashlib.sha256(json.dumps(plain, ensure_ascii=False).encode()).hexdigest()


def book_dates(value: Any) -> list[date]:
    """Every date the agreement book holds (in force, membership, coverage periods)."""
    found: set[date] = set()
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, date):
            found.add(item)
        elif dataclasses.is_dataclass(item) and not isinstance(item, type):
            stack.extend(getattr(item, f.name) for f in dataclasses.fields(item))
        elif isinstance(item, tuple | list | frozenset | set):
            stack.extend(item)
        elif isinstance(item, dict):
            stack.extend(item.values())
    return sorted(found)


def coverage_checker(book: AgreementBook) -> Callable[[JournalRow], Any]:
    """Which agreement obliges Russia to answer this request, cached per requesting state,
    nationality and period of the book.

    ``explain`` compares the day only with dates the book holds, so two days between the
    same two of them (each date and the day after it bound a period, for ``<`` and ``<=``
    alike) get the same answer but for the day spelt in its reason: a journal of
    3 000 days and 40 states asks ``explain`` a few hundred times, not once per row. A
    refusal is explained again for its own day (:func:`coverage_refusal` quotes it).
    """
    points = sorted({d for day in book_dates(book) for d in (day, day + timedelta(days=1))})

    @lru_cache(maxsize=4096)
    def answer(requesting: str, nationality: str, period: int, on: date) -> Any:
        stateless = nationality == "XXA"
        return explain(
            book,
            partner=requesting,
            nationality=None if stateless else nationality,
            stateless=stateless,
            on=on,
        )

    periods: dict[tuple[str, str, int], Any] = {}

    def check(row: JournalRow) -> Any:
        period = bisect_right(points, row.received_on)
        key = (row.requesting_state, row.nationality, period)
        found = periods.get(key)
        if found is None:
            found = periods[key] = answer(*key, row.received_on)
        refused = found.agreement is None or found.reason_code in _NO_AGREEMENT
        if refused or found.requested_party != HOME_STATE:
            return answer(*key, row.received_on)  # the reason quotes this row's day
        return found

    return check


def coverage_refusal(row: JournalRow, answer: Any, column: str) -> RefusedCell | None:
    """The reason no incoming case can be opened for this row, or None."""
    if answer.agreement is None or answer.reason_code in _NO_AGREEMENT:
        reason = str(answer.reason)
    elif answer.requested_party != HOME_STATE:
        reason = _(
            "No agreement on file obliges {requested} to take people back at the request "
            "of {requesting}."
        ).format(requested=HOME_STATE, requesting=row.requesting_state)
    else:
        return None
    return RefusedCell(row.row, column, "requesting_state", row.requesting_state, reason)


def journal_note(file_name: str, row: JournalRow) -> str:
    """What each imported case and event says of its source."""
    if row.register_no:
        return _("Journal {file}, row {row}, No. {number}").format(
            file=file_name, row=row.row, number=row.register_no
        )
    return _("Journal {file}, row {row}").format(file=file_name, row=row.row)


def case_fields(
    row: JournalRow,
    answer: Any,
    *,
    person_id: uuid.UUID,
    file_name: str,
    book: AgreementBook,
    due: DueDates | None = None,
) -> dict[str, Any]:
    """The case's columns (due dates computed as ``open_case`` does, by ``due``)."""
    status = "registered"
    if row.decision is not None:
        status = row.decision
    if row.transferred_on is not None:
        status = "transferred"
    notes = [journal_note(file_name, row)]
    if row.document:
        notes.append(_("Document: {document}").format(document=row.document))
    if row.note:
        notes.append(row.note)
    fields: dict[str, Any] = {
        "kind": "incoming",
        "status": status,
        "person_id": person_id,
        "category": answer.category,
        "requesting_state": row.requesting_state,
        "requested_state": HOME_STATE,
        "agreement_id": answer.agreement,
        "procedure": "normal",
        "covered": answer.applies,
        "coverage_code": answer.reason_code,
        "facts_known_on": None,
        "submitted_on": None,
        "extension_requested": False,
        "received_on": row.received_on,
        "decision": row.decision,
        "decision_reason": (row.note or _("as recorded in the journal"))
        if row.decision == REFUSED
        else "",
        "decided_on": row.decided_on,
        "replied_on": row.decided_on,
        "transferred_on": row.transferred_on,
        "notes": "\n".join(notes)[:4000],
    }
    fields.update((due or DueDates(book)).of(fields))
    return fields


def _due_fields(fields: dict[str, Any], book: AgreementBook) -> dict[str, Any]:
    """The very code open_case and decide use for the due dates, on the plain fields (an
    ORM object per row would cost more than the whole insert)."""
    draft = SimpleNamespace(**{**dict.fromkeys(_FACTS), **fields})
    refresh_due_dates(draft, book)  # type: ignore[arg-type]
    return {name: getattr(draft, name) for name in DUE_DATE_FIELDS}


# What case_schedule reads of a case (services.cases.queries.facts_of).
_FACTS = tuple(field.name for field in dataclasses.fields(CaseFacts))
# The facts the reply's (and the application's) time limit is counted from.
_REPLY_FACTS = tuple(
    name
    for name in _FACTS
    if name not in ("decision", "decided_on", "replied_on", "transferred_on", "status")
)
_TRANSFER_FACTS = ("kind", "agreement_id", "procedure", "requesting_state", "requested_state")


class DueDates:
    """``refresh_due_dates``' answer for a journal's cases, each time limit counted once
    per agreement and day it runs from, not once per row.

    A case's stored due dates are its reply's (counted from the day of receipt) and its
    transfer's (from the day of acceptance); ``next_*`` names the one its status waits
    on. Each part is the schedule of the same facts with only what that part is
    counted from (a test compares every combination with ``refresh_due_dates``).
    """

    def __init__(self, book: AgreementBook) -> None:
        self.book = book
        self.reply: dict[tuple[Any, ...], dict[str, Any]] = {}
        self.transfer: dict[tuple[Any, ...], dict[str, Any]] = {}

    def of(self, fields: dict[str, Any]) -> dict[str, Any]:
        waiting_reply = fields["status"] in WAITING_FOR_REPLY
        key = (*(fields.get(name) for name in _REPLY_FACTS), waiting_reply)
        reply = self.reply.get(key)
        if reply is None:
            reply_facts = {name: fields.get(name) for name in _REPLY_FACTS}
            status = "registered" if waiting_reply else "closed"
            reply = self.reply[key] = _due_fields({**reply_facts, "status": status}, self.book)
        answer = dict(reply)
        if fields.get("decision") == ACCEPTED:
            key = (*(fields.get(name) for name in _TRANSFER_FACTS), fields.get("decided_on"))
            transfer = self.transfer.get(key)
            if transfer is None:
                transfer_facts = {name: fields.get(name) for name in _TRANSFER_FACTS}
                transfer = self.transfer[key] = _due_fields(
                    {
                        **transfer_facts,
                        "status": ACCEPTED,
                        "decision": ACCEPTED,
                        "decided_on": fields.get("decided_on"),
                    },
                    self.book,
                )
            answer["transfer_due"] = transfer["transfer_due"]
            if fields["status"] in WAITING_FOR_TRANSFER:
                answer["next_step"] = transfer["next_step"]
                answer["next_due"] = transfer["next_due"]
        return answer


def timeline(
    row: JournalRow, *, case_id: uuid.UUID, author: str, note: str
) -> list[dict[str, Any]]:
    """The case's events, each at the day it happened (``store.bulk`` gives their ids)."""
    now = utc_now()

    def event(kind: str, on: date, source: str | None, target: str, text: str = "") -> dict:
        return {
            "case_id": case_id,
            "at": now,
            "effective_on": on,
            "author": author,
            "kind": kind,
            "note": (text or note)[:4000],
            "from_status": source,
            "to_status": target,
        }

    events = [event("opened", row.received_on, None, "registered")]
    if row.decision is not None and row.decided_on is not None:
        reason = row.note if row.decision == REFUSED and row.note else ""
        events.append(event("status", row.decided_on, "registered", "under_examination"))
        events.append(event("decision", row.decided_on, "under_examination", row.decision, reason))
    if row.decision == ACCEPTED and row.transferred_on is not None:
        events.append(event("status", row.transferred_on, ACCEPTED, "transfer_scheduled"))
        events.append(event("status", row.transferred_on, "transfer_scheduled", "transferred"))
    return events
