"""The journal's due dates, counted once per agreement and day, equal refresh_due_dates'."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

from borderdesk.domain.reference import load_agreements
from borderdesk.services.journal.cases import DueDates, _due_fields

STATES = {"EU-RU": ["FIN", "DEU", "POL", "EST"], "RU-KZ": ["KAZ"], "RU-UZ": ["UZB"]}
# Year ends, a leap day, holidays and weekends on both sides.
DAYS = [date(2019, 12, 27), date(2019, 12, 31), date(2020, 2, 28), date(2020, 5, 8),
        date(2021, 1, 4), date(2023, 6, 10)]  # fmt: skip
OUTCOMES = [  # status, decision, days to the decision, days to the transfer
    ("registered", None, None, None),
    ("under_examination", None, None, None),
    ("accepted", "accepted", 3, None),
    ("refused", "refused", 12, None),
    ("transfer_scheduled", "accepted", 1, None),
    ("transferred", "accepted", 5, 9),
    ("deemed_accepted", None, None, None),
]


def test_every_combination_has_the_due_dates_of_refresh_due_dates():
    book = load_agreements()
    due = DueDates(book)
    compared = 0
    seen: set[str] = set()
    for agreement, states in STATES.items():
        for state, received, outcome, procedure, extension in itertools.product(
            states, DAYS, OUTCOMES, ("normal", "accelerated"), (False, True)
        ):
            status, decision, decided_after, transferred_after = outcome
            decided = received + timedelta(days=decided_after) if decided_after else None
            transferred = decided + timedelta(days=transferred_after) if transferred_after else None
            fields = {
                "kind": "incoming",
                "status": status,
                "agreement_id": agreement,
                "procedure": procedure,
                "requesting_state": state,
                "requested_state": "RUS",
                "facts_known_on": None,
                "received_on": received,
                "submitted_on": None,
                "extension_requested": extension,
                "decision": decision,
                "decided_on": decided,
                "replied_on": decided,
                "transferred_on": transferred,
            }
            expected = _due_fields(fields, book)
            assert due.of(fields) == expected, fields
            compared += 1
            seen.update(name for name, value in expected.items() if value is not None)
    assert compared > 1000
    assert {"reply_due", "extended_reply_due", "transfer_due", "next_due"} <= seen
    # Counted once per agreement, state and day, not per case.
    assert len(due.reply) < compared / 3
