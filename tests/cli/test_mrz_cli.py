"""``borderdesk mrz check`` through the real entry point: output and exit codes."""

import json
import os
import subprocess
import sys
from datetime import date

import pytest

import borderdesk.cli as cli_module
from issue_documents import BELGIAN, RU_INTERNAL

L1 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<"
L2 = "L898902C36UTO7408122F1204159ZE184226B<<<<<10"
TODAY = ["--today", "2026-11-27"]
KEYS = [
    "valid", "format", "document_type", "issuing_state", "surname", "given_names",
    "document_number", "nationality", "birth_date", "expiry_date", "sex", "optional_data",
    "checks", "errors", "warnings",
]  # fmt: skip
# After the stored keys (those of a saved check), the document facts.
FACT_KEYS = [
    "document_kind", "checks_ok", "document_valid", "expired", "expiry_required",
    "personal_number", "personal_number_scheme", "cyrillic_name", "internal_passport",
    "number_reading", "notes", "document_kind_label", "personal_number_label",
]  # fmt: skip


@pytest.fixture
def run(monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("BORDERDESK_DB", str(tmp_path / "never-created.sqlite3"))

    def _run(*args):
        with pytest.raises(SystemExit) as info:
            cli_module.main(list(args))
        out, err = capsys.readouterr()
        assert not (tmp_path / "never-created.sqlite3").exists()
        return info.value.code, out, err

    return _run


def test_valid_json(run):
    code, out, err = run("mrz", "check", L1, L2, "--json", *TODAY)
    assert code == 0, err
    data = json.loads(out)
    assert list(data) == KEYS + FACT_KEYS
    assert list(data["checks"]) == [
        "document_number", "birth_date", "expiry_date", "optional_data", "composite"
    ]  # fmt: skip
    assert data["valid"] is True
    assert data["document_number"] == "L898902C3"
    assert data["birth_date"] == "1974-08-12"
    assert data["warnings"] == ["expired"]


def test_one_argument_with_line_breaks(run):
    code, out, _err = run("mrz", "check", f"{L1}\n{L2}", "--json", *TODAY)
    assert code == 0
    assert json.loads(out)["format"] == "TD3"


def test_failed_check_exits_1(run):
    code, out, _err = run("mrz", "check", L1, L2[:-1] + "1", "--json", *TODAY)
    assert code == 1
    data = json.loads(out)
    assert data["valid"] is False
    assert data["errors"] == ["check_digit_composite"]
    assert data["checks"]["composite"] is False


def test_text_output(run):
    code, out, _err = run("--lang", "en", "mrz", "check", L1, L2[:-1] + "1", *TODAY)
    assert code == 1
    assert "ERIKSSON" in out
    assert "ANNA MARIA" in out
    assert "UTO — Utopia (specimen)" in out
    assert "The composite check digit is wrong." in out
    assert "The document has expired." in out
    lines = out.splitlines()
    number = next(line for line in lines if line.startswith("Document number"))
    surname = next(line for line in lines if line.startswith("Surname"))
    assert number.index("L898902C3") == surname.index("ERIKSSON")  # aligned


def test_valid_text_output(run):
    code, out, _err = run("--lang", "en", "mrz", "check", L1.lower(), L2, *TODAY)
    assert code == 0
    assert out.rstrip().endswith("Valid MRZ.")


@pytest.mark.parametrize(
    "lines",
    [
        (L1, L2[:-1]),
        (L1,),
        (L1, L2[:5] + "*" + L2[6:]),
    ],
)
def test_unreadable_exits_2_with_one_line(run, lines):
    code, out, err = run("--lang", "en", "mrz", "check", *lines, *TODAY)
    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert err.startswith("borderdesk: error: ")


def test_bad_character_message(run):
    _code, _out, err = run("--lang", "en", "mrz", "check", L1, L2[:5] + "*" + L2[6:])
    assert "Line 2, position 6" in err


def test_no_lines_is_a_usage_error(run):
    code, _out, _err = run("mrz", "check")
    assert code == 2


def test_bad_today_option(run):
    code, _out, err = run("mrz", "check", L1, L2, "--today", "27.11.2026")
    assert code == 2
    assert "--today" in err


# New document kinds, in a fresh process as a script would run them.
FRENCH_1988 = (
    "IDFRABERTHIER<<<<<<<<<<<<<<<<<<<<<<<",
    "9409923102854CORINNE<<<<<<<6512068F6",
)


def _process(tmp_path, *args):
    env = {
        **os.environ,
        "BORDERDESK_DB": str(tmp_path / "never-created.sqlite3"),
        "PYTHONPATH": os.pathsep.join(sys.path),
    }
    done = subprocess.run(
        [sys.executable, "-m", "borderdesk", *args],
        capture_output=True, text=True, env=env, timeout=60, check=False,
    )  # fmt: skip
    assert not (tmp_path / "never-created.sqlite3").exists()
    return done


def test_internal_passport_in_a_fresh_process(tmp_path):
    done = _process(tmp_path, "--lang", "ru", "mrz", "check", *RU_INTERNAL, *TODAY)
    assert done.returncode == 0, done.stderr
    assert "ЗДРИЛЮК СЕРГЕЙ АНАТОЛЬЕВИЧ" in done.stdout
    assert "Паспорт гражданина РФ" in done.stdout
    assert "910-003" in done.stdout
    data = json.loads(_process(tmp_path, "mrz", "check", *RU_INTERNAL, "--json", *TODAY).stdout)
    assert list(data)[: len(KEYS)] == KEYS and list(data)[len(KEYS) :] == FACT_KEYS
    assert data["valid"] is True and data["expiry_date"] is None
    assert data["document_kind"] == "ru_internal_passport"
    assert data["cyrillic_name"]["patronymic"] == "АНАТОЛЬЕВИЧ"
    assert data["surname"] == "ZDRILIUK" and data["document_valid"] is True


def test_belgian_card_exits_0_and_says_which_reading(tmp_path):
    done = _process(tmp_path, "--lang", "en", "mrz", "check", *BELGIAN, "--json", *TODAY)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["number_reading"] == "filler_included"
    assert data["notes"][0]["code"] == "number_check_filler_included"
    assert data["expired"] is True and data["checks_ok"] is True


def test_kazakh_card_shows_the_iin(tmp_path):
    from borderdesk.domain.mrz.compose import compose_td1

    lines = compose_td1(
        surname="ABENOV", document_number="045123987", nationality="KAZ",
        birth_date=date(1985, 7, 23), sex="M", expiry_date=date(2031, 3, 1),
        optional_data1="850723300125", document_code="ID",
    )  # fmt: skip
    done = _process(tmp_path, "--lang", "ru", "mrz", "check", *lines, *TODAY)
    assert done.returncode == 0, done.stderr
    assert any(
        line.startswith("ИИН") and "850723300125" in line for line in done.stdout.splitlines()
    )
    data = json.loads(_process(tmp_path, "mrz", "check", *lines, "--json", *TODAY).stdout)
    assert data["personal_number"] == "850723300125" and data["personal_number_label"] == "ИИН"


@pytest.mark.parametrize(
    ("lang", "prefix"), [("en", "unsupported format: "), ("ru", "неподдерживаемый формат: ")]
)
def test_unsupported_format_exits_2_in_a_fresh_process(tmp_path, lang, prefix):
    done = _process(tmp_path, "--lang", lang, "mrz", "check", *FRENCH_1988, "--json")
    assert done.returncode == 2
    assert done.stdout == ""
    err = done.stderr.strip().splitlines()
    assert len(err) == 1 and prefix in err[0] and "Traceback" not in done.stderr
