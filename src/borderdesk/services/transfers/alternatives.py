"""Onward transfer from the centre to a state of origin or transit.

BorderDesk first asks the agreements whether the destination must take this person
back on the planned date (``domain.agreements.explain``). Where no agreement obliges
it, planning is refused with the reason, and staff record what they do instead
(a consular travel document, voluntary departure): no obligation is ever pretended.
Where one applies, the outgoing readmission case is opened (or the stay's own case
reused) through ``services.cases``, the notice to the other side is computed from
the agreement's working-day notice, and completing the handover ends the stay and
closes the case.

The case steps are separate transactions of ``services.cases``; they run after the
transfer's own transaction, once everything that can be refused has been checked.
"""

from __future__ import annotations

import uuid
from typing import Literal

from borderdesk.domain.safe_text import shown_in_message
from borderdesk.errors import InputError
from borderdesk.i18n import N_, _
from borderdesk.services.access.permissions import Actor, Permission, require
from borderdesk.services.centre import get_stay
from borderdesk.services.centre.queries import get_stay_record
from borderdesk.services.centre.rows import StayDetail
from borderdesk.store.database import Database

ALTERNATIVES = {
    "consular_document": N_("consular travel document"),
    "voluntary_departure": N_("voluntary departure"),
}


def record_alternative(
    db: Database,
    *,
    actor: Actor,
    stay_id: uuid.UUID | str,
    kind: Literal["consular_document", "voluntary_departure"] | str,
    note: str = "",
) -> StayDetail:
    """Where no agreement applies: what staff do instead (recorded on the stay)."""
    require(actor, Permission.run_centre)
    if kind not in ALTERNATIVES:
        raise InputError(
            _("Unknown way out '{kind}': use consular_document or voluntary_departure.").format(
                kind=shown_in_message(kind)
            ),
            code="bad_alternative",
        )
    with db.write(actor=actor.username) as session:
        stay = get_stay_record(session, stay_id)
        stay.alternative = kind
        stay.alternative_note = note.strip()
        session.add(stay)
        the_id = stay.id
    return get_stay(db, actor=actor, stay_id=the_id)


def alternative_label(kind: str) -> str:
    return _(ALTERNATIVES[kind]) if kind in ALTERNATIVES else kind
