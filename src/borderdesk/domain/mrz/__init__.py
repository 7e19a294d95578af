"""The machine readable zone of travel documents (ICAO Doc 9303): read, check, compose."""

from borderdesk.domain.mrz.checkdigit import compute_check_digit
from borderdesk.domain.mrz.kinds import kind_label
from borderdesk.domain.mrz.live import line_problems
from borderdesk.domain.mrz.messages import describe
from borderdesk.domain.mrz.parser import parse_mrz
from borderdesk.domain.mrz.result import CyrillicName, MrzResult, PersonalNumber
from borderdesk.domain.mrz.ru_internal import compose_ru_internal_passport
from borderdesk.domain.mrz.text import MrzUnreadable, MrzUnsupported

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
