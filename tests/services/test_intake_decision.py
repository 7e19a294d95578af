"""The decision a stay rests on: stored at intake, validated, printed on the protocol."""

from __future__ import annotations

import io
import shutil
import subprocess
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from borderdesk.errors import InputError
from borderdesk.services import centre
from borderdesk.services.centre.forms import render_intake
from borderdesk.store.tables import CentreStay
from centre_samples import centre_database, men, passport, staff


@pytest.fixture
def cdb(tmp_path):
    database = centre_database(tmp_path)
    yield database
    database.dispose()


@pytest.fixture
def worker(cdb):
    return staff(cdb)[1]


def test_decision_number_and_date_are_stored_and_printed(cdb, worker):
    stay = centre.intake(
        cdb,
        actor=worker,
        mrz_lines=passport(),
        legal_basis="readmission",
        decision_number="  5-112/2026 ",
        decision_date=date(2026, 3, 4),
    )
    assert (stay.decision_number, stay.decision_date) == ("5-112/2026", date(2026, 3, 4))
    with cdb.read() as session:
        record = session.get(CentreStay, stay.id)
        assert (record.decision_number, record.decision_date) == ("5-112/2026", date(2026, 3, 4))
    assert stay.to_json()["decision"] == {"number": "5-112/2026", "date": "2026-03-04"}
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils not installed")
    out = io.BytesIO()
    render_intake(cdb, actor=worker, stay_id=stay.id, out=out)
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=out.getvalue(), capture_output=True, check=True
    ).stdout.decode()
    assert "5-112/2026" in text and "2026-03-04" in text


def test_a_basis_without_a_decision_takes_none(cdb, worker):
    with pytest.raises(InputError, match="rests on no decision|не основано ни на каком решении"):
        centre.intake(
            cdb,
            actor=worker,
            mrz_lines=passport(),
            legal_basis="identification",
            decision_number="5-1/2026",
        )
    with cdb.read() as session:
        assert session.execute(select(func.count()).select_from(CentreStay)).scalar_one() == 0


def test_a_decision_from_the_future_is_refused(cdb, worker):
    with pytest.raises(InputError) as refused:
        centre.intake(
            cdb,
            actor=worker,
            mrz_lines=men(1)[0],
            legal_basis="expulsion",
            decision_number="7/2026",
            decision_date=date.today() + timedelta(days=30),
        )
    assert refused.value.code == "decision_date_future"


def test_the_decision_may_still_be_unknown_at_intake(cdb, worker):
    stay = centre.intake(cdb, actor=worker, mrz_lines=passport(), legal_basis="readmission")
    assert (stay.decision_number, stay.decision_date) == ("", None)
