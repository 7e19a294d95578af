"""The protocol of a saved check: rendered from the record, deterministic, readable text."""

from __future__ import annotations

import io
import shutil
import subprocess
from datetime import UTC, date, datetime

import pytest

from borderdesk.domain.mrz.compose import compose_td3
from borderdesk.domain.partial_date import PartialDate
from borderdesk.forms.common import digest_of
from borderdesk.services import checks
from borderdesk.services.checks import protocol_form as check_protocol
from helpers import add_user, login, make_database, use_fast_password_hashing

NOW = datetime(2026, 6, 1, 6, 30, tzinfo=UTC)
LINES = compose_td3(
    surname="BERDYEV",
    given_names="AMAN",
    document_number="TM1234567",
    nationality="TKM",
    birth_date=PartialDate(1985, 3, 9),
    sex="M",
    expiry_date=date(2033, 1, 1),
)


@pytest.fixture
def setup(tmp_path, monkeypatch):
    use_fast_password_hashing(monkeypatch)
    db = make_database(tmp_path)
    admin = login(db)
    officer = add_user(db, admin, "petrov", "officer", full_name="Петров Илья Сергеевич")
    yield db, officer
    db.dispose()


def pdf_text(pdf: bytes) -> str:
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode("utf-8")


def test_protocol_renders_the_record(setup):
    db, officer = setup
    record = checks.check_document(
        db, actor=officer, mrz_lines=LINES, decision="refuse", note="Без визы", now=NOW
    ).check
    data = check_protocol.protocol_data(db, actor=officer, check_id=record.id)
    assert data.protocol_number == record.protocol_number
    assert data.content_sha256 == record.content_digest == digest_of(data)
    assert data.person.surname == "BERDYEV" and data.person.nationality_en == "Turkmenistan"
    assert data.decision == "refuse" and data.note == "Без визы"
    assert data.documents[0].doc_type == "passport" and data.documents[0].mrz_valid
    (finding,) = [f for f in data.findings if f.source == "regime"]
    assert "Turkmenistan" in finding.text_en and finding.severity == "warning"
    assert finding.text_ru != finding.text_en


def test_same_record_same_bytes(setup, tmp_path):
    db, officer = setup
    record = checks.check_document(db, actor=officer, mrz_lines=LINES, now=NOW).check
    first = check_protocol.check_protocol_pdf(db, actor=officer, check_id=record.id)
    out = tmp_path / "p.pdf"
    check_protocol.write_check_protocol(db, actor=officer, check_id=str(record.id), out=out)
    assert first.startswith(b"%PDF") and out.read_bytes() == first
    stream = io.BytesIO()
    check_protocol.write_check_protocol(db, actor=officer, check_id=record.id, out=stream)
    assert stream.getvalue() == first


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler's pdftotext")
def test_pdftotext_reads_both_languages_and_the_name(setup):
    db, officer = setup
    first = checks.check_document(db, actor=officer, mrz_lines=LINES, now=NOW).check
    fixed = checks.correct_check(db, actor=officer, check_id=first.id, decision="detain")
    text = pdf_text(check_protocol.check_protocol_pdf(db, actor=officer, check_id=fixed.id))
    for expected in (
        "BERDYEV",
        "AMAN",
        "TM1234567",
        fixed.protocol_number,
        "Протокол проверки документов",
        "Document check protocol",
        f"Corrects protocol {first.protocol_number}",
        "Петров Илья Сергеевич",
    ):
        assert expected in text, expected
