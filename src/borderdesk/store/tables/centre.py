"""The readmission centre: rooms and beds, stays, belongings, onward transfers.

"A bed holds one person" and "a person is in the centre once" are database
constraints (partial unique indexes over active stays), so two intakes racing for
the last bed cannot both win, whatever the services check before writing; and as
every resident holds a bed, the centre can never hold more people than beds.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import JSON, Column, Index, UniqueConstraint, text
from sqlmodel import Field, SQLModel

# The tables their foreign keys point to: loaded with them (store.tables loads lazily).
import borderdesk.store.tables.people  # noqa: F401
from borderdesk.store.records import SyncRecord
from borderdesk.store.types import UTCDateTime


class StayStatus(StrEnum):
    in_centre = "in"
    released = "released"
    transferred = "transferred"


class TransferStatus(StrEnum):
    planned = "planned"
    completed = "completed"
    cancelled = "cancelled"


ACTIVE_STAY = "status = 'in' AND NOT deleted"
PLANNED_TRANSFER = "status = 'planned' AND NOT deleted"


# --------------------------------------------------------------------------- rooms


class RoomBase(SQLModel):
    code: str = Field(max_length=16)
    name: str = Field(default="", max_length=120)
    # Comma-separated room kinds: men, women, families, minors.
    suitable_for: str = Field(default="", max_length=64)
    sort_order: int = Field(default=0)
    active: bool = Field(default=True)
    note: str = Field(default="", max_length=400)


class Room(RoomBase, SyncRecord, table=True):
    __tablename__ = "centre_room"
    __table_args__ = (UniqueConstraint("origin_site", "code", name="uq_centre_room_site_code"),)

    @property
    def kinds(self) -> tuple[str, ...]:
        return tuple(k for k in self.suitable_for.split(",") if k)


class BedBase(SQLModel):
    room_id: uuid.UUID = Field(foreign_key="centre_room.id", index=True)
    label: str = Field(max_length=16)
    active: bool = Field(default=True)


class Bed(BedBase, SyncRecord, table=True):
    __tablename__ = "centre_bed"
    __table_args__ = (UniqueConstraint("room_id", "label", name="uq_centre_bed_room_label"),)


# --------------------------------------------------------------------------- stays


class CentreStayBase(SQLModel):
    stay_number: str = Field(default="", max_length=32, index=True)
    person_id: uuid.UUID = Field(foreign_key="person.id", index=True)
    # The readmission case the person came with (no foreign key: cases live in their
    # own migration and may arrive by sync after the stay).
    case_id: uuid.UUID | None = Field(default=None, index=True)
    arrived_at: datetime = Field(sa_type=UTCDateTime)
    arriving_from: str = Field(default="", max_length=200)
    escort_officers: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    received_by: str = Field(default="", max_length=64)
    bed_id: uuid.UUID = Field(foreign_key="centre_bed.id", index=True)
    legal_basis: str = Field(max_length=40)
    # The decision the basis rests on (a court decision), where the basis names one.
    decision_number: str = Field(default="", max_length=64)
    decision_date: date | None = Field(default=None)
    # Medical screening.
    fit_to_travel: bool | None = Field(default=None)
    medical_needs: str = Field(default="", max_length=1000)
    medication: str = Field(default="", max_length=1000)
    medical_examiner: str = Field(default="", max_length=200)
    # Vulnerability.
    minor: bool = Field(default=False)
    unaccompanied_minor: bool = Field(default=False)
    family_stay_id: uuid.UUID | None = Field(default=None, foreign_key="centre_stay.id")
    pregnant: bool = Field(default=False)
    disabled: bool = Field(default=False)
    languages: str = Field(default="", max_length=200)
    interpreter_needed: bool = Field(default=False)
    note: str = Field(default="", max_length=2000)
    # The end of the stay.
    status: str = Field(default=StayStatus.in_centre.value, max_length=16, index=True)
    ended_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    end_reason: str = Field(default="", max_length=1000)
    belongings_explanation: str = Field(default="", max_length=1000)
    # What staff do instead where no readmission agreement applies.
    alternative: str = Field(default="", max_length=32)
    alternative_note: str = Field(default="", max_length=1000)


class CentreStay(CentreStayBase, SyncRecord, table=True):
    __tablename__ = "centre_stay"
    # The partial indexes name SQLite's predicate only: store.tables.load_all() gives
    # PostgreSQL the same one. Naming ``postgresql_where`` here would load SQLAlchemy's
    # whole PostgreSQL dialect into every SQLite command that reads the centre.
    __table_args__ = (
        Index(
            "uq_centre_stay_bed_occupied",
            "bed_id",
            unique=True,
            sqlite_where=text(ACTIVE_STAY),
        ),
        Index(
            "uq_centre_stay_person_in",
            "person_id",
            unique=True,
            sqlite_where=text(ACTIVE_STAY),
        ),
        # The monthly return's arrivals, departures and presence by site and time (the
        # arrival last: "still in the centre, arrived before" is one search of it).
        Index("ix_centre_stay_site_arrived", "origin_site", "arrived_at"),
        Index("ix_centre_stay_site_ended", "origin_site", "ended_at", "arrived_at"),
    )


class BelongingItemBase(SQLModel):
    stay_id: uuid.UUID = Field(foreign_key="centre_stay.id", index=True)
    line_no: int = Field(default=1)
    item: str = Field(max_length=200)
    quantity: int = Field(default=1)
    description: str = Field(default="", max_length=400)
    # Cash: the ISO 4217 currency and the amount as a decimal string ("3000.50").
    currency: str = Field(default="", max_length=3)
    amount: str = Field(default="", max_length=24)
    returned_quantity: int | None = Field(default=None)
    returned_amount: str | None = Field(default=None, max_length=24)
    return_note: str = Field(default="", max_length=400)


class BelongingItem(BelongingItemBase, SyncRecord, table=True):
    __tablename__ = "centre_belonging"


# --------------------------------------------------------------------------- transfers


class TransferBase(SQLModel):
    transfer_number: str = Field(default="", max_length=32, index=True)
    stay_id: uuid.UUID = Field(foreign_key="centre_stay.id", index=True)
    case_id: uuid.UUID | None = Field(default=None, index=True)
    destination: str = Field(max_length=3, index=True)
    agreement_id: str = Field(default="", max_length=16)
    category: str = Field(default="", max_length=16)
    planned_date: date = Field(index=True)
    crossing_point: str = Field(default="", max_length=200)
    transport: str = Field(default="", max_length=200)
    escort_officers: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    notice_due: date | None = Field(default=None)
    notice_rule: str = Field(default="", max_length=400)
    notice_unverified: bool = Field(default=False)
    status: str = Field(default=TransferStatus.planned.value, max_length=16, index=True)
    completed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    receiving_authority: str = Field(default="", max_length=200)
    receiving_officer: str = Field(default="", max_length=200)
    handover_note: str = Field(default="", max_length=1000)
    cancel_reason: str = Field(default="", max_length=400)
    # When it was called off (rows cancelled before this was stored have none: the
    # monthly return then counts them in their planned month).
    cancelled_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class Transfer(TransferBase, SyncRecord, table=True):
    __tablename__ = "centre_transfer"
    __table_args__ = (
        Index(
            "uq_centre_transfer_planned",
            "stay_id",
            unique=True,
            sqlite_where=text(PLANNED_TRANSFER),
        ),
        # The monthly return: handovers and cancellations by site and time.
        Index("ix_centre_transfer_site_completed", "origin_site", "completed_at"),
        # The planned day last: "cancelled before the time was kept, planned for the
        # month" is one search of it, not a walk over every transfer without that time.
        Index("ix_centre_transfer_site_cancelled", "origin_site", "cancelled_at", "planned_date"),
    )
