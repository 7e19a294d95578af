"""Is this the person? A name, a date of birth and a nationality scored against another.

One matcher for every place that asks: the watchlist at a check, ``search``, the
person lookup of a new document and the journal import. ``score_identity`` returns
a score, a level and the reasons, each reason naming the part (surname, given
names, birth date, nationality), what was found, the two values and the spelling
systems seen, so the caller can show a finding without re-deriving anything.

Levels are about what an officer must do, and precision matters as much as recall:
an alert that fires for every IVANOV IVAN is an alert nobody reads.

- ``alert``: surname and given names fit, the date of birth fits (equal, or every
  known part equal with at least the month known on both sides) and the
  nationality does not differ;
- ``warning``: the name fits but something else is missing or does not: no date of
  birth on one side, only the year known (and equal), a full date one typo away, a
  nationality that differs, the other gender's form of the surname, names entered
  the wrong way round (an alert when the full date of birth and the nationality are
  equal);
- ``none``: the rest, and the same name with another date of birth (not one typo
  away): another person of that name. A list of the region's common names would
  otherwise warn at every other check, and the rule of thumb "the same name born
  decades apart is at most a warning" becomes "is nothing".
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from typing import Any

from borderdesk.domain.names.name_parts import PartFit, compare_given_names, compare_surnames
from borderdesk.domain.names.spelling_systems import systems_of
from borderdesk.domain.partial_date import PartialDate

SURNAME_WEIGHT, GIVEN_WEIGHT = 0.6, 0.4
NAME_WEIGHT, BIRTH_WEIGHT, NATIONALITY_WEIGHT = 0.7, 0.2, 0.1
ALERT_NAME = 85.0  # name score for an alert (with a fitting date of birth)
WARNING_NAME = 80.0  # name score for a warning
SWAPPED_FACTOR = 0.9  # surname and given names entered in each other's field
GIVEN_MISSING_FACTOR = 0.95
_NEAR_YEARS = 10
_BIRTH_POINTS = {"equal": 100.0, "compatible": 85.0, "near": 40.0, "unknown": 50.0}
_NATIONALITY_POINTS = {"equal": 100.0, "unknown": 50.0, "differs": 0.0}


class Level(StrEnum):
    ALERT = "alert"
    WARNING = "warning"
    NONE = "none"


@dataclass(frozen=True)
class Identity:
    """Who a record or a document says a person is (names in any script)."""

    surname: str
    given_names: str = ""
    birth: PartialDate | None = None
    nationality: str = ""  # ISO 3166 alpha-3; "" or "XXX": not known


@dataclass(frozen=True)
class Reason:
    part: str  # surname | given_names | birth_date | nationality | names
    finding: str  # see name_parts.PartFit and _birth_fit; "swapped" for part "names"
    query: str = ""
    candidate: str = ""
    score: float | None = None
    # Spelling systems each side shows (spelling_systems.systems_of), for the names.
    query_systems: tuple[str, ...] = ()
    candidate_systems: tuple[str, ...] = ()

    @property
    def code(self) -> str:
        return f"{self.part}_{self.finding}"

    def to_json(self) -> dict[str, Any]:
        return {
            "part": self.part,
            "finding": self.finding,
            "query": self.query,
            "candidate": self.candidate,
            "score": self.score,
            "query_systems": list(self.query_systems),
            "candidate_systems": list(self.candidate_systems),
        }


@dataclass(frozen=True)
class IdentityMatch:
    score: float  # name, date of birth and nationality together, 0..100
    name_score: float
    level: Level
    reasons: tuple[Reason, ...]

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(reason.code for reason in self.reasons)

    def to_json(self) -> dict[str, Any]:
        return {
            "score": self.score,
            "name_score": self.name_score,
            "level": self.level.value,
            "reasons": [reason.to_json() for reason in self.reasons],
        }


def _name_reason(part: str, fit: PartFit, query: str, candidate: str) -> Reason:
    systems = fit.finding in ("same_key", "same_skeleton", "typo")
    return Reason(
        part,
        fit.finding,
        query,
        candidate,
        fit.score,
        systems_of(query) if systems else (),
        systems_of(candidate) if systems else (),
    )


@lru_cache(maxsize=65536)
def _names_as_written(
    q_surname: str, q_given: str, c_surname: str, c_given: str, swapped: bool
) -> tuple[float, tuple[Reason, ...]]:
    # Cached: a list or a population repeats its names, the dates differ.
    surname = compare_surnames(q_surname, c_surname)
    given = compare_given_names(q_given, c_given)
    reasons = [_name_reason("surname", surname, q_surname, c_surname)]
    if given is None:
        # A record without the given names the query has is weaker evidence; a query
        # without given names (a search for a surname) asks for anyone of the name.
        score = surname.score * (GIVEN_MISSING_FACTOR if q_given else 1.0)
        reasons.append(Reason("given_names", "missing", q_given, c_given))
    else:
        score = SURNAME_WEIGHT * surname.score + GIVEN_WEIGHT * given.score
        reasons.append(_name_reason("given_names", given, q_given, c_given))
    if swapped:
        score *= SWAPPED_FACTOR
        reasons.append(Reason("names", "swapped"))
    return round(score, 1), tuple(reasons)


def _names(query: Identity, candidate: Identity) -> tuple[float, tuple[Reason, ...]]:
    """The name part: as entered, or (when that does not fit) surname and given names
    the other way round on the query's side."""
    direct = _names_as_written(
        query.surname, query.given_names, candidate.surname, candidate.given_names, False
    )
    if direct[0] >= WARNING_NAME or not (query.given_names and candidate.given_names):
        return direct
    swapped = _names_as_written(
        query.given_names, query.surname, candidate.surname, candidate.given_names, True
    )
    return swapped if swapped[0] > direct[0] else direct


def birth_fit(a: PartialDate | None, b: PartialDate | None) -> str:
    """``equal``, ``compatible`` (no known part differs), ``unknown``, ``near`` (one
    part off: a typo, day and month swapped) or ``differs``."""
    if a is None or b is None:
        return "unknown"
    parts = list(zip((a.year, a.month, a.day), (b.year, b.month, b.day), strict=True))
    differing = [(x, y) for x, y in parts if x is not None and y is not None and x != y]
    if not differing:
        return "equal" if a == b and a.is_complete else "compatible"
    if not (a.is_complete and b.is_complete):
        return "differs"  # with a part unknown, what is known must agree
    if a.month == b.day and a.day == b.month and a.year == b.year:
        return "near"  # day and month swapped
    if len(differing) == 1:
        x, y = differing[0]
        digits_x, digits_y = f"{x:04d}", f"{y:04d}"
        one_digit = sum(p != q for p, q in zip(digits_x, digits_y, strict=True)) == 1
        if one_digit and abs(x - y) < _NEAR_YEARS:
            return "near"  # one digit mistyped (a year only in its last digit)
    return "differs"


def _nationality_fit(a: str, b: str) -> str:
    known_a, known_b = a not in ("", "XXX"), b not in ("", "XXX")
    if not (known_a and known_b):
        return "unknown"
    return "equal" if a == b else "differs"


def _level(
    name_score: float,
    reasons: tuple[Reason, ...],
    birth: str,
    nationality: str,
    year_only: bool = False,
) -> Level:
    fits = {r.part: r for r in reasons}
    surname, given = fits["surname"], fits["given_names"]
    if name_score < WARNING_NAME or "differs" in (surname.finding, given.finding):
        return Level.NONE
    if birth == "differs":
        return Level.NONE  # another person of the same name
    exact_birth = birth == "equal" and nationality == "equal"
    capped = (
        birth in ("unknown", "near")
        or year_only  # born the same year: one in fifty of a common name
        or nationality == "differs"
        or surname.finding in ("gender_form", "compound_part")
        or given.finding in ("missing", "differs")
        or ("names" in fits and not exact_birth)
    )
    if capped or name_score < ALERT_NAME:
        return Level.WARNING
    return Level.ALERT


def score_identity(query: Identity, candidate: Identity) -> IdentityMatch:
    """Score ``candidate`` (a record) against ``query`` (a document, a search), with reasons.

    A name that does not fit at all returns at once (level none, the name reasons only):
    most candidates of a crowded surname are other people.
    """
    name_score, name_reasons = _names(query, candidate)
    if name_score < WARNING_NAME:
        return IdentityMatch(
            round(NAME_WEIGHT * name_score, 1), name_score, Level.NONE, name_reasons
        )
    birth = birth_fit(query.birth, candidate.birth)
    nationality = _nationality_fit(query.nationality, candidate.nationality)
    reasons = (
        *name_reasons,
        Reason(
            "birth_date",
            birth,
            query.birth.display() if query.birth else "",
            candidate.birth.display() if candidate.birth else "",
        ),
        Reason("nationality", nationality, query.nationality, candidate.nationality),
    )
    score = round(
        NAME_WEIGHT * name_score
        + BIRTH_WEIGHT * _BIRTH_POINTS.get(birth, 0.0)
        + NATIONALITY_WEIGHT * _NATIONALITY_POINTS[nationality],
        1,
    )
    year_only = birth == "compatible" and None in (
        query.birth.month if query.birth else None,
        candidate.birth.month if candidate.birth else None,
    )
    level = _level(name_score, reasons, birth, nationality, year_only)
    return IdentityMatch(score, name_score, level, reasons)
