"""The handover protocol: planned vs actual time, one block per escort, authorities from data."""

from __future__ import annotations

import io

from borderdesk.forms import render_handover_protocol
from forms.form_samples import handover_data
from forms.test_centre_forms import _handover, _text, needs_poppler, records  # noqa: F401


@needs_poppler
def test_planned_handover_leaves_the_actual_time_and_dates_blank(records):  # noqa: F811
    db, worker, stay, row = records
    text = _text(_handover(db, worker, row))
    assert "Запланированная дата передачи / Planned date of handover" in text
    assert "Фактические дата и время передачи / Actual date and time of handover" in text
    assert "2016-03-01" in text
    assert "00:00" not in text  # the planned day is not printed as a time
    assert text.count("«____» ____________ 20____") >= 3  # the actual time, both signatures
    # the receiving authority comes from the agreement's data, not from the Position field
    kaz = "Министерство внутренних дел Республики Казахстан"
    assert text.count(kaz) == 1  # printed as the receiving authority, once


def _sample_text(**changes) -> str:
    out = io.BytesIO()
    render_handover_protocol(handover_data(**changes), out)
    return _text(out.getvalue())


@needs_poppler
def test_one_signature_block_per_escort_with_their_position():
    text = _sample_text(handing_officer_positions=("старший инспектор, капитан", ""))
    assert text.count("Передал / Handed over by") == 2
    assert text.count("Принял / Received by") == 1
    assert "старший инспектор, капитан" in text
    # the authority's name is not a position
    assert text.count("Пограничная служба КНБ РК, отдел «Жайсан»") == 1


def test_application_takes_the_languages_from_the_cases_stay(records):  # noqa: F811
    import uuid

    from borderdesk.services.cases.application_form import _stay_languages
    from borderdesk.store.tables import CentreStay

    db, worker, stay, row = records
    case_id = uuid.uuid4()
    with db.write(actor="admin") as session:
        record = session.get(CentreStay, stay.id)
        record.case_id = case_id
        session.add(record)
    assert _stay_languages(db, case_id) == "казахский, русский"
    assert _stay_languages(db, uuid.uuid4()) == ""


@needs_poppler
def test_intake_protocol_prints_the_court_decision_the_ground_needs(records):  # noqa: F811
    from forms.test_centre_forms import _intake

    db, worker, stay, row = records
    assert stay.legal_basis.decision_ru == "Решение суда"  # from resources/centre.toml
    text = _text(_intake(db, worker, stay))
    assert "Основание / Ground" in text and "Решение суда / Court decision" in text
    assert "Номер решения / Decision number" in text and "№ ______________" in text
    assert "Дата решения / Decision date" in text


def test_a_ground_without_a_decision_prints_no_decision_fields():
    from borderdesk.forms.intake_protocol import _ground_fields
    from forms.form_samples import intake_data

    assert _ground_fields(intake_data(ground_decision="")) == []
    fields = _ground_fields(intake_data(ground_decision="Решение суда / Court decision",
                                        ground_decision_number="5-112/2024",
                                        ground_decision_date="2024-03-04"))  # fmt: skip
    assert [f.value for f in fields] == [
        "Решение суда / Court decision",
        "5-112/2024",
        "2024-03-04",
    ]
