"""The persons watchlist as a supervisor reads it: its entries with their category
(a wanted person, or an entry ban) in words, filtered and counted per category.

A list of 100 000 entries is not shown whole: a page holds at most ``limit`` entries
(surname order) and says how many matched. Importing lists:
:mod:`borderdesk.services.people.watchlist_import`.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import or_
from sqlmodel import col, func, select

from borderdesk.domain.partial_date import PartialDate
from borderdesk.domain.safe_text import shown_in_message
from borderdesk.errors import InputError
from borderdesk.i18n import N_, _
from borderdesk.services.access.permissions import Actor, Permission, require
from borderdesk.services.people.persons import birth_of
from borderdesk.services.people.watchlist_import import CATEGORIES
from borderdesk.store.database import Database
from borderdesk.store.limits import check_search_text
from borderdesk.store.tables import WatchlistPerson

CATEGORY_LABELS = {"wanted": N_("Wanted"), "entry_ban": N_("Entry ban")}
ENTRIES_LIMIT = 500


def category_label(code: str) -> str:
    """``entry_ban`` -> Entry ban; a code this version does not know, as it is."""
    return _(CATEGORY_LABELS[code]) if code in CATEGORY_LABELS else code


@dataclass(frozen=True)
class WantedPersonEntry:
    entry_id: uuid.UUID
    surname: str
    given_names: str
    birth_date: PartialDate | None
    nationality: str
    category: str  # wanted | entry_ban
    reason: str
    source: str
    valid_until: date | None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": str(self.entry_id),
            "surname": self.surname,
            "given_names": self.given_names,
            "birth_date": self.birth_date.iso_text() if self.birth_date else None,
            "nationality": self.nationality,
            "category": self.category,
            "reason": self.reason,
            "source": self.source,
            "valid_until": self.valid_until.isoformat() if self.valid_until else None,
        }


@dataclass(frozen=True)
class WantedPersonEntries:
    entries: tuple[WantedPersonEntry, ...]  # at most the limit asked for
    matching: int  # how many entries the filter matched in all
    by_category: dict[str, int]  # the whole list, per category


def _entry(row: WatchlistPerson) -> WantedPersonEntry:
    try:
        birth = birth_of(row.birth_year, row.birth_month, row.birth_day)
    except ValueError:  # a bad stored date never takes the list down
        birth = None
    return WantedPersonEntry(
        entry_id=row.id,
        surname=row.surname,
        given_names=row.given_names,
        birth_date=birth,
        nationality=row.nationality,
        category=row.category,
        reason=row.reason,
        source=row.source,
        valid_until=row.valid_until,
    )


def wanted_person_entries(
    db: Database,
    *,
    actor: Actor,
    category: str | None = None,
    text: str = "",
    limit: int = ENTRIES_LIMIT,
) -> WantedPersonEntries:
    """Entries of the persons watchlist, of one category or all, whose surname or given
    names contain ``text`` (any case), in surname order."""
    require(actor, Permission.manage_watchlists)
    if category is not None and category not in CATEGORIES:
        raise InputError(
            _("Unknown watchlist category '{value}': expected {choices}.").format(
                value=shown_in_message(category), choices=", ".join(CATEGORIES)
            )
        )
    live = WatchlistPerson.deleted == False  # noqa: E712
    conditions: list[Any] = [live]
    if category is not None:
        conditions.append(WatchlistPerson.category == category)
    needle = check_search_text(text.strip())
    if needle:
        # What the user typed is literal text: % and _ are not wildcards here.
        conditions.append(
            or_(
                col(WatchlistPerson.surname).icontains(needle, autoescape=True),
                col(WatchlistPerson.given_names).icontains(needle, autoescape=True),
            )
        )
    with db.read() as session:
        rows = session.exec(
            select(WatchlistPerson)
            .where(*conditions)
            .order_by(col(WatchlistPerson.surname), col(WatchlistPerson.given_names))
            .limit(max(limit, 0))
        ).all()
        matching = session.exec(
            select(func.count()).select_from(WatchlistPerson).where(*conditions)
        ).one()
        counts = session.exec(
            select(WatchlistPerson.category, func.count())
            .where(live)
            .group_by(col(WatchlistPerson.category))
        ).all()
    return WantedPersonEntries(
        entries=tuple(_entry(row) for row in rows),
        matching=int(matching),
        by_category={code: int(n) for code, n in counts},
    )
