"""``borderdesk agreement explain`` and ``borderdesk deadline``: no database needed."""

from __future__ import annotations

import json

import click
import pytest
from click.testing import CliRunner

import borderdesk.cli.agreements  # noqa: F401  (registers the commands)
import borderdesk.cli.deadlines  # noqa: F401
from borderdesk.cli import cli
from borderdesk.errors import BorderDeskError, InputError


def run(*args: str):
    """Invoke like ``main`` does (not standalone): errors come back as exceptions."""
    return CliRunner().invoke(cli, ["--lang", "en", *args], standalone_mode=False)


def run_json(*args: str):
    result = run(*args, "--json")
    assert result.exception is None, result.output
    return json.loads(result.output)


def test_explain_json_contract():
    data = run_json(
        "agreement", "explain", "--partner", "EU", "--nationality", "PAK", "--on", "2010-06-01"
    )
    assert set(data) == {"applies", "agreement", "category", "reason_code", "reason", "unverified"}
    assert data["applies"] is True
    assert data["agreement"] == "EU-RU"
    assert data["category"] == "third_country"
    assert data["reason_code"] == "covered"
    assert data["unverified"] is False


def test_explain_boundary_day_before():
    data = run_json(
        "agreement", "explain", "--partner", "EU", "--nationality", "PAK", "--on", "2010-05-31"
    )
    assert data["applies"] is False
    assert data["reason_code"] == "transitional_no_bilateral_treaty"


def test_explain_no_is_an_answer_with_exit_zero():
    result = run(
        "agreement", "explain", "--partner", "TJK", "--nationality", "TJK", "--on", "2015-01-01"
    )
    assert result.exception is None and result.exit_code == 0
    assert result.output.startswith("No:")
    data = run_json(
        "agreement", "explain", "--partner", "UZB", "--nationality", "PAK", "--on", "2012-01-01"
    )
    assert data["reason_code"] == "not_covered_third_country"


def test_explain_text_marks_unconfirmed():
    result = run(
        "agreement", "explain", "--partner", "EU", "--nationality", "UZB", "--on", "2009-01-01"
    )
    assert result.exception is None
    assert result.output.startswith("Yes:")
    assert "(unconfirmed)" in result.output


def test_explain_stateless():
    data = run_json("agreement", "explain", "--partner", "KAZ", "--stateless", "--on", "2015-09-25")
    assert data["applies"] is True and data["category"] == "stateless"


@pytest.mark.parametrize(
    "args",
    [
        ["--partner", "XYZ", "--nationality", "PAK", "--on", "2012-01-01"],
        ["--partner", "EU", "--nationality", "PAK", "--on", "2012-02-30"],
        ["--partner", "EU", "--on", "2012-01-01"],
        ["--partner", "EU", "--nationality", "PAK", "--stateless", "--on", "2012-01-01"],
    ],
)
def test_explain_bad_input(args):
    result = run("agreement", "explain", *args)
    assert isinstance(result.exception, InputError)
    assert result.exception.exit_code == 2
    assert "\n" not in str(result.exception)


def test_deadline_json_contract():
    data = run_json("deadline", "--agreement", "EU-RU", "--step", "reply", "--from", "2012-02-10")
    assert set(data) == {"due", "days", "kind", "skipped", "rule", "unverified"}
    assert data["due"] == "2012-03-06"
    assert data["days"] == 25
    assert data["kind"] == "calendar"
    assert data["skipped"] == []
    assert data["unverified"] is True
    assert data["rule"].startswith("EU–Russia")  # a text: the agreement by its name


def test_deadline_working_days_with_state():
    data = run_json(
        "deadline",
        "--agreement",
        "RU-KZ",
        "--step",
        "accelerated_reply",
        "--from",
        "2013-12-13",
        "--state",
        "KAZ",
    )
    assert data["due"] == "2013-12-19"
    assert data["kind"] == "working"
    assert data["skipped"] == ["2013-12-16", "2013-12-17"]


def test_deadline_text():
    result = run(
        "deadline", "--agreement", "EU-RU", "--step", "accelerated_reply", "--from", "2013-12-31"
    )
    assert result.exception is None
    # Dates as the language writes them (#14); --json keeps ISO.
    assert "10 Jan 2014" in result.output
    assert "08 Jan 2014" in result.output
    assert "(unconfirmed)" in result.output


def test_deadline_spain_extension_refused():
    result = run(
        "deadline",
        "--agreement",
        "EU-RU",
        "--step",
        "reply_extended",
        "--state",
        "ESP",
        "--from",
        "2013-03-01",
    )
    assert isinstance(result.exception, BorderDeskError)
    assert result.exception.code == "extension_excluded"


def test_deadline_bad_input():
    result = run("deadline", "--agreement", "EU-RU", "--step", "reply", "--from", "yesterday")
    assert isinstance(result.exception, InputError)
    result = run("deadline", "--agreement", "EU-RU", "--step", "appeal", "--from", "2013-03-01")
    assert isinstance(result.exception, click.UsageError)
    result = run("deadline", "--agreement", "NOPE", "--step", "reply", "--from", "2013-03-01")
    assert isinstance(result.exception, InputError)
