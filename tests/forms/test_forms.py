"""The four printed forms: fonts embedded, bilingual labels, determinism, paging, QR."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from form_samples import PERSON, application_data, check_data, handover_data, intake_data

from borderdesk.forms import (
    BelongingItem,
    parse_qr_payload,
    render_check_protocol,
    render_handover_protocol,
    render_intake_protocol,
    render_readmission_application,
)
from borderdesk.forms.common import digest_of
from borderdesk.forms.labels import missing_labels
from borderdesk.forms.qr import short_digest

FORMS = {
    "check": (render_check_protocol, check_data),
    "application": (render_readmission_application, application_data),
    "intake": (render_intake_protocol, intake_data),
    "handover": (render_handover_protocol, handover_data),
}

# Labels each form must print in both languages (one line each in the PDF text).
EXPECTED = {
    "check": [
        "Протокол проверки документов",
        "Document check protocol",
        "Фамилия / Surname",
        "Решение / Decision",
        "Задержать, завести дело / Detain and open a case",
        "Подпись / Signature",
    ],
    "application": [
        "Ходатайство о реадмиссии",
        "Readmission application",
        "Сведения о лице / Personal data",
        "Доказательства / Means of evidence",
        "Ответ запрашиваемого государства / Reply of the requested state",
        "М.П. / Stamp",
    ],
    "intake": [
        "Протокол приёма в ЦВСИГ",
        "Intake protocol",
        "Вещи, принятые на хранение / Belongings taken into safekeeping",
        "Медицинский осмотр / Medical screening",
        "Подпись / Signature",
    ],
    "handover": [
        "Протокол передачи лиц",
        "Handover protocol",
        "Переданные лица / Persons handed over",
        "Принял / Received by",
        "М.П. / Stamp",
    ],
}


def render(name: str, out: Path | io.BytesIO | None = None, **changes) -> bytes:
    fn, make = FORMS[name]
    buffer = io.BytesIO()
    fn(make(**changes), buffer if out is None else out)
    return buffer.getvalue() if out is None else Path(out).read_bytes()


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """Each form rendered once with the sample data: name -> PDF path (shared, read-only)."""
    paths: dict[str, Path] = {}

    def get(name: str) -> Path:
        if name not in paths:
            paths[name] = tmp_path_factory.mktemp("forms") / f"{name}.pdf"
            render(name, paths[name])
        return paths[name]

    return get


def pdftotext(path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True)
    return re.sub(r"[ \t]+", " ", done.stdout.decode("utf-8"))


@pytest.mark.parametrize("name", FORMS)
def test_pdf_embeds_dejavu_and_only_dejavu(name, rendered):
    data = rendered(name).read_bytes()
    assert data.startswith(b"%PDF-")
    assert b"/FontFile2" in data
    assert b"DejaVuSans" in data
    assert b"Helvetica" not in data  # no unembedded standard font sneaks in


@pytest.mark.parametrize("name", FORMS)
def test_same_data_gives_same_bytes(name, rendered):
    first = rendered(name).read_bytes()
    assert render(name) == first  # rendered again, into a stream this time


@pytest.mark.parametrize("name", FORMS)
def test_text_is_bilingual_and_names_are_cyrillic(name, rendered):
    text = pdftotext(rendered(name))
    for expected in EXPECTED[name]:
        assert expected in text, expected
    assert PERSON.surname.upper() in text  # РАХИМОВ
    assert "Бахтиёр" in text
    assert "стр. 1 из " in text and "page 1 of " in text


@pytest.mark.parametrize("name", FORMS)
def test_every_printed_label_is_in_the_label_table(name, rendered):
    rendered(name)
    assert not missing_labels()


def test_metadata_and_creation_date_come_from_the_record(rendered):
    data = rendered("check").read_bytes()
    assert b"/Creator (BorderDesk)" in data
    assert b"D:20240305092014+00'00'" in data  # checked_at, not the clock
    assert b"/Keywords (BorderDesk, check, TRK, check, entry, detain)" in data


def test_digest_is_printed_under_the_qr_code(rendered):
    assert short_digest(digest_of(check_data())) in pdftotext(rendered("check"))


def test_changing_the_record_changes_the_digest_and_the_bytes():
    assert digest_of(check_data()) != digest_of(check_data(note="другое"))
    assert render("check", officer_position="инспектор") != render("check")


def test_supplied_digest_is_used():
    digest = "ab" * 32
    assert digest_of(check_data(content_sha256=digest.upper())) == digest


def test_long_belongings_list_runs_over_pages_with_page_x_of_y(tmp_path):
    items = tuple(
        BelongingItem(f"Предмет № {i}", i % 4 + 1, "тёмно-синий, б/у " * (i % 3)) for i in range(60)
    )
    path = tmp_path / "long.pdf"
    render("intake", path, belongings=items)
    text = pdftotext(path)
    pages = re.findall(r"стр\. (\d+) из (\d+) / page (\d+) of (\d+)", text)
    total = int(pages[0][1])
    assert total >= 2
    assert [int(p[0]) for p in pages] == list(range(1, total + 1))
    assert all(p[1] == p[3] == str(total) and p[0] == p[2] for p in pages)
    assert text.count("Предмет / Item") == 0  # stacked header: ru and en on two lines
    assert text.count("Описание") >= 2  # the table header repeats on the next page
    assert "Предмет № 59" in text


def test_minimal_records_render(tmp_path):
    path = tmp_path / "min.pdf"
    render("check", path, documents=(), findings=(), decision="", case_number="", note="")
    text = pdftotext(path)
    assert "Нет записей / None recorded" in text
    assert "Замечаний нет / No findings" in text


def test_markup_characters_in_values_are_printed_literally(tmp_path):
    path = tmp_path / "x.pdf"
    render("check", path, note="<b>не жирный</b> & «кавычки» > 5")
    assert "<b>не жирный</b> & «кавычки» > 5" in pdftotext(path)


def test_qr_code_scans_to_the_record_id_and_digest(rendered, tmp_path):
    if shutil.which("zbarimg") is None or shutil.which("pdftoppm") is None:
        pytest.skip("zbarimg / pdftoppm not installed")
    path = rendered("check")
    crop = ["-x", "1150", "-y", "0", "-W", "500", "-H", "400"]  # the header's right corner
    cmd = ["pdftoppm", "-png", "-r", "200", "-l", "1", *crop, str(path), str(tmp_path / "p")]
    subprocess.run(cmd, check=True)
    png = next(tmp_path.glob("p*.png"))
    out = subprocess.run(["zbarimg", "-q", "--raw", str(png)], capture_output=True, text=True)
    payload = parse_qr_payload(out.stdout.strip())
    assert payload.kind == "CHECK"
    assert payload.record_id == check_data().record_id
    assert payload.digest == digest_of(check_data())


def test_ui_language_does_not_change_the_printed_form(rendered):
    from borderdesk import i18n

    i18n.set_language("en")
    assert render("handover") == rendered("handover").read_bytes()
