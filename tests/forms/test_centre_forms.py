"""Intake and handover protocols mapped from real records: both languages, fonts embedded."""

from __future__ import annotations

import io
import shutil
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from borderdesk import i18n
from borderdesk.services import centre, transfers
from borderdesk.services.centre import BelongingLine, Medical, ReturnLine, Vulnerability
from borderdesk.services.centre import forms as centre_forms
from borderdesk.services.transfers import handover_form
from centre_samples import centre_database, passport, staff
from helpers import use_fast_password_hashing

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")


@pytest.fixture
def records(tmp_path, monkeypatch):
    use_fast_password_hashing(monkeypatch)
    db = centre_database(tmp_path)
    worker = staff(db)[1]
    stay = centre.intake(
        db,
        actor=worker,
        mrz_lines=passport("NURLANOV", "ERLAN", "N12345678", "KAZ"),
        arrived_at=datetime(2016, 2, 1, 7, 5, tzinfo=UTC),
        arriving_from="КПП «Илецк»",
        escorts=["сержант Ковалёв И. П.", "прапорщик Ахметов Р. С."],
        belongings=[
            BelongingLine("Мобильный телефон", 1, "Samsung A12, чёрный"),
            BelongingLine("Рюкзак", 1, "синий"),
            BelongingLine("", currency="RUB", amount="12450"),
            BelongingLine("", currency="KZT", amount="3000.50"),
        ],
        medical=Medical(True, "Сахарный диабет 2 типа", "Инсулин", "фельдшер Смирнова О. В."),
        vulnerability=Vulnerability(disabled=True),
        languages="казахский, русский",
        interpreter_needed=True,
    )
    row = transfers.plan_transfer(
        db,
        actor=worker,
        stay_id=stay.id,
        destination="KAZ",
        date=date(2016, 3, 1),
        crossing_point="МАПП «Сагарчин» – «Жайсан»",
        escorts=["ст. лейтенант Ковалёв И. П."],
        transport="ГАЗель А123ВС 56",
    )
    yield db, worker, stay, row
    db.dispose()


def _text(pdf: bytes) -> str:
    """The PDF's words, whitespace collapsed (table cells and text boxes wrap)."""
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    return " ".join(text.split())


def _fonts(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "f.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdffonts", str(path)], capture_output=True, check=True, text=True
    ).stdout


def _intake(db, worker, stay) -> bytes:
    out = io.BytesIO()
    centre_forms.render_intake(db, actor=worker, stay_id=stay.id, out=out)
    return out.getvalue()


def _handover(db, worker, row) -> bytes:
    out = io.BytesIO()
    handover_form.render_handover(db, actor=worker, transfer_id=row.id, out=out)
    return out.getvalue()


def test_mapping_of_a_stay(records):
    db, worker, stay, _row = records
    detail = centre.get_stay(db, actor=worker, stay_id=stay.id)
    data = centre_forms.intake_data(detail, site_code="RC-ORB", site_name="ЦВСИГ", case_number="")
    assert (data.room, data.bed) == ("1", "A")
    assert [b.item for b in data.belongings] == ["Мобильный телефон", "Рюкзак"]
    assert [(c.currency, str(c.amount)) for c in data.cash] == [
        ("RUB", "12450"),
        ("KZT", "3000.50"),
    ]
    assert data.person.nationality_ru == "Казахстан" and data.person.nationality_en == "Kazakhstan"
    assert "disabled" in data.vulnerabilities and data.interpreter_needed
    assert data.legal_basis.splitlines()[1].startswith("Transfer under a readmission agreement")


@needs_poppler
@pytest.mark.parametrize("lang", ["ru", "en"])
def test_intake_protocol_in_both_languages(records, lang, tmp_path):
    db, worker, stay, _row = records
    i18n.set_language(lang)
    pdf = _intake(db, worker, stay)
    text = _text(pdf)
    for expected in (
        "Протокол приёма в ЦВСИГ",
        "Intake protocol",
        stay.stay_number,
        "NURLANOV",
        "Казахстан / Kazakhstan (KAZ)",
        "Мобильный телефон",
        "12 450",
        "3 000.50",
        "Сахарный диабет 2 типа",
        "Передача по соглашению о реадмиссии",
        "Transfer under a readmission agreement",
        "сержант Ковалёв И. П.",
    ):
        assert expected in text, expected
    assert " yes " in _fonts(pdf, tmp_path).splitlines()[2].lower() + " "


@needs_poppler
@pytest.mark.parametrize("lang", ["ru", "en"])
def test_handover_protocol_in_both_languages(records, lang, tmp_path):
    db, worker, stay, row = records
    i18n.set_language(lang)
    planned = _text(_handover(db, worker, row))
    assert "Transfer planned for 2016-03-01" in planned
    transfers.complete_transfer(
        db,
        actor=worker,
        transfer_id=row.id,
        at=datetime(2016, 3, 1, 5, 30, tzinfo=UTC),
        receiving_authority="Пограничная служба КНБ РК",
        receiving_officer="майор Нурланов Е. Б.",
        returned=[
            ReturnLine("1", quantity=1),
            ReturnLine("2", quantity=1),
            ReturnLine("3", amount=12450),
            ReturnLine("4", amount=3000),
        ],
        explanation="50 тиынов утеряны",
    )
    pdf = _handover(db, worker, row)
    text = _text(pdf)
    for expected in (
        "Протокол передачи лиц",
        "Handover protocol",
        row.transfer_number,
        "2016-03-01 10:30",
        "МАПП «Сагарчин» – «Жайсан»",
        "Соглашение между Правительством Российской Федерации и",
        "Казахстан / Kazakhstan",
        "Российская Федерация / Russian Federation",
        "майор Нурланов Е. Б.",
        "N12345678",
        "Наличные / Cash",
        "50 тиынов утеряны",
    ):
        assert expected in text, expected
    assert text.count("NURLANOV ERLAN") >= 2
    assert "Transfer planned" not in text
    fonts = _fonts(pdf, tmp_path)
    assert "DejaVuSans" in fonts and all(" yes " in line for line in fonts.splitlines()[2:])


def test_rendering_is_deterministic(records):
    db, worker, stay, row = records
    assert _intake(db, worker, stay) == _intake(db, worker, stay)
    assert _handover(db, worker, row) == _handover(db, worker, row)
