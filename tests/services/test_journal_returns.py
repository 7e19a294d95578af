"""A legacy journal spanning several months, imported, then counted by the monthly
return: each month has exactly the requests received, decided and readmitted in it."""

from __future__ import annotations

import csv
import sys
from collections import Counter
from datetime import date
from pathlib import Path

from borderdesk.services import returns
from borderdesk.services.journal import import_journal

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "journal"))
import journal_samples as sample  # noqa: E402

# received, requesting state (as the clerk wrote it, and its code), decision, decided on,
# handed over on. Dates fall on the first and last days of months on purpose.
JOURNAL = [
    (date(2019, 1, 10), "Финляндия", "FIN", "принято", date(2019, 2, 5), date(2019, 3, 1)),
    (date(2019, 1, 31), "DEU", "DEU", "отказано", date(2019, 1, 31), None),
    (date(2019, 2, 1), "Польша", "POL", "принято", date(2019, 3, 15), None),
    (date(2019, 2, 28), "FI", "FIN", "", None, None),
    (date(2019, 3, 1), "Германия", "DEU", "принято", date(2019, 3, 20), date(2019, 4, 2)),
    (date(2019, 3, 31), "Финляндия", "FIN", "отказано", date(2019, 4, 1), None),
    (date(2019, 4, 15), "PL", "POL", "принято", date(2019, 4, 20), date(2019, 4, 30)),
]
MONTHS = ("2019-01", "2019-02", "2019-03", "2019-04")


def _write(path: Path) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh, delimiter=";")
        writer.writerow(sample.HEADINGS)
        for n, (received, state, _code, decision, decided, moved) in enumerate(JOURNAL, 1):
            writer.writerow(
                [
                    str(n),
                    received.strftime("%d.%m.%Y"),
                    state,
                    f"Тестов{n}",
                    "Иван",
                    "",
                    f"01.01.19{70 + n}",
                    "UZB",
                    "",
                    decision,
                    decided.strftime("%d.%m.%Y") if decided else "",
                    moved.strftime("%d.%m.%Y") if moved else "",
                    "",
                ]
            )
    return path


def _expected(month: str) -> dict[tuple[str, str], int]:
    """What the journal says of ``month``, row by row (the return must say the same)."""
    found: Counter[tuple[str, str]] = Counter()
    for received, _state, code, decision, decided, moved in JOURNAL:
        if f"{received:%Y-%m}" == month:
            found[("requests_received", "")] += 1
            found[("requests_received", f"state={code}")] += 1
        if decided is not None and f"{decided:%Y-%m}" == month:
            outcome = "requests_accepted" if decision == "принято" else "requests_refused"
            found[(outcome, "")] += 1
        if moved is not None and f"{moved:%Y-%m}" == month:
            found[("persons_readmitted", "")] += 1
            found[("persons_readmitted", f"state={code}")] += 1
    return found


def test_each_month_of_the_journal_is_counted_in_the_return(db, admin, tmp_path):
    result = import_journal(db, actor=admin, path=_write(tmp_path / "journal.csv"))
    assert result.imported == len(JOURNAL) and not result.refused
    # Known by hand, to be sure the expectation itself is right.
    assert _expected("2019-03")[("persons_readmitted", "state=FIN")] == 1
    assert _expected("2019-04")[("requests_refused", "")] == 1
    for month in MONTHS:
        ret = returns.monthly_return(db, actor=admin, month=month)
        for code in ("requests_received", "requests_accepted", "requests_refused"):
            assert ret.figure(code, "").value == _expected(month)[(code, "")], (month, code)
        assert ret.figure("requests_deemed_accepted", "").value == 0  # every reply is dated
        assert (
            ret.figure("persons_readmitted", "").value
            == _expected(month)[("persons_readmitted", "")]
        )
        for state in ("FIN", "DEU", "POL"):
            for code in ("requests_received", "persons_readmitted"):
                figure = ret.figure(code, f"state={state}")
                assert figure.value == _expected(month)[(code, f"state={state}")], (
                    month,
                    code,
                    state,
                )
        decided = (
            _expected(month)[("requests_accepted", "")] + _expected(month)[("requests_refused", "")]
        )
        assert ret.figure("requests_decided", "").value == decided
    # The month before the journal begins has none of it.
    assert (
        returns.monthly_return(db, actor=admin, month="2018-12").total("requests_received").value
        == 0
    )
