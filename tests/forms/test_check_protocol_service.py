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
        db,
        actor=officer,
        mrz_lines=LINES,
        decision="refuse",
        ground="no_visa",
        note="Без визы",
        now=NOW,
    ).check
    data = check_protocol.protocol_data(db, actor=officer, check_id=record.id)
    assert data.protocol_number == record.protocol_number
    assert data.content_sha256 == record.content_digest == digest_of(data)
    assert data.person.surname == "BERDYEV" and data.person.nationality_en == "Turkmenistan"
    assert data.decision == "refuse" and data.note == "Без визы"
    assert data.ground_en == "No visa where one is required (114-FZ art. 24)"
    assert data.ground_ru == "Нет визы, когда она требуется (114-ФЗ, ст. 24)"
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


def _lines(expiry: date) -> list[str]:
    return compose_td3(
        surname="BERDYEV",
        given_names="AMAN",
        document_number="TM1234567",
        nationality="TKM",
        birth_date=PartialDate(1985, 3, 9),
        sex="M",
        expiry_date=expiry,
    )


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler's pdftotext")
def test_mrz_result_is_kept_apart_from_the_documents_validity(setup):
    db, officer = setup
    record = checks.check_document(db, actor=officer, mrz_lines=LINES, now=NOW).check
    text = pdf_text(check_protocol.check_protocol_pdf(db, actor=officer, check_id=record.id))
    assert "Машиночитаемая зона: контрольные цифры верны" in text
    assert "MRZ: check digits correct" in text
    assert "Документ: действителен до 2033-01-01" in text
    assert "Document: valid until 2033-01-01" in text


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler's pdftotext")
def test_an_expired_passport_is_never_printed_valid(setup):
    db, officer = setup
    lines = _lines(date(2025, 5, 31))
    record = checks.check_document(db, actor=officer, mrz_lines=lines, now=NOW).check
    data = check_protocol.protocol_data(db, actor=officer, check_id=record.id)
    assert data.documents[0].mrz_valid is True  # the check digits are sound
    text = pdf_text(check_protocol.check_protocol_pdf(db, actor=officer, check_id=record.id))
    assert "Документ: срок действия истёк 2025-05-31" in text
    assert "Document: expired on 2025-05-31" in text
    assert "MRZ: check digits correct" in text
    assert "valid until" not in text and "Действительна" not in text


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler's pdftotext")
def test_a_failed_check_digit_is_named(setup):
    db, officer = setup
    first, second = LINES
    wrong = "0" if second[9] != "0" else "1"
    lines = [first, second[:9] + wrong + second[10:]]  # the document number's check digit
    record = checks.check_document(db, actor=officer, mrz_lines=lines, now=NOW).check
    data = check_protocol.protocol_data(db, actor=officer, check_id=record.id)
    assert data.documents[0].mrz_valid is False
    assert "document_number" in data.documents[0].mrz_failed
    text = " ".join(
        pdf_text(check_protocol.check_protocol_pdf(db, actor=officer, check_id=record.id)).split()
    )
    assert "не сходятся контрольные цифры (номер документа" in text
    assert "MRZ: check digits failed (document number" in text


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler's pdftotext")
def test_place_of_check_and_no_position_for_the_person_checked(setup):
    db, officer = setup
    record = checks.check_document(db, actor=officer, mrz_lines=LINES, now=NOW).check
    data = check_protocol.protocol_data(db, actor=officer, check_id=record.id)
    text = pdf_text(check_protocol.check_protocol_pdf(db, actor=officer, check_id=record.id))
    assert "Место проверки / Place of check" in text
    assert f"({data.site_code})" in text and data.site_name in text
    # the officer's field in section 1 and the officer's signature block; not the person's
    assert text.count("Должность / Position") == 2


def test_findings_note_and_signatures_stay_together(setup):
    from reportlab.platypus import KeepTogether

    from borderdesk.forms.check_protocol import story

    db, officer = setup
    record = checks.check_document(db, actor=officer, mrz_lines=LINES, now=NOW).check
    data = check_protocol.protocol_data(db, actor=officer, check_id=record.id)
    closing = story(data)[-1]
    assert isinstance(closing, KeepTogether)
    kinds = [type(f).__name__ for f in closing._content]
    assert kinds[0] == "Table" and len(kinds) >= 5  # the findings' heading opens it


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler's pdftotext")
def test_the_refusal_ground_is_printed_in_both_languages(setup):
    db, officer = setup
    record = checks.check_document(
        db, actor=officer, mrz_lines=LINES, decision="refuse", ground="expelled_before", now=NOW
    ).check
    text = " ".join(
        pdf_text(check_protocol.check_protocol_pdf(db, actor=officer, check_id=record.id)).split()
    )
    assert "Правовое основание отказа во въезде / Legal ground of the refusal" in text
    assert "114-ФЗ, ст. 27, п. 2" in text and "114-FZ art. 27 item 2" in text
    assert "Expelled, deported or readmitted" in text
