"""The monthly returns over a journal's months count its requests, decisions and
transfers exactly (issue #12: the journal is history the returns are built on)."""

from __future__ import annotations

import random
from collections import Counter
from datetime import date, timedelta

from borderdesk.services import returns
from borderdesk.services.journal import import_journal

STATES = {"FI": "FIN", "Германия": "DEU", "POL": "POL", "Эстония": "EST"}
MONTHS = ("2019-03", "2019-04", "2019-05")


def build_journal(path, seed: int = 12) -> list[dict]:
    """Requests received March to May 2019, decided and handed over up to June."""
    rng = random.Random(seed)
    rows, lines = [], ["no;received;requesting_state;surname;given_names;birth_date;"
                       "nationality;decision;decision_date;transfer_date"]  # fmt: skip
    for n in range(1, 91):
        received = date(2019, 3, 1) + timedelta(days=rng.randrange(92))
        written = rng.choice(list(STATES))
        decision = rng.choice(["", "принято", "принято", "отказано"])
        decided = received + timedelta(days=rng.randrange(1, 30)) if decision else None
        moved = (
            decided + timedelta(days=rng.randrange(1, 20))
            if decision == "принято" and rng.random() < 0.6
            else None
        )
        rows.append(
            {"state": STATES[written], "received": received, "decision": decision,
             "decided": decided, "moved": moved}
        )  # fmt: skip
        lines.append(
            ";".join(
                [
                    str(n),
                    received.strftime("%d.%m.%Y"),
                    written,
                    f"Рахимов{'а' * (n % 7)}",
                    "Шерзод",
                    f"{1 + n % 28:02d}.0{1 + n % 9}.19{70 + n % 25}",
                    "UZB",
                    decision,
                    decided.strftime("%d.%m.%Y") if decided else "",
                    moved.strftime("%d.%m.%Y") if moved else "",
                ]
            )
        )
    path.write_text("\n".join(lines) + "\n", "utf-8-sig")
    return rows


def in_month(day: date | None, month: str) -> bool:
    return day is not None and day.strftime("%Y-%m") == month


def test_the_monthly_returns_count_the_journals_months_exactly(db, admin, tmp_path):
    rows = build_journal(tmp_path / "journal.csv")
    result = import_journal(db, actor=admin, path=tmp_path / "journal.csv")
    assert result.written and result.imported == len(rows)
    for month in MONTHS:
        ret = returns.monthly_return(db, actor=admin, month=month)
        received = Counter(r["state"] for r in rows if in_month(r["received"], month))
        decided = [r for r in rows if in_month(r["decided"], month)]
        moved = Counter(r["state"] for r in rows if in_month(r["moved"], month))
        assert ret.figure("requests_received", "").value == sum(received.values()), month
        for state, n in received.items():
            assert ret.figure("requests_received", f"state={state}").value == n
        assert ret.figure("requests_decided", "").value == len(decided)
        assert ret.figure("requests_accepted", "").value == sum(
            r["decision"] == "принято" for r in decided
        )
        assert ret.figure("requests_refused", "").value == sum(
            r["decision"] == "отказано" for r in decided
        )
        assert ret.figure("persons_readmitted", "").value == sum(moved.values())
        for state, n in moved.items():
            assert ret.figure("persons_readmitted", f"state={state}").value == n
