"""The readmission application of a case: mapped from the record, rendered, deterministic."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date

import pytest

from borderdesk import i18n
from borderdesk.services import cases
from borderdesk.services.cases.application_form import application_data, application_pdf
from borderdesk.store.tables import IdentityDocument, Person
from helpers import login, make_database, use_fast_password_hashing


@pytest.fixture
def case(monkeypatch, tmp_path):
    use_fast_password_hashing(monkeypatch)
    db = make_database(tmp_path)
    admin = login(db)
    with db.write(actor="admin") as session:
        person = Person(
            surname="Рахимов",
            given_names="Бахтиёр",
            surname_latin="RAKHIMOV",
            given_names_latin="BAKHTIIOR",
            birth_year=1991,
            birth_month=4,
            sex="M",
            nationality="UZB",
        )
        session.add(person)
        session.flush()
        session.add(
            IdentityDocument(
                person_id=person.id,
                document_type="P",
                issuing_state="UZB",
                number="FA1234567",
                expiry_date=date(2029, 6, 13),
            )
        )
    detail = cases.open_case(
        db,
        actor=admin,
        kind="apprehension",
        person_id=person.id,
        requesting="RUS",
        requested="KAZ",
        received=date(2024, 3, 1),
        accelerated=True,
        medical_needs="Инсулин / insulin",
        escort_needed=True,
        notes="Задержан в приграничной зоне",
    )
    cases.add_evidence(
        db,
        actor=admin,
        case_id=detail.id,
        kind="proof",
        evidence_type="паспорт (RU-KZ: no lists on file)",
        description="FA1234567",
    )
    yield db, admin, detail
    db.dispose()


def pdftotext(data: bytes, tmp_path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    path = tmp_path / "application.pdf"
    path.write_bytes(data)
    done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True)
    return done.stdout.decode("utf-8")


def test_case_maps_onto_the_form(case):
    db, admin, detail = case
    data = application_data(db, actor=admin, case_id=detail.id)
    assert data.application_number == detail.case_number
    assert (data.procedure, data.category) == ("accelerated", "third_country_national")
    assert (data.requesting_state_en, data.requested_state_en) == ("Russia", "Kazakhstan")
    assert data.agreement_id == "RU-KZ" and "Казахстан" in data.agreement_title_ru
    assert data.person.birth_date == "1991-04-XX" and data.person.nationality_en == "Uzbekistan"
    assert data.documents[0].doc_type == "passport" and data.documents[0].number == "FA1234567"
    assert data.evidence[0].strength == "proof"
    assert data.needs_medical_care is True and data.escort_needed is True
    assert data.application_date == date(2024, 3, 1)


def test_pdf_in_both_languages_with_embedded_font_and_same_bytes(case, tmp_path):
    db, admin, detail = case
    i18n.set_language("ru")
    russian_ui = application_pdf(db, actor=admin, case_id=detail.id)
    i18n.set_language("en")
    english_ui = application_pdf(db, actor=admin, case_id=detail.case_number)
    assert russian_ui == english_ui  # printed forms are bilingual whatever the UI language
    assert russian_ui.startswith(b"%PDF") and b"/FontFile2" in russian_ui
    text = pdftotext(russian_ui, tmp_path)
    for expected in (
        "Ходатайство о реадмиссии",
        "Readmission application",
        "Сведения о лице",
        "Personal data",
        detail.case_number,
        "РАХИМОВ",
        "Казахстан / Kazakhstan",
        "FA1234567",
    ):
        assert expected in text, expected


def test_the_reply_is_printed_once_given(case, tmp_path):
    db, admin, detail = case
    cases.advance(
        db, actor=admin, case_id=detail.id, to_status="under_examination", on=date(2024, 3, 4)
    )
    cases.decide(
        db, actor=admin, case_id=detail.id, accept=False, reason="Транзит не доказан",
        on=date(2024, 3, 5),
    )  # fmt: skip
    data = application_data(db, actor=admin, case_id=detail.id)
    assert data.reply_decision == "refused" and data.reply_date == date(2024, 3, 5)
    assert data.reply_reason == "Транзит не доказан"
    assert "Транзит не доказан" in pdftotext(
        application_pdf(db, actor=admin, case_id=detail.id), tmp_path
    )


def test_requested_authority_from_the_agreements_data(case, tmp_path):
    db, admin, detail = case
    data = application_data(db, actor=admin, case_id=detail.id)
    kaz = "Министерство внутренних дел Республики Казахстан"
    assert data.requested_authority.startswith(kaz)
    assert "Ministry of Internal Affairs of the Republic of Kazakhstan" in data.requested_authority
    assert data.languages == ""  # no stay in a centre: nothing recorded at intake
    assert kaz in " ".join(
        pdftotext(application_pdf(db, actor=admin, case_id=detail.id), tmp_path).split()
    )
