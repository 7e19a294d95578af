"""``borderdesk mrz check`` through the real entry point: output and exit codes."""

import json

import pytest

import borderdesk.cli as cli_module

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
