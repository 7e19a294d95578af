"""The centre's rooms and beds: the layout an administrator sets, the occupancy board,
and finding a free bed that suits a person.

A bed holds one person: the services check it, and a partial unique index over
active stays makes it hold even when two intakes race (``store/tables/centre.py``);
a lost race becomes the same clear error (:func:`translate_integrity`).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, func, select

from borderdesk.domain.centre import (
    ROOM_KINDS,
    ResidentProfile,
    bed_need,
    load_centre_rules,
    parse_bed_label,
)
from borderdesk.domain.local_time import today_in
from borderdesk.errors import BorderDeskError, InputError, NotFoundError
from borderdesk.i18n import _
from borderdesk.services.access.permissions import Actor, Permission, require
from borderdesk.services.centre.queries import active, natural_key, room_rows
from borderdesk.services.centre.rows import RoomRow
from borderdesk.services.site.sites import this_site
from borderdesk.store.database import Database
from borderdesk.store.tables import Bed, CentreStay, Room
from borderdesk.store.tables.centre import StayStatus


@dataclass(frozen=True)
class RoomSpec:
    """A room as an administrator configures it."""

    code: str
    name: str
    suitable_for: tuple[str, ...]
    beds: tuple[str, ...]
    active: bool = True


# --------------------------------------------------------------------------- helpers


def site_and_zone(db: Database) -> tuple[str, str]:
    site = this_site(db)
    return site.code, site.timezone


def today_and_zone(db: Database, today: date | None) -> tuple[date, str]:
    _code, tz = site_and_zone(db)
    return today or today_in(tz), tz


def _room_by_code(session: Session, code: str) -> Room | None:
    stmt = active(select(Room), Room).where(Room.code == code)
    return session.exec(stmt).first()


def find_bed(session: Session, label: str) -> tuple[Bed, Room]:
    room_code, bed_label = parse_bed_label(label)
    room = _room_by_code(session, room_code)
    bed = None
    if room is not None:
        stmt = active(select(Bed), Bed).where(Bed.room_id == room.id, Bed.label == bed_label)
        bed = session.exec(stmt).first()
    if room is None or bed is None:
        raise NotFoundError(_("No bed {bed} in this centre.").format(bed=label), code="no_bed")
    if not (room.active and bed.active):
        raise BorderDeskError(
            _("Bed {bed} is out of use.").format(bed=label), code="bed_out_of_use"
        )
    return bed, room


def occupant(session: Session, bed_id: uuid.UUID) -> CentreStay | None:
    stmt = active(select(CentreStay), CentreStay).where(
        CentreStay.bed_id == bed_id, CentreStay.status == StayStatus.in_centre.value
    )
    return session.exec(stmt).first()


def bed_taken_error(label: str) -> BorderDeskError:
    return BorderDeskError(
        _("Bed {bed} is already taken: a bed holds one person.").format(bed=label),
        code="bed_occupied",
    )


def no_free_bed_error() -> BorderDeskError:
    return BorderDeskError(
        _("No suitable bed is free: the centre cannot take this person in."),
        code="no_free_bed",
    )


def translate_integrity(exc: IntegrityError, bed: str) -> BorderDeskError:
    """A lost race against the database's own constraints, as a user's error."""
    text = str(exc.orig)
    if "bed_id" in text or "uq_centre_stay_bed_occupied" in text:
        return bed_taken_error(bed)
    if "person_id" in text or "uq_centre_stay_person_in" in text:
        return BorderDeskError(_("This person is already in the centre."), code="already_in_centre")
    raise exc


def free_suitable_bed(
    session: Session, profile: ResidentProfile, family_stay_id: uuid.UUID | None
) -> tuple[Bed, Room] | None:
    """The first free bed by the profile's preference; a family member's room first."""
    need = bed_need(profile)
    rooms = session.exec(
        active(select(Room), Room)
        .where(Room.active == True)  # noqa: E712
        .order_by(col(Room.sort_order), col(Room.code))
    ).all()
    taken = {
        bed_id
        for bed_id in session.exec(
            active(select(CentreStay.bed_id), CentreStay).where(
                CentreStay.status == StayStatus.in_centre.value
            )
        ).all()
    }
    family_room: uuid.UUID | None = None
    if family_stay_id is not None:
        relative = session.get(CentreStay, family_stay_id)
        if relative is not None:
            relative_bed = session.get(Bed, relative.bed_id)
            family_room = relative_bed.room_id if relative_bed else None
    candidates: list[tuple[int, int, int, Room]] = []
    for index, room in enumerate(rooms):
        ranks = [need.preferred.index(k) for k in room.kinds if k in need.preferred]
        if ranks:
            candidates.append((0 if room.id == family_room else 1, min(ranks), index, room))
    for *_rank, room in sorted(candidates, key=lambda c: c[:3]):
        beds = session.exec(
            active(select(Bed), Bed).where(Bed.room_id == room.id, Bed.active == True)  # noqa: E712
        ).all()
        for bed in sorted(beds, key=lambda b: natural_key(b.label)):
            if bed.id not in taken:
                return bed, room
    return None


def next_number(session: Session, model: type, column: str, prefix: str) -> str:
    field = getattr(model, column)
    count = session.exec(
        select(func.count()).select_from(model).where(col(field).startswith(prefix))
    ).one()
    return f"{prefix}{int(count) + 1:04d}"


# --------------------------------------------------------------------------- rooms


def configure_rooms(db: Database, *, actor: Actor, rooms: Sequence[RoomSpec]) -> list[RoomRow]:
    """Set the centre's rooms and beds (administrators).

    Rooms and beds are matched by code and label: new ones are added, changed ones
    updated, and those no longer listed are taken out of use (never deleted, so the
    history of stays keeps its beds). A bed someone sleeps in cannot be taken out.
    """
    require(actor, Permission.configure_centre)
    codes = [r.code.strip() for r in rooms]
    if len(set(codes)) != len(codes) or not all(codes):
        raise InputError(_("Each room needs its own code."), code="room_codes")
    for spec in rooms:
        unknown = [k for k in spec.suitable_for if k not in ROOM_KINDS]
        if unknown or not spec.suitable_for:
            raise InputError(
                _("Room {room}: say whom it is for ({kinds}).").format(
                    room=spec.code, kinds=", ".join(ROOM_KINDS)
                ),
                code="room_kinds",
            )
        labels = [b.strip() for b in spec.beds]
        if len(set(labels)) != len(labels) or not all(labels) or any("/" in b for b in labels):
            raise InputError(
                _("Room {room}: each bed needs its own label (no '/').").format(room=spec.code),
                code="bed_labels",
            )
    with db.write(actor=actor.username) as session:
        occupied = {
            s.bed_id
            for s in session.exec(
                active(select(CentreStay), CentreStay).where(
                    CentreStay.status == StayStatus.in_centre.value
                )
            ).all()
        }
        existing = {r.code: r for r in session.exec(active(select(Room), Room)).all()}
        wanted = {spec.code.strip(): spec for spec in rooms}
        for order, (code, spec) in enumerate(wanted.items()):
            room = existing.get(code) or Room(code=code)
            room.name = spec.name.strip()
            room.suitable_for = ",".join(spec.suitable_for)
            room.sort_order = order
            room.active = spec.active
            session.add(room)
            session.flush()
            beds = {
                b.label: b
                for b in session.exec(active(select(Bed), Bed).where(Bed.room_id == room.id))
            }
            labels = [b.strip() for b in spec.beds]
            for label in labels:
                bed = beds.get(label) or Bed(room_id=room.id, label=label)
                bed.active = True
                session.add(bed)
            for label, bed in beds.items():
                if label not in labels or not spec.active:
                    _take_out(bed, f"{code}/{label}", occupied)
                    session.add(bed)
        for code, room in existing.items():
            if code not in wanted:
                for bed in session.exec(active(select(Bed), Bed).where(Bed.room_id == room.id)):
                    _take_out(bed, f"{code}/{bed.label}", occupied)
                    session.add(bed)
                room.active = False
                session.add(room)
    return list_rooms(db, actor=actor, include_inactive=True)


def _take_out(bed: Bed, label: str, occupied: set[uuid.UUID]) -> None:
    if bed.id in occupied:
        raise BorderDeskError(
            _("Bed {bed} is occupied: move the resident before taking it out of use.").format(
                bed=label
            ),
            code="bed_occupied",
        )
    bed.active = False


def ensure_default_rooms(db: Database, *, actor: Actor) -> list[RoomRow]:
    """Give a centre with no rooms yet the default layout of ``resources/centre.toml``."""
    require(actor, Permission.run_centre)
    with db.write(actor=actor.username) as session:
        if not session.exec(select(func.count()).select_from(Room)).one():
            plans = load_centre_rules().rooms
            rooms = [
                Room(
                    code=plan.code,
                    name=plan.name,
                    suitable_for=",".join(plan.suitable_for),
                    sort_order=order,
                )
                for order, plan in enumerate(plans)
            ]
            session.add_all(rooms)
            session.flush()  # rooms before their beds (no ORM relationship orders them)
            for room, plan in zip(rooms, plans, strict=True):
                session.add_all(Bed(room_id=room.id, label=label) for label in plan.beds)
    return list_rooms(db, actor=actor)


def list_rooms(
    db: Database, *, actor: Actor, today: date | None = None, include_inactive: bool = False
) -> list[RoomRow]:
    """Rooms with their beds and who sleeps in each (the occupancy board)."""
    require(actor, Permission.view_centre)
    day, tz = today_and_zone(db, today)
    with db.read() as session:
        return room_rows(session, today=day, timezone=tz, include_inactive=include_inactive)
