"""Realistic form data (Cyrillic and Latin) shared by the form tests (and previews)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from borderdesk.forms import (
    AccompanyingPerson,
    BelongingItem,
    CashAmount,
    CheckProtocolData,
    DocumentData,
    EvidenceItem,
    Finding,
    HandedDocument,
    HandedOverPerson,
    HandoverProtocolData,
    IntakeProtocolData,
    PersonData,
    ReadmissionApplicationData,
    ReturnedItem,
)

PERSON = PersonData(
    surname="Рахимов",
    given_names="Бахтиёр Шухратович",
    surname_latin="RAKHIMOV",
    given_names_latin="BAKHTIIOR SHUKHRATOVICH",
    birth_date="1991-04-XX",
    sex="M",
    nationality_code="UZB",
    nationality_ru="Узбекистан",
    nationality_en="Uzbekistan",
    birth_place="Андижан, Узбекистан",
    previous_names="Рахимов Бахтияр (прежнее написание)",
)

PERSON_2 = PersonData(
    surname="Hossain",
    given_names="Mohammad Arif",
    surname_latin="HOSSAIN",
    given_names_latin="MOHAMMAD ARIF",
    birth_date="1988-11-02",
    sex="M",
    nationality_code="BGD",
    nationality_ru="Бангладеш",
    nationality_en="Bangladesh",
)

PASSPORT = DocumentData(
    doc_type="passport",
    number="FA1234567",
    issuing_state="UZB",
    issued_on=date(2019, 6, 14),
    issued_by="МВД Республики Узбекистан",
    expires_on=date(2029, 6, 13),
    mrz_valid=True,
)


def check_data(**changes) -> CheckProtocolData:
    values = dict(
        protocol_number="ПП-ТРК-2024-000317",
        record_id="0190f3a2-7c4e-7b1a-9d2e-5f6a7b8c9d0e",
        site_code="TRK",
        site_name="КПП «Троицк» / Troitsk BCP",
        checked_at=datetime(2024, 3, 5, 9, 20, 14, tzinfo=UTC),
        site_timezone="Asia/Yekaterinburg",
        officer_name="ст. лейтенант Иванова Мария Сергеевна",
        officer_position="инспектор ОПК",
        person=PERSON,
        direction="entry",
        decision="detain",
        case_number="ДЛ-ТРК-2024-0042",
        documents=(
            PASSPORT,
            DocumentData("migration_card", "4518 0934771", "RUS", mrz_valid=None),
        ),
        findings=(
            Finding(
                "critical",
                "Документ числится в учёте утраченных (совпадение по номеру)",
                "Document listed as lost (number match)",
                "watchlist",
            ),
            Finding(
                "warning",
                "Превышен срок безвизового пребывания: 97 из 90 дней",
                "Visa-free stay exceeded: 97 of 90 days",
                "regime",
            ),
            Finding(
                "info", "Ранее проверялся 12.01.2024", "Checked before on 2024-01-12", "history"
            ),
        ),
        note="Лицо доставлено в дежурную часть. Переводчик: не требуется (владеет русским).",
    )
    values.update(changes)
    return CheckProtocolData(**values)


def application_data(**changes) -> ReadmissionApplicationData:
    values = dict(
        application_number="ХР-ЦВСИГ-2024-0019",
        record_id="0190f3b1-1111-7c2d-8e3f-a1b2c3d4e5f6",
        site_code="CVSIG-ORB",
        site_name="ЦВСИГ УМВД по Оренбургской области / Orenburg readmission centre",
        application_date=date(2024, 3, 11),
        requesting_state_ru="Российская Федерация",
        requesting_state_en="Russian Federation",
        requesting_authority="ГУВМ МВД России\nул. Житная, 16, Москва, 119049",
        requested_state_ru="Республика Казахстан",
        requested_state_en="Republic of Kazakhstan",
        requested_authority="Пограничная служба КНБ Республики Казахстан\nАстана",
        agreement_id="RU-KZ",
        agreement_title_ru="Соглашение между Российской Федерацией и Республикой Казахстан "
        "о реадмиссии",
        agreement_title_en="Agreement between the Russian Federation and the Republic of "
        "Kazakhstan on readmission",
        agreement_article="ст. 7 / Art. 7",
        procedure="accelerated",
        category="third_country_national",
        person=PERSON,
        languages="узбекский, русский / Uzbek, Russian",
        civil_status="married",
        physical_description="Рост 174 см, глаза карие, шрам на левой руке",
        last_address_requested_state="г. Костанай, ул. Байтурсынова, 12, кв. 4",
        accompanying=(
            AccompanyingPerson("супруга / spouse", "РАХИМОВА Дилноза", "1994-02-17", "UZB"),
            AccompanyingPerson("сын / son", "РАХИМОВ Азиз", "2019-08-30", "UZB"),
        ),
        documents=(PASSPORT,),
        evidence=(
            EvidenceItem(
                "nationality",
                "proof",
                "passport of any kind, even expired",
                "паспорт любого вида, даже с истёкшим сроком",
                "Паспорт FA1234567, оригинал в деле",
            ),
            EvidenceItem(
                "transit",
                "proof",
                "entry/departure stamp or visa of the requested state in the travel document",
                "отметка о въезде/выезде или виза запрашиваемого государства",
                "Отметка КПП «Жайсан» 01.02.2024",
            ),
            EvidenceItem(
                "transit",
                "presumption",
                "statement by the person",
                "заявление лица",
                "Объяснение от 05.03.2024",
            ),
        ),
        health_statement="Жалоб нет. Принимает инсулин (сахарный диабет 2 типа).",
        needs_medical_care=True,
        infectious_disease=False,
        dangerous_person=False,
        escort_needed=True,
        crossing_point="МАПП «Сагарчин» – «Жайсан»",
        transfer_date=date(2024, 3, 14),
        escort="2 сотрудника ЦВСИГ",
        transport="служебный автомобиль ГАЗель, А123ВС 56",
        observations="Лицо задержано в приграничной зоне через 6 часов после пересечения "
        "границы вне пункта пропуска.",
        signatory_name="Петров Алексей Николаевич",
        signatory_position="начальник ЦВСИГ",
    )
    values.update(changes)
    return ReadmissionApplicationData(**values)


def intake_data(**changes) -> IntakeProtocolData:
    values = dict(
        protocol_number="ПР-ЦВСИГ-2024-0107",
        record_id="0190f3c0-2222-7d3e-9f40-b2c3d4e5f607",
        site_code="CVSIG-ORB",
        site_name="ЦВСИГ УМВД по Оренбургской области / Orenburg readmission centre",
        site_timezone="Asia/Yekaterinburg",
        stay_number="2024/0107",
        arrived_at=datetime(2024, 3, 6, 12, 5, tzinfo=UTC),
        person=PERSON,
        arriving_from="КПП «Троицк» (TRK)",
        legal_basis="Решение суда о помещении в ЦВСИГ № 5-112/2024 от 05.03.2024",
        case_reference="ДЛ-ТРК-2024-0042",
        escort_officers=("сержант Ковалёв И. П.", "прапорщик Ахметов Р. С."),
        room="2-14",
        bed="B",
        fit_to_travel=True,
        medical_needs="Сахарный диабет 2 типа; диета",
        medication="Инсулин гларгин, 20 ЕД вечером",
        medical_examiner="фельдшер Смирнова О. В.",
        vulnerabilities=("serious_illness",),
        languages="узбекский, русский",
        interpreter_needed=False,
        belongings=(
            BelongingItem("Мобильный телефон", 1, "Samsung Galaxy A12, чёрный, IMEI 3548…"),
            BelongingItem("Рюкзак", 1, "синий, ткань, потёртости"),
            BelongingItem("Ремень", 1, "кожаный, коричневый"),
        ),
        cash=(CashAmount("RUB", Decimal("12450")), CashAmount("KZT", Decimal("3000.50"))),
        staff_name="Сидоренко Павел Андреевич",
        staff_position="дежурный ЦВСИГ",
        note="",
    )
    values.update(changes)
    return IntakeProtocolData(**values)


def handover_data(**changes) -> HandoverProtocolData:
    values = dict(
        protocol_number="ПП-ЦВСИГ-2024-0031",
        record_id="0190f3d0-3333-7e4f-a051-c3d4e5f60718",
        site_code="CVSIG-ORB",
        site_name="ЦВСИГ УМВД по Оренбургской области / Orenburg readmission centre",
        site_timezone="Asia/Yekaterinburg",
        transfer_id="TR-2024-0031",
        handover_at=datetime(2024, 3, 14, 5, 30, tzinfo=UTC),
        crossing_point="МАПП «Сагарчин» – «Жайсан»",
        agreement_id="RU-KZ",
        agreement_title_ru="Соглашение между Российской Федерацией и Республикой Казахстан "
        "о реадмиссии",
        agreement_title_en="Agreement between the Russian Federation and the Republic of "
        "Kazakhstan on readmission",
        receiving_state_ru="Республика Казахстан",
        receiving_state_en="Republic of Kazakhstan",
        receiving_authority="Пограничная служба КНБ РК, отдел «Жайсан»",
        receiving_officer="майор Нурланов Ерлан Бакытович",
        transport="служебный автомобиль ГАЗель, А123ВС 56",
        handing_authority="ЦВСИГ УМВД России по Оренбургской области",
        handing_officers=("ст. лейтенант Ковалёв И. П.", "прапорщик Ахметов Р. С."),
        persons=(
            HandedOverPerson(PERSON, "Паспорт UZB FA1234567"),
            HandedOverPerson(PERSON_2, "—"),
        ),
        documents=(
            HandedDocument("passport", "FA1234567", "РАХИМОВ Бахтиёр", "UZB"),
            HandedDocument("other", "5-112/2024", "РАХИМОВ Бахтиёр", "RUS", "копия решения суда"),
        ),
        belongings=(
            ReturnedItem("РАХИМОВ Б.", "Мобильный телефон", 1, True),
            ReturnedItem("РАХИМОВ Б.", "Наличные, RUB", "12 450", True),
            ReturnedItem("HOSSAIN M. A.", "Рюкзак", 1, False, "утерян при задержании, акт № 17"),
        ),
        note="Лица переданы без претензий к состоянию здоровья.",
    )
    values.update(changes)
    return HandoverProtocolData(**values)
