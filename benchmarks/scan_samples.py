"""The documents a scan benchmark reads: documents on record, documents of persons not
on record, and persons on record on a new document with a typo in the surname (the
look-up by document misses, the tolerant name look-up must find them).

Shared by benchmarks/run.py and benchmarks/assess_profile.py.
"""

from __future__ import annotations

import random
import sqlite3
from datetime import date

from spellings import typo

DOCUMENT_ROW = (
    "select d.mrz, d.number, d.issuing_state, p.surname, p.given_names, p.surname_latin,"
    " p.birth_year, p.birth_month, p.birth_day, p.id, p.given_names_latin,"
    " p.nationality from identity_document d"
    " join person p on p.id = d.person_id where d.rowid = ?"
)


def known_rows(raw: sqlite3.Connection, rng: random.Random, count: int) -> list[tuple]:
    """Documents on record with their holder, sampled by rowid (no full scan)."""
    top = raw.execute("select max(rowid) from identity_document").fetchone()[0]
    rows: list[tuple] = []
    while len(rows) < count:
        row = raw.execute(DOCUMENT_ROW, (rng.randint(1, top),)).fetchone()
        if row:
            rows.append(row)
    return rows


def unknown_documents(count: int) -> list[list[str]]:
    """MRZs of persons the demo database does not hold (the demo's generator, another
    seed and document numbers the demo never gives: a Z first)."""
    from borderdesk.domain.mrz.compose import compose_td3
    from borderdesk.services.demo.people import generate

    out = []
    for p in generate(count, seed=99_991, today=date.today()):
        out.append(
            list(
                compose_td3(
                    surname=p.surname_latin.replace("-", " "),
                    given_names=p.given_names_latin.replace("-", " ")[:30],
                    document_number="Z" + p.document_number[1:],
                    nationality=p.nationality,
                    issuing_state="RUS" if p.nationality == "XXA" else p.nationality,
                    birth_date=p.birth,
                    sex=p.sex,
                    expiry_date=p.expiry_date,
                )
            )
        )
    return out


def typo_documents(rows: list[tuple], rng: random.Random) -> list[list[str]]:
    """Each sampled holder on a passport never seen (a Z number), the surname with one
    typing error: the scan must still meet the person on record."""
    from borderdesk.domain.mrz import parse_mrz
    from borderdesk.domain.mrz.compose import compose_td3

    out = []
    for row in rows:
        doc = parse_mrz(row[0].split("\n"), today=date.today())
        if doc.birth_date is None or len(doc.surname) < 3:
            continue
        surname = doc.surname.split(" ")[0]
        out.append(
            list(
                compose_td3(
                    surname=typo(surname, rng) + doc.surname[len(surname) :],
                    given_names=doc.given_names[:30],
                    document_number="Z" + doc.document_number[1:9],
                    nationality=doc.nationality,
                    issuing_state=doc.nationality if len(doc.nationality) == 3 else "RUS",
                    birth_date=doc.birth_date,
                    sex=doc.sex if doc.sex in ("M", "F") else "M",
                    expiry_date=date(date.today().year + 5, 1, 1),
                )
            )
        )
    return out


def scan_cases(raw: sqlite3.Connection, rng: random.Random, count: int) -> dict[str, list]:
    rows = known_rows(raw, rng, count)
    return {
        "known": [r[0].split("\n") for r in rows],
        "unknown": unknown_documents(count),
        "typo": typo_documents(rows, rng),
    }
