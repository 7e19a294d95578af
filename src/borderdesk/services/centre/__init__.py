"""The readmission centre: rooms and beds, intake, the stay, release.

The package's public face: the rest of BorderDesk imports from here, never from its modules."""

from __future__ import annotations

from typing import TYPE_CHECKING

from borderdesk.lazy_face import lazy_attributes

# Imported when first named: a command loads the modules of what it uses (a listing
# does not pay for intake, forms or costs).
if TYPE_CHECKING:
    from borderdesk.services.centre.admission import (
        BelongingLine,
        Medical,
        ResidentProfile,
        Vulnerability,
        intake,
        suggest_bed,
    )
    from borderdesk.services.centre.queries import (
        as_uuid,
        load_centre_rules,
    )
    from borderdesk.services.centre.rooms import (
        RoomSpec,
        configure_rooms,
        ensure_default_rooms,
        list_rooms,
    )
    from borderdesk.services.centre.rows import (
        BedRow,
        BelongingRow,
        LegalBasis,
        PersonSummary,
        ResidentRow,
        RoomRow,
        StayDetail,
    )
    from borderdesk.services.centre.stays import (
        DailyCost,
        ReturnLine,
        daily_cost,
        end_stay,
        get_stay,
        legal_bases,
        list_residents,
        move_bed,
        release,
    )

_MODULE_OF = {
    "as_uuid": "queries",
    "BedRow": "rows",
    "BelongingLine": "admission",
    "BelongingRow": "rows",
    "configure_rooms": "rooms",
    "daily_cost": "stays",
    "DailyCost": "stays",
    "end_stay": "stays",
    "ensure_default_rooms": "rooms",
    "get_stay": "stays",
    "intake": "admission",
    "legal_bases": "stays",
    "LegalBasis": "rows",
    "list_residents": "stays",
    "list_rooms": "rooms",
    "load_centre_rules": "queries",
    "Medical": "admission",
    "move_bed": "stays",
    "PersonSummary": "rows",
    "release": "stays",
    "ResidentProfile": "admission",
    "ResidentRow": "rows",
    "ReturnLine": "stays",
    "RoomRow": "rows",
    "RoomSpec": "rooms",
    "StayDetail": "rows",
    "suggest_bed": "admission",
    "Vulnerability": "admission",
}


__getattr__ = lazy_attributes(__name__, _MODULE_OF)


__all__ = [
    "BedRow",
    "BelongingLine",
    "BelongingRow",
    "DailyCost",
    "LegalBasis",
    "Medical",
    "PersonSummary",
    "ResidentProfile",
    "ResidentRow",
    "ReturnLine",
    "RoomRow",
    "RoomSpec",
    "StayDetail",
    "Vulnerability",
    "as_uuid",
    "configure_rooms",
    "daily_cost",
    "end_stay",
    "ensure_default_rooms",
    "get_stay",
    "intake",
    "legal_bases",
    "list_residents",
    "list_rooms",
    "load_centre_rules",
    "move_bed",
    "release",
    "suggest_bed",
]
