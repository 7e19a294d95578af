"""The machine readable zone of travel documents (ICAO Doc 9303): read, check, compose."""

from __future__ import annotations

from typing import TYPE_CHECKING

from borderdesk.lazy_face import lazy_attributes

# Imported when first named: wording a saved finding (a listing of checks) needs the
# messages alone, not the parser and the name matching it stands on.
if TYPE_CHECKING:
    from borderdesk.domain.mrz.checkdigit import compute_check_digit
    from borderdesk.domain.mrz.kinds import kind_label
    from borderdesk.domain.mrz.live import line_problems
    from borderdesk.domain.mrz.messages import describe
    from borderdesk.domain.mrz.parser import parse_mrz
    from borderdesk.domain.mrz.result import CyrillicName, MrzResult, PersonalNumber
    from borderdesk.domain.mrz.ru_internal import compose_ru_internal_passport
    from borderdesk.domain.mrz.text import MrzUnreadable, MrzUnsupported

_MODULE_OF = {
    "CyrillicName": "result",
    "MrzResult": "result",
    "MrzUnreadable": "text",
    "MrzUnsupported": "text",
    "PersonalNumber": "result",
    "compose_ru_internal_passport": "ru_internal",
    "compute_check_digit": "checkdigit",
    "describe": "messages",
    "kind_label": "kinds",
    "line_problems": "live",
    "parse_mrz": "parser",
}

__getattr__ = lazy_attributes(__name__, _MODULE_OF)

__all__ = [
    "CyrillicName",
    "MrzResult",
    "MrzUnreadable",
    "MrzUnsupported",
    "PersonalNumber",
    "compose_ru_internal_passport",
    "compute_check_digit",
    "describe",
    "kind_label",
    "line_problems",
    "parse_mrz",
]
