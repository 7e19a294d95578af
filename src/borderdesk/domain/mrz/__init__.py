"""The machine readable zone of travel documents (ICAO Doc 9303): read, check, compose."""

from borderdesk.domain.mrz.checkdigit import compute_check_digit
from borderdesk.domain.mrz.live import line_problems
from borderdesk.domain.mrz.messages import describe
from borderdesk.domain.mrz.parser import parse_mrz
from borderdesk.domain.mrz.result import MrzResult
from borderdesk.domain.mrz.text import MrzUnreadable

__all__ = [
    "MrzResult",
    "MrzUnreadable",
    "compute_check_digit",
    "describe",
    "line_problems",
    "parse_mrz",
]
