"""A post with records and a sample of scans whose verdicts main's code gave
(``tests/fixtures/check_verdicts.json``): the check must give the same verdicts after
its statements are rewritten for speed (``test_check_same_verdict``).

The post is built the same way on SQLite and on PostgreSQL: demo persons of one seed,
then checks (admitted, refused with a ground, detained), a man held in the centre with
an open case, and watchlists (wanted persons in another spelling, an entry ban, a lost
passport). The scans: documents on record, the same holders on a new passport with a
typo in the surname, documents of persons not on record, new passports of the persons
with records, and the watchlisted persons' own documents.

Regenerate the fixture (only with the code the verdicts are to be kept from):

    BORDERDESK_WRITE_VERDICTS=1 python -m pytest -n0 \
        tests/services/test_check_same_verdict.py -k sqlite
"""

from __future__ import annotations

import json
import random
import re
import tempfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from borderdesk.domain.mrz.compose import compose_td3
from borderdesk.domain.partial_date import PartialDate
from borderdesk.services.demo.people import DemoPerson, generate

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "check_verdicts.json"
PERSONS = 600
SEED = 4242
TODAY = date(2026, 6, 1)
NOW = datetime(2026, 6, 1, 6, 30, tzinfo=UTC)
SITE = "RC-ORB"

# Params whose values a rebuild changes (ids, numbers drawn from the clock's year).
_VOLATILE = {"entry_id", "case", "stay"}
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def people() -> list[DemoPerson]:
    return list(generate(PERSONS, seed=SEED, today=TODAY))


def _td3(p: DemoPerson, *, surname: str | None = None, number: str | None = None) -> list[str]:
    state = "RUS" if len(p.nationality) != 3 or p.nationality.startswith("X") else p.nationality
    return list(
        compose_td3(
            surname=(surname or p.surname_latin).replace("-", " "),
            given_names=p.given_names_latin.replace("-", " ")[:30],
            document_number=number or p.document_number,
            nationality=p.nationality,
            issuing_state=state,
            birth_date=p.birth,
            sex=p.sex if p.sex in ("M", "F") else "M",
            expiry_date=date(2031, 1, 1),
        )
    )


def _typo(surname: str, rng: random.Random) -> str:
    word = surname.split(" ")[0]
    i = rng.randrange(1, len(word))
    letter = rng.choice("AEIOUKLMNRST")
    return word[:i] + letter + word[i + 1 :] + surname[len(word) :]


# Another system of transliteration, mechanically (what main's matcher made of it is
# what the fixture keeps).
_SPELLINGS = (
    ("SHCH", "SCH"),
    ("KH", "H"),
    ("ZH", "J"),
    ("IY", "Y"),
    ("YU", "IU"),
    ("YA", "IA"),
    ("EV", "EW"),
    ("OV", "OW"),
    ("TS", "C"),
    ("CH", "TSCH"),
)


def _other_spelling(surname: str) -> str:
    for old, new in _SPELLINGS:
        if old in surname:
            return surname.replace(old, new, 1)
    return surname


def _new_number(i: int) -> str:
    return f"Z{i:08d}"


def build(db: Any) -> None:
    """The post's records; ``db`` is an initialised centre database (SQLite or PostgreSQL)."""
    from borderdesk.services import cases, centre, checks
    from borderdesk.services.demo.builder import add_demo_persons
    from borderdesk.services.people import watchlists
    from centre_samples import hold_with_open_case
    from helpers import add_user, login

    add_demo_persons(db, PERSONS, seed=SEED, today=TODAY, progress=None)
    crowd = people()
    admin = login(db)
    worker = add_user(db, admin, "dinara", "centre")
    centre.ensure_default_rooms(db, actor=worker)
    officer = add_user(db, admin, "petrov", "officer")
    supervisor = add_user(db, admin, "volkov", "supervisor")
    # Checks at the post over the last months: entries, exits, refusals, detentions.
    for i in range(0, 40):
        p = crowd[i]
        lines = p.mrz.split("\n")
        at = NOW - timedelta(days=120 - 2 * i, hours=i % 5)
        decision = "admit"
        ground = None
        if i % 10 == 3:
            decision, ground = "refuse", ("no_visa", "security", "entry_ban")[i % 3]
        elif i % 10 == 7:
            decision = "detain"
        checks.check_document(
            db,
            actor=officer,
            mrz_lines=lines,
            direction="entry",
            decision=decision,
            ground=ground,
            now=at,
            today=at.date(),
        )
        if i % 4 == 0 and decision == "admit":
            out = at + timedelta(days=10 + i)
            checks.check_document(
                db,
                actor=officer,
                mrz_lines=lines,
                direction="exit",
                decision="admit",
                now=out,
                today=out.date(),
            )
    # A man held in the centre now, with an open case; another with a case only.
    held = crowd[50]
    stay, _case = hold_with_open_case(db, worker, held.mrz.split("\n"))
    cased = crowd[51]
    cases.open_case(
        db,
        actor=worker,
        kind="apprehension",
        mrz_lines=cased.mrz.split("\n"),
        requesting="RUS",
        requested="KAZ",
        received=date.today(),
    )
    # Watchlists: wanted persons (as written, and in a double of their surname), a ban,
    # a lost passport, and wanted names of nobody on record.
    rows = ["surname;given_names;birth_date;nationality;reason;source;valid_until;category"]
    for k, p in enumerate(crowd[60:72]):
        surname = p.surname_latin if k % 2 else p.surname_latin + p.surname_latin[-1]
        category = "entry_ban" if k % 3 == 0 else "wanted"
        rows.append(
            f"{surname};{p.given_names_latin};{p.birth.iso_text()};{p.nationality};"
            f"sample {k};FSB;;{category}"
        )
    rows.append("ZZYZXOVA;ELENA;1977-07-07;RUS;made up;FSB;;wanted")
    with tempfile.TemporaryDirectory() as folder:
        persons_csv = Path(folder) / "persons.csv"
        persons_csv.write_text("\n".join(rows) + "\n", encoding="utf-8")
        watchlists.import_csv(db, actor=supervisor, path=persons_csv, kind="persons")
        docs = ["issuing_state,number,reason,source,valid_until"]
        for p in crowd[80:84]:
            state = "RUS" if p.nationality.startswith("X") else p.nationality
            docs.append(f"{state},{p.document_number},lost,MVD,")
        docs_csv = Path(folder) / "documents.csv"
        docs_csv.write_text("\n".join(docs) + "\n", encoding="utf-8")
        watchlists.import_csv(db, actor=supervisor, path=docs_csv, kind="documents")


def scans() -> list[tuple[str, list[str], str]]:
    """(label, MRZ lines, direction) of every sample scan."""
    crowd = people()
    rng = random.Random(SEED + 1)
    out: list[tuple[str, list[str], str]] = []
    for i in list(range(0, 44)) + [50, 51] + list(range(60, 72)) + list(range(80, 86)):
        p = crowd[i]
        out.append((f"known {i}", p.mrz.split("\n"), "entry" if i % 7 else "exit"))
    for i in list(range(0, 20)) + [50, 51, 60, 61, 62]:
        p = crowd[i]
        out.append((f"new passport {i}", _td3(p, number=_new_number(i)), "entry"))
    for i in range(100, 130):
        p = crowd[i]
        surname = _typo(p.surname_latin, rng)
        out.append((f"typo {i}", _td3(p, surname=surname, number=_new_number(i)), "entry"))
    for i in list(range(0, 44)) + [50, 51] + list(range(60, 72)):
        p = crowd[i]
        spelt = _other_spelling(p.surname_latin)
        if spelt != p.surname_latin:
            lines = _td3(p, surname=spelt, number=_new_number(300 + i))
            out.append((f"other spelling {i}", lines, "entry"))
    for k, p in enumerate(generate(30, seed=99_991, today=TODAY)):
        out.append((f"unknown {k}", _td3(p, number=_new_number(900 + k)), "entry"))
    # Namesakes born another year and the made-up wanted name.
    for i in (3, 50, 60):
        p = crowd[i]
        birth = PartialDate(p.birth.year - 30, p.birth.month, p.birth.day)
        other = DemoPerson(**{**p.__dict__, "birth": birth})
        out.append((f"namesake {i}", _td3(other, number=_new_number(700 + i)), "entry"))
    return out


def _value(value: Any) -> Any:
    if isinstance(value, str) and _UUID.match(value):
        return "<id>"
    if isinstance(value, (list, tuple)):
        return [_value(v) for v in value]
    if isinstance(value, dict):
        return {k: _value(v) for k, v in sorted(value.items())}
    return value


def verdict(outcome: Any) -> dict[str, Any]:
    """What must not change: the verdict, how the person was found, every finding."""
    findings = []
    for f in outcome.findings:
        params = {k: ("<n>" if k in _VOLATILE else _value(v)) for k, v in f.params.items()}
        if f.code == "in_custody":
            params.pop("date", None)  # the stay began when the test ran
        findings.append({"code": f.code, "severity": f.severity, "params": params})
    return {
        "verdict": outcome.verdict,
        "matched_by": outcome.matched_by,
        "findings": sorted(findings, key=lambda x: json.dumps(x, sort_keys=True)),
    }


def verdicts(db: Any) -> dict[str, Any]:
    from borderdesk.services import checks
    from helpers import USER_PASSWORD, login

    officer = login(db, "petrov", USER_PASSWORD)
    found: dict[str, Any] = {}
    for label, lines, direction in scans():
        outcome = checks.assess(
            db, actor=officer, mrz_lines=lines, direction=direction, now=NOW, today=TODAY
        )
        found[label] = verdict(outcome)
    return found
