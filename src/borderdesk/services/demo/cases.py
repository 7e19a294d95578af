"""Synthetic readmission cases at every stage for the demo database.

Proportions come from ``resources/demo/cases.toml`` (after ``figures.md``): incoming
requests from EU member states, apprehensions on the Kazakh border, outgoing
applications to Kazakhstan and Uzbekistan; accepted, refused, pending (some past
their time limit), transferred and closed. Every case is built with the same domain
rules as a real one (agreement, category, procedure, due dates) and written in
batches like the demo persons; unanswered EU requests past their reply date then
become deemed accepted through ``apply_silence``, as they would in use.
"""

from __future__ import annotations

import random
import tomllib
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from typing import Any

from sqlmodel import col, select

from borderdesk.domain.agreements import AgreementBook, explain
from borderdesk.domain.case_schedule import CaseFacts, case_schedule
from borderdesk.domain.case_workflow import accelerated_allowed
from borderdesk.domain.clock import new_id
from borderdesk.domain.countries import stateless_codes
from borderdesk.domain.reference import load_agreements
from borderdesk.errors import BorderDeskError
from borderdesk.paths import resource
from borderdesk.services.access.permissions import SYSTEM_ACTOR
from borderdesk.services.cases.silence import apply_silence
from borderdesk.services.demo.actors import demo_system_actor
from borderdesk.services.demo.moments import build_moment, not_after
from borderdesk.store import bulk
from borderdesk.store.database import Database
from borderdesk.store.tables import CaseEvent, CaseEvidence, Person, ReadmissionCase
from borderdesk.store.tracking import append_audit

BATCH = 500
CENTRAL_ASIA = ("KAZ", "UZB", "TJK", "KGZ")


@cache
def demo_case_settings() -> dict[str, Any]:
    return tomllib.loads(resource("demo", "cases.toml").read_text(encoding="utf-8"))


def _pick(rng: random.Random, weights: dict[str, Any]) -> str:
    keys = [k for k, v in weights.items() if isinstance(v, int | float) and v > 0]
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


@dataclass
class _Spec:
    """One case being made up: its facts, status and the events that led there."""

    kind: str
    person_id: uuid.UUID
    requesting: str
    requested: str
    agreement: str
    category: str
    covered: bool
    coverage_code: str
    procedure: str
    start: date
    author: str
    facts_known_on: date | None = None
    received_on: date | None = None
    submitted_on: date | None = None
    status: str = "registered"
    decision: str | None = None
    decided_on: date | None = None
    transferred_on: date | None = None
    closed_on: date | None = None
    reason: str = ""
    events: list[tuple[date, str, str | None, str | None, str]] = field(default_factory=list)
    evidence: list[tuple[str, str, str, str]] = field(default_factory=list)

    def step(self, day: date, to: str, kind: str = "status", note: str = "") -> None:
        self.events.append((day, kind, self.status, to, note))
        self.status = to


class _People:
    """Persons of the database grouped by nationality (a bounded, deterministic sample)."""

    def __init__(self, db: Database, wanted: int, book: AgreementBook, today: date) -> None:
        with db.read() as session:
            rows = session.exec(
                select(Person.id, Person.nationality)
                .where(Person.deleted == False)  # noqa: E712
                .order_by(col(Person.id))
                .limit(max(2000, wanted * 8))
            ).all()
        self.by_nationality: dict[str, list[uuid.UUID]] = {}
        for pid, nationality in rows:
            self.by_nationality.setdefault(nationality, []).append(pid)
        self.eu = {n for n in self.by_nationality if book.is_eu_member(n, today)}

    def pick(
        self, rng: random.Random, group: str, exclude: tuple[str, ...] = ()
    ) -> tuple[uuid.UUID, str] | None:
        if group == "third_country":
            pool = [
                n
                for n in self.by_nationality
                if n not in ("RUS", *CENTRAL_ASIA, *exclude)
                and n not in self.eu
                and not n.startswith("XX")
            ] or [n for n in self.by_nationality if n not in ("RUS", *exclude) and n not in self.eu]
        else:
            pool = [group] if group in self.by_nationality else []
        pool = [n for n in pool if self.by_nationality.get(n)]
        if not pool:
            return None
        nationality = rng.choice(sorted(pool))
        return rng.choice(self.by_nationality[nationality]), nationality


def _day_at(day: date, rng: random.Random) -> datetime:
    return datetime.combine(day, time(rng.randint(3, 12), rng.randint(0, 59)), tzinfo=UTC)


def _make_spec(
    rng: random.Random, people: _People, book: AgreementBook, today: date
) -> _Spec | None:
    cfg = demo_case_settings()
    kind = _pick(rng, cfg["kinds"])
    if kind == "incoming":
        requesting, requested = _pick(rng, cfg["incoming_states"]), "RUS"
        found = people.pick(rng, _pick(rng, cfg["incoming_nationalities"]))
        partner, author = requesting, "centre"
    elif kind == "apprehension":
        requesting, requested = "RUS", "KAZ"
        found = people.pick(rng, _pick(rng, cfg["apprehension_nationalities"]))
        partner, author = requested, "officer"
    else:
        requesting, requested = "RUS", _pick(rng, cfg["outgoing_states"])
        group = "UZB" if requested == "UZB" else rng.choice(("KAZ", "UZB", "TJK", "third_country"))
        found = people.pick(rng, group)
        partner, author = requested, "centre"
    if found is None:
        return None
    person_id, nationality = found
    stateless = nationality in stateless_codes()
    outcome = _pick(rng, cfg["outcomes"])
    stages = cfg["stages"]
    transfer = outcome == "accepted" and rng.random() < float(stages["transferred_of_accepted"])
    history = int(cfg["history_days"])
    if outcome == "pending" and rng.random() >= float(cfg["stale_pending_share"]):
        start = today - timedelta(days=rng.randint(0, 20))
    elif outcome == "pending":
        start = today - timedelta(days=rng.randint(40, history))
    elif outcome == "accepted" and not transfer:
        # Waiting for the transfer: mostly within its 90 days, a few past them.
        start = today - timedelta(days=rng.randint(30, 100 if rng.random() < 0.85 else history))
    else:
        start = today - timedelta(days=rng.randint(30, history))
    try:
        answer = explain(
            book,
            partner=partner,
            nationality=None if stateless else nationality,
            stateless=stateless,
            on=start,
        )
    except BorderDeskError:
        return None
    if answer.agreement is None or not answer.applies or answer.category is None:
        return None
    agreement = book.get(answer.agreement)
    accelerated = (
        kind == "apprehension"
        and accelerated_allowed(agreement, kind)
        and rng.random() < float(cfg["stages"]["accelerated_share"])
    )
    spec = _Spec(
        kind=kind,
        person_id=person_id,
        requesting=requesting,
        requested=requested,
        agreement=agreement.id,
        category=answer.category,
        covered=answer.applies,
        coverage_code=answer.reason_code,
        procedure="accelerated" if accelerated else "normal",
        start=start,
        author=author,
    )
    _walk(spec, rng, outcome, transfer, today)
    _add_evidence(spec, rng, agreement.evidence is not None, nationality)
    return spec


def _walk(spec: _Spec, rng: random.Random, outcome: str, transfer: bool, today: date) -> None:
    """Take the case through the workflow, stopping where the outcome (or today) says."""
    cfg = demo_case_settings()["stages"]
    fast = spec.procedure == "accelerated"
    spec.events.append((spec.start, "opened", None, "registered", ""))
    if spec.kind == "incoming":
        spec.received_on = spec.start
        spec.facts_known_on = spec.start - timedelta(days=rng.randint(5, 90))
        reply_start: date = spec.start
        if outcome == "pending" and rng.random() < 0.3:
            return
        spec.step(min(today, spec.start + timedelta(days=rng.randint(0, 1))), "under_examination")
    else:
        spec.facts_known_on = spec.start
        if spec.kind == "outgoing":
            spec.facts_known_on = spec.start - timedelta(days=rng.randint(5, 60))
            spec.submitted_on = spec.start
        else:
            spec.submitted_on = spec.start + timedelta(days=rng.randint(0, 1 if fast else 20))
        if spec.submitted_on > today or (outcome == "pending" and rng.random() < 0.2):
            spec.submitted_on = None
            return
        reply_start = spec.submitted_on
        spec.step(spec.submitted_on, "under_examination")
    if outcome == "pending":
        return
    if outcome == "withdrawn":
        day = reply_start + timedelta(days=rng.randint(1, 20))
        if day <= today:
            spec.step(day, "withdrawn", note="Заявление отозвано запрашивающей стороной")
            spec.closed_on = day
        return
    decided = reply_start + timedelta(days=rng.randint(1 if fast else 2, 2 if fast else 24))
    if decided > today:
        return
    spec.decision, spec.decided_on = (
        ("accepted", decided)
        if outcome == "accepted"
        else (
            "refused",
            decided,
        )
    )
    if outcome == "refused":
        spec.reason = rng.choice(
            (
                "Гражданство не подтверждено / Nationality not established",
                "Транзит не доказан / Transit not proven",
                "Лицо не установлено по учётам / Person not found in the records",
            )
        )
    spec.step(decided, spec.decision, kind="decision", note=spec.reason)
    if outcome == "refused":
        closed = decided + timedelta(days=rng.randint(1, 20))
        if rng.random() < float(cfg["closed_of_refused"]) and closed <= today:
            spec.step(closed, "closed")
            spec.closed_on = closed
        return
    if transfer:
        transferred = decided + timedelta(days=rng.randint(3, 80))
        if transferred <= today:
            spec.step(transferred - timedelta(days=rng.randint(1, 3)), "transfer_scheduled")
            spec.step(transferred, "transferred")
            spec.transferred_on = transferred
            closed = transferred + timedelta(days=rng.randint(0, 10))
            if rng.random() < float(cfg["closed_of_transferred"]) and closed <= today:
                spec.step(closed, "closed")
                spec.closed_on = closed
            return
    if rng.random() < float(cfg["scheduled_of_untransferred"]):
        scheduled = decided + timedelta(days=rng.randint(1, 30))
        if scheduled <= today:
            spec.step(scheduled, "transfer_scheduled")


def _add_evidence(spec: _Spec, rng: random.Random, listed: bool, nationality: str) -> None:
    if not listed or rng.random() < 0.3:
        return
    if nationality == "RUS":
        spec.evidence.append(
            ("nationality", "proof", "passport of any kind, even expired", "Копия паспорта")
        )
        if rng.random() < 0.4:
            spec.evidence.append(
                ("nationality", "presumption", "statement by the person", "Объяснение лица")
            )
    else:
        spec.evidence.append(
            (
                "transit",
                "proof",
                "entry/departure stamp or visa of the requested state in the travel document",
                "Отметка о въезде в паспорте",
            )
        )


def _case_row(
    spec: _Spec, number: str, book: AgreementBook, rng: random.Random, ceiling: datetime
) -> dict[str, Any]:
    facts = CaseFacts(
        kind=spec.kind,
        status=spec.status,
        agreement_id=spec.agreement,
        procedure=spec.procedure,
        requesting_state=spec.requesting,
        requested_state=spec.requested,
        facts_known_on=spec.facts_known_on,
        received_on=spec.received_on,
        submitted_on=spec.submitted_on,
        decision=spec.decision,
        decided_on=spec.decided_on,
        replied_on=spec.decided_on,
        transferred_on=spec.transferred_on,
    )
    schedule = case_schedule(book, facts)
    created = not_after(_day_at(spec.start, rng), ceiling)
    return {
        "id": new_id(),
        "created_at": created,
        "updated_at": created,
        "case_number": number,
        "kind": spec.kind,
        "status": spec.status,
        "person_id": spec.person_id,
        "category": spec.category,
        "requesting_state": spec.requesting,
        "requested_state": spec.requested,
        "agreement_id": spec.agreement,
        "procedure": spec.procedure,
        "covered": spec.covered,
        "coverage_code": spec.coverage_code,
        "facts_known_on": spec.facts_known_on,
        "received_on": spec.received_on,
        "submitted_on": spec.submitted_on,
        "application_due": schedule.application_due,
        "reply_due": schedule.reply_due,
        "extended_reply_due": schedule.extended_reply_due,
        "replied_on": spec.decided_on,
        "decision": spec.decision,
        "decision_reason": spec.reason,
        "decided_on": spec.decided_on,
        "transfer_due": schedule.transfer_due,
        "transferred_on": spec.transferred_on,
        "closed_on": spec.closed_on,
        "next_step": schedule.next.step if schedule.next else None,
        "next_due": schedule.next.due if schedule.next else None,
        "escort_needed": spec.kind != "incoming" and rng.random() < 0.5,
    }


def add_demo_cases(db: Database, seed: int, today: date, count: int) -> int:
    """Add about ``count`` cases over the persons already in ``db``; returns how many."""
    if count <= 0:
        return 0
    rng = random.Random(seed)
    ceiling = build_moment()  # no case or event later than now
    book = load_agreements()
    people = _People(db, count, book, today)
    specs: list[_Spec] = []
    attempts = 0
    while len(specs) < count and attempts < count * 20:
        attempts += 1
        spec = _make_spec(rng, people, book, today)
        if spec is not None:
            specs.append(spec)
    specs.sort(key=lambda s: s.start)
    site = db.site_code or ""
    counters: dict[int, int] = {}
    with db.read() as session:
        for number in session.exec(
            select(ReadmissionCase.case_number).where(
                col(ReadmissionCase.case_number).startswith(f"{site}-RA-")
            )
        ):
            year, seq = number.rsplit("-", 2)[-2:]
            if year.isdigit() and seq.isdigit():
                counters[int(year)] = max(counters.get(int(year), 0), int(seq))
    for first in range(0, len(specs), BATCH):
        batch = specs[first : first + BATCH]
        cases, events, evidence = [], [], []
        for spec in batch:
            counters[spec.start.year] = counters.get(spec.start.year, 0) + 1
            number = f"{site}-RA-{spec.start.year}-{counters[spec.start.year]:04d}"
            row = _case_row(spec, number, book, rng, ceiling)
            cases.append(row)
            for index, (day, kind, from_status, to_status, note) in enumerate(spec.events):
                # Office hours, in the order the steps were taken.
                at = datetime.combine(day, time(4), tzinfo=UTC) + timedelta(
                    minutes=index * 20 + rng.randint(0, 19)
                )
                # None after now, still in order (a second apart at the latest).
                at = min(at, ceiling - timedelta(seconds=len(spec.events) - index))
                events.append(
                    {
                        "case_id": row["id"],
                        "at": at,
                        "created_at": at,
                        "updated_at": at,
                        "effective_on": day,
                        "author": spec.author,
                        "kind": kind,
                        "note": note,
                        "from_status": from_status,
                        "to_status": to_status,
                    }
                )
            for subject, kind, evidence_type, description in spec.evidence:
                evidence.append(
                    {
                        "case_id": row["id"],
                        "subject": subject,
                        "kind": kind,
                        "evidence_type": evidence_type,
                        "description": description,
                        "created_at": row["created_at"],
                        "updated_at": row["created_at"],
                    }
                )
        with db.write(actor=SYSTEM_ACTOR) as session:
            bulk.insert_records(session, ReadmissionCase, cases)
            bulk.insert_records(session, CaseEvent, events)
            bulk.insert_records(session, CaseEvidence, evidence)
            append_audit(
                session,
                actor=SYSTEM_ACTOR,
                site=site,
                action="demo.cases",
                changes={"cases": len(cases), "seed": seed, "from": first},
            )
    apply_silence(db, actor=demo_system_actor(db), today=today)
    return len(specs)
