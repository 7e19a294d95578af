"""The decision a stay rests on (a court decision placing the person in the centre).

A legal basis in ``resources/centre.toml`` that names a decision (``decision_ru`` /
``decision_en``) has its number and date recorded at intake and printed on the intake
protocol. Either may still be unknown at intake (the lines are then left blank for the
signatories), but what is given must make sense.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from borderdesk.domain.centre import LegalBasis
from borderdesk.errors import InputError
from borderdesk.i18n import _, format_day

NUMBER_MAX = 64


@dataclass(frozen=True)
class GroundDecision:
    number: str = ""
    on: date | None = None


def checked_decision(
    basis: LegalBasis, number: str, on: date | None, *, today: date
) -> GroundDecision:
    """The decision as it will be stored; refused with a one-line reason when wrong."""
    number = " ".join(number.split())
    if not number and on is None:
        return GroundDecision()
    if not basis.decision_ru:
        raise InputError(
            _(
                "The legal basis '{basis}' rests on no decision: give no decision number or date."
            ).format(basis=basis.title()),
            code="decision_not_needed",
        )
    if len(number) > NUMBER_MAX:
        raise InputError(
            _("The decision number is longer than {n} characters.").format(n=NUMBER_MAX),
            code="decision_number_too_long",
        )
    if on is not None and on > today:
        raise InputError(
            _("The decision date {date} is in the future.").format(date=format_day(on)),
            code="decision_date_future",
        )
    return GroundDecision(number, on)
