"""Hand-built months for the monthly return: records written straight into the store
tables (inside ``db.write``), each with only the fields the counting rules read."""

from __future__ import annotations

import itertools
import json
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from sqlmodel import Session, select

from borderdesk.domain.returns import MonthlyReturn, ReturnMonth, ReturnSite
from borderdesk.reports.monthly_return import compute_monthly_return
from borderdesk.store.database import Database
from borderdesk.store.tables import (
    Bed,
    CentreStay,
    DocumentCheck,
    Person,
    ReadmissionCase,
    Room,
    Site,
    Transfer,
)

_numbers = itertools.count(1)
SITE = "POST-07"
TZ = "Asia/Yekaterinburg"  # UTC+5 all year


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


@dataclass
class Month:
    """Writes records for a hand-built month through one session."""

    session: Session
    site: str = SITE
    person: uuid.UUID = field(init=False)
    bed: uuid.UUID = field(init=False)

    def __post_init__(self) -> None:
        self.person = self.new_person()
        self.bed = self.new_bed()

    def new_person(self, nationality: str = "AFG") -> uuid.UUID:
        person = Person(surname="TEST", nationality=nationality, origin_site=self.site)
        self.session.add(person)
        self.session.flush()
        return person.id

    def new_bed(self) -> uuid.UUID:
        room = Room(code=f"R{next(_numbers)}", origin_site=self.site)
        self.session.add(room)
        self.session.flush()
        bed = Bed(room_id=room.id, label="1", origin_site=self.site)
        self.session.add(bed)
        self.session.flush()
        return bed.id

    def check(
        self,
        at: datetime,
        *,
        direction: str = "entry",
        decision: str | None = "admit",
        watchlist: bool = False,
        corrects: uuid.UUID | None = None,
    ) -> uuid.UUID:
        findings = [{"code": "stay_days", "params": {}, "severity": "info", "source": "regime"}]
        if watchlist:
            findings.append(
                {
                    "code": "watchlist_document",
                    "params": {},
                    "severity": "critical",
                    "source": "watchlist",
                }
            )
        row = DocumentCheck(
            site=self.site,
            origin_site=self.site,
            officer="officer",
            checked_at=at,
            direction=direction,
            person_id=self.person,
            findings=json.dumps(findings, sort_keys=True, separators=(",", ":")),
            verdict="alert" if watchlist else "clear",
            decision=decision,
            corrects_id=corrects,
            protocol_number=f"{self.site}-CH-{next(_numbers)}",
            content_digest="0" * 64,
        )
        self.session.add(row)
        self.session.flush()
        return row.id

    def case(self, kind: str = "incoming", **facts: object) -> uuid.UUID:
        values: dict[str, object] = {
            "requesting_state": "DEU" if kind == "incoming" else "RUS",
            "requested_state": "RUS" if kind == "incoming" else "KAZ",
            "agreement_id": "EU-RU" if kind == "incoming" else "RU-KZ",
            "status": "under_examination",
        }
        values.update(facts)
        row = ReadmissionCase(
            case_number=f"{self.site}-RA-{next(_numbers)}",
            kind=kind,
            person_id=self.person,
            origin_site=self.site,
            **values,  # type: ignore[arg-type]
        )
        self.session.add(row)
        self.session.flush()
        return row.id

    def stay(
        self,
        arrived_at: datetime,
        ended_at: datetime | None = None,
        *,
        status: str | None = None,
        basis: str = "readmission",
        nationality: str = "AFG",
    ) -> uuid.UUID:
        row = CentreStay(
            stay_number=f"{self.site}-ST-{next(_numbers)}",
            person_id=self.new_person(nationality),
            origin_site=self.site,
            arrived_at=arrived_at,
            ended_at=ended_at,
            bed_id=self.new_bed(),
            legal_basis=basis,
            status=status or ("in" if ended_at is None else "released"),
        )
        self.session.add(row)
        self.session.flush()
        return row.id

    def transfer(
        self,
        destination: str,
        planned: date,
        *,
        status: str = "planned",
        completed_at: datetime | None = None,
        cancelled_at: datetime | None = None,
    ) -> uuid.UUID:
        stay = self.stay(utc(2026, 1, 5, 8), status="transferred", ended_at=completed_at)
        row = Transfer(
            transfer_number=f"{self.site}-TR-{next(_numbers)}",
            stay_id=stay,
            destination=destination,
            planned_date=planned,
            status=status,
            completed_at=completed_at,
            cancelled_at=cancelled_at,
            origin_site=self.site,
        )
        self.session.add(row)
        self.session.flush()
        return row.id


def add_site(session: Session, code: str, timezone: str, kind: str = "post") -> None:
    session.add(
        Site(code=code, name=f"Site {code}", kind=kind, timezone=timezone, origin_site=code)
    )
    session.flush()


def compute(
    db: Database,
    month: str,
    *,
    sites: tuple[tuple[str, str], ...] = ((SITE, TZ),),
    as_of: date | None = None,
) -> MonthlyReturn:
    m = ReturnMonth.parse(month)
    covered = tuple(ReturnSite(code, f"Site {code}", tz) for code, tz in sites)
    with db.read() as session:
        assert session.exec(select(Site)).first() is not None
        return compute_monthly_return(
            session,
            month=m,
            sites=covered,
            compiled_by=covered[0],
            as_of=as_of or m.last_day,
            compiled_at=utc(2026, 4, 2, 9),
        )


def value(ret: MonthlyReturn, code: str, breakdown: str = "") -> object:
    return ret.figure(code, breakdown).value


def previous(ret: MonthlyReturn, code: str, breakdown: str = "") -> object:
    return ret.figure(code, breakdown).previous
