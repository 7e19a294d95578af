"""What kind of document an MRZ belongs to, from its format, document code and state."""

from __future__ import annotations

from collections.abc import Sequence

from borderdesk.domain.mrz.formats import Layout
from borderdesk.i18n import N_, _

RU_INTERNAL_PASSPORT = "ru_internal_passport"
PASSPORT = "passport"
ID_CARD = "id_card"
VISA = "visa"
TRAVEL_DOCUMENT = "travel_document"

# The line that starts a Russian internal passport's MRZ: document code PN, state RUS.
RU_INTERNAL_PREFIX = "PNRUS"

_LABELS = {
    RU_INTERNAL_PASSPORT: N_("Russian internal passport"),
    PASSPORT: N_("Passport"),
    ID_CARD: N_("Identity card"),
    VISA: N_("Visa"),
    TRAVEL_DOCUMENT: N_("Travel document"),
}
KINDS = tuple(_LABELS)


def is_ru_internal_passport(layout: Layout, lines: Sequence[str]) -> bool:
    return layout.name == "TD3" and bool(lines) and lines[0].startswith(RU_INTERNAL_PREFIX)


def document_kind(layout: Layout, lines: Sequence[str]) -> str:
    """``ru_internal_passport``, ``passport``, ``id_card``, ``visa`` or ``travel_document``."""
    if is_ru_internal_passport(layout, lines):
        return RU_INTERNAL_PASSPORT
    code = layout.document_code.take(lines)
    if layout.name in ("MRVA", "MRVB") or code.startswith("V"):
        return VISA
    if code.startswith("P"):
        return PASSPORT
    if code[0] in "IAC":  # Doc 9303 Part 5: I, A or C for official travel documents (cards)
        return ID_CARD
    return TRAVEL_DOCUMENT


def kind_label(kind: str) -> str:
    """The kind in the user's language; an unknown kind is returned as is."""
    label = _LABELS.get(kind)
    return _(label) if label else kind
